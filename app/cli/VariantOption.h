#pragma once

#include "CommandLine.h"

#include "model/CustomVariantFile.h"
#include "model/QuantSim.h"

#include <string>
#include <vector>

namespace quantlens::cli {

/// One variant named on the command line: a preset (FP32, W8A8, W4A8) or
/// custom:FILE, where FILE is a QuantLens override file or any AIMET
/// encodings file (CustomVariantFile tells them apart by content). Every
/// command that takes a variant reads it here, so they all accept the same.
struct VariantOption
{
  std::string label;                           ///< "W4A8", "custom:recipe.json"
  QuantPreset base{ QuantPreset::Kind::W8A8 }; ///< the preset, or what the custom file builds on
  std::vector<QuantizerSettings> settings;     ///< one per quantizer of the model
  bool fromEncodings = false;                  ///< a custom file that was an AIMET encodings file

  bool quantizes() const;

  /// "FP32", "W8A8", "W4A8" or "custom:FILE"; an override file without a
  /// base builds on `defaultBase`. UsageError for anything else.
  static VariantOption parse(const QuantSim& sim,
                             const std::string& text,
                             QuantPreset defaultBase = QuantPreset{ QuantPreset::Kind::W8A8 });
  /// --preset P and, when given, --overrides FILE on top of it (an override
  /// file changes the preset; an encodings file replaces it).
  static VariantOption fromOptions(const QuantSim& sim, const CommandLine& options);
  /// Checks the syntax of a --preset value before any work starts.
  static void checkSyntax(const std::string& text);
  /// "a quantized variant: W8A8, W4A8 or custom:FILE" for help texts.
  static const char* quantizedHelp();
};

} // namespace quantlens::cli
