#include "data/LabelMap.h"

#include "core/EmbeddedResources.h"
#include "core/EngineError.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>
#include <type_traits>
#include <utility>

namespace quantlens {

namespace {

constexpr long long kMaxRawLabel = 0xFFFF;
constexpr long long kMaxTrainId = 0xFF;

/// Reads the nodes of a label file and reports every problem as
/// "<source>:<line>: <key>: <problem>", so the user can find the entry to fix.
class LabelYamlReader
{
public:
  explicit LabelYamlReader(const std::string& source)
    : source_(source)
  {
  }

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& problem) const
  {
    std::string where = source_;
    if (!mark.is_null())
      where += ":" + std::to_string(mark.line + 1);
    throw EngineError(where + ": " + problem);
  }

  /// A top-level map such as `learning_map`; an undefined node when optional and absent.
  YAML::Node section(const YAML::Node& root, const std::string& key, bool required) const
  {
    const YAML::Node node = root[key];
    if (!node.IsDefined()) {
      if (required)
        fail(YAML::Mark::null_mark(), "missing '" + key + "'");
      return node;
    }
    if (!node.IsMap())
      fail(node.Mark(), "'" + key + "' must be a map (id: value)");
    return node;
  }

  long long integer(const YAML::Node& node, const std::string& what) const
  {
    long long value = 0;
    if (!node.IsScalar() || !YAML::convert<long long>::decode(node, value))
      fail(node.Mark(), what + ": expected an integer, got '" + text(node) + "'");
    return value;
  }

  std::uint32_t rawId(const YAML::Node& node, const std::string& what) const
  {
    const long long value = integer(node, what);
    if (value < 0 || value > kMaxRawLabel)
      fail(node.Mark(),
           what + ": raw label id " + std::to_string(value) + " out of range [0, 65535] (semantic labels are 16-bit)");
    return static_cast<std::uint32_t>(value);
  }

  int trainId(const YAML::Node& node, const std::string& what) const
  {
    const long long value = integer(node, what);
    if (value < 0 || value > kMaxTrainId)
      fail(node.Mark(), what + ": train id " + std::to_string(value) + " out of range [0, 255]");
    return static_cast<int>(value);
  }

  std::string string(const YAML::Node& node, const std::string& what) const
  {
    if (!node.IsScalar())
      fail(node.Mark(), what + ": expected a name");
    return node.Scalar();
  }

  double number(const YAML::Node& node, const std::string& what) const
  {
    double value = 0.0;
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, value))
      fail(node.Mark(), what + ": expected a number, got '" + text(node) + "'");
    return value;
  }

  bool flag(const YAML::Node& node, const std::string& what) const
  {
    bool value = false;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value))
      fail(node.Mark(), what + ": expected True or False, got '" + text(node) + "'");
    return value;
  }

  /// The file stores [B, G, R]; we return R, G, B.
  RgbColor bgrColor(const YAML::Node& node, const std::string& what) const
  {
    const std::string expected = what + ": expected a color [B, G, R] of 3 integers in 0..255";
    if (!node.IsSequence() || node.size() != 3)
      fail(node.Mark(), expected);
    RgbColor rgb{};
    for (std::size_t i = 0; i < 3; ++i) {
      long long channel = -1;
      if (!node[i].IsScalar() || !YAML::convert<long long>::decode(node[i], channel) || channel < 0 || channel > 255)
        fail(node.Mark(), expected + ", got '" + text(node[i]) + "'");
      rgb[2 - i] = static_cast<std::uint8_t>(channel);
    }
    return rgb;
  }

  /// Reads every entry of a section with readKey/readValue (callables taking the node
  /// and its description); duplicate ids (e.g. "10" and "0x0a") are errors.
  template <typename ReadKey, typename ReadValue>
  auto entries(const YAML::Node& section, const std::string& name, ReadKey readKey, ReadValue readValue) const
  {
    using Key = std::invoke_result_t<ReadKey, const YAML::Node&, const std::string&>;
    using Value = std::invoke_result_t<ReadValue, const YAML::Node&, const std::string&>;
    std::map<Key, Value> result;
    if (!section.IsDefined())
      return result;
    for (const auto& entry : section) {
      const Key key = readKey(entry.first, name);
      const std::string what = name + "[" + std::to_string(key) + "]";
      if (!result.emplace(key, readValue(entry.second, what)).second)
        fail(entry.first.Mark(), name + ": id " + std::to_string(key) + " listed twice");
    }
    return result;
  }

private:
  static std::string text(const YAML::Node& node) { return node.IsScalar() ? node.Scalar() : "a list or map"; }

  std::string source_;
};

/// Adapts a reader member function to the callable that LabelYamlReader::entries takes.
template <typename Result>
auto by(const LabelYamlReader& reader, Result (LabelYamlReader::*read)(const YAML::Node&, const std::string&) const)
{
  return [&reader, read](const YAML::Node& node, const std::string& what) { return (reader.*read)(node, what); };
}

/// learning_map_inv must list 0..max without gaps, so every train id has a name and color.
void checkInverseCoversAllIds(const std::map<int, std::uint32_t>& inverse, const LabelYamlReader& reader,
                              const YAML::Node& section)
{
  if (inverse.empty())
    reader.fail(section.Mark(), "'learning_map_inv' is empty");
  const int maxId = inverse.rbegin()->first;
  for (int id = 0; id <= maxId; ++id) {
    if (inverse.count(id) == 0)
      reader.fail(section.Mark(), "learning_map_inv does not cover train id " + std::to_string(id) +
                                    " (it must list every id from 0 to " + std::to_string(maxId) + ")");
  }
}

struct TrainMaps
{
  int classCount = 0;
  std::vector<std::uint8_t> rawToTrain;
  std::vector<std::uint16_t> trainToRaw;
  std::vector<bool> ignored;
};

/// learning_map_inv, learning_map and learning_ignore. The inverse map is read
/// first: it defines which train ids exist, and the other two must use only those.
TrainMaps readTrainMaps(const YAML::Node& root, const LabelYamlReader& reader, std::size_t lookupSize)
{
  TrainMaps maps;
  const YAML::Node inverseSection = reader.section(root, "learning_map_inv", true);
  const auto inverse = reader.entries(inverseSection, "learning_map_inv", by(reader, &LabelYamlReader::trainId),
                                      by(reader, &LabelYamlReader::rawId));
  checkInverseCoversAllIds(inverse, reader, inverseSection);
  maps.classCount = inverse.rbegin()->first + 1;
  for (const auto& [id, raw] : inverse)
    maps.trainToRaw.push_back(static_cast<std::uint16_t>(raw));

  const int classCount = maps.classCount;
  const auto knownTrainId = [&reader, classCount](const YAML::Node& node, const std::string& what) {
    const int id = reader.trainId(node, what);
    if (id >= classCount)
      reader.fail(node.Mark(), what + ": train id " + std::to_string(id) +
                                 " has no entry in learning_map_inv (train ids are 0.." +
                                 std::to_string(classCount - 1) + ")");
    return id;
  };
  const auto learning = reader.entries(reader.section(root, "learning_map", true), "learning_map",
                                       by(reader, &LabelYamlReader::rawId), knownTrainId);
  maps.rawToTrain.assign(lookupSize, 0);
  for (const auto& [raw, id] : learning)
    maps.rawToTrain[raw] = static_cast<std::uint8_t>(id);

  // Without learning_ignore, follow the SemanticKITTI convention: only 0 ("unlabeled") is ignored.
  const YAML::Node ignoreSection = reader.section(root, "learning_ignore", false);
  maps.ignored.assign(static_cast<std::size_t>(classCount), false);
  if (!ignoreSection.IsDefined())
    maps.ignored[0] = true;
  for (const auto& [id, ignored] :
       reader.entries(ignoreSection, "learning_ignore", knownTrainId, by(reader, &LabelYamlReader::flag)))
    maps.ignored[static_cast<std::size_t>(id)] = ignored;
  return maps;
}

} // namespace

LabelMap LabelMap::semanticKitti()
{
  static const LabelMap shipped =
    fromYaml(embeddedResource("labels/semantic-kitti.yaml"), "<embedded>/labels/semantic-kitti.yaml");
  return shipped;
}

LabelMap LabelMap::fromFile(const std::filesystem::path& yamlFile)
{
  std::error_code error;
  if (!std::filesystem::is_regular_file(yamlFile, error))
    throw EngineError(yamlFile.string() +
                      ": label configuration not found (expected a semantic-kitti.yaml style file)");
  std::ifstream in(yamlFile, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in || in.bad())
    throw EngineError(yamlFile.string() + ": cannot read label configuration");
  return fromYaml(text.str(), yamlFile.string());
}

LabelMap LabelMap::fromYaml(std::string_view yamlText, const std::string& sourceName)
{
  const LabelYamlReader reader(sourceName);
  try {
    const YAML::Node root = YAML::Load(std::string(yamlText));
    if (!root.IsMap())
      reader.fail(root.Mark(), "not a label configuration (expected a map with labels, color_map, learning_map, "
                               "learning_map_inv)");
    LabelMap map;
    const YAML::Node name = root["name"];
    if (name.IsDefined())
      map.name_ = reader.string(name, "name");
    const auto rawKey = by(reader, &LabelYamlReader::rawId);
    map.labels_ =
      reader.entries(reader.section(root, "labels", true), "labels", rawKey, by(reader, &LabelYamlReader::string));
    map.colors_ = reader.entries(reader.section(root, "color_map", true), "color_map", rawKey,
                                 by(reader, &LabelYamlReader::bgrColor));
    map.content_ =
      reader.entries(reader.section(root, "content", false), "content", rawKey, by(reader, &LabelYamlReader::number));
    TrainMaps train = readTrainMaps(root, reader, kLookupSize);
    map.classCount_ = train.classCount;
    map.rawToTrain_ = std::move(train.rawToTrain);
    map.trainToRaw_ = std::move(train.trainToRaw);
    map.ignored_ = std::move(train.ignored);
    return map;
  } catch (const YAML::Exception& error) {
    reader.fail(error.mark, "invalid YAML: " + error.msg);
  }
}

std::uint8_t LabelMap::toTrainId(std::uint32_t rawLabel) const noexcept
{
  return rawToTrain_[rawLabel & kSemanticMask];
}

void LabelMap::toTrainIds(const std::uint32_t* rawLabels, std::size_t count, std::uint8_t* trainIds) const
{
  const std::uint8_t* table = rawToTrain_.data();
  for (std::size_t i = 0; i < count; ++i)
    trainIds[i] = table[rawLabels[i] & kSemanticMask];
}

void LabelMap::checkTrainId(int trainId) const
{
  if (trainId < 0 || trainId >= classCount_)
    throw EngineError("label map '" + name_ + "': train id " + std::to_string(trainId) + " out of range [0, " +
                      std::to_string(classCount_ - 1) + "]");
}

std::uint16_t LabelMap::toRawLabel(int trainId) const
{
  checkTrainId(trainId);
  return trainToRaw_[static_cast<std::size_t>(trainId)];
}

bool LabelMap::isIgnored(int trainId) const
{
  checkTrainId(trainId);
  return ignored_[static_cast<std::size_t>(trainId)];
}

std::string LabelMap::rawLabelName(std::uint32_t rawLabel) const
{
  const auto found = labels_.find(rawLabel & kSemanticMask);
  return found == labels_.end() ? std::string("unknown") : found->second;
}

std::string LabelMap::className(int trainId) const
{
  return rawLabelName(toRawLabel(trainId));
}

RgbColor LabelMap::rawLabelColor(std::uint32_t rawLabel) const
{
  const auto found = colors_.find(rawLabel & kSemanticMask);
  return found == colors_.end() ? RgbColor{0, 0, 0} : found->second;
}

RgbColor LabelMap::classColor(int trainId) const
{
  return rawLabelColor(toRawLabel(trainId));
}

double LabelMap::content(std::uint32_t rawLabel) const
{
  const auto found = content_.find(rawLabel & kSemanticMask);
  return found == content_.end() ? 0.0 : found->second;
}

} // namespace quantlens
