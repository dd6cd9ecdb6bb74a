#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace quantlens {

/// How far a variant's activation at one quantizer lies from FP32's at the
/// same place, summed over inputs: the variant's tensor there (after its
/// fake-quant, so it includes the error of every quantizer upstream) against
/// the FP32 network's tensor at that node.
struct ActivationError
{
  int id = -1;               ///< quantizer id
  std::uint64_t elements = 0; ///< compared elements over all inputs; 0 for parameter quantizers
  double signalPower = 0.0;  ///< Σ fp32²
  double noisePower = 0.0;   ///< Σ (variant − fp32)²

  /// Mean squared error per element; 0 without elements.
  double mse() const { return elements ? noisePower / static_cast<double>(elements) : 0.0; }
  /// 10·log10(signal / noise) in dB: +inf when the variant equals FP32 there,
  /// NaN without elements.
  double sqnrDb() const
  {
    if (elements == 0)
      return std::numeric_limits<double>::quiet_NaN();
    if (noisePower == 0.0)
      return std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(signalPower / noisePower);
  }
};

} // namespace quantlens
