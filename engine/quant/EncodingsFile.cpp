#include "quant/EncodingsFile.h"

#include "core/EngineError.h"
#include "core/FileIO.h"
#include "quant/ActivationQuantizerName.h"
#include "quant/EncodingsReader.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <utility>

namespace quantlens {

namespace {

using Json = nlohmann::json;

constexpr const char* kVersion061 = "0.6.1";
constexpr const char* kVersion100 = "1.0.0";

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
  return EncodingsReader::fromJson(jsonText, sourceName);
}

std::string EncodingsFile::toJson061(const EncodingsDocument& document)
{
  Json activations = Json::object();
  Json params = Json::object();
  for (const auto& [name, encodings] : document.encodings) {
    const auto key = ActivationQuantizerName::parse(name);
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
    const bool isActivation = ActivationQuantizerName::parse(name).has_value();
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
  return EncodingsReader::encodingFromJson(jsonText, sourceName, path);
}

std::string EncodingsFile::encodingToJson(const Encoding& encoding)
{
  return encodingJson061(encoding).dump();
}

} // namespace quantlens
