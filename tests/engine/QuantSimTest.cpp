#include "TestData.h"

#include "core/EngineError.h"
#include "data/KnnPostprocess.h"
#include "model/QuantSim.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <unistd.h>

using namespace quantlens;
using quantlens::test::expectEngineError;
using quantlens::test::fixture;

namespace {

FloatTensor readFloatTensor(const std::string& model, const std::string& which)
{
  std::ifstream meta(fixture(model + ".json"));
  const auto json = nlohmann::json::parse(meta);
  FloatTensor tensor;
  tensor.shape = json[which + "_shape"].get<std::vector<std::int64_t>>();
  tensor.values.resize(static_cast<std::size_t>(tensor.elementCount()));
  std::ifstream in(fixture(model + "." + which + ".bin"), std::ios::binary);
  in.read(reinterpret_cast<char*>(tensor.values.data()), static_cast<std::streamsize>(tensor.values.size() * 4));
  EXPECT_TRUE(in) << model << "." << which;
  return tensor;
}

double maxAbsDifference(const FloatTensor& a, const FloatTensor& b)
{
  EXPECT_EQ(a.shape, b.shape);
  double worst = 0.0;
  for (std::size_t i = 0; i < a.values.size(); ++i)
    worst = std::max(worst, static_cast<double>(std::abs(a.values[i] - b.values[i])));
  return worst;
}

double meanSquaredError(const FloatTensor& a, const FloatTensor& b)
{
  double sum = 0.0;
  for (std::size_t i = 0; i < a.values.size(); ++i)
    sum += std::pow(static_cast<double>(a.values[i]) - b.values[i], 2.0);
  return sum / static_cast<double>(a.values.size());
}

QuantSimOptions noFolding()
{
  QuantSimOptions options;
  options.foldBatchNorm = false;
  return options;
}

std::vector<std::string> names(const QuantSim& sim)
{
  std::vector<std::string> result;
  for (const auto& quantizer : sim.quantizers())
    result.push_back(quantizer.name);
  return result;
}

bool enabledIn(const QuantSim& sim, const std::vector<QuantizerSettings>& settings, const std::string& name)
{
  const int id = sim.findQuantizer(name);
  EXPECT_GE(id, 0) << name << " is not a quantizer";
  return id >= 0 && settings[static_cast<std::size_t>(id)].enabled;
}

/// Calibrates on a few seeded random inputs of the fixture's input shape.
void calibrate(QuantSim& sim, const std::vector<std::int64_t>& shape)
{
  for (unsigned seed = 1; seed <= 4; ++seed)
    sim.calibrate(test::randomTensor(shape, seed));
}

FloatTensor runPreset(QuantSim& sim, QuantPreset::Kind kind, const FloatTensor& input)
{
  const auto settings = sim.presetSettings({kind});
  const auto encodings = kind == QuantPreset::Kind::Fp32 ? EncodingTable{} : sim.computeEncodings(settings, QuantScheme{});
  return sim.run(sim.prepare(settings, encodings), input);
}

} // namespace

// The instrumented graph with every quantizer off must be the model itself.
TEST(QuantSim, Fp32ThroughTheInstrumentedGraphEqualsTheModelExactly)
{
  for (const std::string model : {"nested_scripted", "nested_traced", "conv_bn_relu", "fragile"}) {
    QuantSim sim(fixture(model + ".pt"), noFolding());
    const FloatTensor input = readFloatTensor(model, "input");
    const FloatTensor instrumented = runPreset(sim, QuantPreset::Kind::Fp32, input);
    EXPECT_EQ(instrumented.values, sim.runOriginal(input).values) << model;
    // ... and Python's own output on the same input.
    EXPECT_LE(maxAbsDifference(instrumented, readFloatTensor(model, "output")), 1e-5) << model;
  }
}

TEST(QuantSim, BatchNormFoldingKeepsFp32WithinTolerance)
{
  for (const std::string model : {"nested_scripted", "nested_traced", "conv_bn_relu"}) {
    QuantSim folded(fixture(model + ".pt"));
    const FloatTensor input = readFloatTensor(model, "input");
    EXPECT_LE(maxAbsDifference(runPreset(folded, QuantPreset::Kind::Fp32, input), folded.runOriginal(input)), 1e-5)
      << model;
    EXPECT_FALSE(folded.foldedBatchNorms().empty()) << model;
  }
  QuantSim convBnRelu(fixture("conv_bn_relu.pt"));
  EXPECT_EQ(convBnRelu.foldedBatchNorms(), std::vector<std::string>{"bn -> conv"});
}

TEST(QuantSim, ScriptedAndTracedModelsGetTheSameAimetNames)
{
  QuantSim scripted(fixture("nested_scripted.pt"));
  QuantSim traced(fixture("nested_traced.pt"));
  EXPECT_EQ(names(scripted), names(traced));
  const auto all = names(scripted);
  const std::set<std::string> present(all.begin(), all.end());
  for (const std::string expected :
       {"stem.conv.input[0]", "stem.conv.weight", "stem.conv.output[0]", "stem.relu.output[0]", "body.0.conv1.weight",
        "body.0.relu.output[0]", "body.0.add_0.output[0]", "body.1.add_0.output[0]", "branches.cat_0.output[0]",
        "up.weight", "up.output[0]", "interpolate_0.output[0]", "add_0.output[0]", "softmax.output[0]",
        "mul_0.output[0]", "mix.weight", "head.weight", "softmax_0.output[0]"})
    EXPECT_TRUE(present.count(expected)) << expected;
  // Folded batch norms leave no quantizer behind; bias is never quantized.
  for (const auto& name : all) {
    EXPECT_EQ(name.find(".bn"), std::string::npos) << name;
    EXPECT_EQ(name.find("bias"), std::string::npos) << name;
  }
  EXPECT_EQ(present.size(), all.size()) << "names must be unique";
}

TEST(QuantSim, QuantizerKindsAxesAndShapes)
{
  QuantSim sim(fixture("nested_scripted.pt"));
  const auto& up = sim.quantizers()[static_cast<std::size_t>(sim.findQuantizer("up.weight"))];
  EXPECT_EQ(up.kind, QuantizerKind::Parameter);
  EXPECT_EQ(up.opType, "ConvTranspose");
  EXPECT_EQ(up.channelAxis, 1);
  const auto& stem = sim.quantizers()[static_cast<std::size_t>(sim.findQuantizer("stem.conv.weight"))];
  EXPECT_EQ(stem.channelAxis, 0);
  EXPECT_EQ(stem.module, "stem.conv");
  runPreset(sim, QuantPreset::Kind::Fp32, readFloatTensor("nested_scripted", "input"));
  const auto& input = sim.quantizers()[static_cast<std::size_t>(sim.findQuantizer("stem.conv.input[0]"))];
  EXPECT_EQ(input.shape, (std::vector<std::int64_t>{1, 5, 16, 32}));
  EXPECT_EQ(sim.quantizers()[static_cast<std::size_t>(sim.findQuantizer("stem.conv.weight"))].shape,
            (std::vector<std::int64_t>{8, 5, 3, 3}));
}

// The shipped per-channel config: model input on, supergroup Conv+Relu shares one
// output quantizer (after the relu), weights per-channel symmetric.
TEST(QuantSim, PlacementFollowsTheQuantsimConfig)
{
  QuantSim sim(fixture("nested_scripted.pt"));
  const auto w8a8 = sim.presetSettings({QuantPreset::Kind::W8A8});
  EXPECT_TRUE(enabledIn(sim, w8a8, "stem.conv.input[0]"));
  EXPECT_FALSE(enabledIn(sim, w8a8, "stem.conv.output[0]"));
  EXPECT_TRUE(enabledIn(sim, w8a8, "stem.relu.output[0]"));
  EXPECT_TRUE(enabledIn(sim, w8a8, "up.output[0]"));
  EXPECT_TRUE(enabledIn(sim, w8a8, "softmax_0.output[0]"));
  const auto& weight = w8a8[static_cast<std::size_t>(sim.findQuantizer("head.weight"))];
  EXPECT_TRUE(weight.enabled && weight.symmetric && weight.perChannel);
  EXPECT_EQ(weight.bitwidth, 8);
  const auto& activation = w8a8[static_cast<std::size_t>(sim.findQuantizer("softmax.output[0]"))];
  EXPECT_FALSE(activation.symmetric);
  const auto w4a8 = sim.presetSettings({QuantPreset::Kind::W4A8});
  EXPECT_EQ(w4a8[static_cast<std::size_t>(sim.findQuantizer("head.weight"))].bitwidth, 4);
  EXPECT_EQ(w4a8[static_cast<std::size_t>(sim.findQuantizer("softmax.output[0]"))].bitwidth, 8);
  for (const auto& setting : sim.presetSettings({QuantPreset::Kind::Fp32}))
    EXPECT_FALSE(setting.enabled);

  // Without folding, conv -> bn -> relu matches the three-op supergroup and the BN keeps a weight quantizer.
  QuantSim unfolded(fixture("conv_bn_relu.pt"), noFolding());
  const auto settings = unfolded.presetSettings({QuantPreset::Kind::W8A8});
  EXPECT_FALSE(enabledIn(unfolded, settings, "conv.output[0]"));
  EXPECT_FALSE(enabledIn(unfolded, settings, "bn.output[0]"));
  EXPECT_TRUE(enabledIn(unfolded, settings, "relu.output[0]"));
  EXPECT_GE(unfolded.findQuantizer("bn.weight"), 0);
}

TEST(QuantSim, FourBitWeightsHurtMoreThanEightBit)
{
  for (const std::string model : {"nested_scripted", "nested_traced"}) {
    QuantSim sim(fixture(model + ".pt"));
    const FloatTensor input = readFloatTensor(model, "input");
    calibrate(sim, input.shape);
    const FloatTensor fp32 = runPreset(sim, QuantPreset::Kind::Fp32, input);
    const double w8a8 = meanSquaredError(runPreset(sim, QuantPreset::Kind::W8A8, input), fp32);
    const double w4a8 = meanSquaredError(runPreset(sim, QuantPreset::Kind::W4A8, input), fp32);
    EXPECT_GT(w8a8, 0.0) << model;
    EXPECT_GT(w4a8, 2.0 * w8a8) << model;
  }
}

// Activations are quantized in place where nothing else reads them: running a
// variant again, or FP32 after it, must give the same results as before.
TEST(QuantSim, RunsLeaveNoTraceInTheModel)
{
  QuantSim sim(fixture("nested_scripted.pt"), noFolding()); // so FP32 must equal the module exactly
  const FloatTensor input = readFloatTensor("nested_scripted", "input");
  calibrate(sim, input.shape);
  const auto settings = sim.presetSettings({QuantPreset::Kind::W8A8});
  const auto variant = sim.prepare(settings, sim.computeEncodings(settings, QuantScheme{}));
  const FloatTensor first = sim.run(variant, input);
  EXPECT_EQ(sim.run(variant, input).values, first.values);
  EXPECT_EQ(runPreset(sim, QuantPreset::Kind::Fp32, input).values, sim.runOriginal(input).values);
  EXPECT_EQ(sim.run(variant, input).values, first.values);
}

TEST(QuantSim, EncodingsNeedCalibrationAndRejectBadData)
{
  QuantSim sim(fixture("conv_bn_relu.pt"));
  const auto settings = sim.presetSettings({QuantPreset::Kind::W8A8});
  expectEngineError([&] { sim.computeEncodings(settings, QuantScheme{}); }, "calibrat");
  FloatTensor poisoned = test::randomTensor({1, 5, 16, 32}, 3);
  poisoned.values[17] = std::numeric_limits<float>::quiet_NaN();
  expectEngineError([&] { sim.calibrate(poisoned); }, "NaN");
  // The session stays usable after the error.
  sim.resetCalibration();
  sim.calibrate(test::randomTensor({1, 5, 16, 32}, 4));
  EXPECT_NO_THROW(sim.computeEncodings(settings, QuantScheme{}));
}

TEST(QuantSim, RejectsAConfigWhoseSupergroupNamesAnUnsupportedOp)
{
  const auto dir = std::filesystem::temp_directory_path() / ("quantlens-config-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto config = dir / "config.json";
  std::ofstream(config) << R"({"defaults": {"ops": {"is_output_quantized": "True"},
    "params": {"is_quantized": "True", "is_symmetric": "True"}},
    "params": {}, "op_type": {}, "supergroups": [{"op_list": ["Conv", "Frobnicate"]}],
    "model_input": {"is_input_quantized": "True"}, "model_output": {}})";
  QuantSimOptions options;
  options.configFile = config;
  expectEngineError([&] { QuantSim sim(fixture("conv_bn_relu.pt"), options); }, "'Frobnicate'");
  std::filesystem::remove_all(dir);
}

TEST(QuantSim, RejectsFilesItCannotUse)
{
  expectEngineError([] { QuantSim sim(fixture("not_torchscript.pt")); }, "not a TorchScript model");
  expectEngineError([] { QuantSim sim(fixture("two_inputs.pt")); }, "exactly one tensor");
  expectEngineError([] { QuantSim sim(fixture("missing.pt")); }, "missing.pt");
  expectEngineError([] { QuantSim sim(fixture("reshape_only.pt")); }, "no quantizable op");
  if (!KnnPostprocess::cudaAvailable()) {
    QuantSimOptions cuda;
    cuda.device = ComputeDevice::Cuda;
    expectEngineError([&] { QuantSim sim(fixture("conv_bn_relu.pt"), cuda); }, "CUDA");
  }
}

namespace {

/// Settings that differ from `base` only in quantizer `id` (switched to `enabled`).
std::vector<QuantizerSettings> withOne(std::vector<QuantizerSettings> base, int id, bool enabled)
{
  base[static_cast<std::size_t>(id)].enabled = enabled;
  return base;
}

} // namespace

// Every run that shares its prefix with a base must give exactly what a full
// run of its variant gives: OnlyThisLayer-style runs (base FP32, one quantizer
// on) and AllButThisLayer-style runs (base W8A8, one quantizer off), on a
// scripted and a traced model with residual adds and cat.
TEST(QuantSim, SharedPrefixRunsEqualFullRunsBitForBit)
{
  for (const std::string model : {"nested_scripted", "nested_traced"}) {
    QuantSim sim(fixture(model + ".pt"));
    ASSERT_TRUE(sim.canSharePrefix()) << model;
    const FloatTensor input = readFloatTensor(model, "input");
    calibrate(sim, input.shape);
    const auto fp32Settings = sim.presetSettings({QuantPreset::Kind::Fp32});
    const auto w8a8Settings = sim.presetSettings({QuantPreset::Kind::W8A8});
    const auto encodings = sim.computeEncodings(w8a8Settings, QuantScheme{});
    const auto fp32 = sim.prepare(fp32Settings, {});
    const auto w8a8 = sim.prepare(w8a8Settings, encodings);
    for (const bool onlyThis : {true, false}) {
      std::vector<QuantVariant> variants;
      std::vector<PrefixSharingRun> runs;
      for (std::size_t id = 0; id < w8a8Settings.size(); ++id) {
        if (!w8a8Settings[id].enabled)
          continue;
        const int quantizer = static_cast<int>(id);
        variants.push_back(sim.prepare(withOne(onlyThis ? fp32Settings : w8a8Settings, quantizer, onlyThis), encodings));
      }
      std::size_t v = 0;
      for (std::size_t id = 0; id < w8a8Settings.size(); ++id) {
        if (w8a8Settings[id].enabled)
          runs.push_back({&variants[v++], {static_cast<int>(id)}});
      }
      ASSERT_GT(runs.size(), 10u);
      std::vector<FloatTensor> shared(runs.size());
      const FloatTensor base = sim.runSharingPrefix(onlyThis ? fp32 : w8a8, runs, input,
                                                    [&](std::size_t i, const FloatTensor& output) { shared[i] = output; });
      EXPECT_EQ(base.values, sim.run(onlyThis ? fp32 : w8a8, input).values) << model;
      std::size_t differingFromBase = 0;
      for (std::size_t i = 0; i < runs.size(); ++i) {
        const FloatTensor full = sim.run(*runs[i].variant, input);
        EXPECT_EQ(shared[i].shape, full.shape);
        EXPECT_EQ(shared[i].values, full.values) << model << " quantizer " << runs[i].changedQuantizers[0];
        differingFromBase += shared[i].values != base.values ? 1 : 0;
      }
      // The runs really differ from the base: the comparison above is not trivially met.
      EXPECT_GT(differingFromBase, runs.size() / 2) << model;
    }
    // Sharing twice (cached split graphs) gives the same again.
    const int last = static_cast<int>(w8a8Settings.size()) - 1;
    const auto lastOn = sim.prepare(withOne(fp32Settings, last, true), encodings);
    FloatTensor again;
    sim.runSharingPrefix(fp32, {{&lastOn, {last}}}, input, [&](std::size_t, const FloatTensor& out) { again = out; });
    EXPECT_EQ(again.values, sim.run(lastOn, input).values);
  }
}

// A run that claims to change only a late quantizer but differs from the base
// earlier would silently get the base's values: refused.
TEST(QuantSim, SharedPrefixRefusesAVariantThatDiffersBeforeItsCut)
{
  QuantSim sim(fixture("nested_scripted.pt"));
  const FloatTensor input = readFloatTensor("nested_scripted", "input");
  calibrate(sim, input.shape);
  const auto w8a8Settings = sim.presetSettings({QuantPreset::Kind::W8A8});
  const auto encodings = sim.computeEncodings(w8a8Settings, QuantScheme{});
  const auto fp32 = sim.prepare(sim.presetSettings({QuantPreset::Kind::Fp32}), {});
  const auto w8a8 = sim.prepare(w8a8Settings, encodings);
  const int head = sim.findQuantizer("head.weight");
  ASSERT_GE(head, 0);
  expectEngineError([&] { sim.runSharingPrefix(fp32, {{&w8a8, {head}}}, input, [](std::size_t, const FloatTensor&) {}); },
                    "differs from the base");
}

// FP32 against itself: no noise anywhere; parameters are not compared.
TEST(QuantSim, ActivationErrorsOfFp32AgainstItselfAreZero)
{
  QuantSim sim(fixture("nested_traced.pt"));
  const FloatTensor input = readFloatTensor("nested_traced", "input");
  Feedback feedback;
  const auto errors = sim.activationErrors(sim.prepare(sim.presetSettings({QuantPreset::Kind::Fp32}), {}),
                                           {input, test::randomTensor(input.shape, 9)}, feedback);
  ASSERT_EQ(errors.size(), sim.quantizers().size());
  for (const auto& quantizer : sim.quantizers()) {
    const auto& error = errors[static_cast<std::size_t>(quantizer.id)];
    EXPECT_EQ(error.id, quantizer.id);
    if (quantizer.kind == QuantizerKind::Parameter) {
      EXPECT_EQ(error.elements, 0u) << quantizer.name;
      EXPECT_TRUE(std::isnan(error.sqnrDb()));
      continue;
    }
    EXPECT_GT(error.elements, 0u) << quantizer.name;
    EXPECT_GT(error.signalPower, 0.0) << quantizer.name;
    EXPECT_EQ(error.mse(), 0.0) << quantizer.name;
    EXPECT_EQ(error.sqnrDb(), std::numeric_limits<double>::infinity()) << quantizer.name;
  }
}

// Four-bit weights add noise at every activation downstream of a weighted op;
// the model input sees only its own 8-bit quantizer in both presets.
TEST(QuantSim, ActivationErrorsOfW4A8ExceedW8A8)
{
  for (const std::string model : {"nested_scripted", "nested_traced"}) {
    QuantSim sim(fixture(model + ".pt"));
    const FloatTensor input = readFloatTensor(model, "input");
    calibrate(sim, input.shape);
    Feedback feedback;
    const auto errorsOf = [&](QuantPreset::Kind kind) {
      const auto settings = sim.presetSettings({kind});
      return sim.activationErrors(sim.prepare(settings, sim.computeEncodings(settings, QuantScheme{})), {input},
                                  feedback);
    };
    const auto w8a8 = errorsOf(QuantPreset::Kind::W8A8);
    const auto w4a8 = errorsOf(QuantPreset::Kind::W4A8);
    const int modelInput = sim.findQuantizer("stem.conv.input[0]");
    ASSERT_GE(modelInput, 0);
    for (const auto& quantizer : sim.quantizers()) {
      const auto id = static_cast<std::size_t>(quantizer.id);
      if (quantizer.kind == QuantizerKind::Parameter)
        continue;
      if (quantizer.id == modelInput) {
        EXPECT_GT(w8a8[id].noisePower, 0.0);
        EXPECT_EQ(w4a8[id].noisePower, w8a8[id].noisePower);
        continue;
      }
      EXPECT_GT(w8a8[id].noisePower, 0.0) << model << " " << quantizer.name;
      EXPECT_GT(w4a8[id].mse(), w8a8[id].mse()) << model << " " << quantizer.name;
      EXPECT_LT(w4a8[id].sqnrDb(), w8a8[id].sqnrDb()) << model << " " << quantizer.name;
    }
  }
}

// Checked by hand: the model input quantizer compares the input with its own
// fake-quantized copy (grid x̂ = scale·(q + offset), q = round(x/scale) − offset
// clamped to [0, 255]), and the last quantizer (after the relu) is the model's
// output, so its MSE is that of the two networks' outputs.
TEST(QuantSim, ActivationErrorsMatchAnIndependentComputation)
{
  QuantSim sim(fixture("conv_bn_relu.pt"));
  const FloatTensor input = readFloatTensor("conv_bn_relu", "input");
  calibrate(sim, input.shape);
  const auto settings = sim.presetSettings({QuantPreset::Kind::W8A8});
  const auto encodings = sim.computeEncodings(settings, QuantScheme{});
  const auto w8a8 = sim.prepare(settings, encodings);
  Feedback feedback;
  const auto errors = sim.activationErrors(w8a8, {input}, feedback);

  const int inputId = sim.findQuantizer("conv.input[0]");
  ASSERT_GE(inputId, 0);
  const Encoding& grid = encodings[static_cast<std::size_t>(inputId)].at(0);
  double signal = 0.0;
  double noise = 0.0;
  for (const float x : input.values) {
    const double q = std::clamp(std::nearbyint(x / grid.scale) - static_cast<double>(grid.offset), 0.0, 255.0);
    const double quantized = grid.scale * (q + static_cast<double>(grid.offset));
    signal += static_cast<double>(x) * x;
    noise += (quantized - x) * (quantized - x);
  }
  const auto& inputError = errors[static_cast<std::size_t>(inputId)];
  EXPECT_EQ(inputError.elements, input.values.size());
  EXPECT_NEAR(inputError.signalPower, signal, 1e-9 * signal);
  EXPECT_NEAR(inputError.mse(), noise / static_cast<double>(input.values.size()), 1e-4 * inputError.mse());
  EXPECT_NEAR(inputError.sqnrDb(), 10.0 * std::log10(signal / noise), 1e-3);

  const int outputId = sim.findQuantizer("relu.output[0]");
  ASSERT_GE(outputId, 0);
  const FloatTensor fp32 = runPreset(sim, QuantPreset::Kind::Fp32, input);
  const double expected = meanSquaredError(sim.run(w8a8, input), fp32);
  EXPECT_GT(expected, 0.0);
  EXPECT_NEAR(errors[static_cast<std::size_t>(outputId)].mse(), expected, 1e-6 * expected);
}
