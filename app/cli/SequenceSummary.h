#pragma once

#include "core/Feedback.h"
#include "data/LabelMap.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace quantlens::cli {

/// What `info --sequence` reports: counts over every scan and label file.
struct SequenceSummary
{
  std::filesystem::path directory;
  std::size_t scans = 0;
  bool hasLabels = false;
  std::size_t points = 0;
  std::size_t minPoints = 0;
  std::size_t maxPoints = 0;
  std::size_t nonFinitePoints = 0;
  std::size_t poses = 0;
  std::size_t times = 0;
  std::vector<std::string> calibrationKeys;
  std::map<std::uint16_t, std::size_t> rawLabelCounts; ///< semantic (lower 16 bits) → points

  /// Reads every scan (and label file); throws EngineError at the first bad file.
  static SequenceSummary compute(const std::filesystem::path& directory, Feedback& feedback);

  std::string toText(const LabelMap& labels) const;
  std::string toJson(const LabelMap& labels) const;
};

} // namespace quantlens::cli
