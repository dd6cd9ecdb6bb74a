#include "TestData.h"

#include "core/EngineError.h"
#include "data/SemanticKittiSequence.h"
#include "data/SemanticKittiWriter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace quantlens;
using quantlens::test::expectEngineError;

namespace {

PointCloud makePoints(std::size_t count, float seed)
{
  PointCloud points;
  for (std::size_t i = 0; i < count; ++i)
    points.append(seed + i, -seed * i, 0.5f * i, 0.01f * (i % 100));
  return points;
}

std::vector<std::uint32_t> makeLabels(std::size_t count)
{
  std::vector<std::uint32_t> labels;
  for (std::size_t i = 0; i < count; ++i)
    labels.push_back(Scan::packLabel(static_cast<std::uint16_t>(i % 3 == 0 ? 40 : 10), static_cast<std::uint16_t>(i % 7)));
  return labels;
}

class SequenceFixture : public ::testing::Test
{
protected:
  void SetUp() override
  {
    root_ = test::freshTempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    dir_ = root_ / "sequences" / "00";
  }
  std::filesystem::path root_;
  std::filesystem::path dir_;
};

} // namespace

TEST_F(SequenceFixture, RoundTripsScansLabelsAndMetadata)
{
  SemanticKittiWriter writer(dir_);
  const auto first = makePoints(10, 1.0f);
  const auto second = makePoints(25, 2.0f);
  writer.writeScan(0, first, makeLabels(10));
  writer.writeScan(1, second, makeLabels(25));
  SequenceMetadata metadata;
  metadata.poses = {Transform3x4{1, 0, 0, 0.5, 0, 1, 0, 0, 0, 0, 1, 0}, Transform3x4{1, 0, 0, 1.5, 0, 1, 0, 0, 0, 0, 1, 0}};
  metadata.times = {0.0, 0.1};
  metadata.calibration["Tr"] = Transform3x4{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};
  writer.writeMetadata(metadata);

  SemanticKittiSequence sequence(dir_);
  ASSERT_EQ(sequence.scanCount(), 2u);
  EXPECT_EQ(sequence.scanIds()[0], "000000");
  EXPECT_EQ(sequence.scanIds()[1], "000001");
  EXPECT_TRUE(sequence.hasLabels());

  const Scan scan = sequence.loadScan(1);
  EXPECT_EQ(scan.index, 1u);
  EXPECT_EQ(scan.points.xyzr, second.xyzr);
  EXPECT_EQ(scan.labels, makeLabels(25));
  EXPECT_EQ(scan.semanticLabel(0), 40);
  EXPECT_EQ(scan.instanceId(6), 6);
  EXPECT_EQ(scan.nonFinitePoints, 0u);

  const Scan withoutLabels = sequence.loadScan(0, SemanticKittiSequence::Labels::Skip);
  EXPECT_FALSE(withoutLabels.hasLabels());
  EXPECT_EQ(withoutLabels.points.size(), 10u);

  const auto read = sequence.readMetadata();
  EXPECT_EQ(read.poses, metadata.poses);
  EXPECT_EQ(read.times, metadata.times);
  EXPECT_EQ(read.calibration, metadata.calibration);
}

TEST_F(SequenceFixture, ReadsTheRealByteLayout)
{
  // Bytes written by hand, independent of SemanticKittiWriter.
  const float xyzr[] = {1.5f, -2.0f, 0.25f, 0.75f, 3.0f, 4.0f, 5.0f, 0.5f};
  const std::uint32_t labels[] = {(3u << 16) | 10u, 40u};
  test::writeBytes(dir_ / "velodyne" / "000007.bin", xyzr, sizeof(xyzr));
  test::writeBytes(dir_ / "labels" / "000007.label", labels, sizeof(labels));
  const Scan scan = SemanticKittiSequence(dir_).loadScan(0);
  ASSERT_EQ(scan.points.size(), 2u);
  EXPECT_FLOAT_EQ(scan.points.y(0), -2.0f);
  EXPECT_FLOAT_EQ(scan.points.remission(1), 0.5f);
  EXPECT_EQ(scan.semanticLabel(0), 10);
  EXPECT_EQ(scan.instanceId(0), 3);
  EXPECT_EQ(scan.semanticLabel(1), 40);
}

TEST_F(SequenceFixture, SequenceWithoutLabelsFolderLoadsPointsOnly)
{
  const float xyzr[] = {1, 2, 3, 0.5f};
  test::writeBytes(dir_ / "velodyne" / "000000.bin", xyzr, sizeof(xyzr));
  SemanticKittiSequence sequence(dir_);
  EXPECT_FALSE(sequence.hasLabels());
  EXPECT_FALSE(sequence.loadScan(0).hasLabels());
}

TEST_F(SequenceFixture, CountsNonFinitePointsAndKeepsLabelsAligned)
{
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  const float xyzr[] = {1, 2, 3, 0.1f, nan, 0, 0, 0.2f, 4, inf, 1, 0.3f, 5, 6, 7, 0.4f};
  const std::uint32_t labels[] = {10, 40, 48, 50};
  test::writeBytes(dir_ / "velodyne" / "000000.bin", xyzr, sizeof(xyzr));
  test::writeBytes(dir_ / "labels" / "000000.label", labels, sizeof(labels));
  const Scan scan = SemanticKittiSequence(dir_).loadScan(0);
  EXPECT_EQ(scan.nonFinitePoints, 2u);
  ASSERT_EQ(scan.labels.size(), 4u);
  EXPECT_EQ(scan.semanticLabel(3), 50);
  EXPECT_FLOAT_EQ(scan.points.x(3), 5.0f);
}

TEST_F(SequenceFixture, RejectsBinWhoseSizeIsNotAMultipleOf16)
{
  const char bytes[20] = {};
  test::writeBytes(dir_ / "velodyne" / "000000.bin", bytes, sizeof(bytes));
  SemanticKittiSequence sequence(dir_);
  expectEngineError([&] { sequence.loadScan(0); }, {"000000.bin", "multiple of 16"});
}

TEST_F(SequenceFixture, RejectsLabelCountMismatch)
{
  const float xyzr[8] = {};
  const std::uint32_t labels[3] = {};
  test::writeBytes(dir_ / "velodyne" / "000000.bin", xyzr, sizeof(xyzr));
  test::writeBytes(dir_ / "labels" / "000000.label", labels, sizeof(labels));
  expectEngineError([&] { SemanticKittiSequence(dir_).loadScan(0); }, {"000000.label", "3 labels", "2 points"});
}

TEST_F(SequenceFixture, RejectsMissingLabelFileWhenLabelsFolderExists)
{
  const float xyzr[4] = {1, 1, 1, 0};
  test::writeBytes(dir_ / "velodyne" / "000000.bin", xyzr, sizeof(xyzr));
  std::filesystem::create_directories(dir_ / "labels");
  expectEngineError([&] { SemanticKittiSequence(dir_).loadScan(0); }, {"000000.label", "does not exist"});
}

TEST_F(SequenceFixture, RejectsEmptyScan)
{
  test::writeBytes(dir_ / "velodyne" / "000000.bin", "", 0);
  expectEngineError([&] { SemanticKittiSequence(dir_).loadScan(0); }, {"000000.bin", "empty"});
}

TEST_F(SequenceFixture, RejectsUnreadableScan)
{
  // A folder where a scan file should be: exists, but cannot be read as a file.
  std::filesystem::create_directories(dir_ / "velodyne" / "000000.bin");
  expectEngineError([&] { SemanticKittiSequence(dir_).loadScan(0); }, {"000000.bin", "not a regular file"});
}

TEST_F(SequenceFixture, RejectsMissingFoldersAndOutOfRangeScans)
{
  expectEngineError([&] { SemanticKittiSequence(root_ / "nope"); }, {"nope", "does not exist"});
  std::filesystem::create_directories(dir_);
  expectEngineError([&] { SemanticKittiSequence{dir_}; }, {"velodyne"});
  std::filesystem::create_directories(dir_ / "velodyne");
  expectEngineError([&] { SemanticKittiSequence{dir_}; }, {"no .bin scan"});
  const float xyzr[4] = {1, 1, 1, 0};
  test::writeBytes(dir_ / "velodyne" / "000000.bin", xyzr, sizeof(xyzr));
  expectEngineError([&] { SemanticKittiSequence(dir_).loadScan(5); }, {"scan 5", "1 scans"});
}

TEST_F(SequenceFixture, RejectsMalformedMetadataNamingFileAndLine)
{
  const float xyzr[4] = {1, 1, 1, 0};
  test::writeBytes(dir_ / "velodyne" / "000000.bin", xyzr, sizeof(xyzr));
  test::writeText(dir_ / "poses.txt", "1 0 0 0 0 1 0 0 0 0 1 0\n1 0 0 0 0 1 0 0 0 0 1\n");
  expectEngineError([&] { SemanticKittiSequence(dir_).readMetadata(); }, {"poses.txt", "line 2", "12 numbers"});
  test::writeText(dir_ / "poses.txt", "");
  test::writeText(dir_ / "times.txt", "0.0\nabc\n");
  expectEngineError([&] { SemanticKittiSequence(dir_).readMetadata(); }, {"times.txt", "line 2"});
  test::writeText(dir_ / "times.txt", "");
  test::writeText(dir_ / "calib.txt", "P0 1 2 3\n");
  expectEngineError([&] { SemanticKittiSequence(dir_).readMetadata(); }, {"calib.txt", "line 1"});
}

TEST_F(SequenceFixture, WriterLeavesNoTemporaryFiles)
{
  SemanticKittiWriter writer(dir_);
  writer.writeScan(3, makePoints(4, 1.0f), makeLabels(4));
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_)) {
    if (entry.is_regular_file()) {
      ++files;
      EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
    }
  }
  EXPECT_EQ(files, 2u);
}
