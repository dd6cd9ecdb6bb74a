#pragma once

#include <string>

namespace quantlens {

/// The standard variants: the bitwidths of weights and activations.
/// Custom = a preset plus overrides.
struct QuantPreset
{
  enum class Kind { Fp32, W8A8, W4A8 };

  Kind kind = Kind::W8A8;

  int weightBitwidth() const { return kind == Kind::W4A8 ? 4 : 8; }
  int activationBitwidth() const { return 8; }
  bool quantizes() const { return kind != Kind::Fp32; }

  /// "FP32", "W8A8", "W4A8" (case-insensitive); EngineError otherwise.
  static QuantPreset parse(const std::string& text);
  std::string toString() const;

  bool operator==(const QuantPreset&) const = default;
};

} // namespace quantlens
