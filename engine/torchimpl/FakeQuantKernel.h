#pragma once

// Internal: includes torch. Only engine .cpp files may include this header.

#include "quant/Encoding.h"
#include "quant/TensorStatistics.h"

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace quantlens::torchops {

/// Largest grid (quant_max) handed to torch's fused fake_quantize ops: they
/// compute in float32, which holds every integer up to 2^24 but loses
/// half-step accuracy well before; above 16 bit the kernels use a double
/// formula instead.
inline constexpr std::int64_t kFusedMaxSteps = 65535;

/// Per-channel encodings as device tensors, built once per variant so a
/// forward pass copies nothing from the host. For grids up to 16 bit, `scale`
/// is float32 and `zeroPoint` int32 (what torch's fused op takes); above, both
/// are float64 for the double formula. zeroPoint = −offset; quantMax is the
/// grid's last step (2^bw − 1, or 2^bw − 2 when strict symmetric).
/// A float quantizer (dtype Float) has no tensors: it rounds to half.
struct DeviceEncodings
{
  torch::Tensor scale;
  torch::Tensor zeroPoint;
  int axis = 0;
  std::int64_t quantMin = 0;
  std::int64_t quantMax = 255;
  QuantDtype dtype = QuantDtype::Int;
  int bitwidth = 8;
};

/// Throws EngineError when the list is empty, the encodings disagree on
/// bitwidth, dtype or grid size, or one is not a usable grid.
DeviceEncodings makeDeviceEncodings(const std::vector<Encoding>& encodings, int axis, torch::Device device);

/// x̂ = scale·(clamp(round(x/scale) + zp, 0, quantMax) − zp), rounding half to
/// even, in x's dtype and on x's device (EncodingMath::quantizeDequantize on
/// every element, up to float32 rounding). A Float encoding rounds to half
/// (bitwidth 16) or leaves x as is (bitwidth 32).
torch::Tensor fakeQuantize(const torch::Tensor& x, const Encoding& encoding);
/// The same with one grid per slice of x along encodings.axis. Throws
/// EngineError when the channel count or the device does not match x.
torch::Tensor fakeQuantizePerChannel(const torch::Tensor& x, const DeviceEncodings& encodings);

/// fakeQuantize written into `x` itself: for activations nothing else reads
/// (saves an allocation and a pass over memory). Same values as fakeQuantize.
void fakeQuantizeInPlace(torch::Tensor& x, const Encoding& encoding);

/// Calibrator::accumulate on a tensor of any device and floating dtype, as
/// float32 values copied to the host: one call is one batch of AIMET's
/// statistics. Syncs with the device (calibration only). Throws EngineError on
/// NaN or infinite values.
void observe(const torch::Tensor& x, TensorStatistics& statistics, int bins = TensorStatistics::kDefaultBins);
/// One TensorStatistics per slice of a weight along axis (0 for Conv/Linear,
/// 1 for ConvTranspose).
std::vector<TensorStatistics> observePerChannel(const torch::Tensor& weight, int axis,
                                                int bins = TensorStatistics::kDefaultBins);

} // namespace quantlens::torchops
