#include "quant/QuantSimConfig.h"

#include "core/EmbeddedResources.h"
#include "core/EngineError.h"
#include "core/JsonParsing.h"
#include "core/FileIO.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace quantlens {

using Json = nlohmann::json;

/// Walks the JSON document of a config and fills a QuantSimConfig, checking
/// every key against AIMET's schema. Every problem is reported as
/// "<source>: <json path>: <problem>". (Not in an anonymous namespace: it is
/// QuantSimConfig's friend.)
class QuantSimConfigParser
{
public:
  explicit QuantSimConfigParser(const std::string& source)
    : source_(source)
  {
  }

  QuantSimConfig parse(std::string_view text) const
  {
    const Json root = parseJson(text);
    expectObject(root, "");
    checkKeys(root, "", { "defaults", "params", "op_type", "supergroups", "model_input", "model_output" });
    for (const char* key : { "defaults", "params", "op_type", "supergroups", "model_input", "model_output" })
      if (!root.contains(key))
        fail("", std::string("missing required section '") + key + "'");

    QuantSimConfig config;
    config.sourceName_ = source_;
    config.defaults_ = defaults(root.at("defaults"), "defaults");
    config.params_ = paramRules(root.at("params"), "params");
    config.opTypes_ = opTypes(root.at("op_type"), "op_type");
    config.supergroups_ = supergroups(root.at("supergroups"), "supergroups");
    const Json& modelInput = root.at("model_input");
    expectObject(modelInput, "model_input");
    checkKeys(modelInput, "model_input", { "is_input_quantized" });
    config.modelInputQuantized_ = optionalFlag(modelInput, "is_input_quantized", "model_input");
    const Json& modelOutput = root.at("model_output");
    expectObject(modelOutput, "model_output");
    checkKeys(modelOutput, "model_output", { "is_output_quantized" });
    config.modelOutputQuantized_ = optionalFlag(modelOutput, "is_output_quantized", "model_output");
    return config;
  }

private:
  [[noreturn]] void fail(const std::string& path, const std::string& problem) const
  {
    jsonparsing::fail(source_, path, problem);
  }

  Json parseJson(std::string_view text) const { return jsonparsing::parse(text, source_); }

  void expectObject(const Json& value, const std::string& path) const
  {
    if (!value.is_object())
      fail(path, "expected an object, got " + value.dump());
  }

  void checkKeys(const Json& object, const std::string& path, std::initializer_list<const char*> allowed) const
  {
    jsonparsing::checkKeys(object, source_, path, allowed);
  }

  bool flag(const Json& value, const std::string& path) const
  {
    if (value.is_string() && value.get<std::string>() == "True")
      return true;
    if (value.is_string() && value.get<std::string>() == "False")
      return false;
    fail(path, "expected \"True\" or \"False\", got " + value.dump());
  }

  std::optional<bool> optionalFlag(const Json& object, const char* key, const std::string& path) const
  {
    if (!object.contains(key))
      return std::nullopt;
    return flag(object.at(key), jsonparsing::join(path, key));
  }

  QuantSimConfig::Defaults defaults(const Json& section, const std::string& path) const
  {
    expectObject(section, path);
    checkKeys(section,
              path,
              { "ops",
                "params",
                "strict_symmetric",
                "unsigned_symmetric",
                "per_channel_quantization",
                "supported_kernels",
                "hw_version" });
    for (const char* key : { "ops", "params" })
      if (!section.contains(key))
        fail(path, std::string("missing required key '") + key + "'");
    QuantSimConfig::Defaults result;
    const Json& ops = section.at("ops");
    const std::string opsPath = jsonparsing::join(path, "ops");
    expectObject(ops, opsPath);
    checkKeys(ops, opsPath, { "is_input_quantized", "is_output_quantized", "is_symmetric" });
    result.inputQuantized = optionalFlag(ops, "is_input_quantized", opsPath);
    result.outputQuantized = optionalFlag(ops, "is_output_quantized", opsPath);
    result.activationSymmetric = optionalFlag(ops, "is_symmetric", opsPath);
    result.params = paramRule(section.at("params"), jsonparsing::join(path, "params"));
    result.strictSymmetric = optionalFlag(section, "strict_symmetric", path);
    result.unsignedSymmetric = optionalFlag(section, "unsigned_symmetric", path);
    result.perChannel = optionalFlag(section, "per_channel_quantization", path);
    if (section.contains("supported_kernels"))
      result.supportedKernels =
        supportedKernels(section.at("supported_kernels"), jsonparsing::join(path, "supported_kernels"), true);
    if (section.contains("hw_version")) {
      const Json& version = section.at("hw_version");
      if (!version.is_string())
        fail(jsonparsing::join(path, "hw_version"), "expected a string, got " + version.dump());
      result.hwVersion = version.get<std::string>();
    }
    return result;
  }

  QuantSimConfig::ParamRule paramRule(const Json& entry, const std::string& path) const
  {
    expectObject(entry, path);
    checkKeys(entry, path, { "is_quantized", "is_symmetric" });
    return { optionalFlag(entry, "is_quantized", path), optionalFlag(entry, "is_symmetric", path) };
  }

  std::map<std::string, QuantSimConfig::ParamRule> paramRules(const Json& section, const std::string& path) const
  {
    expectObject(section, path);
    std::map<std::string, QuantSimConfig::ParamRule> rules;
    for (const auto& [name, entry] : section.items())
      rules[name] = paramRule(entry, jsonparsing::join(path, name));
    return rules;
  }

  std::map<std::string, QuantSimConfig::OpTypeRule> opTypes(const Json& section, const std::string& path) const
  {
    expectObject(section, path);
    std::map<std::string, QuantSimConfig::OpTypeRule> rules;
    for (const auto& [name, entry] : section.items())
      rules[name] = opTypeRule(entry, jsonparsing::join(path, name));
    return rules;
  }

  QuantSimConfig::OpTypeRule opTypeRule(const Json& entry, const std::string& path) const
  {
    expectObject(entry, path);
    checkKeys(entry,
              path,
              { "is_input_quantized",
                "is_output_quantized",
                "is_symmetric",
                "params",
                "supported_kernels",
                "per_channel_quantization",
                "encoding_constraints" });
    QuantSimConfig::OpTypeRule rule;
    rule.inputQuantized = optionalFlag(entry, "is_input_quantized", path);
    rule.outputQuantized = optionalFlag(entry, "is_output_quantized", path);
    rule.activationSymmetric = optionalFlag(entry, "is_symmetric", path);
    rule.perChannel = optionalFlag(entry, "per_channel_quantization", path);
    if (entry.contains("params"))
      rule.params = paramRules(entry.at("params"), jsonparsing::join(path, "params"));
    if (entry.contains("supported_kernels"))
      rule.supportedKernels = supportedKernels(entry.at("supported_kernels"), jsonparsing::join(path, "supported_kernels"), false);
    if (entry.contains("encoding_constraints"))
      rule.encodingConstraints =
        encodingConstraints(entry.at("encoding_constraints"), jsonparsing::join(path, "encoding_constraints"));
    return rule;
  }

  QuantSimConfig::EncodingConstraints encodingConstraints(const Json& entry, const std::string& path) const
  {
    expectObject(entry, path);
    checkKeys(entry, path, { "min", "max" });
    QuantSimConfig::EncodingConstraints constraints;
    for (const char* key : { "min", "max" }) {
      if (!entry.contains(key))
        fail(path, std::string("missing required key '") + key + "'");
      if (!entry.at(key).is_number())
        fail(jsonparsing::join(path, key), "expected a number, got " + entry.at(key).dump());
    }
    constraints.min = entry.at("min").get<double>();
    constraints.max = entry.at("max").get<double>();
    return constraints;
  }

  /// AIMET requires `param` in the defaults' kernels, not in an op type's.
  std::vector<QuantSimConfig::SupportedKernel> supportedKernels(const Json& list,
                                                                const std::string& path,
                                                                bool paramRequired) const
  {
    if (!list.is_array() || list.empty())
      fail(path, "expected a non-empty list, got " + list.dump());
    std::vector<QuantSimConfig::SupportedKernel> kernels;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Json& entry = list[i];
      const std::string entryPath = path + "[" + std::to_string(i) + "]";
      expectObject(entry, entryPath);
      checkKeys(entry, entryPath, { "activation", "param" });
      if (!entry.contains("activation"))
        fail(entryPath, "missing required key 'activation'");
      if (paramRequired && !entry.contains("param"))
        fail(entryPath, "missing required key 'param'");
      QuantSimConfig::SupportedKernel kernel;
      std::tie(kernel.activationBitwidth, kernel.activationDtype) =
        kernelSide(entry.at("activation"), jsonparsing::join(entryPath, "activation"));
      if (entry.contains("param")) {
        const auto [bitwidth, dtype] = kernelSide(entry.at("param"), jsonparsing::join(entryPath, "param"));
        kernel.paramBitwidth = bitwidth;
        kernel.paramDtype = dtype;
      }
      kernels.push_back(kernel);
    }
    return kernels;
  }

  std::pair<int, QuantDtype> kernelSide(const Json& entry, const std::string& path) const
  {
    expectObject(entry, path);
    checkKeys(entry, path, { "bitwidth", "dtype" });
    if (!entry.contains("bitwidth") || !entry.contains("dtype"))
      fail(path, "needs 'bitwidth' and 'dtype'");
    const Json& bitwidth = entry.at("bitwidth");
    if (!bitwidth.is_number_integer() || (bitwidth != 4 && bitwidth != 8 && bitwidth != 16 && bitwidth != 32))
      fail(jsonparsing::join(path, "bitwidth"), "expected 4, 8, 16 or 32, got " + bitwidth.dump());
    const Json& dtype = entry.at("dtype");
    if (dtype != "int" && dtype != "float")
      fail(jsonparsing::join(path, "dtype"), "expected \"int\" or \"float\", got " + dtype.dump());
    return { bitwidth.get<int>(), dtype == "int" ? QuantDtype::Int : QuantDtype::Float };
  }

  std::vector<std::vector<std::string>> supergroups(const Json& list, const std::string& path) const
  {
    if (!list.is_array())
      fail(path, "expected a list, got " + list.dump());
    std::vector<std::vector<std::string>> groups;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Json& entry = list[i];
      const std::string entryPath = path + "[" + std::to_string(i) + "]";
      expectObject(entry, entryPath);
      checkKeys(entry, entryPath, { "op_list" });
      if (!entry.contains("op_list"))
        fail(entryPath, "missing required key 'op_list'");
      const Json& ops = entry.at("op_list");
      const std::string opsPath = jsonparsing::join(entryPath, "op_list");
      if (!ops.is_array() || ops.size() < 2)
        fail(opsPath, "expected a list of at least two op type names, got " + ops.dump());
      std::vector<std::string> group;
      for (std::size_t j = 0; j < ops.size(); ++j) {
        if (!ops[j].is_string())
          fail(opsPath + "[" + std::to_string(j) + "]", "expected an op type name (a string), got " + ops[j].dump());
        group.push_back(ops[j].get<std::string>());
      }
      groups.push_back(std::move(group));
    }
    return groups;
  }

  std::string source_;
};

QuantSimConfig QuantSimConfig::fromFile(const std::filesystem::path& file)
{
  return fromJson(fileio::readText(file), file.string());
}

QuantSimConfig QuantSimConfig::fromJson(std::string_view jsonText, const std::string& sourceName)
{
  return QuantSimConfigParser(sourceName).parse(jsonText);
}

QuantSimConfig QuantSimConfig::defaultPerChannel()
{
  static const QuantSimConfig config = fromJson(embeddedResource("quantsim/aimet_default_config_per_channel.json"),
                                                "quantsim/aimet_default_config_per_channel.json");
  return config;
}

QuantSimConfig QuantSimConfig::defaultPerTensor()
{
  static const QuantSimConfig config =
    fromJson(embeddedResource("quantsim/aimet_default_config.json"), "quantsim/aimet_default_config.json");
  return config;
}

const QuantSimConfig::OpTypeRule* QuantSimConfig::opType(const std::string& opType) const
{
  const auto found = opTypes_.find(opType);
  return found == opTypes_.end() ? nullptr : &found->second;
}

const QuantSimConfig::ParamRule* QuantSimConfig::opTypeParam(const std::string& type,
                                                             const std::string& paramName) const
{
  const OpTypeRule* rule = opType(type);
  if (!rule)
    return nullptr;
  const auto found = rule->params.find(paramName);
  return found == rule->params.end() ? nullptr : &found->second;
}

const QuantSimConfig::ParamRule* QuantSimConfig::globalParam(const std::string& paramName) const
{
  const auto found = params_.find(paramName);
  return found == params_.end() ? nullptr : &found->second;
}

bool QuantSimConfig::outputQuantized(const std::string& type) const
{
  const OpTypeRule* rule = opType(type);
  if (rule && rule->outputQuantized)
    return *rule->outputQuantized;
  return defaults_.outputQuantized.value_or(false);
}

bool QuantSimConfig::inputQuantized(const std::string& type) const
{
  const OpTypeRule* rule = opType(type);
  if (rule && rule->inputQuantized)
    return *rule->inputQuantized;
  return defaults_.inputQuantized.value_or(false);
}

bool QuantSimConfig::activationSymmetric(const std::string& type) const
{
  const OpTypeRule* rule = opType(type);
  if (rule && rule->activationSymmetric)
    return *rule->activationSymmetric;
  return defaults_.activationSymmetric.value_or(false);
}

bool QuantSimConfig::paramQuantized(const std::string& type, const std::string& paramName) const
{
  if (const ParamRule* rule = opTypeParam(type, paramName); rule && rule->quantized)
    return *rule->quantized;
  if (const ParamRule* rule = globalParam(paramName); rule && rule->quantized)
    return *rule->quantized;
  return defaults_.params.quantized.value_or(false);
}

bool QuantSimConfig::paramSymmetric(const std::string& type, const std::string& paramName) const
{
  if (const ParamRule* rule = opTypeParam(type, paramName); rule && rule->symmetric)
    return *rule->symmetric;
  if (const ParamRule* rule = globalParam(paramName); rule && rule->symmetric)
    return *rule->symmetric;
  return defaults_.params.symmetric.value_or(false);
}

bool QuantSimConfig::perChannel(const std::string& type) const
{
  const OpTypeRule* rule = opType(type);
  if (rule && rule->perChannel)
    return *rule->perChannel;
  return defaults_.perChannel.value_or(false);
}

std::optional<QuantSimConfig::EncodingConstraints> QuantSimConfig::encodingConstraints(const std::string& type) const
{
  const OpTypeRule* rule = opType(type);
  return rule ? rule->encodingConstraints : std::nullopt;
}

} // namespace quantlens
