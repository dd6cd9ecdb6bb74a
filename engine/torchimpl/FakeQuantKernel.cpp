#include "torchimpl/FakeQuantKernel.h"

#include "core/EngineError.h"
#include "quant/Calibrator.h"
#include "quant/EncodingMath.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace quantlens::torchops {

namespace {

/// A float quantizer: float16 is simulated by a round trip through half.
torch::Tensor floatQuantize(const torch::Tensor& x, int bitwidth)
{
  if (bitwidth == 16)
    return x.to(torch::kHalf).to(x.scalar_type());
  if (bitwidth == 32)
    return x;
  throw EngineError("float quantizer with bitwidth " + std::to_string(bitwidth) +
                    " is not supported (valid: 16 or 32)");
}

/// Torch's fused ops compute in float32; half and bfloat16 inputs go through
/// float32 and back, float64 inputs take the exact double formula.
bool fusedOpFits(const torch::Tensor& x, std::int64_t quantMax)
{
  const auto type = x.scalar_type();
  return quantMax <= kFusedMaxSteps &&
         (type == torch::kFloat || type == torch::kHalf || type == torch::kBFloat16);
}

/// The fused ops' formula in double, for grids too fine for float32. `scale`
/// and `zeroPoint` are doubles or tensors broadcastable to x.
template <typename Scale, typename ZeroPoint>
torch::Tensor formulaQuantize(const torch::Tensor& x, const Scale& scale, const ZeroPoint& zeroPoint,
                              std::int64_t quantMin, std::int64_t quantMax)
{
  const auto xd = x.to(torch::kDouble);
  // torch::round rounds half to even, like std::nearbyint in EncodingMath.
  const auto q = torch::clamp(torch::round(xd / scale) + zeroPoint, static_cast<double>(quantMin),
                              static_cast<double>(quantMax));
  return ((q - zeroPoint) * scale).to(x.scalar_type());
}

int normalizedAxis(int axis, std::int64_t dimensions)
{
  const auto normalized = axis < 0 ? axis + dimensions : axis;
  if (normalized < 0 || normalized >= std::max<std::int64_t>(dimensions, 1))
    throw EngineError("per-channel axis " + std::to_string(axis) + " does not exist in a tensor with " +
                      std::to_string(dimensions) + " dimensions");
  return static_cast<int>(normalized);
}

/// The per-tensor CPU path: torch's own formula (x·(1/scale) in float32,
/// round half to even, + zero point, clamp, back to float) without the
/// gradient mask torch 1.13's op always computes, and optionally in place.
/// Activation fake-quant is memory-bound, so the mask and the fresh output
/// were most of simulation's cost on the CPU.
bool cpuLoopFits(const torch::Tensor& x, std::int64_t quantMax)
{
  return x.device().is_cpu() && x.scalar_type() == torch::kFloat && x.is_contiguous() && quantMax <= 65535;
}

void cpuFakeQuantize(const torch::Tensor& input, torch::Tensor& output, double scale, std::int64_t zeroPoint,
                     std::int64_t quantMax)
{
  const float scaleF = static_cast<float>(scale);
  const float inverseScale = 1.0f / scaleF;
  const float zero = static_cast<float>(zeroPoint);
  const float top = static_cast<float>(quantMax);
  // Adding and subtracting 1.5·2^23 rounds a float to the nearest integer, ties to
  // even, for |v| < 2^22; values are first clamped to just outside the grid.
  constexpr float kRound = 12582912.0f;
  const float low = -zero - 1.0f;
  const float high = top - zero + 1.0f;
  const float* in = input.data_ptr<float>();
  float* out = output.data_ptr<float>();
  at::parallel_for(0, input.numel(), 1 << 15, [&](std::int64_t begin, std::int64_t end) {
    for (std::int64_t i = begin; i < end; ++i) {
      const float scaled = std::min(std::max(in[i] * inverseScale, low), high);
      const float rounded = (scaled + kRound) - kRound;
      const float level = std::min(std::max(rounded + zero, 0.0f), top);
      out[i] = (level - zero) * scaleF;
    }
  });
}

} // namespace

DeviceEncodings makeDeviceEncodings(const std::vector<Encoding>& encodings, int axis, torch::Device device)
{
  if (encodings.empty())
    throw EngineError("per-channel quantizer has no encodings");
  const Encoding& first = encodings.front();
  DeviceEncodings result;
  result.axis = axis;
  result.dtype = first.dtype;
  result.bitwidth = first.bitwidth;
  for (const Encoding& encoding : encodings) {
    if (encoding.bitwidth != first.bitwidth || encoding.dtype != first.dtype)
      throw EngineError("per-channel encodings disagree: every channel must have the same bitwidth and dtype");
  }
  if (first.dtype == QuantDtype::Float)
    return result;

  result.quantMax = EncodingMath::gridSteps(first);
  std::vector<double> scales;
  std::vector<double> zeroPoints;
  for (const Encoding& encoding : encodings) {
    EncodingMath::validateGrid(encoding);
    if (EncodingMath::gridSteps(encoding) != result.quantMax)
      throw EngineError("per-channel encodings disagree: every channel must have the same number of grid steps");
    scales.push_back(encoding.scale);
    zeroPoints.push_back(static_cast<double>(-encoding.offset));
  }
  const bool fused = result.quantMax <= kFusedMaxSteps;
  const auto count = static_cast<std::int64_t>(encodings.size());
  const auto hostOptions = torch::TensorOptions().dtype(torch::kDouble);
  result.scale = torch::from_blob(scales.data(), {count}, hostOptions)
                   .to(device, fused ? torch::kFloat : torch::kDouble, false, true);
  result.zeroPoint = torch::from_blob(zeroPoints.data(), {count}, hostOptions)
                       .to(device, fused ? torch::kInt : torch::kDouble, false, true);
  return result;
}

torch::Tensor fakeQuantize(const torch::Tensor& x, const Encoding& encoding)
{
  if (encoding.dtype == QuantDtype::Float)
    return floatQuantize(x, encoding.bitwidth);
  EncodingMath::validateGrid(encoding);
  const std::int64_t quantMax = EncodingMath::gridSteps(encoding);
  const std::int64_t zeroPoint = -encoding.offset;
  if (cpuLoopFits(x, quantMax)) {
    torch::Tensor result = torch::empty_like(x);
    cpuFakeQuantize(x, result, encoding.scale, zeroPoint, quantMax);
    return result;
  }
  if (fusedOpFits(x, quantMax))
    return torch::fake_quantize_per_tensor_affine(x.to(torch::kFloat), encoding.scale, zeroPoint, 0, quantMax)
      .to(x.scalar_type());
  return formulaQuantize(x, encoding.scale, static_cast<double>(zeroPoint), 0, quantMax);
}

void fakeQuantizeInPlace(torch::Tensor& x, const Encoding& encoding)
{
  if (encoding.dtype == QuantDtype::Int) {
    EncodingMath::validateGrid(encoding);
    const std::int64_t quantMax = EncodingMath::gridSteps(encoding);
    if (cpuLoopFits(x, quantMax)) {
      cpuFakeQuantize(x, x, encoding.scale, -encoding.offset, quantMax);
      return;
    }
  }
  x.copy_(fakeQuantize(x, encoding));
}

torch::Tensor fakeQuantizePerChannel(const torch::Tensor& x, const DeviceEncodings& encodings)
{
  if (encodings.dtype == QuantDtype::Float)
    return floatQuantize(x, encodings.bitwidth);
  const int axis = normalizedAxis(encodings.axis, x.dim());
  if (x.dim() == 0 || x.size(axis) != encodings.scale.numel())
    throw EngineError("per-channel quantizer has " + std::to_string(encodings.scale.numel()) +
                      " encodings but the tensor has " + std::to_string(x.dim() == 0 ? 0 : x.size(axis)) +
                      " channels along axis " + std::to_string(axis));
  if (x.device() != encodings.scale.device())
    throw EngineError("per-channel encodings live on " + encodings.scale.device().str() + " but the tensor on " +
                      x.device().str() + ": build them for the tensor's device");
  if (fusedOpFits(x, encodings.quantMax))
    return torch::fake_quantize_per_channel_affine(x.to(torch::kFloat), encodings.scale, encodings.zeroPoint, axis,
                                                   encodings.quantMin, encodings.quantMax)
      .to(x.scalar_type());
  std::vector<std::int64_t> shape(static_cast<std::size_t>(x.dim()), 1);
  shape[static_cast<std::size_t>(axis)] = encodings.scale.numel();
  return formulaQuantize(x, encodings.scale.to(torch::kDouble).view(shape),
                         encodings.zeroPoint.to(torch::kDouble).view(shape), encodings.quantMin, encodings.quantMax);
}

void observe(const torch::Tensor& x, TensorStatistics& statistics, int bins)
{
  // AIMET's observer takes float32 values on the host (or a GPU kernel with
  // the same float arithmetic); a copy keeps one implementation of its rules.
  const auto values = x.detach().to(torch::kCPU, torch::kFloat).contiguous();
  Calibrator::accumulate(statistics, values.data_ptr<float>(), static_cast<std::size_t>(values.numel()), bins);
}

std::vector<TensorStatistics> observePerChannel(const torch::Tensor& weight, int axis, int bins)
{
  const int channelAxis = normalizedAxis(axis, weight.dim());
  if (weight.dim() == 0)
    throw EngineError("per-channel statistics need a tensor with at least one dimension");
  const auto channels = weight.size(channelAxis);
  const auto rows = weight.detach().movedim(channelAxis, 0).reshape({channels, -1});
  std::vector<TensorStatistics> statistics(static_cast<std::size_t>(channels));
  for (std::int64_t c = 0; c < channels; ++c)
    observe(rows[c], statistics[static_cast<std::size_t>(c)], bins);
  return statistics;
}

} // namespace quantlens::torchops
