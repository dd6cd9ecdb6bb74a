#include "VariantOption.h"

#include "core/EngineError.h"

namespace quantlens::cli {

namespace {

constexpr const char* kCustomPrefix = "custom:";

bool isCustom(const std::string& text)
{
  return text.rfind(kCustomPrefix, 0) == 0;
}

} // namespace

bool VariantOption::quantizes() const
{
  for (const auto& setting : settings) {
    if (setting.enabled)
      return true;
  }
  return false;
}

void VariantOption::checkSyntax(const std::string& text)
{
  if (isCustom(text)) {
    if (text.size() == std::string(kCustomPrefix).size())
      throw UsageError("'custom:' needs a file: custom:recipe.json or custom:model_torch.encodings");
    return;
  }
  try {
    QuantPreset::parse(text);
  } catch (const EngineError&) {
    throw UsageError("unknown variant '" + text +
                     "' (expected FP32, W8A8, W4A8 or custom:FILE with an override or AIMET encodings file)");
  }
}

VariantOption VariantOption::parse(const QuantSim& sim, const std::string& text, QuantPreset defaultBase)
{
  checkSyntax(text);
  VariantOption option;
  if (!isCustom(text)) {
    option.base = QuantPreset::parse(text);
    option.label = option.base.toString();
    option.settings = sim.presetSettings(option.base);
    return option;
  }
  const std::string file = text.substr(std::string(kCustomPrefix).size());
  CustomVariant custom = CustomVariantFile::read(sim, file, defaultBase);
  option.label = text;
  option.base = custom.base;
  option.settings = std::move(custom.settings);
  option.fromEncodings = custom.source == CustomVariant::Source::Encodings;
  return option;
}

VariantOption VariantOption::fromOptions(const QuantSim& sim, const CommandLine& options)
{
  const std::string preset = options.required("preset");
  if (!options.has("overrides"))
    return parse(sim, preset);
  if (isCustom(preset))
    throw UsageError("give either --preset custom:FILE or --overrides FILE, not both");
  const QuantPreset base = QuantPreset::parse(preset);
  VariantOption option = parse(sim, std::string(kCustomPrefix) + options.required("overrides"), base);
  option.label = base.toString() + "+" + options.required("overrides");
  return option;
}

const char* VariantOption::quantizedHelp()
{
  return "W8A8, W4A8, or custom:FILE (a QuantLens override file or any AIMET encodings file)";
}

} // namespace quantlens::cli
