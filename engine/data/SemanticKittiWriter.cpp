#include "data/SemanticKittiWriter.h"

#include "core/EngineError.h"
#include "core/FileIO.h"

#include <cstdio>

namespace quantlens {

namespace {

template <typename T>
std::string_view asBytes(const std::vector<T>& values)
{
  return {reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T)};
}

} // namespace

SemanticKittiWriter::SemanticKittiWriter(std::filesystem::path sequenceDir)
  : dir_(std::move(sequenceDir))
{
  std::error_code error;
  std::filesystem::create_directories(dir_ / "velodyne", error);
  if (!error)
    std::filesystem::create_directories(dir_ / "labels", error);
  if (error)
    throw EngineError("cannot create the sequence folder '" + dir_.string() + "': " + error.message());
}

std::string SemanticKittiWriter::scanId(std::size_t index)
{
  char buffer[24];
  std::snprintf(buffer, sizeof(buffer), "%06zu", index);
  return buffer;
}

void SemanticKittiWriter::writeScan(std::size_t index, const PointCloud& points,
                                    const std::vector<std::uint32_t>& labels) const
{
  if (!labels.empty() && labels.size() != points.size())
    throw EngineError("internal error: writing scan " + std::to_string(index) + " with " +
                      std::to_string(labels.size()) + " labels for " + std::to_string(points.size()) + " points");
  const std::string id = scanId(index);
  fileio::writeAtomically(dir_ / "velodyne" / (id + ".bin"), asBytes(points.xyzr));
  if (!labels.empty())
    fileio::writeAtomically(dir_ / "labels" / (id + ".label"), asBytes(labels));
}

void SemanticKittiWriter::writeMetadata(const SequenceMetadata& metadata) const
{
  SequenceMetadata::writeCalibration(dir_ / "calib.txt", metadata.calibration);
  SequenceMetadata::writePoses(dir_ / "poses.txt", metadata.poses);
  SequenceMetadata::writeTimes(dir_ / "times.txt", metadata.times);
}

} // namespace quantlens
