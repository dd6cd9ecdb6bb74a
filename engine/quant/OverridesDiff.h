#pragma once

#include "quant/Overrides.h"
#include "quant/QuantizerInfo.h"
#include "quant/QuantizerSettings.h"

#include <vector>

namespace quantlens {

/// The override file that turns one settings table into another: what the
/// quantizer editor saves and what automatic mixed precision writes. Only
/// the quantizers and fields that differ are listed, so the file stays a
/// readable recipe on top of its base preset.
class OverridesDiff
{
public:
  /// Throws EngineError when the tables do not fit the quantizer list, or
  /// when a quantizer changes per-channel quantization (a file cannot say so).
  static Overrides between(const std::vector<QuantizerInfo>& quantizers, const std::vector<QuantizerSettings>& base,
                           const std::vector<QuantizerSettings>& edited);
  /// The changed fields of one quantizer.
  static QuantizerOverride change(const QuantizerSettings& from, const QuantizerSettings& to);
};

} // namespace quantlens
