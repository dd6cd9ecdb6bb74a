#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace quantlens {

/// A 3×4 row-major rigid transform as written in KITTI's poses.txt and calib.txt.
using Transform3x4 = std::array<double, 12>;

/// The text files beside a SemanticKITTI sequence's scans.
struct SequenceMetadata
{
  std::map<std::string, Transform3x4> calibration; ///< calib.txt: "P0".."P3", "Tr"
  std::vector<Transform3x4> poses;                 ///< poses.txt, one per scan
  std::vector<double> times;                       ///< times.txt, seconds

  /// Readers throw EngineError naming the file and the line.
  static std::map<std::string, Transform3x4> readCalibration(const std::filesystem::path& file);
  static std::vector<Transform3x4> readPoses(const std::filesystem::path& file);
  static std::vector<double> readTimes(const std::filesystem::path& file);

  /// Writers go through a temporary file and a rename, so a reader never sees half a file.
  static void writeCalibration(const std::filesystem::path& file,
                               const std::map<std::string, Transform3x4>& calibration);
  static void writePoses(const std::filesystem::path& file, const std::vector<Transform3x4>& poses);
  static void writeTimes(const std::filesystem::path& file, const std::vector<double>& times);
};

} // namespace quantlens
