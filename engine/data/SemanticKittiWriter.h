#pragma once

#include "data/PointCloud.h"
#include "data/SequenceMetadata.h"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace quantlens {

/// Writes a sequence in the SemanticKITTI layout (see SemanticKittiSequence).
/// Every file is written to a temporary name and renamed into place.
class SemanticKittiWriter
{
public:
  /// Creates <dir>/velodyne and <dir>/labels. Throws EngineError when it cannot.
  explicit SemanticKittiWriter(std::filesystem::path sequenceDir);

  const std::filesystem::path& directory() const noexcept { return dir_; }

  /// Writes velodyne/NNNNNN.bin and, when labels are given, labels/NNNNNN.label.
  void writeScan(std::size_t index, const PointCloud& points, const std::vector<std::uint32_t>& labels) const;
  /// Writes calib.txt, poses.txt and times.txt.
  void writeMetadata(const SequenceMetadata& metadata) const;

  /// "000042" for 42.
  static std::string scanId(std::size_t index);

private:
  std::filesystem::path dir_;
};

} // namespace quantlens
