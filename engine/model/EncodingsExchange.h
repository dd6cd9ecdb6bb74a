#pragma once

#include "model/QuantSim.h"
#include "quant/EncodingsDocument.h"
#include "quant/Overrides.h"
#include "quant/QuantizerNaming.h"

#include <vector>

namespace quantlens {

/// Moves quantization choices between a QuantSim and files: override files in,
/// AIMET encodings out and back in. A name in a file may be QuantLens's or
/// AIMET's prepared-model name of a quantizer (QuantSim::findQuantizer); a name
/// the model lacks is an error listing every such name, and nothing is applied.
class EncodingsExchange
{
public:
  /// The overrides' base preset (or `preset` when it has none) with the overrides applied.
  static std::vector<QuantizerSettings> customSettings(const QuantSim& sim,
                                                       QuantPreset preset,
                                                       const Overrides& overrides,
                                                       const std::string& sourceName);

  /// Applies overrides to `settings` in place (all or nothing).
  static void applyOverrides(const QuantSim& sim,
                             const Overrides& overrides,
                             std::vector<QuantizerSettings>& settings,
                             const std::string& sourceName);

  /// The encodings of every enabled quantizer, ready for EncodingsFile, under
  /// AIMET's prepared-model names by default.
  static EncodingsDocument toDocument(const QuantSim& sim,
                                      const std::vector<QuantizerSettings>& settings,
                                      const EncodingTable& encodings,
                                      const QuantScheme& scheme,
                                      QuantizerNaming::Style naming = QuantizerNaming::Style::Aimet);

  /// Names in the document that no quantizer of the model answers to, sorted.
  static std::vector<std::string> unmatchedNames(const QuantSim& sim, const EncodingsDocument& document);
  /// Names of `quantizers` (in their order) the document has no encoding for,
  /// under any of their names. Pass the enabled quantizers: AIMET's strict
  /// loader wants exactly those.
  static std::vector<std::string> missingNames(const QuantSim& sim,
                                               const EncodingsDocument& document,
                                               const std::vector<QuantizerInfo>& quantizers);

  /// Settings that reproduce a document, as AIMET's strict loader does: every
  /// quantizer in the file is enabled with the file's bitwidth, symmetry and
  /// encodings (fixed); every other quantizer is disabled. With
  /// `ignoreUnmatched` false, names the model lacks are an error.
  static std::vector<QuantizerSettings> settingsFrom(const QuantSim& sim,
                                                     const EncodingsDocument& document,
                                                     const std::string& sourceName,
                                                     bool ignoreUnmatched = false);
};

} // namespace quantlens
