#include "data/LabelMap.h"

#include "TestData.h"
#include "core/EmbeddedResources.h"
#include "core/EngineError.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace quantlens {
namespace {

// learning_map of resources/labels/semantic-kitti.yaml, copied by hand from the file.
const std::vector<std::pair<std::uint32_t, int>> kKittiLearningMap = {
  {0, 0},   {1, 0},   {10, 1},  {11, 2},  {13, 5},  {15, 3},  {16, 5},  {18, 4},  {20, 5},
  {30, 6},  {31, 7},  {32, 8},  {40, 9},  {44, 10}, {48, 11}, {49, 12}, {50, 13}, {51, 14},
  {52, 0},  {60, 9},  {70, 15}, {71, 16}, {72, 17}, {80, 18}, {81, 19}, {99, 0},  {252, 1},
  {253, 7}, {254, 6}, {255, 8}, {256, 5}, {257, 5}, {258, 4}, {259, 5}};

// learning_map_inv of the same file: train id i -> raw label kKittiInverse[i].
const std::vector<std::uint16_t> kKittiInverse = {0,  10, 11, 15, 18, 20, 30, 31, 32, 40,
                                                  44, 48, 49, 50, 51, 70, 71, 72, 80, 81};

// A small configuration with a mapping unlike SemanticKITTI's, no learning_ignore and no content.
const char* const kTinyYaml = R"(
labels:
  0: "void"
  5: "tree"
  7: "rock"
  300: "boulder"
color_map:
  0: [0, 0, 0]
  5: [10, 20, 30]
  7: [1, 2, 3]
  300: [200, 100, 50]
learning_map:
  0: 0
  5: 2
  7: 1
  300: 1
learning_map_inv:
  0: 0
  1: 7
  2: 5
)";

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "test setup: '" << from << "' not in the yaml";
  return text.replace(at, from.size(), to);
}

/// Writes `yaml` to a file, loads it, and returns the EngineError message ("" if none was thrown).
std::string loadError(const std::string& testName, const std::string& yaml, std::filesystem::path& file)
{
  file = test::freshTempDir(testName) / "bad-labels.yaml";
  test::writeText(file, yaml);
  try {
    LabelMap::fromFile(file);
  } catch (const EngineError& error) {
    return error.what();
  }
  return {};
}

void expectErrorMentions(const std::string& message, const std::filesystem::path& file, const std::string& problem)
{
  ASSERT_FALSE(message.empty()) << "no EngineError thrown";
  EXPECT_NE(message.find(file.string()), std::string::npos) << message;
  EXPECT_NE(message.find(problem), std::string::npos) << message;
}

TEST(LabelMapTest, SemanticKittiBasics)
{
  const LabelMap map = LabelMap::semanticKitti();
  EXPECT_EQ(map.name(), "kitti");
  EXPECT_EQ(map.classCount(), 20);
  EXPECT_EQ(map.rawLabels().size(), 34u);
}

TEST(LabelMapTest, SemanticKittiTrainIdsMatchTheFile)
{
  const LabelMap map = LabelMap::semanticKitti();
  EXPECT_EQ(map.toTrainId(10), 1);  // car
  EXPECT_EQ(map.toTrainId(252), 1); // moving-car
  EXPECT_EQ(map.toTrainId(40), 9);  // road
  EXPECT_EQ(map.toTrainId(0), 0);
  EXPECT_EQ(map.toTrainId(12345), 0);            // not in the file
  EXPECT_EQ(map.toTrainId((7u << 16) | 40u), 9); // instance id in the upper bits
  for (const auto& [raw, train] : kKittiLearningMap) {
    EXPECT_EQ(map.toTrainId(raw), train) << "raw " << raw;
    EXPECT_EQ(map.toTrainId((0xABCDu << 16) | raw), train) << "raw " << raw << " with instance bits";
  }
  // Every other 16-bit id is unknown and maps to 0.
  std::vector<bool> listed(1u << 16, false);
  for (const auto& entry : kKittiLearningMap)
    listed[entry.first] = true;
  for (std::uint32_t raw = 0; raw < (1u << 16); ++raw) {
    if (!listed[raw] && map.toTrainId(raw) != 0)
      ADD_FAILURE() << "unlisted raw " << raw << " maps to " << int(map.toTrainId(raw));
  }
}

TEST(LabelMapTest, SemanticKittiInverseNamesColorsContent)
{
  const LabelMap map = LabelMap::semanticKitti();
  EXPECT_EQ(map.toRawLabel(1), 10);
  for (int id = 0; id < 20; ++id)
    EXPECT_EQ(map.toRawLabel(id), kKittiInverse[static_cast<std::size_t>(id)]) << "train id " << id;
  EXPECT_EQ(map.className(1), "car");
  EXPECT_EQ(map.className(9), "road");
  EXPECT_EQ(map.className(0), "unlabeled");
  EXPECT_EQ(map.rawLabelName(252), "moving-car");
  EXPECT_EQ(map.rawLabelName((3u << 16) | 81u), "traffic-sign");
  EXPECT_EQ(map.rawLabelName(12345), "unknown");

  // color_map is BGR in the file: 40: [255, 0, 255], 10: [245, 150, 100], 50: [0, 200, 255].
  EXPECT_EQ(map.rawLabelColor(40), (RgbColor{255, 0, 255}));
  EXPECT_EQ(map.rawLabelColor(10), (RgbColor{100, 150, 245}));
  EXPECT_EQ(map.rawLabelColor(50), (RgbColor{255, 200, 0}));
  EXPECT_EQ(map.classColor(1), (RgbColor{100, 150, 245}));
  EXPECT_EQ(map.classColor(13), (RgbColor{255, 200, 0})); // building
  EXPECT_EQ(map.rawLabelColor(12345), (RgbColor{0, 0, 0}));

  EXPECT_TRUE(map.isIgnored(0));
  EXPECT_FALSE(map.isIgnored(1));
  EXPECT_FALSE(map.isIgnored(19));
  EXPECT_DOUBLE_EQ(map.content(10), 0.040818519255974316);
  EXPECT_DOUBLE_EQ(map.content(40), 0.1987493871255525);
  EXPECT_DOUBLE_EQ(map.content(12345), 0.0);

  EXPECT_THROW(map.toRawLabel(20), EngineError);
  EXPECT_THROW(map.toRawLabel(-1), EngineError);
  EXPECT_THROW(map.isIgnored(20), EngineError);
  EXPECT_THROW(map.className(255), EngineError);
}

TEST(LabelMapTest, BulkConversionMatchesHandTable)
{
  const LabelMap map = LabelMap::semanticKitti();
  std::vector<std::uint32_t> raw;
  std::vector<std::uint8_t> expected;
  for (const auto& [label, train] : kKittiLearningMap) {
    raw.push_back((static_cast<std::uint32_t>(raw.size()) << 16) | label);
    expected.push_back(static_cast<std::uint8_t>(train));
  }
  raw.push_back(12345);
  expected.push_back(0);
  raw.push_back(0xFFFFFFFFu);
  expected.push_back(0);
  std::vector<std::uint8_t> train(raw.size(), 0xEE);
  map.toTrainIds(raw.data(), raw.size(), train.data());
  EXPECT_EQ(train, expected);
}

TEST(LabelMapTest, FromFileMatchesEmbedded)
{
  const auto file = test::freshTempDir("LabelMapFromFile") / "semantic-kitti.yaml";
  test::writeText(file, std::string(embeddedResource("labels/semantic-kitti.yaml")));
  const LabelMap map = LabelMap::fromFile(file);
  EXPECT_EQ(map.classCount(), 20);
  for (const auto& [raw, train] : kKittiLearningMap)
    EXPECT_EQ(map.toTrainId(raw), train) << "raw " << raw;
  EXPECT_EQ(map.rawLabelColor(40), (RgbColor{255, 0, 255}));
}

TEST(LabelMapTest, SmallConfigIsDataDriven)
{
  const LabelMap map = LabelMap::fromYaml(kTinyYaml, "tiny.yaml");
  EXPECT_EQ(map.name(), "");
  EXPECT_EQ(map.classCount(), 3);
  EXPECT_EQ(map.toTrainId(5), 2);
  EXPECT_EQ(map.toTrainId(7), 1);
  EXPECT_EQ(map.toTrainId(300), 1);
  EXPECT_EQ(map.toTrainId(10), 0); // car in SemanticKITTI, unknown here
  EXPECT_EQ(map.toTrainId(40), 0);
  EXPECT_EQ(map.toRawLabel(1), 7);
  EXPECT_EQ(map.toRawLabel(2), 5);
  EXPECT_EQ(map.className(2), "tree");
  EXPECT_EQ(map.className(1), "rock");
  EXPECT_EQ(map.rawLabelName(300), "boulder");
  EXPECT_EQ(map.rawLabelColor(5), (RgbColor{30, 20, 10}));
  EXPECT_EQ(map.classColor(1), (RgbColor{3, 2, 1}));
  EXPECT_EQ(map.rawLabelColor(300), (RgbColor{50, 100, 200}));
  // No learning_ignore: only train id 0 is ignored. No content: 0.
  EXPECT_TRUE(map.isIgnored(0));
  EXPECT_FALSE(map.isIgnored(1));
  EXPECT_FALSE(map.isIgnored(2));
  EXPECT_DOUBLE_EQ(map.content(5), 0.0);
  EXPECT_THROW(map.toRawLabel(3), EngineError);
}

TEST(LabelMapTest, LearningIgnoreAndContentAreRead)
{
  const std::string yaml = std::string(kTinyYaml) + "learning_ignore:\n  0: False\n  1: True\n  2: false\n"
                                                    "content:\n  5: 0.25\n  7: 0.75\nname: tiny\n";
  const LabelMap map = LabelMap::fromYaml(yaml, "tiny.yaml");
  EXPECT_EQ(map.name(), "tiny");
  EXPECT_FALSE(map.isIgnored(0));
  EXPECT_TRUE(map.isIgnored(1));
  EXPECT_FALSE(map.isIgnored(2));
  EXPECT_DOUBLE_EQ(map.content(5), 0.25);
  EXPECT_DOUBLE_EQ(map.content((1u << 16) | 7u), 0.75);
}

TEST(LabelMapTest, DefaultConstructedIsEmpty)
{
  const LabelMap map;
  EXPECT_EQ(map.classCount(), 0);
  EXPECT_EQ(map.toTrainId(40), 0);
  EXPECT_EQ(map.toTrainId(0xFFFFFFFFu), 0);
  EXPECT_THROW(map.toRawLabel(0), EngineError);
}

TEST(LabelMapTest, MissingLearningMap)
{
  std::filesystem::path file;
  const std::string yaml = replaced(kTinyYaml, "learning_map:\n  0: 0\n  5: 2\n  7: 1\n  300: 1\n", "");
  const std::string message = loadError("LabelMapMissingKey", yaml, file);
  expectErrorMentions(message, file, "missing 'learning_map'");
}

TEST(LabelMapTest, MissingFile)
{
  const auto file = test::freshTempDir("LabelMapMissingFile") / "nowhere.yaml";
  try {
    LabelMap::fromFile(file);
    FAIL() << "no EngineError thrown";
  } catch (const EngineError& error) {
    EXPECT_NE(std::string(error.what()).find(file.string()), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("not found"), std::string::npos) << error.what();
  }
}

TEST(LabelMapTest, InvalidYamlSyntaxNamesFileAndLine)
{
  std::filesystem::path file;
  // Line 3 opens a flow sequence that never closes.
  const std::string message = loadError("LabelMapBadSyntax", "labels:\n  0: \"void\"\ncolor_map: [1, 2\n", file);
  expectErrorMentions(message, file, "invalid YAML");
  EXPECT_NE(message.find(file.string() + ":"), std::string::npos) << message;
}

TEST(LabelMapTest, BadColor)
{
  std::filesystem::path file;
  std::string message = loadError("LabelMapBadColor", replaced(kTinyYaml, "5: [10, 20, 30]", "5: [10, 20]"), file);
  expectErrorMentions(message, file, "color_map[5]");
  // The color is on line 9 of the file (the raw string starts with a newline).
  EXPECT_NE(message.find(file.string() + ":9:"), std::string::npos) << message;

  message = loadError("LabelMapColorRange", replaced(kTinyYaml, "7: [1, 2, 3]", "7: [1, 256, 3]"), file);
  expectErrorMentions(message, file, "color_map[7]");
  EXPECT_NE(message.find("256"), std::string::npos) << message;
}

TEST(LabelMapTest, TrainIdOutOfRange)
{
  std::filesystem::path file;
  const std::string message = loadError(
    "LabelMapTrainRange", replaced(kTinyYaml, "  300: 1\nlearning_map_inv", "  300: 256\nlearning_map_inv"), file);
  expectErrorMentions(message, file, "learning_map[300]");
  EXPECT_NE(message.find("out of range [0, 255]"), std::string::npos) << message;
}

TEST(LabelMapTest, TrainIdWithoutInverse)
{
  std::filesystem::path file;
  const std::string message = loadError(
    "LabelMapNoInverse", replaced(kTinyYaml, "  300: 1\nlearning_map_inv", "  300: 3\nlearning_map_inv"), file);
  expectErrorMentions(message, file, "learning_map[300]");
  EXPECT_NE(message.find("learning_map_inv"), std::string::npos) << message;
}

TEST(LabelMapTest, InverseWithGap)
{
  std::filesystem::path file;
  const std::string message = loadError("LabelMapInverseGap", replaced(kTinyYaml, "  1: 7\n", ""), file);
  expectErrorMentions(message, file, "does not cover train id 1");
}

TEST(LabelMapTest, RawIdAbove16Bits)
{
  std::filesystem::path file;
  const std::string message =
    loadError("LabelMapRawRange", replaced(kTinyYaml, "300: \"boulder\"", "70000: \"boulder\""), file);
  expectErrorMentions(message, file, "raw label id 70000");
}

TEST(LabelMapTest, WrongTypes)
{
  std::filesystem::path file;
  std::string message = loadError(
    "LabelMapSectionType", replaced(kTinyYaml, "learning_map:\n  0: 0\n", "learning_map: [0, 0]\nx:\n  0: 0\n"), file);
  expectErrorMentions(message, file, "'learning_map' must be a map");

  message = loadError("LabelMapValueType", replaced(kTinyYaml, "  7: 1\n", "  7: one\n"), file);
  expectErrorMentions(message, file, "learning_map[7]: expected an integer, got 'one'");

  message = loadError("LabelMapNotAMap", "- just\n- a list\n", file);
  expectErrorMentions(message, file, "not a label configuration");

  message = loadError("LabelMapDuplicate", replaced(kTinyYaml, "  7: 1\n", "  7: 1\n  0x7: 2\n"), file);
  expectErrorMentions(message, file, "listed twice");
}

} // namespace
} // namespace quantlens
