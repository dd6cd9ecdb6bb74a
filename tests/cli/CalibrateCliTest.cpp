// quantlens-cli calibrate end to end: data from a sequence (with a scan step)
// or random inputs, presets and recipes, both AIMET formats, the summary.
#include "CliRunner.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>

using namespace quantlens::test;

namespace {

using CalibrateCliTest = CliTestBase;

/// Counts of what `info --json --model` says W4A8 enables: (quantizers, enabled activations, enabled weights).
struct PresetCounts
{
  std::size_t quantizers = 0;
  std::size_t activations = 0;
  std::size_t weights = 0;
};

PresetCounts w4a8Counts(const std::string& model)
{
  const CliResult info = runCli("info --json --model " + model);
  EXPECT_EQ(info.status, 0) << info.err;
  PresetCounts counts;
  const auto json = nlohmann::json::parse(info.out);
  for (const auto& quantizer : json["quantizers"]) {
    ++counts.quantizers;
    if (!quantizer["W4A8"]["enabled"].get<bool>())
      continue;
    if (quantizer["kind"] == "param")
      ++counts.weights;
    else
      ++counts.activations;
  }
  return counts;
}

/// Encodings in a 0.6.1 file: one per activation tensor, one per parameter.
std::size_t encodingCount061(const nlohmann::json& file)
{
  std::size_t count = file["param_encodings"].size();
  for (const auto& module : file["activation_encodings"]) {
    for (const auto& direction : module)
      count += direction.size();
  }
  return count;
}

} // namespace

TEST_F(CalibrateCliTest, CalibratesOnEveryOtherScanAndWritesWhatExportWrites)
{
  const auto sequence = synth(3, 4);
  const std::string model = fixtureModel("salsanext_script.pt");
  const auto output = root_ / "model_torch.encodings";
  const CliResult result = runCli("calibrate --model " + model + " --sequence " + sequence.string() +
                                  " --scans 0:3:2 --scheme tf_enhanced --preset W4A8 --output " + output.string());
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find("calibrated on 2 scans (0:3:2) of " + sequence.string()), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("calibrate"), std::string::npos) << "a progress bar or progress lines: " << result.err;

  const auto file = nlohmann::json::parse(slurp(output));
  EXPECT_EQ(file["version"], "0.6.1");
  EXPECT_EQ(file["quantizer_args"]["quant_scheme"], "post_training_tf_enhanced");
  EXPECT_EQ(file["param_encodings"]["resBlock2.conv1.weight"][0]["bitwidth"], 4);

  // The summary's counts against the quantizer table and the file itself.
  const PresetCounts expected = w4a8Counts(model);
  std::size_t quantizers = 0, enabled = 0, activations = 0, weights = 0, perChannel = 0, off = 0, written = 0;
  const auto summary = result.out.find("quantizers: ");
  ASSERT_NE(summary, std::string::npos) << result.out;
  ASSERT_EQ(std::sscanf(result.out.c_str() + summary,
                        "quantizers: %zu in the model; %zu enabled (%zu activation, %zu weight of which %zu per channel), %zu off",
                        &quantizers, &enabled, &activations, &weights, &perChannel, &off), 6) << result.out;
  const auto wrote = result.out.find("wrote ");
  ASSERT_NE(wrote, std::string::npos);
  ASSERT_EQ(std::sscanf(result.out.c_str() + wrote, "wrote %zu encodings", &written), 1);
  EXPECT_EQ(quantizers, expected.quantizers);
  EXPECT_EQ(activations, expected.activations);
  EXPECT_EQ(weights, expected.weights);
  EXPECT_EQ(enabled, activations + weights);
  EXPECT_EQ(off, quantizers - enabled);
  EXPECT_EQ(written, enabled);
  EXPECT_EQ(encodingCount061(file), written);

  // export on the same data writes the same file.
  const auto exported = root_ / "exported.encodings";
  const CliResult exportResult = runCli("export --quiet --model " + model + " --sequence " + sequence.string() +
                                        " --scans 0:3:2 --scheme tf_enhanced --preset W4A8 --format aimet-torch-0.6.1"
                                        " --output " + exported.string());
  ASSERT_EQ(exportResult.status, 0) << exportResult.err;
  EXPECT_EQ(slurp(exported), slurp(output));
}

TEST_F(CalibrateCliTest, WritesARecipeInAimet100)
{
  const auto output = root_ / "recipe.json";
  const CliResult result = runCli("calibrate --quiet --model " + fixtureModel("salsanext_trace.pt") +
                                  " --calibration random:1 --preset custom:" + std::string(QUANTLENS_SOURCE_DIR) +
                                  "/resources/overrides/salsanext_w4a8.json --format 1.0.0 --output " +
                                  output.string());
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find("calibrated on 1 random inputs"), std::string::npos) << result.out;
  EXPECT_TRUE(result.err.empty()) << "--quiet: " << result.err;
  const auto file = nlohmann::json::parse(slurp(output));
  EXPECT_EQ(file["version"], "1.0.0");
  std::map<std::string, nlohmann::json> byName;
  for (const auto& entry : file["activation_encodings"])
    byName[entry["name"]] = entry;
  for (const auto& entry : file["param_encodings"])
    byName[entry["name"]] = entry;
  ASSERT_TRUE(byName.count("downCntx.conv1.input[0]"));
  EXPECT_EQ(byName["downCntx.conv1.input[0]"]["bw"], 16); // the recipe keeps the model input at 16 bits
  ASSERT_TRUE(byName.count("resBlock2.conv1.weight"));
  EXPECT_EQ(byName["resBlock2.conv1.weight"]["bw"], 4);
}

TEST_F(CalibrateCliTest, RejectsBadUsageBeforeTouchingTheModel)
{
  const std::string model = " --model " + fixtureModel("salsanext_script.pt");
  const std::string output = (root_ / "x.encodings").string();
  struct Case
  {
    std::string arguments;
    int status;
    std::string fragment;
  };
  const std::vector<Case> cases = {
    {"calibrate" + model + " --output " + output, 2, "no calibration data"},
    {"calibrate" + model + " --calibration random:1", 2, "--output is required"},
    {"calibrate" + model + " --calibration random:1 --format onnx --output " + output, 2, "--format must be 0.6.1"},
    {"calibrate" + model + " --calibration random:1 --preset FP32 --output " + output, 2, "quantizes nothing"},
    {"calibrate" + model + " --calibration random:0 --output " + output, 2, "random:N with N > 0"},
    {"calibrate" + model + " --sequence " + (root_ / "none").string() + " --output " + output, 1, "does not exist"},
    {"calibrate --model " + (root_ / "none.pt").string() + " --calibration random:1 --output " + output, 1, "none.pt"},
  };
  for (const auto& c : cases) {
    const CliResult result = runCli(c.arguments);
    EXPECT_EQ(result.status, c.status) << c.arguments << "\n" << result.err;
    EXPECT_NE(result.err.find(c.fragment), std::string::npos) << c.arguments << "\n" << result.err;
  }
  EXPECT_FALSE(std::filesystem::exists(output)) << "a failed calibration must not leave a file";
}

TEST_F(CalibrateCliTest, ScanStepZeroAndCudaOnACpuBuildAreClearErrors)
{
  const auto sequence = synth(2, 4);
  const std::string base = "calibrate --model " + fixtureModel("salsanext_script.pt") + " --output " +
                           (root_ / "x.encodings").string();
  const CliResult step = runCli(base + " --sequence " + sequence.string() + " --scans 0:2:0");
  EXPECT_EQ(step.status, 2);
  EXPECT_NE(step.err.find("the step must be positive"), std::string::npos) << step.err;

  const CliResult cuda = runCli(base + " --quiet --calibration random:1 --device cuda");
  if (cuda.status != 0) { // a CPU-only LibTorch (Debian's) or no GPU: one clear line, status 1
    EXPECT_EQ(cuda.status, 1) << cuda.err;
    EXPECT_NE(cuda.err.find("CUDA was requested"), std::string::npos) << cuda.err;
    EXPECT_NE(cuda.err.find("use the CPU"), std::string::npos) << cuda.err;
    EXPECT_EQ(std::count(cuda.err.begin(), cuda.err.end(), '\n'), 1) << cuda.err;
  } else {
    EXPECT_TRUE(std::filesystem::exists(root_ / "x.encodings"));
  }
}
