#include "TestData.h"

#include "core/EngineError.h"
#include "eval/BitOps.h"

#include <gtest/gtest.h>

#include <map>

using namespace quantlens;
using quantlens::test::fixture;

namespace {

FloatTensor zeros(std::vector<std::int64_t> shape)
{
  FloatTensor tensor;
  tensor.shape = std::move(shape);
  tensor.values.assign(static_cast<std::size_t>(tensor.elementCount()), 0.5f);
  return tensor;
}

/// A sim that has run once (FP32), so the quantizers' shapes are known.
QuantSim ranSim(const std::string& model, std::vector<std::int64_t> inputShape)
{
  QuantSim sim(fixture(model));
  sim.run(sim.prepare(sim.presetSettings({QuantPreset::Kind::Fp32}), {}), zeros(std::move(inputShape)));
  return sim;
}

std::map<std::string, LayerCost> byModule(const std::vector<LayerCost>& layers)
{
  std::map<std::string, LayerCost> map;
  for (const auto& layer : layers)
    map[layer.module] = layer;
  return map;
}

std::string nameOf(const QuantSim& sim, int id)
{
  return id < 0 ? "(none)" : sim.quantizers()[static_cast<std::size_t>(id)].name;
}

// fragile.pt (make_fixtures.py) on a 1x5x8x16 input, every conv padded to keep 8x16:
//   conv1 5->8 3x3: 8*8*16 outputs x 5*3*3 = 46080
//   conv2 8->8 3x3: 8*8*16 outputs x 8*3*3 = 73728
//   head  8->4 1x1: 4*8*16 outputs x 8     =  4096
constexpr std::uint64_t kConv1 = 46080;
constexpr std::uint64_t kConv2 = 73728;
constexpr std::uint64_t kHead = 4096;

} // namespace

TEST(BitOps, MacsOfTheFragileModelMatchHandCounts)
{
  const QuantSim sim = ranSim("fragile.pt", {1, 5, 8, 16});
  const auto layers = BitOps::layers(sim);
  ASSERT_EQ(layers.size(), 3u);
  EXPECT_EQ(layers[0].module, "conv1");
  EXPECT_EQ(layers[0].macs, kConv1);
  EXPECT_EQ(layers[1].macs, kConv2);
  EXPECT_EQ(layers[2].macs, kHead);
  // Inputs: the model input quantizer, then the relu after each conv (supergroup conv -> relu).
  EXPECT_EQ(nameOf(sim, layers[0].inputQuantizer), "conv1.input[0]");
  EXPECT_EQ(nameOf(sim, layers[1].inputQuantizer), "relu1.output[0]");
  EXPECT_EQ(nameOf(sim, layers[2].inputQuantizer), "relu2.output[0]");
  EXPECT_EQ(nameOf(sim, layers[1].weightQuantizer), "conv2.weight");
}

// nested_scripted.pt on 1x5x16x32 (make_fixtures.py, class Nested, c = 8).
TEST(BitOps, MacsOfTheNestedModelCoverBranchesTransposeAndLinear)
{
  const QuantSim sim = ranSim("nested_scripted.pt", {1, 5, 16, 32});
  const auto layers = byModule(BitOps::layers(sim));
  ASSERT_EQ(layers.size(), 10u);
  EXPECT_EQ(layers.at("stem.conv").macs, 8u * 16 * 32 * (5 * 9));
  EXPECT_EQ(layers.at("body.0.conv1").macs, 8u * 16 * 32 * (8 * 9));
  EXPECT_EQ(layers.at("branches.a").macs, 4u * 16 * 32 * 8);
  EXPECT_EQ(layers.at("branches.b").macs, 4u * 16 * 32 * (8 * 9));
  EXPECT_EQ(layers.at("down.conv").macs, 8u * 8 * 16 * (8 * 9)); // stride 2
  // ConvTranspose 8->8, k2 s2, on the 8x8x16 output of down: every input
  // value meets 8 x 2 x 2 weights (not output elements x Cin x k²).
  EXPECT_EQ(layers.at("up").macs, 8u * 8 * 16 * (8 * 2 * 2));
  EXPECT_EQ(layers.at("attn").macs, 8u * 16 * 32 * 8);
  EXPECT_EQ(layers.at("mix").macs, 8u * 16 * 32 * 32); // Linear(32, 32) on the last axis
  EXPECT_EQ(layers.at("head").macs, 6u * 16 * 32 * 8);

  // branches.b reads the block output, not its 4-channel sibling branches.a.
  EXPECT_EQ(nameOf(sim, layers.at("branches.b").inputQuantizer), "body.1.add_0.output[0]");
  EXPECT_EQ(nameOf(sim, layers.at("up").inputQuantizer), "down.relu.output[0]");
  EXPECT_EQ(nameOf(sim, layers.at("mix").inputQuantizer), "mul_0.output[0]");
  EXPECT_EQ(nameOf(sim, layers.at("body.0.conv1").inputQuantizer), "stem.relu.output[0]");
}

TEST(BitOps, MacsFromShapes)
{
  // Depthwise 3x3 over 8 channels, 10x10 output: 800 outputs x 1*3*3.
  EXPECT_EQ(BitOps::macs("Conv", {8, 1, 3, 3}, {}, {1, 8, 10, 10}), 7200u);
  // Grouped transpose: Cin 8, groups 2 (Cout/g = 3, Cout = 6), k 2.
  EXPECT_EQ(BitOps::macs("ConvTranspose", {8, 3, 2, 2}, {1, 8, 4, 4}, {1, 6, 8, 8}), 128u * 12);
  // Without the input: output side, 384 outputs x Cin/g (4) x 4.
  EXPECT_EQ(BitOps::macs("ConvTranspose", {8, 3, 2, 2}, {}, {1, 6, 8, 8}), 384u * 16);
  EXPECT_EQ(BitOps::macs("Gemm", {10, 20}, {}, {3, 10}), 600u);
  EXPECT_THROW(BitOps::macs("Conv", {8, 4, 3, 3}, {}, {1, 6, 8, 8}), EngineError);
  EXPECT_THROW(BitOps::macs("Gemm", {10, 20}, {}, {3, 11}), EngineError);
  EXPECT_THROW(BitOps::macs("Relu", {1, 1}, {}, {1, 1}), EngineError);
}

TEST(BitOps, TotalsFollowTheBitwidths)
{
  const QuantSim sim = ranSim("fragile.pt", {1, 5, 8, 16});
  const auto layers = BitOps::layers(sim);
  const std::uint64_t macs = kConv1 + kConv2 + kHead;
  auto w8a8 = sim.presetSettings({QuantPreset::Kind::W8A8});
  EXPECT_EQ(BitOps::total(layers, w8a8), macs * 8 * 8);
  EXPECT_EQ(BitOps::total(layers, sim.presetSettings({QuantPreset::Kind::W4A8})), macs * 4 * 8);
  EXPECT_EQ(BitOps::total(layers, sim.presetSettings({QuantPreset::Kind::Fp32})), macs * 32 * 32);

  // relu1's output at 16 bit doubles what conv2 costs, nothing else.
  w8a8[static_cast<std::size_t>(sim.findQuantizer("relu1.output[0]"))].bitwidth = 16;
  EXPECT_EQ(BitOps::total(layers, w8a8), (kConv1 + kHead) * 64 + kConv2 * 8 * 16);
  // conv2's weights at 4 bit halve it again.
  w8a8[static_cast<std::size_t>(sim.findQuantizer("conv2.weight"))].bitwidth = 4;
  EXPECT_EQ(BitOps::total(layers, w8a8), (kConv1 + kHead) * 64 + kConv2 * 4 * 16);
  // The model input in float: conv1 reads 32-bit values.
  w8a8[static_cast<std::size_t>(sim.findQuantizer("conv1.input[0]"))].enabled = false;
  EXPECT_EQ(BitOps::of(layers[0], w8a8), kConv1 * 8 * 32);
  // A float16 weight counts 16 bits.
  w8a8[static_cast<std::size_t>(sim.findQuantizer("head.weight"))].dtype = QuantDtype::Float;
  EXPECT_EQ(BitOps::of(layers[2], w8a8), kHead * 16 * 8);
}

TEST(BitOps, NeedsTheShapesOfARun)
{
  QuantSim sim(fixture("fragile.pt"));
  sim.calibrate(zeros({1, 5, 8, 16})); // calibration does not record shapes
  quantlens::test::expectEngineError([&] { BitOps::layers(sim); }, {"conv1", "run the model once"});
}
