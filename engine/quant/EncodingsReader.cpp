#include "quant/EncodingsReader.h"

#include "core/JsonParsing.h"
#include "quant/ActivationQuantizerName.h"
#include "quant/QuantizerInfo.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <utility>
#include <vector>

namespace quantlens {

namespace {

using Json = nlohmann::json;
using jsonparsing::excerpt;
using jsonparsing::keyExcerpt;

/// The version strings AIMET has written. The layout decides how a file is read;
/// the version is checked only so that a file of a format not yet known is
/// refused instead of misread. 2.0.0/2.1.0 are here because aimet_torch writes
/// its module-keyed "_torch.encodings" with whatever version the export used.
constexpr std::array<const char*, 6> kKnownVersions = { "0.4.0", "0.5.0", "0.6.1", "1.0.0", "2.0.0", "2.1.0" };

/// Keys only an encoding has: an activation entry holding one is keyed by
/// tensor, not by module.
constexpr std::array<const char*, 6> kEncodingKeys = { "bitwidth", "bw", "dtype", "enc_type", "scale", "offset" };

bool hasAnyKey(const Json& object, const auto& keys)
{
  return object.is_object() &&
         std::any_of(keys.begin(), keys.end(), [&object](const char* key) { return object.contains(key); });
}

/// A 1.0.0-style encoding object ({"bw", "enc_type", ...}) rather than a 0.6.1 ENC.
bool is100Style(const Json& entry)
{
  return entry.is_object() && (entry.contains("enc_type") || entry.contains("bw"));
}

/// ONNX tensor names that cannot be a PyTorch parameter name: "/conv1/Conv_output_0",
/// "onnx::Conv_123", "100". (Module paths use dots; only ONNX puts "/" or "::" in names.)
bool isOnnxParameterName(const std::string& name)
{
  return name.find('/') != std::string::npos || name.find("::") != std::string::npos ||
         (!name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) { return c >= '0' && c <= '9'; }));
}

/// The "<prefix>_torch.encodings" AIMET writes beside "<prefix>.encodings", named from
/// `source` (a path, perhaps in quotes); a description when the name does not fit.
std::string torchEncodingsBeside(std::string source)
{
  if (source.size() >= 2 && source.front() == '\'' && source.back() == '\'')
    source = source.substr(1, source.size() - 2);
  const std::string name = std::filesystem::path(source).filename().string();
  const std::string suffix = ".encodings";
  if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
    const std::string prefix = name.substr(0, name.size() - suffix.size());
    if (prefix.size() < 6 || prefix.compare(prefix.size() - 6, 6, "_torch") != 0)
      return keyExcerpt(prefix + "_torch.encodings", 80);
  }
  return "the <prefix>_torch.encodings file";
}

/// Reads one parsed document, reporting every problem as "<source>: <path>: <problem>".
class Reader
{
public:
  explicit Reader(std::string source)
    : source_(std::move(source))
  {
  }

  Json parse(std::string_view text) const { return jsonparsing::parse(text, source_); }

  EncodingsDocument document(const Json& root) const
  {
    if (!root.is_object())
      fail("", "expected a JSON object with \"activation_encodings\" and \"param_encodings\", got " + excerpt(root));
    const bool hasActivations = root.contains("activation_encodings");
    const bool hasParams = root.contains("param_encodings");
    EncodingsDocument document;
    if (!hasActivations && !hasParams) {
      readBareParams(root, document);
      return document;
    }
    // Sim exports always write a version; AdaRound's parameter-only files and the
    // module-keyed .json of save_encodings_to_json() do not: those read by their layout.
    if (root.contains("version"))
      document.version = version(root.at("version"));
    // The sections' shape, not the version, says how to read them: aimet_torch writes
    // module-keyed "_torch.encodings" files that say "1.0.0".
    const Json& first = root.at(hasActivations ? "activation_encodings" : "param_encodings");
    if (!first.is_object() && !first.is_array())
      fail(hasActivations ? "activation_encodings" : "param_encodings",
           "expected an object (keyed by module) or a list (format 1.0.0), got " + excerpt(first));
    if (first.is_array()) {
      document.layout = EncodingsLayout::NamedList;
      readNamedList(root, hasActivations, document);
    } else {
      document.layout = hasActivations ? EncodingsLayout::ModuleDict : EncodingsLayout::ParamsOnly;
      if (hasActivations)
        readModuleActivations(section(root, "activation_encodings", false), document);
      readModuleParams(section(root, "param_encodings", false), "param_encodings.", document);
    }
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
      fail(path, "expected an encoding object, got " + excerpt(entry));
    if (entry.contains("rows_per_block") || entry.contains("vector_dim"))
      fail(path, "vector-quantized encodings are not supported");
    refuseZeroPointShift(entry, path);
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
  [[noreturn]] void fail(const std::string& path, const std::string& problem) const
  {
    jsonparsing::fail(source_, path, problem);
  }

  [[noreturn]] void refuseOnnxNames(const std::string& path, const std::string& name) const
  {
    fail(path,
         excerpt(Json(name)) + " is an ONNX tensor name: this is the .encodings AIMET writes for the exported ONNX " +
           "model; open " + torchEncodingsBeside(source_) + " beside it, which AIMET keys by PyTorch module");
  }

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
      fail(key, std::string("expected ") + (list ? "a list" : "an object") + ", got " + excerpt(value));
    return value;
  }

  std::string version(const Json& value) const
  {
    std::string known;
    for (const char* name : kKnownVersions)
      known += (known.empty() ? "" : ", ") + std::string(name);
    if (!value.is_string())
      fail("version", "expected a version string (one of " + known + "), got " + excerpt(value));
    const auto& text = value.get_ref<const std::string&>();
    if (std::none_of(kKnownVersions.begin(), kKnownVersions.end(), [&text](const char* name) { return text == name; }))
      fail("version", "unsupported encodings version " + excerpt(value) + " (AIMET writes " + known + ")");
    return text;
  }

  /// A file with neither section: AdaRound's before aimet_torch 1.32 (the whole
  /// object maps parameter names to encodings), or no encodings file at all.
  void readBareParams(const Json& root, EncodingsDocument& document) const
  {
    if (root.contains("encodings"))
      fail("encodings",
           "AIMET's 2.x layout (one \"encodings\" list, keyed by ONNX tensor) is not supported; open " +
             torchEncodingsBeside(source_) + " beside it, which AIMET keys by PyTorch module");
    if (root.contains("format"))
      fail("", "is not an AIMET encodings file (\"format\": " + excerpt(root.at("format")) + ")");
    if (root.contains("version"))
      fail("", "missing 'activation_encodings' and 'param_encodings'");
    if (root.empty())
      fail("", "is an empty JSON object, not an AIMET encodings file");
    document.layout = EncodingsLayout::ParamsOnly;
    readModuleParams(root, "", document);
  }

  void readModuleActivations(const Json& activations, EncodingsDocument& document) const
  {
    for (const auto& [module, entry] : activations.items()) {
      const std::string path = "activation_encodings." + keyExcerpt(module);
      // aimet_onnx and the ONNX-side export key activations by tensor, each entry a list of ENC.
      if (entry.is_array() || hasAnyKey(entry, kEncodingKeys))
        refuseOnnxNames(path, module);
      if (!entry.is_object())
        fail(path, "expected an object with \"input\" and/or \"output\", got " + excerpt(entry));
      for (const auto& [direction, tensors] : entry.items())
        readTensors(document, module, direction, tensors, path + "." + keyExcerpt(direction));
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
      fail(path, "expected an object of tensor index → encoding, got " + excerpt(tensors));
    for (const auto& [index, entry] : tensors.items()) {
      const std::string entryPath = path + "." + keyExcerpt(index);
      if (!ActivationQuantizerName::isIndex(index))
        fail(entryPath, "expected a tensor index (\"0\", \"1\", ...)");
      const int tensor = std::stoi(index); // isIndex: at most 6 digits
      const std::string name =
        direction == "input" ? QuantizerInfo::inputName(module, tensor) : QuantizerInfo::outputName(module, tensor);
      // aimet_torch writes one ENC object; save_encodings_to_json and older
      // exports wrap it in a one-element list.
      add(document, name, activationEncodings(entry, entryPath), entryPath);
    }
  }

  std::vector<Encoding> activationEncodings(const Json& entry, const std::string& path) const
  {
    std::vector<Encoding> encodings =
      entry.is_array() ? encodingList(entry, path, false) : encodingsOf(entry, path, false);
    if (encodings.size() != 1)
      fail(path, "an activation needs exactly one encoding, got " + std::to_string(encodings.size()));
    return encodings;
  }

  /// "param_encodings" of a module-keyed file, or a bare AdaRound object (prefix "").
  void readModuleParams(const Json& params, const std::string& prefix, EncodingsDocument& document) const
  {
    for (const auto& [name, entry] : params.items()) {
      const std::string path = prefix + keyExcerpt(name);
      if (isOnnxParameterName(name))
        refuseOnnxNames(path, name);
      if (prefix.empty() && !entry.is_array() && !is100Style(entry))
        fail(path,
             "expected a list of encodings, got " + excerpt(entry) +
               " (without \"activation_encodings\" or \"param_encodings\", the file must be AdaRound's parameter "
               "encodings)");
      // aimet_torch 1.x exports with encoding version 1.0.0 may hold 1.0.0-style objects here.
      add(document, name, is100Style(entry) ? encodings100(entry, path, true) : encodingList(entry, path, true), path);
    }
  }

  /// One entry: a 1.0.0-style object (one encoding per channel) or a 0.6.1 ENC.
  std::vector<Encoding> encodingsOf(const Json& entry, const std::string& path, bool isParam) const
  {
    if (is100Style(entry))
      return encodings100(entry, path, isParam);
    return { encoding061(entry, path) };
  }

  std::vector<Encoding> encodingList(const Json& list, const std::string& path, bool isParam) const
  {
    if (!list.is_array() || list.empty())
      fail(path, "expected a non-empty list of encodings, got " + excerpt(list));
    if (!isParam && list.size() != 1)
      fail(path, "an activation needs exactly one encoding, got " + std::to_string(list.size()));
    std::vector<Encoding> encodings;
    for (std::size_t i = 0; i < list.size(); ++i) {
      std::vector<Encoding> item = encodingsOf(list[i], path + "[" + std::to_string(i) + "]", isParam);
      encodings.insert(encodings.end(), item.begin(), item.end());
    }
    return encodings;
  }

  void readNamedList(const Json& root, bool hasActivations, EncodingsDocument& document) const
  {
    for (const char* key : { "activation_encodings", "param_encodings" }) {
      const bool isParam = key == std::string("param_encodings");
      if (!isParam && !hasActivations)
        continue;
      const Json& list = section(root, key, true);
      for (std::size_t i = 0; i < list.size(); ++i) {
        std::string path = std::string(key) + "[" + std::to_string(i) + "]";
        const Json& entry = list[i];
        if (!entry.is_object())
          fail(path, "expected an encoding object, got " + excerpt(entry));
        const Json& nameValue = require(entry, "name", path);
        if (!nameValue.is_string() || nameValue.get_ref<const std::string&>().empty())
          fail(path + ".name", "expected a quantizer name, got " + excerpt(nameValue));
        const auto& name = nameValue.get_ref<const std::string&>();
        path += " (" + keyExcerpt(name) + ")";
        // AIMET's own list files name ONNX tensors; QuantLens's name quantizers.
        if (isParam ? isOnnxParameterName(name) : !ActivationQuantizerName::parse(name))
          refuseOnnxNames(path, name);
        add(document, name, encodings100(entry, path, isParam), path);
      }
    }
  }

  /// A 1.0.0-style entry: one encoding per "scale"/"offset" element.
  std::vector<Encoding> encodings100(const Json& entry, const std::string& path, bool isParam) const
  {
    Encoding encoding;
    encoding.dtype = dtype(entry, "dtype", path, "INT", "FLOAT");
    encoding.bitwidth = bitwidth(entry, "bw", path, encoding.dtype);
    const Json& encType = require(entry, "enc_type", path);
    if (encType != "PER_TENSOR" && !(isParam && encType == "PER_CHANNEL"))
      fail(path + ".enc_type",
           std::string("expected \"PER_TENSOR\"") + (isParam ? " or \"PER_CHANNEL\"" : "") + ", got " +
             excerpt(encType) + " (per-block, LPBQ and vector encodings are not supported)");
    if (encoding.dtype == QuantDtype::Float)
      return { encoding };
    refuseZeroPointShift(entry, path);
    const Json& symmetric = require(entry, "is_sym", path);
    if (!symmetric.is_boolean())
      fail(path + ".is_sym", "expected true or false, got " + excerpt(symmetric));
    encoding.symmetric = symmetric.get<bool>();
    const Json& scales = require(entry, "scale", path);
    const Json& offsets = require(entry, "offset", path);
    if (!scales.is_array() || scales.empty())
      fail(path + ".scale", "expected a non-empty list, got " + excerpt(scales));
    if (!offsets.is_array() || offsets.size() != scales.size())
      fail(path + ".offset",
           "expected a list as long as 'scale' (" + std::to_string(scales.size()) + "), got " + excerpt(offsets));
    if (encType == "PER_TENSOR" && scales.size() != 1)
      fail(path + ".scale", "PER_TENSOR needs exactly one scale, got " + std::to_string(scales.size()));
    const double steps = std::ldexp(1.0, encoding.bitwidth) - 1.0;
    std::vector<Encoding> encodings;
    encodings.reserve(scales.size());
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

  /// aimet_torch 2.x grids shifted by half a step (zero_point_shift 0.5) have no
  /// integer offset; reading them as unshifted would move every value.
  void refuseZeroPointShift(const Json& entry, const std::string& path) const
  {
    if (!entry.contains("zero_point_shift"))
      return;
    const Json& shift = entry.at("zero_point_shift");
    const auto isZero = [](const Json& value) { return value.is_number() && value.get<double>() == 0.0; };
    const bool zero = shift.is_array() ? std::all_of(shift.begin(), shift.end(), isZero) : isZero(shift);
    if (!zero)
      fail(path + ".zero_point_shift", "a shifted zero point (" + excerpt(shift) + ") is not supported");
  }

  QuantDtype dtype(const Json& entry,
                   const char* key,
                   const std::string& path,
                   const char* intName,
                   const char* floatName) const
  {
    if (!entry.contains(key))
      return QuantDtype::Int; // files before AIMET added "dtype" (0.5.0) were all int
    const Json& value = entry.at(key);
    if (value == intName)
      return QuantDtype::Int;
    if (value == floatName)
      return QuantDtype::Float;
    fail(path + "." + key, std::string("expected \"") + intName + "\" or \"" + floatName + "\", got " + excerpt(value));
  }

  int bitwidth(const Json& entry, const char* key, const std::string& path, QuantDtype type) const
  {
    const Json& value = require(entry, key, path);
    const bool valid =
      value.is_number_integer() && (type == QuantDtype::Int ? value >= 2 && value <= 32 : value == 16 || value == 32);
    if (!valid)
      fail(path + "." + key,
           std::string(type == QuantDtype::Int ? "expected an integer bitwidth in 2..32" : "expected 16 or 32") +
             ", got " + excerpt(value));
    return value.get<int>(); // in range: checked above
  }

  bool symmetricFlag(const Json& value, const std::string& path) const
  {
    // AIMET writes the strings "True"/"False"; hand-edited files sometimes hold JSON booleans.
    if (value == "True" || value == true)
      return true;
    if (value == "False" || value == false)
      return false;
    fail(path, "expected \"True\" or \"False\", got " + excerpt(value));
  }

  double number(const Json& entry, const char* key, const std::string& path) const
  {
    return finite(require(entry, key, path), path + "." + key);
  }

  double finite(const Json& value, const std::string& path) const
  {
    if (!value.is_number() || !std::isfinite(value.get<double>()))
      fail(path, "expected a finite number, got " + excerpt(value));
    return value.get<double>();
  }

  std::int64_t offset(const Json& value, const std::string& path) const
  {
    if (value.is_number_integer() && value <= 0)
      return value.get<std::int64_t>();
    // AdaRound and 0.4.0 files store offsets as floats (-128.0); accept integral ones
    // down to a 32-bit grid's, which is as far as an int64 needs to go.
    if (value.is_number_float() && value <= 0.0 && value >= -4294967296.0 &&
        std::floor(value.get<double>()) == value.get<double>())
      return static_cast<std::int64_t>(value.get<double>());
    fail(path, "expected an integer offset <= 0, got " + excerpt(value));
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
      fail(path, "a second encoding for quantizer '" + keyExcerpt(name) + "'");
  }

  std::vector<std::string> excludedLayers(const Json& list) const
  {
    if (!list.is_array())
      fail("excluded_layers", "expected a list of layer names, got " + excerpt(list));
    std::vector<std::string> names;
    for (std::size_t i = 0; i < list.size(); ++i) {
      // aimet_torch writes null for an excluded module it cannot name; there is nothing to keep.
      if (list[i].is_null())
        continue;
      if (!list[i].is_string())
        fail("excluded_layers[" + std::to_string(i) + "]", "expected a layer name, got " + excerpt(list[i]));
      names.push_back(list[i].get<std::string>());
    }
    return names;
  }

  EncodingsQuantizerArgs quantizerArgs(const Json& object) const
  {
    if (!object.is_object())
      fail("quantizer_args", "expected an object, got " + excerpt(object));
    EncodingsQuantizerArgs args;
    readBitwidth(object, "activation_bitwidth", args.activationBitwidth);
    readBitwidth(object, "param_bitwidth", args.paramBitwidth);
    readString(object, "dtype", args.dtype);
    readFlag(object, "is_symmetric", args.isSymmetric);
    readFlag(object, "per_channel_quantization", args.perChannel);
    readString(object, "quant_scheme", args.quantScheme);
    return args;
  }

  void readBitwidth(const Json& object, const char* key, int& target) const
  {
    if (!object.contains(key))
      return;
    const Json& value = object.at(key);
    // Informative only, so a wide range; bounded so get<int> cannot overflow.
    if (!value.is_number_integer() || value < 1 || value > 64)
      fail(std::string("quantizer_args.") + key, "expected an integer bitwidth in 1..64, got " + excerpt(value));
    target = value.get<int>();
  }

  void readFlag(const Json& object, const char* key, bool& target) const
  {
    if (!object.contains(key))
      return;
    const Json& value = object.at(key);
    // AIMET writes JSON booleans; its format description says the strings "True"/"False".
    if (value.is_boolean())
      target = value.get<bool>();
    else if (value == "True" || value == "False")
      target = value == "True";
    else
      fail(std::string("quantizer_args.") + key, "expected true or false, got " + excerpt(value));
  }

  void readString(const Json& object, const char* key, std::string& target) const
  {
    if (!object.contains(key))
      return;
    if (!object.at(key).is_string())
      fail(std::string("quantizer_args.") + key, "expected a string, got " + excerpt(object.at(key)));
    target = object.at(key).get<std::string>();
  }

  std::string source_;
};

} // namespace

EncodingsDocument EncodingsReader::fromJson(std::string_view jsonText, const std::string& sourceName)
{
  const Reader reader(sourceName);
  return reader.document(reader.parse(jsonText));
}

Encoding EncodingsReader::encodingFromJson(std::string_view jsonText,
                                           const std::string& sourceName,
                                           const std::string& path)
{
  const Reader reader(sourceName);
  return reader.encoding061(reader.parse(jsonText), path);
}

} // namespace quantlens
