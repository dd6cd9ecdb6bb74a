#pragma once

#include "quant/Overrides.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace quantlens {

/// QuantLens's own per-quantizer override file (JSON):
///
///   { "format": "quantlens-overrides", "version": 1,
///     "base": "W4A8",                              // optional: FP32, W8A8, W4A8
///     "description": "SalsaNext W4A8 (aimet-model-zoo)", // optional
///     "quantizers": {
///       "downCntx.conv1.input[0]":  { "bitwidth": 16 },
///       "downCntx.conv1.weight":    { "bitwidth": 8, "symmetric": true },
///       "resBlock1.pool.output[0]": { "enabled": false },
///       "head.output[0]":           { "dtype": "float", "bitwidth": 16 },
///       "stem.input[0]":            { "encoding": { "bitwidth": 8, "dtype": "int", "is_symmetric": "False",
///                                                   "min": -1.0, "max": 3.0, "scale": 0.0157, "offset": -64 } } } }
///
/// Per quantizer, every field is optional: "enabled" (bool), "bitwidth" (integer
/// 2..32), "symmetric" (bool), "dtype" ("int" | "float"), "encoding" (fixed
/// encodings: one 0.6.1 ENC object, or a list of them, one per channel; an empty
/// list clears fixed encodings). Unknown keys anywhere are errors, so a typo
/// never goes unnoticed; messages name the file, the quantizer and the field.
class OverridesFile
{
public:
  static Overrides read(const std::filesystem::path& file);
  /// `sourceName` names the text in error messages.
  static Overrides fromJson(std::string_view jsonText, const std::string& sourceName);
  /// The file's text (sorted keys, indent 2); fromJson(toJson(x)) gives x back.
  static std::string toJson(const Overrides& overrides);
  /// Writes through an atomic rename. Throws EngineError for a bitwidth outside 2..32 or an empty name.
  static void write(const std::filesystem::path& file, const Overrides& overrides);

  static constexpr const char* kFormat = "quantlens-overrides";
  static constexpr int kVersion = 1;
  static constexpr int kMinBitwidth = 2;
  static constexpr int kMaxBitwidth = 32;
};

} // namespace quantlens
