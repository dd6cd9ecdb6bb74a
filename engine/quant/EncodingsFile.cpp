#include "quant/EncodingsFile.h"

#include "core/EngineError.h"
#include "core/JsonParsing.h"
#include "core/FileIO.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <set>
#include <utility>

namespace quantlens {

namespace {

using Json = nlohmann::json;

constexpr const char* kVersion061 = "0.6.1";
constexpr const char* kVersion100 = "1.0.0";

/// Where an activation quantizer sits in a 0.6.1 file.
struct ActivationKey
{
  std::string module;
  std::string direction; ///< "input" or "output"
  int index = 0;
};

/// A tensor index as AIMET writes it: "0", "12"; no sign, no leading zero.
bool isIndex(const std::string& text)
{
  return !text.empty() && text.size() <= 6 && (text == "0" || text[0] != '0') &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

/// "<module>.input[3]" → {module, "input", 3}; nullopt for parameter names.
std::optional<ActivationKey> activationKey(const std::string& name)
{
  const auto dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0 || name.back() != ']')
    return std::nullopt;
  const std::string tail = name.substr(dot + 1);
  for (const char* direction : { "input", "output" }) {
    const std::string prefix = std::string(direction) + "[";
    if (tail.rfind(prefix, 0) != 0)
      continue;
    const std::string digits = tail.substr(prefix.size(), tail.size() - prefix.size() - 1);
    if (!isIndex(digits))
      return std::nullopt;
    return ActivationKey{ name.substr(0, dot), direction, std::stoi(digits) };
  }
  return std::nullopt;
}

/// Reads one encodings document, reporting every problem as "<source>: <path>: <problem>".
class EncodingsReader
{
public:
  explicit EncodingsReader(std::string source)
    : source_(std::move(source))
  {
  }

  [[noreturn]] void fail(const std::string& path, const std::string& problem) const
  {
    jsonparsing::fail(source_, path, problem);
  }

  Json parseJson(std::string_view text) const { return jsonparsing::parse(text, source_); }

  EncodingsDocument document(const Json& root) const
  {
    if (!root.is_object())
      fail("", "expected a JSON object with \"version\", \"activation_encodings\" and \"param_encodings\"");
    if (!root.contains("version"))
      fail("", "missing 'version' (expected \"0.6.1\" or \"1.0.0\")");
    const Json& version = root.at("version");
    EncodingsDocument document;
    if (version == kVersion061)
      read061(root, document);
    else if (version == kVersion100)
      read100(root, document);
    else
      fail("version", "unsupported encodings version " + version.dump() + " (expected \"0.6.1\" or \"1.0.0\")");
    document.version = version.get<std::string>();
    if (root.contains("excluded_layers"))
      document.excludedLayers = excludedLayers(root.at("excluded_layers"));
    if (root.contains("quantizer_args"))
      document.quantizerArgs = quantizerArgs(root.at("quantizer_args"));
    return document;
  }

  /// A 0.6.1 ENC object.
  Encoding encoding061(const Json& entry, const std::string& path) const
  {
    if (!entry.is_object())
      fail(path, "expected an encoding object, got " + entry.dump());
    Encoding encoding;
    encoding.dtype = dtype(entry, "dtype", path, "int", "float");
    encoding.bitwidth = bitwidth(entry, "bitwidth", path, encoding.dtype);
    if (encoding.dtype == QuantDtype::Float)
      return encoding;
    if (entry.contains("is_symmetric"))
      encoding.symmetric = symmetricFlag(entry.at("is_symmetric"), path + ".is_symmetric");
    encoding.min = number(entry, "min", path);
    encoding.max = number(entry, "max", path);
    encoding.scale = number(entry, "scale", path);
    encoding.offset = offset(require(entry, "offset", path), path + ".offset");
    checkGrid(encoding, path);
    return encoding;
  }

private:
  const Json& require(const Json& object, const char* key, const std::string& path) const
  {
    if (!object.contains(key))
      fail(path, std::string("missing '") + key + "'");
    return object.at(key);
  }

  const Json& section(const Json& root, const char* key, bool list) const
  {
    const Json& value = require(root, key, "");
    if (list ? !value.is_array() : !value.is_object())
      fail(key, std::string("expected ") + (list ? "a list" : "an object") + ", got " + value.dump());
    return value;
  }

  QuantDtype dtype(const Json& entry,
                   const char* key,
                   const std::string& path,
                   const char* intName,
                   const char* floatName) const
  {
    if (!entry.contains(key))
      return QuantDtype::Int; // files before AIMET added "dtype" were all int
    const Json& value = entry.at(key);
    if (value == intName)
      return QuantDtype::Int;
    if (value == floatName)
      return QuantDtype::Float;
    fail(path + "." + key, std::string("expected \"") + intName + "\" or \"" + floatName + "\", got " + value.dump());
  }

  int bitwidth(const Json& entry, const char* key, const std::string& path, QuantDtype type) const
  {
    const Json& value = require(entry, key, path);
    const bool valid =
      value.is_number_integer() && (type == QuantDtype::Int ? value >= 2 && value <= 32 : value == 16 || value == 32);
    if (!valid)
      fail(path + "." + key,
           std::string(type == QuantDtype::Int ? "expected an integer bitwidth in 2..32" : "expected 16 or 32") +
             ", got " + value.dump());
    return value.get<int>();
  }

  bool symmetricFlag(const Json& value, const std::string& path) const
  {
    // AIMET writes the strings "True"/"False"; hand-edited files sometimes hold JSON booleans.
    if (value == "True" || value == true)
      return true;
    if (value == "False" || value == false)
      return false;
    fail(path, "expected \"True\" or \"False\", got " + value.dump());
  }

  double number(const Json& entry, const char* key, const std::string& path) const
  {
    return finite(require(entry, key, path), path + "." + key);
  }

  double finite(const Json& value, const std::string& path) const
  {
    if (!value.is_number() || !std::isfinite(value.get<double>()))
      fail(path, "expected a finite number, got " + value.dump());
    return value.get<double>();
  }

  std::int64_t offset(const Json& value, const std::string& path) const
  {
    if (value.is_number_integer() && value <= 0)
      return value.get<std::int64_t>();
    // Some writers store offsets as floats (-128.0); accept integral ones.
    if (value.is_number_float() && value <= 0.0 && value >= -4294967296.0 &&
        std::floor(value.get<double>()) == value.get<double>())
      return static_cast<std::int64_t>(value.get<double>());
    fail(path, "expected an integer offset <= 0, got " + value.dump());
  }

  void checkGrid(const Encoding& encoding, const std::string& path) const
  {
    if (!(encoding.scale > 0.0))
      fail(path + ".scale", "must be > 0, got " + Json(encoding.scale).dump());
    if (encoding.min > encoding.max)
      fail(path, "min " + Json(encoding.min).dump() + " is larger than max " + Json(encoding.max).dump());
  }

  void add(EncodingsDocument& document,
           const std::string& name,
           std::vector<Encoding> encodings,
           const std::string& path) const
  {
    if (!document.encodings.emplace(name, std::move(encodings)).second)
      fail(path, "a second encoding for quantizer '" + name + "'");
  }

  void read061(const Json& root, EncodingsDocument& document) const
  {
    for (const auto& [module, entry] : section(root, "activation_encodings", false).items()) {
      const std::string path = "activation_encodings." + module;
      if (entry.is_array()) {
        // aimet_onnx / aimet_tf key activations by tensor name, one-element lists.
        add(document, module, encodingList(entry, path, false), path);
        continue;
      }
      if (!entry.is_object())
        fail(path, "expected an object with \"input\" and/or \"output\", got " + entry.dump());
      for (const auto& [direction, tensors] : entry.items())
        readTensors(document, module, direction, tensors, path + "." + direction);
    }
    for (const auto& [name, entry] : section(root, "param_encodings", false).items()) {
      const std::string path = "param_encodings." + name;
      add(document, name, encodingList(entry, path, true), path);
    }
  }

  void readTensors(EncodingsDocument& document,
                   const std::string& module,
                   const std::string& direction,
                   const Json& tensors,
                   const std::string& path) const
  {
    if (direction != "input" && direction != "output")
      fail(path, "unknown key (expected \"input\" or \"output\")");
    if (!tensors.is_object())
      fail(path, "expected an object of tensor index → encoding, got " + tensors.dump());
    for (const auto& [index, entry] : tensors.items()) {
      const std::string entryPath = path + "." + index;
      if (!isIndex(index))
        fail(entryPath, "expected a tensor index (\"0\", \"1\", ...)");
      const std::string name = direction == "input" ? QuantizerInfo::inputName(module, std::stoi(index))
                                                    : QuantizerInfo::outputName(module, std::stoi(index));
      // Newer aimet_torch versions wrap the activation ENC in a one-element list.
      add(document,
          name,
          entry.is_array() ? encodingList(entry, entryPath, false) : std::vector{ encoding061(entry, entryPath) },
          entryPath);
    }
  }

  std::vector<Encoding> encodingList(const Json& list, const std::string& path, bool perChannel) const
  {
    if (!list.is_array() || list.empty())
      fail(path, "expected a non-empty list of encodings, got " + list.dump());
    if (!perChannel && list.size() != 1)
      fail(path, "an activation needs exactly one encoding, got " + std::to_string(list.size()));
    std::vector<Encoding> encodings;
    for (std::size_t i = 0; i < list.size(); ++i)
      encodings.push_back(encoding061(list[i], path + "[" + std::to_string(i) + "]"));
    return encodings;
  }

  void read100(const Json& root, EncodingsDocument& document) const
  {
    for (const char* key : { "activation_encodings", "param_encodings" }) {
      const Json& list = section(root, key, true);
      for (std::size_t i = 0; i < list.size(); ++i) {
        std::string path = std::string(key) + "[" + std::to_string(i) + "]";
        const Json& entry = list[i];
        if (!entry.is_object())
          fail(path, "expected an encoding object, got " + entry.dump());
        const Json& name = require(entry, "name", path);
        if (!name.is_string() || name.get<std::string>().empty())
          fail(path + ".name", "expected a quantizer name, got " + name.dump());
        path += " (" + name.get<std::string>() + ")";
        add(document, name.get<std::string>(), encodings100(entry, path, key == std::string("param_encodings")), path);
      }
    }
  }

  std::vector<Encoding> encodings100(const Json& entry, const std::string& path, bool isParam) const
  {
    Encoding encoding;
    encoding.dtype = dtype(entry, "dtype", path, "INT", "FLOAT");
    encoding.bitwidth = bitwidth(entry, "bw", path, encoding.dtype);
    const Json& encType = require(entry, "enc_type", path);
    if (encType != "PER_TENSOR" && !(isParam && encType == "PER_CHANNEL"))
      fail(path + ".enc_type",
           std::string("expected \"PER_TENSOR\"") + (isParam ? " or \"PER_CHANNEL\"" : "") + ", got " + encType.dump() +
             " (per-block encodings are not supported)");
    if (encoding.dtype == QuantDtype::Float)
      return { encoding };
    const Json& symmetric = require(entry, "is_sym", path);
    if (!symmetric.is_boolean())
      fail(path + ".is_sym", "expected true or false, got " + symmetric.dump());
    encoding.symmetric = symmetric.get<bool>();
    const Json& scales = require(entry, "scale", path);
    const Json& offsets = require(entry, "offset", path);
    if (!scales.is_array() || scales.empty())
      fail(path + ".scale", "expected a non-empty list, got " + scales.dump());
    if (!offsets.is_array() || offsets.size() != scales.size())
      fail(path + ".offset",
           "expected a list as long as 'scale' (" + std::to_string(scales.size()) + "), got " + offsets.dump());
    if (encType == "PER_TENSOR" && scales.size() != 1)
      fail(path + ".scale", "PER_TENSOR needs exactly one scale, got " + std::to_string(scales.size()));
    const double steps = std::ldexp(1.0, encoding.bitwidth) - 1.0;
    std::vector<Encoding> encodings;
    for (std::size_t i = 0; i < scales.size(); ++i) {
      const std::string item = "[" + std::to_string(i) + "]";
      encoding.scale = finite(scales[i], path + ".scale" + item);
      encoding.offset = offset(offsets[i], path + ".offset" + item);
      encoding.min = encoding.scale * static_cast<double>(encoding.offset);
      encoding.max = encoding.scale * (static_cast<double>(encoding.offset) + steps);
      checkGrid(encoding, path + item);
      encodings.push_back(encoding);
    }
    return encodings;
  }

  std::vector<std::string> excludedLayers(const Json& list) const
  {
    if (!list.is_array())
      fail("excluded_layers", "expected a list of layer names, got " + list.dump());
    std::vector<std::string> names;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_string())
        fail("excluded_layers[" + std::to_string(i) + "]", "expected a layer name, got " + list[i].dump());
      names.push_back(list[i].get<std::string>());
    }
    return names;
  }

  EncodingsQuantizerArgs quantizerArgs(const Json& object) const
  {
    if (!object.is_object())
      fail("quantizer_args", "expected an object, got " + object.dump());
    EncodingsQuantizerArgs args;
    readInt(object, "activation_bitwidth", args.activationBitwidth);
    readInt(object, "param_bitwidth", args.paramBitwidth);
    readString(object, "dtype", args.dtype);
    readBool(object, "is_symmetric", args.isSymmetric);
    readBool(object, "per_channel_quantization", args.perChannel);
    readString(object, "quant_scheme", args.quantScheme);
    return args;
  }

  void readInt(const Json& object, const char* key, int& target) const
  {
    if (!object.contains(key))
      return;
    if (!object.at(key).is_number_integer())
      fail(std::string("quantizer_args.") + key, "expected an integer, got " + object.at(key).dump());
    target = object.at(key).get<int>();
  }

  void readBool(const Json& object, const char* key, bool& target) const
  {
    if (!object.contains(key))
      return;
    if (!object.at(key).is_boolean())
      fail(std::string("quantizer_args.") + key, "expected true or false, got " + object.at(key).dump());
    target = object.at(key).get<bool>();
  }

  void readString(const Json& object, const char* key, std::string& target) const
  {
    if (!object.contains(key))
      return;
    if (!object.at(key).is_string())
      fail(std::string("quantizer_args.") + key, "expected a string, got " + object.at(key).dump());
    target = object.at(key).get<std::string>();
  }

  std::string source_;
};

Json encodingJson061(const Encoding& encoding)
{
  if (encoding.dtype == QuantDtype::Float)
    return { { "bitwidth", encoding.bitwidth }, { "dtype", "float" } };
  return { { "bitwidth", encoding.bitwidth },
           { "dtype", "int" },
           { "is_symmetric", encoding.symmetric ? "True" : "False" },
           { "min", encoding.min },
           { "max", encoding.max },
           { "scale", encoding.scale },
           { "offset", encoding.offset } };
}

Json encodingJson100(const std::string& name, const std::vector<Encoding>& encodings)
{
  const Encoding& first = encodings.front();
  Json entry = { { "name", name },
                 { "dtype", first.dtype == QuantDtype::Float ? "FLOAT" : "INT" },
                 { "enc_type", encodings.size() > 1 ? "PER_CHANNEL" : "PER_TENSOR" },
                 { "bw", first.bitwidth } };
  if (first.dtype == QuantDtype::Float)
    return entry;
  entry["is_sym"] = first.symmetric;
  entry["scale"] = Json::array();
  entry["offset"] = Json::array();
  for (const Encoding& encoding : encodings) {
    entry["scale"].push_back(encoding.scale);
    entry["offset"].push_back(encoding.offset);
  }
  return entry;
}

Json quantizerArgsJson(const std::optional<EncodingsQuantizerArgs>& maybeArgs)
{
  const EncodingsQuantizerArgs args = maybeArgs.value_or(EncodingsQuantizerArgs{});
  return { { "activation_bitwidth", args.activationBitwidth },
           { "param_bitwidth", args.paramBitwidth },
           { "dtype", args.dtype },
           { "is_symmetric", args.isSymmetric },
           { "per_channel_quantization", args.perChannel },
           { "quant_scheme", args.quantScheme } };
}

/// The writers' checks: every entry has encodings, activations exactly one, and
/// a per-channel list shares one dtype and bitwidth (1.0.0 stores them once).
void checkWritable(const std::string& name, const std::vector<Encoding>& encodings, bool isActivation)
{
  if (name.empty())
    throw EngineError("cannot write encodings: a quantizer has an empty name");
  if (encodings.empty())
    throw EngineError("cannot write encodings: quantizer '" + name + "' has no encoding");
  if (isActivation && encodings.size() != 1)
    throw EngineError("cannot write encodings: activation quantizer '" + name + "' has " +
                      std::to_string(encodings.size()) + " encodings (AIMET files hold one per activation)");
  for (const Encoding& encoding : encodings)
    if (encoding.dtype != encodings.front().dtype || encoding.bitwidth != encodings.front().bitwidth)
      throw EngineError("cannot write encodings: the channels of '" + name + "' differ in dtype or bitwidth");
}

std::string dumpLikeAimet(const Json& root)
{
  // nlohmann's object is a std::map, so keys come out sorted like json.dump(sort_keys=True, indent=4).
  return root.dump(4) + "\n";
}

} // namespace

EncodingsDocument EncodingsFile::read(const std::filesystem::path& file)
{
  return fromJson(fileio::readText(file), file.string());
}

EncodingsDocument EncodingsFile::fromJson(std::string_view jsonText, const std::string& sourceName)
{
  const EncodingsReader reader(sourceName);
  return reader.document(reader.parseJson(jsonText));
}

std::string EncodingsFile::toJson061(const EncodingsDocument& document)
{
  Json activations = Json::object();
  Json params = Json::object();
  for (const auto& [name, encodings] : document.encodings) {
    const auto key = activationKey(name);
    checkWritable(name, encodings, key.has_value());
    if (key)
      activations[key->module][key->direction][std::to_string(key->index)] = encodingJson061(encodings.front());
    else {
      Json list = Json::array();
      for (const Encoding& encoding : encodings)
        list.push_back(encodingJson061(encoding));
      params[name] = std::move(list);
    }
  }
  const Json root = { { "version", kVersion061 },
                      { "activation_encodings", std::move(activations) },
                      { "param_encodings", std::move(params) },
                      { "excluded_layers", document.excludedLayers },
                      { "quantizer_args", quantizerArgsJson(document.quantizerArgs) } };
  return dumpLikeAimet(root);
}

void EncodingsFile::write061(const std::filesystem::path& file, const EncodingsDocument& document)
{
  fileio::writeAtomically(file, toJson061(document));
}

std::string EncodingsFile::toJson100(const EncodingsDocument& document)
{
  Json activations = Json::array();
  Json params = Json::array();
  for (const auto& [name, encodings] : document.encodings) {
    const bool isActivation = activationKey(name).has_value();
    checkWritable(name, encodings, isActivation);
    (isActivation ? activations : params).push_back(encodingJson100(name, encodings));
  }
  const Json root = { { "version", kVersion100 },
                      { "activation_encodings", std::move(activations) },
                      { "param_encodings", std::move(params) },
                      { "excluded_layers", document.excludedLayers },
                      { "quantizer_args", quantizerArgsJson(document.quantizerArgs) } };
  return dumpLikeAimet(root);
}

void EncodingsFile::write100(const std::filesystem::path& file, const EncodingsDocument& document)
{
  fileio::writeAtomically(file, toJson100(document));
}

std::vector<std::string> EncodingsFile::unmatchedNames(const EncodingsDocument& document,
                                                       const std::vector<QuantizerInfo>& quantizers)
{
  std::set<std::string> known;
  for (const QuantizerInfo& quantizer : quantizers)
    known.insert(quantizer.name);
  std::vector<std::string> names;
  for (const auto& entry : document.encodings)
    if (!known.count(entry.first))
      names.push_back(entry.first);
  return names;
}

std::vector<std::string> EncodingsFile::missingNames(const EncodingsDocument& document,
                                                     const std::vector<QuantizerInfo>& quantizers)
{
  std::vector<std::string> names;
  for (const QuantizerInfo& quantizer : quantizers)
    if (!document.encodings.count(quantizer.name))
      names.push_back(quantizer.name);
  return names;
}

Encoding EncodingsFile::encodingFromJson(std::string_view jsonText,
                                         const std::string& sourceName,
                                         const std::string& path)
{
  const EncodingsReader reader(sourceName);
  return reader.encoding061(reader.parseJson(jsonText), path);
}

std::string EncodingsFile::encodingToJson(const Encoding& encoding)
{
  return encodingJson061(encoding).dump();
}

} // namespace quantlens
