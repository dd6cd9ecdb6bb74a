#include "session/EncodingsPreviewBuilder.h"

#include "core/JsonParsing.h"
#include "model/CustomVariantFile.h"
#include "model/EncodingsExchange.h"
#include "quant/EncodingsFile.h"
#include "quant/OverridesFile.h"

namespace quantlens {

namespace {

std::vector<QuantizerInfo> enabledQuantizers(const QuantSim& sim, const std::vector<QuantizerSettings>& settings)
{
  std::vector<QuantizerInfo> enabled;
  for (const auto& quantizer : sim.quantizers()) {
    if (settings[static_cast<std::size_t>(quantizer.id)].enabled)
      enabled.push_back(quantizer);
  }
  return enabled;
}

std::string formatName(const EncodingsDocument& document)
{
  return "AIMET encodings " + document.version;
}

} // namespace

void EncodingsPreviewBuilder::countEncodings(const QuantSim& sim,
                                             const EncodingsDocument& document,
                                             EncodingsPreview& preview)
{
  for (const auto& [name, encodings] : document.encodings) {
    const int id = sim.findQuantizer(name);
    const bool parameter = id >= 0 && sim.quantizers()[static_cast<std::size_t>(id)].kind == QuantizerKind::Parameter;
    ++(parameter ? preview.parameterEntries : preview.activationEntries);
    if (!encodings.empty())
      ++preview.bitwidths[encodings.front().bitwidth];
  }
}

EncodingsPreview EncodingsPreviewBuilder::forExport(const QuantSim& sim,
                                                    const std::vector<QuantizerSettings>& settings,
                                                    const EncodingsDocument& document,
                                                    bool format100,
                                                    const std::filesystem::path& file,
                                                    const std::string& variantName)
{
  EncodingsPreview preview;
  preview.direction = EncodingsPreview::Direction::Export;
  preview.file = file.string();
  preview.subject = variantName;
  preview.text = format100 ? EncodingsFile::toJson100(document) : EncodingsFile::toJson061(document);
  // Checked on the text as written, so a name the format cannot carry shows up as missing.
  const EncodingsDocument written = EncodingsFile::fromJson(preview.text, preview.file);
  preview.format = formatName(written);
  countEncodings(sim, written, preview);
  preview.missing = EncodingsExchange::missingNames(sim, written, enabledQuantizers(sim, settings));
  preview.unmatched = EncodingsExchange::unmatchedNames(sim, written);
  return preview;
}

EncodingsPreview EncodingsPreviewBuilder::forImport(const QuantSim& sim,
                                                    std::string_view text,
                                                    const std::filesystem::path& file)
{
  EncodingsPreview preview;
  preview.direction = EncodingsPreview::Direction::Import;
  preview.file = file.string();
  preview.text = std::string(text);
  if (CustomVariantFile::isOverrides(text, preview.file)) {
    const Overrides overrides = OverridesFile::fromJson(text, "'" + preview.file + "'");
    preview.format = "QuantLens overrides";
    preview.subject = (overrides.base ? overrides.base->toString() : std::string("W8A8")) +
                      (overrides.description.empty() ? std::string() : " · " + overrides.description);
    for (const auto& [name, change] : overrides.quantizers) {
      const int id = sim.findQuantizer(name);
      if (id < 0) {
        preview.unmatched.push_back(name);
        continue;
      }
      ++(sim.quantizers()[static_cast<std::size_t>(id)].kind == QuantizerKind::Parameter ? preview.parameterEntries
                                                                                         : preview.activationEntries);
      if (change.bitwidth)
        ++preview.bitwidths[*change.bitwidth];
    }
    return preview;
  }
  const EncodingsDocument document = EncodingsFile::fromJson(text, "'" + preview.file + "'");
  preview.format = formatName(document);
  preview.subject = document.quantizerArgs ? document.quantizerArgs->quantScheme : std::string();
  countEncodings(sim, document, preview);
  // The quantizers a quantsim config enables do not depend on the preset's bitwidths.
  preview.missing = EncodingsExchange::missingNames(
    sim, document, enabledQuantizers(sim, sim.presetSettings({ QuantPreset::Kind::W8A8 })));
  preview.unmatched = EncodingsExchange::unmatchedNames(sim, document);
  return preview;
}

} // namespace quantlens
