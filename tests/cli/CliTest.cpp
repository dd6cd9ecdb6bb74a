#include "TestData.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <cstring>
#include <map>
#include <set>
#include <sys/wait.h>

namespace {

struct Result
{
  int status = -1;
  std::string out; ///< stdout
  std::string err; ///< stderr
};

std::string slurp(const std::filesystem::path& file)
{
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Runs quantlens-cli with `arguments` (already shell-quoted where needed).
Result runCli(const std::string& arguments)
{
  static int counter = 0;
  const auto dir = std::filesystem::path(std::getenv("QUANTLENS_TEST_TMP") ? std::getenv("QUANTLENS_TEST_TMP") : "/tmp");
  std::filesystem::create_directories(dir);
  const auto err = dir / ("stderr-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  const std::string command = std::string(QUANTLENS_CLI) + " " + arguments + " 2>" + err.string();
  Result result;
  FILE* pipe = ::popen(command.c_str(), "r");
  char buffer[4096];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0)
    result.out.append(buffer, read);
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = slurp(err);
  std::filesystem::remove(err);
  return result;
}

class CliTest : public ::testing::Test
{
protected:
  void SetUp() override { root_ = quantlens::test::freshTempDir(::testing::UnitTest::GetInstance()->current_test_info()->name()); }

  std::filesystem::path synth(int scans, int seed, const std::string& sub = "data")
  {
    const auto output = root_ / sub;
    const Result result = runCli("synth --output " + output.string() + " --sequence 4 --scans " + std::to_string(scans) +
                                 " --seed " + std::to_string(seed));
    EXPECT_EQ(result.status, 0) << result.err;
    return output / "sequences" / "04";
  }

  std::filesystem::path root_;
};

} // namespace

TEST_F(CliTest, SynthWritesARealSemanticKittiSequence)
{
  const auto sequence = synth(3, 5);
  for (const char* id : {"000000", "000001", "000002"}) {
    const auto bin = sequence / "velodyne" / (std::string(id) + ".bin");
    const auto label = sequence / "labels" / (std::string(id) + ".label");
    ASSERT_TRUE(std::filesystem::exists(bin)) << bin;
    EXPECT_EQ(std::filesystem::file_size(bin) % 16, 0u);
    EXPECT_EQ(std::filesystem::file_size(label) * 4, std::filesystem::file_size(bin));
  }
  const std::string poses = slurp(sequence / "poses.txt");
  EXPECT_EQ(std::count(poses.begin(), poses.end(), '\n'), 3);
  EXPECT_NE(slurp(sequence / "calib.txt").find("Tr:"), std::string::npos);
}

TEST_F(CliTest, SynthIsDeterministicForASeed)
{
  const auto first = synth(1, 9, "a");
  const auto second = synth(1, 9, "b");
  const auto other = synth(1, 10, "c");
  const auto scan = [](const std::filesystem::path& dir) { return slurp(dir / "velodyne" / "000000.bin"); };
  EXPECT_EQ(scan(first), scan(second));
  EXPECT_NE(scan(first), scan(other));
}

TEST_F(CliTest, InfoJsonCountsEveryPointAndClass)
{
  const auto sequence = synth(2, 3);
  const Result result = runCli("info --json --sequence " + sequence.string());
  ASSERT_EQ(result.status, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["scans"], 2);
  EXPECT_EQ(json["has_labels"], true);
  const std::size_t expectedPoints = (std::filesystem::file_size(sequence / "velodyne" / "000000.bin") +
                                      std::filesystem::file_size(sequence / "velodyne" / "000001.bin")) / 16;
  EXPECT_EQ(json["points"].get<std::size_t>(), expectedPoints);
  std::size_t histogramTotal = 0;
  bool road = false;
  for (const auto& entry : json["histogram"]) {
    histogramTotal += entry["points"].get<std::size_t>();
    if (entry["label"] == 40) {
      road = true;
      EXPECT_EQ(entry["name"], "road");
      EXPECT_EQ(entry["class"], 9);
    }
  }
  EXPECT_TRUE(road);
  EXPECT_EQ(histogramTotal, expectedPoints);
}

TEST_F(CliTest, InfoTextShowsTheHistogram)
{
  const auto sequence = synth(1, 3);
  const Result result = runCli("info --sequence " + sequence.string());
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find("traffic-sign"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("scans:    1"), std::string::npos) << result.out;
}

TEST_F(CliTest, InfoStopsAtTheFirstBadFileWithOneLine)
{
  const auto sequence = synth(2, 3);
  std::ofstream(sequence / "velodyne" / "000001.bin", std::ios::app) << "xyz"; // size no longer a multiple of 16
  const Result result = runCli("info --sequence " + sequence.string());
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find("000001.bin"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("multiple of 16"), std::string::npos) << result.err;
}

TEST_F(CliTest, BadArgumentsGiveAClearErrorAndExitCode)
{
  struct Case
  {
    std::string arguments;
    int status;
    std::string fragment;
  };
  const std::vector<Case> cases = {
    {"synth --scans 2", 2, "--output is required"},
    {"synth --output " + root_.string() + " --scans 0", 2, "--scans must be between"},
    {"synth --output " + root_.string() + " --scans many", 2, "expects an integer"},
    {"synth --output " + root_.string() + " --colour red", 2, "unknown option --colour"},
    {"info --sequence " + (root_ / "missing").string(), 1, "does not exist"},
    {"frobnicate", 2, "unknown command 'frobnicate'"},
    {"bench --case nothing", 2, "unknown --case"},
    {"", 2, ""},
  };
  for (const auto& c : cases) {
    const Result result = runCli(c.arguments);
    EXPECT_EQ(result.status, c.status) << c.arguments << "\n" << result.err;
    EXPECT_NE((result.err + result.out).find(c.fragment), std::string::npos) << c.arguments << "\n" << result.err;
    if (c.status == 1) {
      EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << "one line: " << result.err;
    }
  }
}

TEST_F(CliTest, HelpListsCommandsAndOptions)
{
  const Result overview = runCli("--help");
  EXPECT_EQ(overview.status, 0);
  for (const char* command : {"synth", "info", "bench"})
    EXPECT_NE(overview.out.find(command), std::string::npos) << command;
  const Result synthHelp = runCli("synth --help");
  EXPECT_EQ(synthHelp.status, 0);
  EXPECT_NE(synthHelp.out.find("--seed"), std::string::npos);
}

TEST_F(CliTest, BenchReportsTimingsAsJson)
{
  const Result result = runCli("bench --repeat 3 --json");
  ASSERT_EQ(result.status, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["case"], "load-project");
  EXPECT_GT(json["points"].get<int>(), 100000);
  EXPECT_GT(json["total"]["median_ms"].get<double>(), 0.0);
  EXPECT_EQ(json["repeat"], 3);
}

namespace {

std::string fixtureModel(const std::string& name)
{
  return (std::filesystem::path(QUANTLENS_FIXTURE_DIR) / name).string();
}

} // namespace

TEST_F(CliTest, InfoModelListsQuantizersWithAimetNames)
{
  const Result result = runCli("info --json --model " + fixtureModel("salsanext_script.pt"));
  ASSERT_EQ(result.status, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  std::map<std::string, nlohmann::json> byName;
  for (const auto& quantizer : json["quantizers"])
    byName[quantizer["name"]] = quantizer;
  ASSERT_TRUE(byName.count("downCntx.conv1.weight"));
  EXPECT_EQ(byName["downCntx.conv1.weight"]["kind"], "param");
  EXPECT_EQ(byName["downCntx.conv1.weight"]["W4A8"]["bitwidth"], 4);
  EXPECT_EQ(byName["downCntx.conv1.weight"]["W8A8"]["per_channel"], true);
  ASSERT_TRUE(byName.count("module_softmax.output[0]"));
  // Shapes come from the sidecar's input shape (1x5x64x256, 20 classes).
  EXPECT_EQ(byName["module_softmax.output[0]"]["shape"], (std::vector<int>{1, 20, 64, 256}));
  EXPECT_TRUE(byName.count("resBlock1.pool.output[0]"));
}

TEST_F(CliTest, ExportWritesAimetEncodingsWithTheRecipe)
{
  const auto output = root_ / "salsanext_torch.encodings";
  const Result result = runCli("export --quiet --model " + fixtureModel("salsanext_trace.pt") +
                               " --preset W4A8 --overrides " + std::string(QUANTLENS_SOURCE_DIR) +
                               "/resources/overrides/salsanext_w4a8.json --calibration random:2 --scheme percentile:99.9"
                               " --format aimet-torch-0.6.1 --output " + output.string());
  ASSERT_EQ(result.status, 0) << result.err;
  const auto json = nlohmann::json::parse(slurp(output));
  EXPECT_EQ(json["version"], "0.6.1");
  EXPECT_EQ(json["quantizer_args"]["quant_scheme"], "post_training_percentile");
  const auto& input = json["activation_encodings"]["downCntx.conv1"]["input"]["0"];
  EXPECT_EQ(input["bitwidth"], 16);
  EXPECT_EQ(input["is_symmetric"], "False");
  EXPECT_LE(input["offset"].get<int>(), 0);
  const auto& weight = json["param_encodings"]["resBlock2.conv1.weight"];
  ASSERT_TRUE(weight.is_array());
  EXPECT_GT(weight.size(), 1u); // per channel
  EXPECT_EQ(weight[0]["bitwidth"], 4);
  EXPECT_EQ(json["param_encodings"]["downCntx.bn2.weight"][0]["bitwidth"], 8);

  const auto format100 = root_ / "salsanext.json";
  const Result result100 = runCli("export --quiet --model " + fixtureModel("salsanext_trace.pt") +
                                  " --preset W8A8 --calibration random:1 --format aimet-1.0.0 --output " +
                                  format100.string());
  ASSERT_EQ(result100.status, 0) << result100.err;
  const auto json100 = nlohmann::json::parse(slurp(format100));
  EXPECT_EQ(json100["version"], "1.0.0");
  EXPECT_TRUE(json100["activation_encodings"].is_array());
}

TEST_F(CliTest, ModelCommandsRejectBadInput)
{
  const std::string model = fixtureModel("salsanext_script.pt");
  const std::string output = (root_ / "x.encodings").string();
  struct Case
  {
    std::string arguments;
    int status;
    std::string fragment;
  };
  const std::vector<Case> cases = {
    {"info --model " + fixtureModel("not_torchscript.pt"), 1, "not a TorchScript model"},
    {"info --model " + fixtureModel("two_inputs.pt"), 1, "exactly one tensor"},
    {"export --model " + model + " --preset W16A8 --calibration random:1 --format aimet-1.0.0 --output " + output, 1,
     "unknown preset 'W16A8'"},
    {"export --model " + model + " --preset W8A8 --format aimet-1.0.0 --output " + output, 2, "no calibration data"},
    {"export --model " + model + " --preset W8A8 --calibration random:1 --format onnx --output " + output, 2,
     "--format must be"},
    {"export --model " + model + " --preset W8A8 --calibration random:1 --scheme percentile:20 --format aimet-1.0.0 "
     "--output " + output, 1, "[50, 100]"},
    {"export --model " + model + " --preset W8A8 --sequence " + root_.string() + "/none --format aimet-1.0.0 --output " +
     output, 1, "does not exist"},
    {"export --model " + model + " --preset W8A8 --calibration random:1 --device tpu --format aimet-1.0.0 --output " +
     output, 2, "--device must be cpu or cuda"},
  };
  for (const auto& c : cases) {
    const Result result = runCli(c.arguments);
    EXPECT_EQ(result.status, c.status) << c.arguments << "\n" << result.err;
    EXPECT_NE(result.err.find(c.fragment), std::string::npos) << c.arguments << "\n" << result.err;
  }
  EXPECT_FALSE(std::filesystem::exists(output)) << "a failed export must not leave a file";
}

namespace {

/// Independent of the engine: per-point IoU over train ids 1..19 from raw label
/// files, with the learning map read by the test itself from the shipped yaml
/// text (a small parser for its "learning_map:" block).
std::map<std::uint32_t, int> learningMapFromYaml(const std::string& yaml)
{
  std::map<std::uint32_t, int> map;
  const auto start = yaml.find("\nlearning_map:");
  std::size_t line = yaml.find('\n', start + 1) + 1;
  while (line < yaml.size() && yaml[line] == ' ') {
    const auto end = yaml.find('\n', line);
    const std::string entry = yaml.substr(line, end - line);
    const auto colon = entry.find(':');
    map[static_cast<std::uint32_t>(std::stoul(entry.substr(0, colon)))] = std::stoi(entry.substr(colon + 1));
    line = end + 1;
  }
  return map;
}

std::vector<std::uint32_t> readLabels(const std::filesystem::path& file)
{
  const std::string bytes = slurp(file);
  std::vector<std::uint32_t> labels(bytes.size() / 4);
  std::memcpy(labels.data(), bytes.data(), bytes.size());
  return labels;
}

} // namespace

TEST_F(CliTest, EvalScoresVariantsAndSavesPredictionsAnyEvaluatorCanRead)
{
  const auto sequence = synth(3, 6);
  const auto predictions = root_ / "predictions";
  const Result result = runCli("eval --quiet --json --model " + fixtureModel("salsanext_script.pt") + " --sequence " +
                               sequence.string() + " --scans 0:3 --preset FP32,W4A8 --save-predictions " +
                               predictions.string());
  ASSERT_EQ(result.status, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  ASSERT_EQ(json["variants"].size(), 2u);
  EXPECT_EQ(json["variants"][0]["name"], "FP32");
  EXPECT_EQ(json["variants"][1]["name"], "W4A8");
  EXPECT_EQ(json["variants"][0]["scans"], 3);
  EXPECT_EQ(json["variants"][0]["iou"].size(), 19u);
  EXPECT_TRUE(json["variants"][0]["iou"].contains("traffic-sign"));
  EXPECT_GT(json["variants"][1]["changed_fraction"].get<double>(), 0.0);

  // Recompute FP32's mIoU from the saved files with the test's own code.
  const auto learning = learningMapFromYaml(slurp(std::filesystem::path(QUANTLENS_SOURCE_DIR) / "resources/labels/semantic-kitti.yaml"));
  std::vector<double> tp(20, 0), fp(20, 0), fn(20, 0);
  for (const char* id : {"000000", "000001", "000002"}) {
    const auto predicted = readLabels(predictions / "FP32/sequences/04/predictions" / (std::string(id) + ".label"));
    const auto truth = readLabels(sequence / "labels" / (std::string(id) + ".label"));
    ASSERT_EQ(predicted.size(), truth.size()) << id;
    for (std::size_t i = 0; i < truth.size(); ++i) {
      ASSERT_TRUE(learning.count(predicted[i])) << "prediction " << predicted[i] << " is not a raw SemanticKITTI id";
      const int p = learning.at(predicted[i]);
      const int t = learning.count(truth[i] & 0xFFFF) ? learning.at(truth[i] & 0xFFFF) : 0;
      if (t == 0)
        continue;
      if (p == t) {
        tp[t] += 1;
      } else {
        fn[t] += 1;
        fp[p] += 1;
      }
    }
  }
  double sum = 0.0;
  for (int c = 1; c < 20; ++c)
    sum += tp[c] / (tp[c] + fp[c] + fn[c] + 1e-15);
  EXPECT_NEAR(json["variants"][0]["miou"].get<double>(), sum / 19.0, 1e-9);
}

TEST_F(CliTest, EvalRejectsBadArguments)
{
  const auto sequence = synth(1, 6);
  const std::string model = " --model " + fixtureModel("salsanext_script.pt");
  struct Case
  {
    std::string arguments;
    int status;
    std::string fragment;
  };
  const std::vector<Case> cases = {
    {"eval" + model + " --sequence " + sequence.string() + " --preset FP32,W3A8", 1, "unknown preset 'W3A8'"},
    {"eval" + model + " --sequence " + sequence.string() + " --preset FP32 --scans 5:9", 2, "selects no scan"},
    {"eval" + model + " --sequence " + sequence.string() + " --preset FP32 --scans x:y", 2, "--scans expects"},
    {"eval" + model + " --sequence " + (root_ / "nowhere").string() + " --preset FP32", 1, "does not exist"},
    {"eval --model " + fixtureModel("conv_bn_relu.pt") + " --sequence " + sequence.string() + " --preset FP32", 2,
     "has no sidecar"},
    {"eval" + model + " --sequence " + sequence.string() + " --preset custom:" + (root_ / "none.json").string(), 1,
     "none.json"},
  };
  for (const auto& c : cases) {
    const Result result = runCli(c.arguments);
    EXPECT_EQ(result.status, c.status) << c.arguments << "\n" << result.err;
    EXPECT_NE(result.err.find(c.fragment), std::string::npos) << c.arguments << "\n" << result.err;
  }
  std::filesystem::remove_all(sequence / "labels");
  const Result unlabeled = runCli("eval" + model + " --sequence " + sequence.string() + " --preset FP32");
  EXPECT_EQ(unlabeled.status, 1);
  EXPECT_NE(unlabeled.err.find("no labels/ folder"), std::string::npos) << unlabeled.err;
}

TEST_F(CliTest, SensitivityShardsMergeToTheFullRanking)
{
  const std::string base = "sensitivity --quiet --model " + fixtureModel("fragile.pt") +
                           " --input-shape 1,5,8,16 --preset W8A8 --calibration random:2";
  const Result full = runCli(base + " --json");
  ASSERT_EQ(full.status, 0) << full.err;
  const auto fullJson = nlohmann::json::parse(full.out);
  ASSERT_GE(fullJson["layers"].size(), 3u);
  const std::set<std::string> fragile = {fullJson["layers"][0]["module"], fullJson["layers"][1]["module"]};
  EXPECT_EQ(fragile, (std::set<std::string>{"conv2", "relu1"}));

  std::string shards;
  for (int k = 0; k < 2; ++k) {
    const auto file = root_ / ("shard" + std::to_string(k) + ".json");
    const Result shard = runCli(base + " --shard " + std::to_string(k) + "/2 --output " + file.string());
    ASSERT_EQ(shard.status, 0) << shard.err;
    shards += (k ? "," : "") + file.string();
  }
  const Result merged = runCli("merge --json --inputs " + shards);
  ASSERT_EQ(merged.status, 0) << merged.err;
  const auto mergedJson = nlohmann::json::parse(merged.out);
  ASSERT_EQ(mergedJson["layers"].size(), fullJson["layers"].size());
  for (std::size_t i = 0; i < fullJson["layers"].size(); ++i)
    EXPECT_EQ(mergedJson["layers"][i]["module"], fullJson["layers"][i]["module"]);

  const Result missing = runCli("merge --inputs " + (root_ / "shard0.json").string());
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("shard 1/2 is missing"), std::string::npos) << missing.err;
  const Result badShard = runCli(base + " --shard 2/2");
  EXPECT_EQ(badShard.status, 2);
  EXPECT_NE(badShard.err.find("--shard expects k/n"), std::string::npos) << badShard.err;
  const Result badMode = runCli(base + " --mode sideways");
  EXPECT_EQ(badMode.status, 2);
}

TEST_F(CliTest, StatsReportsTheRangeAndEncodingOfEachQuantizer)
{
  const Result result = runCli("stats --quiet --json --model " + fixtureModel("fragile.pt") +
                               " --input-shape 1,5,8,16 --preset W8A8 --calibration random:2");
  ASSERT_EQ(result.status, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  std::map<std::string, nlohmann::json> byName;
  for (const auto& quantizer : json["quantizers"])
    byName[quantizer["name"]] = quantizer;
  ASSERT_TRUE(byName.count("relu1.output[0]"));
  const auto& fragile = byName["relu1.output[0]"];
  EXPECT_TRUE(fragile["enabled"].get<bool>());
  EXPECT_GT(fragile["observed_max"].get<double>(), 100.0); // the planted huge channel
  EXPECT_LE(fragile["encoding_min"].get<double>(), fragile["observed_min"].get<double>());
  EXPECT_EQ(byName["conv1.output[0]"]["enabled"], false); // conv1 + relu1 share one quantizer (supergroup)
  EXPECT_EQ(json["preset"], "W8A8");
}

// The committed demo model (resources/demo) on fresh validation scans generated
// with its validation seed: it must segment, and 4-bit weights must show.
TEST_F(CliTest, DemoModelSegmentsAndW4A8IsVisiblyWorse)
{
  const auto demo = std::filesystem::path(QUANTLENS_SOURCE_DIR) / "resources/demo/salsanext_demo.pt";
  ASSERT_TRUE(std::filesystem::exists(demo)) << demo;
  const auto output = root_ / "validation";
  const Result synth = runCli("synth --quiet --output " + output.string() + " --sequence 8 --scans 8 --seed 2");
  ASSERT_EQ(synth.status, 0) << synth.err;
  const Result result = runCli("eval --quiet --json --model " + demo.string() + " --sequence " +
                               (output / "sequences/08").string() + " --preset FP32,W8A8,W4A8");
  ASSERT_EQ(result.status, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  const double fp32 = json["variants"][0]["miou_present"].get<double>();
  const double w8a8 = json["variants"][1]["miou_present"].get<double>();
  const double w4a8 = json["variants"][2]["miou_present"].get<double>();
  EXPECT_GE(fp32, 0.65) << "the demo model should segment its own validation data";
  EXPECT_GE(w8a8, fp32 - 0.05);
  EXPECT_LT(w4a8, w8a8 - 0.02);
}
