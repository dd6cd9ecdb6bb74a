#include "model/ModelSidecar.h"

#include "core/EngineError.h"
#include "core/FileIO.h"
#include "core/JsonParsing.h"

namespace quantlens {

namespace {

using nlohmann::json;

/// Field access that names the file and the field in every error.
class SidecarReader
{
public:
  SidecarReader(const json& root, std::string source) : root_(root), source_(std::move(source)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& problem) const
  {
    jsonparsing::fail(source_, field, problem);
  }

  const json& at(const std::string& path) const
  {
    const json* node = &root_;
    std::size_t start = 0;
    while (start <= path.size()) {
      const auto dot = path.find('.', start);
      const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (!node->is_object() || !node->contains(key))
        fail(path, "missing");
      node = &(*node)[key];
      if (dot == std::string::npos)
        break;
      start = dot + 1;
    }
    return *node;
  }

  bool has(const std::string& key) const { return root_.contains(key); }

  double number(const std::string& path) const
  {
    const json& value = at(path);
    if (!value.is_number())
      fail(path, "expected a number");
    return value.get<double>();
  }

  int integer(const std::string& path) const
  {
    const json& value = at(path);
    if (!value.is_number_integer())
      fail(path, "expected an integer");
    return value.get<int>();
  }

  std::string text(const std::string& path) const
  {
    const json& value = at(path);
    if (!value.is_string())
      fail(path, "expected a string");
    return value.get<std::string>();
  }

  std::vector<double> numbers(const std::string& path, std::size_t count) const
  {
    const json& value = at(path);
    if (!value.is_array() || value.size() != count)
      fail(path, "expected a list of " + std::to_string(count) + " numbers");
    std::vector<double> result;
    for (const auto& item : value) {
      if (!item.is_number())
        fail(path, "expected a list of " + std::to_string(count) + " numbers");
      result.push_back(item.get<double>());
    }
    return result;
  }

private:
  const json& root_;
  std::string source_;
};

void readKnn(const SidecarReader& reader, ModelSidecar& sidecar)
{
  if (!reader.has("knn"))
    return;
  sidecar.knnEnabled = reader.at("knn.enabled").get<bool>();
  sidecar.knn.knn = reader.integer("knn.knn");
  sidecar.knn.search = reader.integer("knn.search");
  sidecar.knn.sigma = static_cast<float>(reader.number("knn.sigma"));
  sidecar.knn.cutoff = static_cast<float>(reader.number("knn.cutoff"));
}

} // namespace

std::filesystem::path ModelSidecar::pathFor(const std::filesystem::path& modelFile)
{
  auto path = modelFile;
  return path.replace_extension(".json");
}

std::optional<ModelSidecar> ModelSidecar::findFor(const std::filesystem::path& modelFile)
{
  const auto path = pathFor(modelFile);
  std::error_code error;
  if (!std::filesystem::exists(path, error))
    return std::nullopt;
  // A JSON file of some other tool beside the model is not our sidecar: ignore it.
  const std::string text = fileio::readText(path);
  const json root = jsonparsing::parse(text, "'" + path.string() + "'");
  if (root.is_object() && !root.contains("format"))
    return std::nullopt;
  return fromJson(text, "'" + path.string() + "'");
}

ModelSidecar ModelSidecar::read(const std::filesystem::path& file)
{
  return fromJson(fileio::readText(file), "'" + file.string() + "'");
}

ModelSidecar ModelSidecar::fromJson(const std::string& text, const std::string& sourceName)
{
  const json root = jsonparsing::parse(text, sourceName);
  const SidecarReader reader(root, sourceName);
  if (!root.is_object() || reader.text("format") != "quantlens-model")
    reader.fail("format", "expected \"quantlens-model\"");
  if (reader.integer("version") != 1)
    reader.fail("version", "only version 1 is known");
  ModelSidecar sidecar;
  try {
    sidecar.architecture = reader.has("architecture") ? reader.text("architecture") : "unknown";
    const json& shape = reader.at("input_shape");
    if (!shape.is_array() || shape.size() != 4)
      reader.fail("input_shape", "expected [1, 5, H, W]");
    sidecar.inputShape = shape.get<std::vector<std::int64_t>>();
    if (reader.has("input_multiple")) {
      const auto multiple = reader.numbers("input_multiple", 2);
      sidecar.inputMultiple = {static_cast<int>(multiple[0]), static_cast<int>(multiple[1])};
    }
    sidecar.sensor.height = reader.integer("projection.height");
    sidecar.sensor.width = reader.integer("projection.width");
    sidecar.sensor.fovUpDegrees = static_cast<float>(reader.number("projection.fov_up"));
    sidecar.sensor.fovDownDegrees = static_cast<float>(reader.number("projection.fov_down"));
    const auto means = reader.numbers("img_means", SensorConfig::kChannels);
    const auto stds = reader.numbers("img_stds", SensorConfig::kChannels);
    for (int c = 0; c < SensorConfig::kChannels; ++c) {
      sidecar.sensor.means[c] = static_cast<float>(means[c]);
      sidecar.sensor.stds[c] = static_cast<float>(stds[c]);
    }
    sidecar.classCount = reader.integer("num_classes");
    if (reader.has("labels"))
      sidecar.labels = reader.text("labels");
    readKnn(reader, sidecar);
    if (reader.has("output"))
      sidecar.outputIsSoftmax = reader.text("output") == "softmax";
  } catch (const json::exception& error) {
    throw EngineError(sourceName + ": " + error.what());
  }
  sidecar.validate(sourceName);
  return sidecar;
}

void ModelSidecar::validate(const std::string& sourceName) const
{
  const auto fail = [&](const std::string& field, const std::string& problem) {
    throw EngineError(sourceName + ": " + field + ": " + problem);
  };
  if (inputShape.size() != 4 || inputShape[0] != 1 || inputShape[1] != SensorConfig::kChannels)
    fail("input_shape", "expected [1, 5, H, W]");
  if (inputShape[2] != sensor.height || inputShape[3] != sensor.width)
    fail("input_shape", "H and W must equal projection.height and projection.width");
  if (sensor.height <= 0 || sensor.width <= 0)
    fail("projection.height", "height and width must be positive");
  if (inputMultiple[0] <= 0 || inputMultiple[1] <= 0)
    fail("input_multiple", "must be positive");
  if (sensor.height % inputMultiple[0] != 0)
    fail("projection.height", std::to_string(sensor.height) + " is not a multiple of the network's vertical stride " +
                                std::to_string(inputMultiple[0]));
  if (sensor.width % inputMultiple[1] != 0)
    fail("projection.width", std::to_string(sensor.width) + " is not a multiple of the network's horizontal stride " +
                               std::to_string(inputMultiple[1]));
  if (!(sensor.fovUpDegrees > sensor.fovDownDegrees))
    fail("projection.fov_up", "must be greater than projection.fov_down");
  for (int c = 0; c < SensorConfig::kChannels; ++c) {
    if (!(sensor.stds[c] > 0.0f))
      fail("img_stds", "every std must be positive");
  }
  if (classCount < 2 || classCount > 256)
    fail("num_classes", "must be between 2 and 256");
  if (knnEnabled) {
    try {
      knn.validate();
    } catch (const EngineError& error) {
      fail("knn", error.what());
    }
  }
}

std::string ModelSidecar::toJson() const
{
  json root;
  root["format"] = "quantlens-model";
  root["version"] = 1;
  root["architecture"] = architecture;
  root["input_shape"] = inputShape;
  root["input_multiple"] = {inputMultiple[0], inputMultiple[1]};
  root["projection"] = {{"height", sensor.height},
                        {"width", sensor.width},
                        {"fov_up", sensor.fovUpDegrees},
                        {"fov_down", sensor.fovDownDegrees}};
  root["img_means"] = sensor.means;
  root["img_stds"] = sensor.stds;
  root["num_classes"] = classCount;
  root["labels"] = labels;
  root["knn"] = {{"enabled", knnEnabled}, {"knn", knn.knn}, {"search", knn.search}, {"sigma", knn.sigma},
                 {"cutoff", knn.cutoff}};
  root["output"] = outputIsSoftmax ? "softmax" : "logits";
  return root.dump(2) + "\n";
}

void ModelSidecar::write(const std::filesystem::path& file) const
{
  validate("the sidecar for '" + file.string() + "'");
  fileio::writeAtomically(file, toJson());
}

} // namespace quantlens
