#include "data/SemanticKittiSequence.h"

#include "core/EngineError.h"
#include "core/FileIO.h"

#include <algorithm>
#include <cmath>

namespace quantlens {

namespace {

constexpr std::size_t kBytesPerPoint = PointCloud::kFloatsPerPoint * sizeof(float);

std::string quoted(const std::filesystem::path& path)
{
  return "'" + path.string() + "'";
}

std::vector<std::string> listScanIds(const std::filesystem::path& velodyneDir)
{
  std::vector<std::string> ids;
  std::error_code error;
  for (std::filesystem::directory_iterator it(velodyneDir, error), end; !error && it != end; it.increment(error)) {
    if (it->path().extension() == ".bin")
      ids.push_back(it->path().stem().string());
  }
  if (error)
    throw EngineError("cannot list " + quoted(velodyneDir) + ": " + error.message());
  // Zero-padded names sort numerically; sort by length first so unpadded names do too.
  std::sort(ids.begin(), ids.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  return ids;
}

std::size_t countNonFinite(const PointCloud& points)
{
  std::size_t count = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const bool finite = std::isfinite(points.x(i)) && std::isfinite(points.y(i)) && std::isfinite(points.z(i));
    count += finite ? 0 : 1;
  }
  return count;
}

} // namespace

SemanticKittiSequence::SemanticKittiSequence(std::filesystem::path dir)
  : dir_(std::move(dir))
{
  std::error_code error;
  if (!std::filesystem::is_directory(dir_, error))
    throw EngineError("sequence folder " + quoted(dir_) + " does not exist");
  const auto velodyne = dir_ / "velodyne";
  if (!std::filesystem::is_directory(velodyne, error))
    throw EngineError(quoted(dir_) + " is not a SemanticKITTI sequence: it has no velodyne/ folder");
  scanIds_ = listScanIds(velodyne);
  if (scanIds_.empty())
    throw EngineError(quoted(velodyne) + " holds no .bin scan");
  hasLabels_ = std::filesystem::is_directory(dir_ / "labels", error);
}

std::filesystem::path SemanticKittiSequence::scanPath(std::size_t index) const
{
  return dir_ / "velodyne" / (scanIds_.at(index) + ".bin");
}

std::filesystem::path SemanticKittiSequence::labelPath(std::size_t index) const
{
  return dir_ / "labels" / (scanIds_.at(index) + ".label");
}

Scan SemanticKittiSequence::loadScan(std::size_t index, Labels labels) const
{
  if (index >= scanIds_.size())
    throw EngineError("scan " + std::to_string(index) + " is out of range: " + quoted(dir_) + " has " +
                      std::to_string(scanIds_.size()) + " scans");
  Scan scan;
  scan.index = index;
  scan.nonFinitePoints = readPoints(scanPath(index), scan.points);
  if (labels == Labels::Load && hasLabels_)
    readLabels(labelPath(index), scan.points.size(), scan.labels);
  return scan;
}

SequenceMetadata SemanticKittiSequence::readMetadata() const
{
  SequenceMetadata metadata;
  std::error_code error;
  if (std::filesystem::exists(dir_ / "calib.txt", error))
    metadata.calibration = SequenceMetadata::readCalibration(dir_ / "calib.txt");
  if (std::filesystem::exists(dir_ / "poses.txt", error))
    metadata.poses = SequenceMetadata::readPoses(dir_ / "poses.txt");
  if (std::filesystem::exists(dir_ / "times.txt", error))
    metadata.times = SequenceMetadata::readTimes(dir_ / "times.txt");
  return metadata;
}

std::size_t SemanticKittiSequence::readPoints(const std::filesystem::path& binFile, PointCloud& points)
{
  const std::size_t bytes = fileio::regularFileSize(binFile);
  if (bytes == 0)
    throw EngineError(quoted(binFile) + " is an empty scan (0 points)");
  if (bytes % kBytesPerPoint != 0)
    throw EngineError(quoted(binFile) + " is not a scan: its size (" + std::to_string(bytes) +
                      " bytes) is not a multiple of 16 (4 float32 per point)");
  points.xyzr.resize(bytes / sizeof(float));
  fileio::readExactly(binFile, points.xyzr.data(), bytes);
  return countNonFinite(points);
}

void SemanticKittiSequence::readLabels(const std::filesystem::path& labelFile, std::size_t expectedCount,
                                       std::vector<std::uint32_t>& labels)
{
  const std::size_t bytes = fileio::regularFileSize(labelFile);
  if (bytes % sizeof(std::uint32_t) != 0)
    throw EngineError(quoted(labelFile) + " is not a label file: its size (" + std::to_string(bytes) +
                      " bytes) is not a multiple of 4 (one uint32 per point)");
  const std::size_t count = bytes / sizeof(std::uint32_t);
  if (count != expectedCount)
    throw EngineError(quoted(labelFile) + " has " + std::to_string(count) + " labels but its scan has " +
                      std::to_string(expectedCount) + " points");
  labels.resize(count);
  fileio::readExactly(labelFile, labels.data(), bytes);
}

} // namespace quantlens
