#include "CliRunner.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace quantlens::test;

namespace {

using Result = CliResult;
using CliTest = CliTestBase;

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
    {"export --model " + model + " --preset W16A8 --calibration random:1 --format aimet-1.0.0 --output " + output, 2,
     "unknown variant 'W16A8'"},
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

namespace {

/// The fraction of the histogram's share in bins wholly outside [low, high],
/// as the stats docs define clipping, from the JSON histogram alone (bins
/// centred on min + b·(max − min)/bins, one bin wide).
double clippedFromHistogram(const nlohmann::json& histogram, double low, double high)
{
  const auto shares = histogram["shares"].get<std::vector<double>>();
  const double from = histogram["min"].get<double>();
  const double width = (histogram["max"].get<double>() - from) / static_cast<double>(shares.size());
  double total = 0.0, clipped = 0.0;
  for (std::size_t b = 0; b < shares.size(); ++b) {
    const double centre = from + static_cast<double>(b) * width;
    total += shares[b];
    if (centre + 0.5 * width <= low || centre - 0.5 * width >= high)
      clipped += shares[b];
  }
  return total > 0.0 ? clipped / total : 0.0;
}

} // namespace

TEST_F(CliTest, StatsJsonCarriesEachQuantizersHistogram)
{
  const Result result = runCli("stats --quiet --json --model " + fixtureModel("fragile.pt") +
                               " --input-shape 1,5,8,16 --preset W8A8 --calibration random:2 --scheme percentile:99");
  ASSERT_EQ(result.status, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  bool sawInput = false, sawClipping = false;
  for (const auto& quantizer : json["quantizers"]) {
    const auto& histogram = quantizer["histogram"];
    ASSERT_EQ(histogram["shares"].size(), 512u) << quantizer["name"];
    EXPECT_LT(histogram["min"].get<double>(), histogram["max"].get<double>());
    double total = 0.0;
    for (const auto& share : histogram["shares"])
      total += share.get<double>();
    EXPECT_LE(total, 1.0 + 1e-9) << quantizer["name"]; // averaged shares; dropped values make it less
    const std::string name = quantizer["name"];
    if (name.find("input[0]") != std::string::npos) {
      sawInput = true;
      EXPECT_EQ(histogram["values"], 2 * 5 * 8 * 16); // two random inputs of 1×5×8×16
      EXPECT_EQ(histogram["batches"], 2);
      EXPECT_GT(total, 0.5);
    }
    if (quantizer["enabled"].get<bool>() && quantizer["channels"] == 1) {
      const double clipped = clippedFromHistogram(histogram, quantizer["encoding_min"], quantizer["encoding_max"]);
      EXPECT_NEAR(quantizer["clipped_fraction"].get<double>(), clipped, 1e-12) << name;
      sawClipping = sawClipping || clipped > 0.0;
    }
  }
  EXPECT_TRUE(sawInput);
  EXPECT_TRUE(sawClipping) << "the 99th percentile clips something";
}

/// Per quantizer name: the network-level SQNR (dB) of `preset` against FP32.
std::map<std::string, double> networkSqnr(const nlohmann::json& json)
{
  std::map<std::string, double> sqnr;
  for (const auto& quantizer : json["quantizers"]) {
    if (!quantizer["network_error"].is_null() && !quantizer["network_error"]["sqnr_db"].is_null())
      sqnr[quantizer["name"]] = quantizer["network_error"]["sqnr_db"].get<double>();
  }
  return sqnr;
}

TEST_F(CliTest, StatsNetworkErrorComparesEveryActivationWithFp32)
{
  const std::string common = "stats --quiet --json --network-error --model " + fixtureModel("nested_scripted.pt") +
                             " --input-shape 1,5,16,32 --calibration random:2 --preset ";
  const Result w8 = runCli(common + "W8A8");
  const Result w4 = runCli(common + "W4A8");
  ASSERT_EQ(w8.status, 0) << w8.err;
  ASSERT_EQ(w4.status, 0) << w4.err;
  const auto json8 = nlohmann::json::parse(w8.out);
  for (const auto& quantizer : json8["quantizers"]) {
    const std::string name = quantizer["name"];
    const bool activation = name.find("input[") != std::string::npos || name.find("output[") != std::string::npos;
    // Weights have no network tensor of their own; every activation has one,
    // also where this preset leaves the quantizer off (the error arriving there).
    EXPECT_EQ(quantizer["network_error"].is_null(), !activation) << name;
    if (!quantizer["network_error"].is_null()) {
      EXPECT_GE(quantizer["network_error"]["mse"].get<double>(), 0.0) << name;
    }
  }
  const auto sqnr8 = networkSqnr(json8);
  const auto sqnr4 = networkSqnr(nlohmann::json::parse(w4.out));
  ASSERT_FALSE(sqnr8.empty());
  // 4-bit weights add error everywhere after the first weight: the last activation shows it.
  std::size_t worse = 0;
  for (const auto& [name, db] : sqnr8)
    worse += sqnr4.count(name) && sqnr4.at(name) < db ? 1 : 0;
  EXPECT_GE(worse, sqnr8.size() / 2) << "W4A8 should lose SQNR at most activations";
}

TEST_F(CliTest, StatsHistogramDrawsOneQuantizerWithItsEncodingRange)
{
  const std::string base = "stats --quiet --model " + fixtureModel("fragile.pt") +
                           " --input-shape 1,5,8,16 --preset W8A8 --calibration random:2 --scheme percentile:99";
  const Result result = runCli(base + " --histogram 'relu1.output[0]' --rows 16");
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_EQ(result.out.rfind("relu1.output[0]: activation, 8 bits\n", 0), 0u) << result.out;
  EXPECT_NE(result.out.find("<- encoding min"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("<- encoding max"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("|x"), std::string::npos) << "the clipped planted channel: " << result.out;

  // The rows hold the whole histogram: compare with the JSON shares (rows print 4 digits).
  const Result json = runCli(base + " --json");
  ASSERT_EQ(json.status, 0) << json.err;
  double expected = 0.0;
  const auto parsed = nlohmann::json::parse(json.out);
  for (const auto& quantizer : parsed["quantizers"]) {
    if (quantizer["name"] == "relu1.output[0]") {
      for (const auto& share : quantizer["histogram"]["shares"])
        expected += share.get<double>();
    }
  }
  double shown = 0.0;
  int rows = 0;
  std::size_t start = 0;
  while (start < result.out.size()) {
    const std::size_t end = result.out.find('\n', start);
    const std::string line = result.out.substr(start, end - start);
    double from = 0.0, to = 0.0, share = 0.0;
    if (line.find('|') != std::string::npos && std::sscanf(line.c_str(), "%lf %lf %lf", &from, &to, &share) == 3) {
      shown += share;
      ++rows;
    }
    start = end == std::string::npos ? result.out.size() : end + 1;
  }
  EXPECT_GT(expected, 0.0);
  EXPECT_NEAR(shown, expected, 1e-3);
  EXPECT_LE(rows, 16);
  EXPECT_GE(rows, 2);

  const Result unknown = runCli(base + " --histogram relu1");
  EXPECT_EQ(unknown.status, 1);
  EXPECT_NE(unknown.err.find("did you mean relu1.output[0]"), std::string::npos) << unknown.err;
  const Result both = runCli(base + " --json --histogram 'relu1.output[0]'");
  EXPECT_EQ(both.status, 2);
}
