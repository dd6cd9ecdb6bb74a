#pragma once

#include "data/Scan.h"
#include "data/SequenceMetadata.h"

#include <filesystem>
#include <string>
#include <vector>

namespace quantlens {

/// A sequence in the SemanticKITTI layout:
///   <dir>/velodyne/NNNNNN.bin   float32 x, y, z, remission per point
///   <dir>/labels/NNNNNN.label   uint32 per point (optional folder)
///   <dir>/calib.txt, poses.txt, times.txt (optional)
/// Opening lists the scans; loading reads one scan with one read per file.
class SemanticKittiSequence
{
public:
  enum class Labels { Load, Skip };

  /// Throws EngineError when the folder or its velodyne/ folder does not exist
  /// or holds no scan.
  explicit SemanticKittiSequence(std::filesystem::path dir);

  const std::filesystem::path& directory() const noexcept { return dir_; }
  std::size_t scanCount() const noexcept { return scanIds_.size(); }
  /// File stems in order, e.g. "000000".
  const std::vector<std::string>& scanIds() const noexcept { return scanIds_; }
  /// True when a labels/ folder exists beside velodyne/.
  bool hasLabels() const noexcept { return hasLabels_; }

  std::filesystem::path scanPath(std::size_t index) const;
  std::filesystem::path labelPath(std::size_t index) const;

  /// Reads scan `index`. With Labels::Load and a labels/ folder, the label file
  /// must exist and match the point count. Throws EngineError naming the file.
  Scan loadScan(std::size_t index, Labels labels = Labels::Load) const;

  /// calib.txt, poses.txt and times.txt, each empty when its file is absent.
  /// Throws EngineError for a file that exists but cannot be parsed.
  SequenceMetadata readMetadata() const;

  /// Reads a .bin file into `points` (reusing its buffer); counts non-finite points.
  static std::size_t readPoints(const std::filesystem::path& binFile, PointCloud& points);
  /// Reads a .label file; `expectedCount` is the scan's point count.
  static void readLabels(const std::filesystem::path& labelFile, std::size_t expectedCount,
                         std::vector<std::uint32_t>& labels);

private:
  std::filesystem::path dir_;
  std::vector<std::string> scanIds_;
  bool hasLabels_ = false;
};

} // namespace quantlens
