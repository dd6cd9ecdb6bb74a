#include "core/EngineError.h"
#include "quant/Calibrator.h"
#include "quant/EncodingMath.h"
#include "torchimpl/FakeQuantKernel.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

namespace quantlens {
namespace {

using torchops::fakeQuantize;
using torchops::fakeQuantizePerChannel;
using torchops::makeDeviceEncodings;

std::vector<double> toDoubles(const torch::Tensor& t)
{
  const auto d = t.detach().to(torch::kCPU, torch::kDouble).contiguous().reshape({-1});
  return {d.data_ptr<double>(), d.data_ptr<double>() + d.numel()};
}

std::vector<float> toFloats(const torch::Tensor& t)
{
  const auto f = t.detach().to(torch::kCPU, torch::kFloat).contiguous().reshape({-1});
  return {f.data_ptr<float>(), f.data_ptr<float>() + f.numel()};
}

/// Torch's fused op (grids up to 16 bit) decides the grid point from
/// x·(1/scale) in float32, so an element whose x/scale lies within float
/// rounding of a half step may land one step away from the double reference;
/// every other element must agree up to float rounding of the result. Wider
/// grids are computed in double: no such allowance.
void expectMatchesScalar(const torch::Tensor& input, const torch::Tensor& output, const Encoding& e,
                         std::int64_t stride = 1, std::int64_t channels = 1, const std::vector<Encoding>* perChannel = nullptr)
{
  const double tieTolerance = e.bitwidth <= 16 ? 4e-7 : 1e-12;
  const auto x = toDoubles(input);
  const auto y = toDoubles(output);
  ASSERT_EQ(x.size(), y.size());
  std::size_t ties = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const Encoding& grid = perChannel ? (*perChannel)[(i / static_cast<std::size_t>(stride)) % channels] : e;
    const double expected = EncodingMath::quantizeDequantize(x[i], grid);
    const double v = x[i] / grid.scale;
    const bool nearTie = std::abs(v - std::floor(v) - 0.5) <= tieTolerance * std::max(1.0, std::abs(v));
    if (nearTie) {
      ++ties;
      EXPECT_LE(std::abs(y[i] - expected), grid.scale * 1.0001) << "element " << i;
    } else {
      EXPECT_LE(std::abs(y[i] - expected), 1e-6 * std::max(std::abs(y[i]), std::abs(expected)) + 1e-12)
        << "element " << i << " x " << x[i] << " bw " << grid.bitwidth;
    }
  }
  EXPECT_LT(ties, x.size() / 10);
}

std::vector<Encoding> channelEncodings(int channels, int bitwidth, bool symmetric)
{
  std::vector<Encoding> encodings;
  for (int c = 0; c < channels; ++c) {
    const double low = -0.2 - 0.3 * c;
    const double high = 0.1 + 0.45 * c;
    encodings.push_back(symmetric ? EncodingMath::signedSymmetric(low, high, bitwidth, false)
                                  : EncodingMath::asymmetric(low, high, bitwidth));
  }
  return encodings;
}

TEST(FakeQuantKernelTest, PerTensorMatchesTorchAndScalarReference)
{
  torch::manual_seed(42);
  const auto x = torch::randn({4, 3, 17, 19}) * 2.0;
  for (int bitwidth : {4, 8, 16}) {
    for (const Encoding& e : {EncodingMath::asymmetric(-1.5, 2.5, bitwidth),
                              EncodingMath::signedSymmetric(-3.0, 1.0, bitwidth, false),
                              EncodingMath::signedSymmetric(-3.0, 1.0, bitwidth, true)}) {
      SCOPED_TRACE("bitwidth " + std::to_string(bitwidth) + " offset " + std::to_string(e.offset));
      const auto y = fakeQuantize(x, e);
      EXPECT_EQ(y.scalar_type(), torch::kFloat);
      EXPECT_EQ(y.sizes(), x.sizes());
      const auto quantMax = static_cast<std::int64_t>(std::llround((e.max - e.min) / e.scale));
      const auto direct = torch::fake_quantize_per_tensor_affine(x, e.scale, -e.offset, 0, quantMax);
      EXPECT_TRUE(torch::equal(y, direct));
      expectMatchesScalar(x, y, e);
    }
  }
}

TEST(FakeQuantKernelTest, StrictSymmetricNeverReachesTheUnusedTopStep)
{
  const Encoding strict = EncodingMath::signedSymmetric(-1.0, 1.0, 8, true);
  const auto y = fakeQuantize(torch::tensor({5.0f, -5.0f}), strict);
  EXPECT_NEAR(y[0].item<float>(), 1.0, 1e-6);
  EXPECT_NEAR(y[1].item<float>(), -1.0, 1e-6);
}

TEST(FakeQuantKernelTest, WideGridsUseTheDoubleFormula)
{
  torch::manual_seed(3);
  const auto x = torch::randn({5000}) * 2.0;
  for (int bitwidth : {20, 24, 32}) {
    const Encoding e = EncodingMath::asymmetric(-1.5, 2.5, bitwidth);
    expectMatchesScalar(x, fakeQuantize(x, e), e);
  }
  // Double input is computed in double: exact agreement with the scalar.
  const auto xd = torch::randn({2000}, torch::kDouble);
  const Encoding e = EncodingMath::asymmetric(-1.0, 1.0, 8);
  const auto y = toDoubles(fakeQuantize(xd, e));
  const auto xs = toDoubles(xd);
  for (std::size_t i = 0; i < xs.size(); ++i)
    EXPECT_NEAR(y[i], EncodingMath::quantizeDequantize(xs[i], e), 1e-15);
}

TEST(FakeQuantKernelTest, HalfInputKeepsItsDtype)
{
  const auto x = torch::linspace(-2.0, 2.0, 101).to(torch::kHalf);
  const Encoding e = EncodingMath::asymmetric(-1.0, 1.0, 8);
  const auto y = fakeQuantize(x, e);
  EXPECT_EQ(y.scalar_type(), torch::kHalf);
  const auto reference = torch::fake_quantize_per_tensor_affine(x.to(torch::kFloat), e.scale, -e.offset, 0, 255);
  EXPECT_TRUE(torch::equal(y, reference.to(torch::kHalf)));
}

TEST(FakeQuantKernelTest, FloatQuantizerRoundsToHalf)
{
  const auto x = torch::tensor({1.0f + 1e-4f, 3.14159265f, 70000.0f, -1e-8f});
  Encoding half;
  half.dtype = QuantDtype::Float;
  half.bitwidth = 16;
  const auto y = fakeQuantize(x, half);
  EXPECT_TRUE(torch::equal(y, x.to(torch::kHalf).to(torch::kFloat)));
  EXPECT_FALSE(torch::equal(y, x));
  EXPECT_TRUE(std::isinf(y[2].item<float>())); // beyond half's range, like a real fp16 tensor
  half.bitwidth = 8;
  EXPECT_THROW(fakeQuantize(x, half), EngineError);
}

TEST(FakeQuantKernelTest, PerChannelMatchesTorchAndScalarOnBothAxes)
{
  torch::manual_seed(7);
  for (int bitwidth : {4, 8, 16}) {
    for (bool symmetric : {false, true}) {
      for (int axis : {0, 1}) {
        SCOPED_TRACE("bitwidth " + std::to_string(bitwidth) + " axis " + std::to_string(axis));
        const std::vector<std::int64_t> shape = axis == 0 ? std::vector<std::int64_t>{6, 4, 3, 3}
                                                          : std::vector<std::int64_t>{4, 6, 3, 3};
        const auto x = torch::randn(shape) * 1.5;
        const auto encodings = channelEncodings(6, bitwidth, symmetric);
        const auto device = makeDeviceEncodings(encodings, axis, torch::kCPU);
        const auto y = fakeQuantizePerChannel(x, device);

        std::vector<float> scales;
        std::vector<int> zeroPoints;
        for (const Encoding& e : encodings) {
          scales.push_back(static_cast<float>(e.scale));
          zeroPoints.push_back(static_cast<int>(-e.offset));
        }
        const auto direct = torch::fake_quantize_per_channel_affine(
          x, torch::tensor(scales), torch::tensor(zeroPoints, torch::kInt), axis, 0, (1 << bitwidth) - 1);
        EXPECT_TRUE(torch::equal(y, direct));
        const std::int64_t stride = axis == 0 ? 4 * 3 * 3 : 3 * 3;
        expectMatchesScalar(x, y, encodings.front(), stride, 6, &encodings);
      }
    }
  }
}

TEST(FakeQuantKernelTest, PerChannelWideGridAndChecks)
{
  torch::manual_seed(8);
  const auto x = torch::randn({3, 5});
  const auto encodings = channelEncodings(3, 24, false);
  const auto y = fakeQuantizePerChannel(x, makeDeviceEncodings(encodings, 0, torch::kCPU));
  expectMatchesScalar(x, y, encodings.front(), 5, 3, &encodings);

  EXPECT_THROW(fakeQuantizePerChannel(torch::randn({4, 5}), makeDeviceEncodings(encodings, 0, torch::kCPU)),
               EngineError);
  auto mixed = encodings;
  mixed[1] = EncodingMath::asymmetric(-1.0, 1.0, 8);
  EXPECT_THROW(makeDeviceEncodings(mixed, 0, torch::kCPU), EngineError);
  EXPECT_THROW(makeDeviceEncodings({}, 0, torch::kCPU), EngineError);
  // Negative axis counts from the end.
  const auto last = fakeQuantizePerChannel(x.t().contiguous(), makeDeviceEncodings(encodings, -1, torch::kCPU));
  EXPECT_TRUE(torch::equal(last, y.t()));
}

TEST(FakeQuantKernelTest, ObserveEqualsCalibratorAccumulate)
{
  torch::manual_seed(11);
  const auto first = torch::randn({2, 8, 33}) * 0.5;
  // The second batch reaches past the histogram range fixed by the first.
  const auto second = torch::randn({3000}) * 4.0 + 1.0;
  TensorStatistics observed;
  TensorStatistics reference;
  for (const auto& batch : {first, second}) {
    torchops::observe(batch, observed);
    const auto values = toFloats(batch);
    Calibrator::accumulate(reference, values.data(), values.size());
  }
  EXPECT_EQ(observed.count, reference.count);
  EXPECT_EQ(observed.min, reference.min);
  EXPECT_EQ(observed.max, reference.max);
  EXPECT_EQ(observed.histogramMin, reference.histogramMin);
  EXPECT_EQ(observed.histogramMax, reference.histogramMax);
  EXPECT_EQ(observed.histogram, reference.histogram);
  EXPECT_EQ(observed.histogramBatches, 2u);
  EXPECT_EQ(observed, reference);
  // Shares of two batches averaged: the first lies wholly inside the range it
  // set, some of the second was dropped.
  const double kept = std::accumulate(observed.histogram.begin(), observed.histogram.end(), 0.0);
  EXPECT_LT(kept, 1.0);
  EXPECT_GT(kept, 0.5);

  // A double tensor is observed as its float32 values, as AIMET does.
  TensorStatistics fromDouble;
  torchops::observe(first.to(torch::kDouble), fromDouble);
  TensorStatistics fromFloat;
  torchops::observe(first, fromFloat);
  EXPECT_EQ(fromDouble, fromFloat);
}

TEST(FakeQuantKernelTest, ObserveRejectsNonFiniteValues)
{
  TensorStatistics statistics;
  EXPECT_THROW(torchops::observe(torch::tensor({1.0f, NAN, 2.0f}), statistics), EngineError);
  EXPECT_THROW(torchops::observe(torch::tensor({1.0f, -INFINITY}), statistics), EngineError);
  EXPECT_TRUE(statistics.empty());
  torchops::observe(torch::empty({0}), statistics);
  EXPECT_TRUE(statistics.empty());
}

TEST(FakeQuantKernelTest, ObservePerChannelMatchesSlices)
{
  torch::manual_seed(12);
  const auto weight = torch::randn({4, 3, 3, 3});
  for (int axis : {0, 1}) {
    const auto statistics = torchops::observePerChannel(weight, axis, 64);
    ASSERT_EQ(statistics.size(), static_cast<std::size_t>(weight.size(axis)));
    for (std::size_t c = 0; c < statistics.size(); ++c) {
      const auto slice = toFloats(weight.select(axis, static_cast<std::int64_t>(c)));
      TensorStatistics reference;
      Calibrator::accumulate(reference, slice.data(), slice.size(), 64);
      EXPECT_EQ(statistics[c].min, reference.min);
      EXPECT_EQ(statistics[c].max, reference.max);
      EXPECT_EQ(statistics[c].count, reference.count);
      EXPECT_EQ(statistics[c], reference);
    }
  }
}

TEST(FakeQuantKernelTest, CudaMatchesCpu)
{
  if (!torch::cuda::is_available())
    GTEST_SKIP() << "no CUDA device";
  torch::manual_seed(13);
  const auto x = torch::randn({4, 6, 9, 9}) * 2.0;
  const auto xc = x.to(torch::kCUDA);
  for (int bitwidth : {4, 8, 16, 24}) {
    const Encoding e = EncodingMath::asymmetric(-1.5, 2.5, bitwidth);
    const auto cpu = fakeQuantize(x, e);
    const auto gpu = fakeQuantize(xc, e);
    EXPECT_EQ(gpu.device().type(), torch::kCUDA);
    expectMatchesScalar(x, gpu, e);
    EXPECT_LE((gpu.cpu() - cpu).abs().max().item<float>(), static_cast<float>(e.scale) * 1.0001f);
    const auto encodings = channelEncodings(6, bitwidth, true);
    const auto perChannel = fakeQuantizePerChannel(xc, makeDeviceEncodings(encodings, 1, torch::kCUDA));
    expectMatchesScalar(x, perChannel, encodings.front(), 81, 6, &encodings);
  }
  TensorStatistics onDevice;
  TensorStatistics onHost;
  torchops::observe(xc, onDevice);
  torchops::observe(x, onHost);
  EXPECT_EQ(onDevice, onHost);
  EXPECT_THROW(torchops::observe(torch::tensor({NAN}).to(torch::kCUDA), onDevice), EngineError);
}

} // namespace
} // namespace quantlens

// The CPU loop replaces torch's fused op for per-tensor activations: it must
// give the same bits, ties included, copied or in place.
TEST(FakeQuantKernelCpuLoop, EqualsTorchsFusedOpExactlyIncludingTies)
{
  quantlens::Encoding encoding = quantlens::EncodingMath::asymmetric(-1.0, 3.0, 8);
  torch::manual_seed(21);
  torch::Tensor x = torch::randn({4, 16, 33, 65}) * 2.0;
  // Exact half steps: round half to even must agree.
  const float scale = static_cast<float>(encoding.scale);
  for (int k = -70; k < 200; ++k)
    x.view(-1)[k + 70] = (static_cast<float>(k) + 0.5f) * scale;
  const torch::Tensor expected =
    torch::fake_quantize_per_tensor_affine(x, encoding.scale, -encoding.offset, 0, 255);
  const torch::Tensor copied = quantlens::torchops::fakeQuantize(x, encoding);
  EXPECT_TRUE(torch::equal(copied, expected));
  torch::Tensor inPlace = x.clone();
  quantlens::torchops::fakeQuantizeInPlace(inPlace, encoding);
  EXPECT_TRUE(torch::equal(inPlace, expected));
  for (int bits : {4, 16}) {
    const auto other = quantlens::EncodingMath::asymmetric(-2.0, 5.0, bits);
    const std::int64_t top = (1LL << bits) - 1;
    EXPECT_TRUE(torch::equal(quantlens::torchops::fakeQuantize(x, other),
                             torch::fake_quantize_per_tensor_affine(x, other.scale, -other.offset, 0, top)))
      << bits << " bits";
  }
}
