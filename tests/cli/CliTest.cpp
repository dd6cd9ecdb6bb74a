#include "TestData.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
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
