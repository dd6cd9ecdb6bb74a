#pragma once

#include "quant/Encoding.h"

#include <cstdint>

namespace quantlens {

/// AIMET's encoding math (ModelOptimizations/DlQuantization/src/quantization_utils.cpp):
/// from a calibrated range to a grid, and the scalar quantize-dequantize that
/// defines what a grid does to a value. Torch-free; the tensor kernels
/// (torchimpl/FakeQuantKernel) must agree with quantizeDequantize.
///
/// Every range first goes through AIMET's gates: min ≤ 0 ≤ max and
/// max ≥ min + 0.01, so zero is exactly representable and a degenerate range
/// (min = max = 0) still gives a positive scale.
///
/// Rounding: half to even (std::nearbyint in the default rounding mode), like
/// torch's fake_quantize ops and AIMET's newer torch backend. AIMET's older C++
/// backend rounds half away from zero; the two differ only for values exactly
/// halfway between two grid points.
class EncodingMath
{
public:
  /// Gap AIMET's TfEncodingAnalyzer forces between min and max.
  static constexpr double kMinRange = 0.01;

  /// Asymmetric grid (activations): the gated range keeps its width and shifts
  /// so that 0 falls on a grid point. offset ≤ 0, min = scale·offset.
  static Encoding asymmetric(double min, double max, int bitwidth);
  /// Signed symmetric grid (weights): scale = absmax / floor(steps/2),
  /// offset = −ceil(steps/2) (−128 at 8 bit; −127 when strict).
  static Encoding signedSymmetric(double min, double max, int bitwidth, bool strict);
  /// Unsigned symmetric grid for data with min ≥ 0: the asymmetric grid of
  /// [0, max], offset 0, marked symmetric. With min < 0 the data are signed and
  /// the signed symmetric grid is returned instead (as AIMET does).
  static Encoding unsignedSymmetric(double min, double max, int bitwidth);
  /// The grid a quantizer with these flags gets for [min, max].
  static Encoding forQuantizer(double min, double max, int bitwidth, bool symmetric, bool unsignedSymmetric,
                               bool strictSymmetric);

  /// x̂ = scale·(q + offset), q = round(clamp(x, min, max)/scale − offset) in [0, 2^bw − 1].
  static double quantizeDequantize(double x, const Encoding& encoding);

  /// 2^bitwidth − 1. Throws EngineError unless 2 ≤ bitwidth ≤ 32.
  static double stepCount(int bitwidth);
  /// Throws EngineError naming the value unless 2 ≤ bitwidth ≤ 32.
  static void validateBitwidth(int bitwidth);
  /// The largest q of this grid: round((max − min)/scale), i.e. 2^bw − 1, or
  /// 2^bw − 2 for strict symmetric grids; never more than 2^bw − 1.
  static std::int64_t gridSteps(const Encoding& encoding);
  /// Throws EngineError unless the encoding is a usable integer grid: valid
  /// bitwidth, finite scale > 0, offset in [−gridSteps, 0].
  static void validateGrid(const Encoding& encoding);
};

} // namespace quantlens
