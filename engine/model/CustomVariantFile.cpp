#include "model/CustomVariantFile.h"

#include "core/FileIO.h"
#include "core/JsonParsing.h"
#include "model/EncodingsExchange.h"
#include "quant/EncodingsFile.h"
#include "quant/OverridesFile.h"

namespace quantlens {

CustomVariant CustomVariantFile::read(const QuantSim& sim, const std::filesystem::path& file, QuantPreset defaultBase)
{
  return fromText(sim, fileio::readText(file), file.string(), defaultBase);
}

bool CustomVariantFile::isOverrides(std::string_view text, const std::string& fileName)
{
  const auto root = jsonparsing::parse(text, "'" + fileName + "'");
  return root.is_object() && root.contains("format") && root.at("format") == OverridesFile::kFormat;
}

CustomVariant CustomVariantFile::fromText(const QuantSim& sim,
                                          std::string_view text,
                                          const std::string& fileName,
                                          QuantPreset defaultBase)
{
  const std::string source = "'" + fileName + "'";
  const std::string shortName = std::filesystem::path(fileName).filename().string();
  CustomVariant variant;
  if (isOverrides(text, fileName)) {
    const Overrides overrides = OverridesFile::fromJson(text, source);
    variant.source = CustomVariant::Source::Overrides;
    variant.base = overrides.base.value_or(defaultBase);
    variant.settings = EncodingsExchange::customSettings(sim, variant.base, overrides, source);
    variant.description = "overrides " + shortName;
    return variant;
  }
  const EncodingsDocument document = EncodingsFile::fromJson(text, source);
  variant.source = CustomVariant::Source::Encodings;
  variant.base = defaultBase;
  variant.settings = EncodingsExchange::settingsFrom(sim, document, source);
  variant.description = "encodings " + shortName;
  return variant;
}

} // namespace quantlens
