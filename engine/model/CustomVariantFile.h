#pragma once

#include "model/QuantSim.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace quantlens {

/// A Custom variant read from a file, and what it came from.
struct CustomVariant
{
  enum class Source
  {
    Overrides, ///< a QuantLens override file: a base preset plus per-quantizer changes
    Encodings  ///< an AIMET encodings file: exactly its quantizers, with its encodings fixed
  };

  Source source = Source::Overrides;
  std::vector<QuantizerSettings> settings; ///< one per quantizer of the model
  /// The preset the variant builds on: the override file's base, else the caller's default.
  QuantPreset base{ QuantPreset::Kind::W8A8 };
  std::string description; ///< "overrides recipe.json", "encodings model_torch.encodings"
};

/// Every place that takes a Custom variant (the CLI's custom:FILE and
/// --overrides, the window's Open Encodings, sessions) reads it here, so they
/// all accept the same files: a QuantLens override file or any AIMET encodings
/// file, told apart by content ("format": "quantlens-overrides" marks an
/// override file; anything else is read as AIMET encodings, whose reader
/// recognises every AIMET layout or says why not). Names may be QuantLens's
/// or AIMET's (QuantSim::findQuantizer). Errors name the file.
class CustomVariantFile
{
public:
  static CustomVariant read(const QuantSim& sim,
                            const std::filesystem::path& file,
                            QuantPreset defaultBase = QuantPreset{ QuantPreset::Kind::W8A8 });
  /// `fileName` names the text in descriptions and errors.
  static CustomVariant fromText(const QuantSim& sim,
                                std::string_view text,
                                const std::string& fileName,
                                QuantPreset defaultBase = QuantPreset{ QuantPreset::Kind::W8A8 });
  /// Whether the text is a QuantLens override file (else it is read as encodings).
  /// Throws EngineError naming the file when the text is not JSON.
  static bool isOverrides(std::string_view text, const std::string& fileName);
};

} // namespace quantlens
