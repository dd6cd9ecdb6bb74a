#include "quant/OverridesFile.h"

#include "core/EngineError.h"
#include "core/JsonParsing.h"
#include "core/FileIO.h"
#include "quant/EncodingsFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <initializer_list>
#include <utility>
#include <vector>

namespace quantlens {

namespace {

using Json = nlohmann::json;

/// Reads an overrides document, reporting problems as "<source>: <path>: <problem>".
class OverridesReader
{
public:
  explicit OverridesReader(std::string source)
    : source_(std::move(source))
  {
  }

  Overrides read(std::string_view text) const
  {
    const Json root = parseJson(text);
    if (!root.is_object())
      fail("", "expected a JSON object with \"format\": \"" + std::string(OverridesFile::kFormat) + "\"");
    checkKeys(root, "", { "format", "version", "base", "description", "quantizers" });
    if (!root.contains("format") || root.at("format") != OverridesFile::kFormat)
      fail("format",
           std::string("expected \"") + OverridesFile::kFormat + "\", got " +
             (root.contains("format") ? root.at("format").dump() : "nothing"));
    if (!root.contains("version") || root.at("version") != OverridesFile::kVersion)
      fail("version",
           "expected " + std::to_string(OverridesFile::kVersion) + ", got " +
             (root.contains("version") ? root.at("version").dump() : "nothing") +
             " (a newer QuantLens may have written this file)");

    Overrides overrides;
    if (root.contains("base"))
      overrides.base = preset(root.at("base"));
    if (root.contains("description")) {
      if (!root.at("description").is_string())
        fail("description", "expected a string, got " + root.at("description").dump());
      overrides.description = root.at("description").get<std::string>();
    }
    if (!root.contains("quantizers"))
      fail("", "missing 'quantizers'");
    const Json& quantizers = root.at("quantizers");
    if (!quantizers.is_object())
      fail("quantizers", "expected an object of quantizer name → override, got " + quantizers.dump());
    for (const auto& [name, entry] : quantizers.items()) {
      const std::string path = "quantizers[\"" + name + "\"]";
      if (name.empty())
        fail(path, "empty quantizer name");
      overrides.quantizers[name] = quantizerOverride(entry, path);
    }
    return overrides;
  }

private:
  [[noreturn]] void fail(const std::string& path, const std::string& problem) const
  {
    jsonparsing::fail(source_, path, problem);
  }

  Json parseJson(std::string_view text) const { return jsonparsing::parse(text, source_); }

  void checkKeys(const Json& object, const std::string& path, std::initializer_list<const char*> allowed) const
  {
    jsonparsing::checkKeys(object, source_, path, allowed);
  }

  QuantPreset preset(const Json& value) const
  {
    if (!value.is_string())
      fail("base", "expected a preset name (\"FP32\", \"W8A8\", \"W4A8\"), got " + value.dump());
    try {
      return QuantPreset::parse(value.get<std::string>());
    } catch (const EngineError& error) {
      fail("base", error.what());
    }
  }

  QuantizerOverride quantizerOverride(const Json& entry, const std::string& path) const
  {
    if (!entry.is_object())
      fail(path, "expected an object such as {\"bitwidth\": 16}, got " + entry.dump());
    checkKeys(entry, path, { "enabled", "bitwidth", "symmetric", "dtype", "encoding" });
    QuantizerOverride result;
    if (entry.contains("enabled"))
      result.enabled = boolean(entry.at("enabled"), path + ".enabled");
    if (entry.contains("symmetric"))
      result.symmetric = boolean(entry.at("symmetric"), path + ".symmetric");
    if (entry.contains("bitwidth"))
      result.bitwidth = bitwidth(entry.at("bitwidth"), path + ".bitwidth");
    if (entry.contains("dtype")) {
      const Json& dtype = entry.at("dtype");
      if (dtype != "int" && dtype != "float")
        fail(path + ".dtype", "expected \"int\" or \"float\", got " + dtype.dump());
      result.dtype = dtype == "int" ? QuantDtype::Int : QuantDtype::Float;
    }
    if (entry.contains("encoding"))
      result.fixedEncodings = encodings(entry.at("encoding"), path + ".encoding");
    return result;
  }

  bool boolean(const Json& value, const std::string& path) const
  {
    return jsonparsing::boolean(value, source_, path);
  }

  int bitwidth(const Json& value, const std::string& path) const
  {
    if (!value.is_number_integer())
      fail(path, "expected an integer bitwidth, got " + value.dump());
    if (value < OverridesFile::kMinBitwidth || value > OverridesFile::kMaxBitwidth)
      fail(path,
           value.dump() + " is outside " + std::to_string(OverridesFile::kMinBitwidth) + ".." +
             std::to_string(OverridesFile::kMaxBitwidth));
    return value.get<int>();
  }

  std::vector<Encoding> encodings(const Json& value, const std::string& path) const
  {
    if (value.is_object())
      return { EncodingsFile::encodingFromJson(value.dump(), source_, path) };
    if (!value.is_array())
      fail(path, "expected an encoding object or a list of them, got " + value.dump());
    std::vector<Encoding> result;
    for (std::size_t i = 0; i < value.size(); ++i)
      result.push_back(EncodingsFile::encodingFromJson(value[i].dump(), source_, path + "[" + std::to_string(i) + "]"));
    return result;
  }

  std::string source_;
};

Json overrideJson(const std::string& name, const QuantizerOverride& entry)
{
  Json json = Json::object();
  if (entry.enabled)
    json["enabled"] = *entry.enabled;
  if (entry.bitwidth) {
    if (*entry.bitwidth < OverridesFile::kMinBitwidth || *entry.bitwidth > OverridesFile::kMaxBitwidth)
      throw EngineError("cannot write overrides: quantizer '" + name + "' has bitwidth " +
                        std::to_string(*entry.bitwidth) + ", outside 2..32");
    json["bitwidth"] = *entry.bitwidth;
  }
  if (entry.symmetric)
    json["symmetric"] = *entry.symmetric;
  if (entry.dtype)
    json["dtype"] = *entry.dtype == QuantDtype::Int ? "int" : "float";
  if (entry.fixedEncodings) {
    Json list = Json::array();
    for (const Encoding& encoding : *entry.fixedEncodings)
      list.push_back(Json::parse(EncodingsFile::encodingToJson(encoding)));
    json["encoding"] = list.size() == 1 ? list.front() : list;
  }
  return json;
}

} // namespace

Overrides OverridesFile::read(const std::filesystem::path& file)
{
  return fromJson(fileio::readText(file), file.string());
}

Overrides OverridesFile::fromJson(std::string_view jsonText, const std::string& sourceName)
{
  return OverridesReader(sourceName).read(jsonText);
}

std::string OverridesFile::toJson(const Overrides& overrides)
{
  Json root = { { "format", kFormat }, { "version", kVersion }, { "quantizers", Json::object() } };
  if (overrides.base)
    root["base"] = overrides.base->toString();
  if (!overrides.description.empty())
    root["description"] = overrides.description;
  for (const auto& [name, entry] : overrides.quantizers) {
    if (name.empty())
      throw EngineError("cannot write overrides: a quantizer has an empty name");
    root["quantizers"][name] = overrideJson(name, entry);
  }
  return root.dump(2) + "\n";
}

void OverridesFile::write(const std::filesystem::path& file, const Overrides& overrides)
{
  fileio::writeAtomically(file, toJson(overrides));
}

} // namespace quantlens
