#pragma once

#include "quant/Encoding.h"

#include <optional>
#include <vector>

namespace quantlens {

/// How one quantizer behaves in one variant (FP32, W8A8, W4A8, Custom).
/// Variants are tables of these, not different graphs.
struct QuantizerSettings
{
  bool enabled = false;
  int bitwidth = 8;                 ///< 2..32
  QuantDtype dtype = QuantDtype::Int;
  bool symmetric = false;
  bool perChannel = false;          ///< parameters only
  /// Encodings fixed by the user or an imported file (one, or one per channel);
  /// when empty the encoding is computed from calibration statistics.
  std::vector<Encoding> fixedEncodings;

  bool operator==(const QuantizerSettings&) const = default;
};

/// A partial change to a quantizer's settings (an override-file entry, an
/// editor edit): only the fields that are set change.
struct QuantizerOverride
{
  std::optional<bool> enabled;
  std::optional<int> bitwidth;
  std::optional<bool> symmetric;
  std::optional<QuantDtype> dtype;
  std::optional<std::vector<Encoding>> fixedEncodings;

  bool operator==(const QuantizerOverride&) const = default;

  void applyTo(QuantizerSettings& settings) const
  {
    if (enabled)
      settings.enabled = *enabled;
    if (bitwidth)
      settings.bitwidth = *bitwidth;
    if (symmetric)
      settings.symmetric = *symmetric;
    if (dtype)
      settings.dtype = *dtype;
    if (fixedEncodings)
      settings.fixedEncodings = *fixedEncodings;
  }
};

} // namespace quantlens
