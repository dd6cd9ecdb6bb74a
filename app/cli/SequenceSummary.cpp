#include "SequenceSummary.h"

#include "data/SemanticKittiSequence.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace quantlens::cli {

SequenceSummary SequenceSummary::compute(const std::filesystem::path& directory, Feedback& feedback)
{
  const SemanticKittiSequence sequence(directory);
  SequenceSummary summary;
  summary.directory = sequence.directory();
  summary.scans = sequence.scanCount();
  summary.hasLabels = sequence.hasLabels();
  summary.minPoints = SIZE_MAX;
  for (std::size_t i = 0; i < sequence.scanCount(); ++i) {
    feedback.throwIfCanceled();
    const Scan scan = sequence.loadScan(i);
    const std::size_t count = scan.points.size();
    summary.points += count;
    summary.minPoints = std::min(summary.minPoints, count);
    summary.maxPoints = std::max(summary.maxPoints, count);
    summary.nonFinitePoints += scan.nonFinitePoints;
    for (std::size_t p = 0; p < scan.labels.size(); ++p)
      ++summary.rawLabelCounts[scan.semanticLabel(p)];
    feedback.setProgress(static_cast<double>(i + 1) / sequence.scanCount(), sequence.scanIds()[i]);
  }
  const SequenceMetadata metadata = sequence.readMetadata();
  summary.poses = metadata.poses.size();
  summary.times = metadata.times.size();
  for (const auto& entry : metadata.calibration)
    summary.calibrationKeys.push_back(entry.first);
  return summary;
}

std::string SequenceSummary::toText(const LabelMap& labels) const
{
  std::string text;
  char line[256];
  std::snprintf(line, sizeof(line), "sequence: %s\nscans:    %zu (labels: %s)\n", directory.c_str(), scans,
                hasLabels ? "yes" : "no");
  text += line;
  std::snprintf(line, sizeof(line), "points:   %zu in all, %zu per scan on average (min %zu, max %zu), %zu non-finite\n",
                points, scans ? points / scans : 0, minPoints, maxPoints, nonFinitePoints);
  text += line;
  std::snprintf(line, sizeof(line), "poses:    %zu, times: %zu, calib: %zu matrices\n", poses, times,
                calibrationKeys.size());
  text += line;
  if (poses != 0 && poses != scans)
    text += "warning:  poses.txt does not have one pose per scan\n";
  if (rawLabelCounts.empty())
    return text;
  text += "\n  label  name                  class  class name             points   share\n";
  for (const auto& [raw, count] : rawLabelCounts) {
    const int trainId = labels.toTrainId(raw);
    std::snprintf(line, sizeof(line), "  %5u  %-20s  %5d  %-18s %10zu  %5.2f %%\n", raw, labels.rawLabelName(raw).c_str(),
                  trainId, labels.className(trainId).c_str(), count, 100.0 * count / std::max<std::size_t>(points, 1));
    text += line;
  }
  return text;
}

std::string SequenceSummary::toJson(const LabelMap& labels) const
{
  nlohmann::json histogram = nlohmann::json::array();
  for (const auto& [raw, count] : rawLabelCounts) {
    const int trainId = labels.toTrainId(raw);
    histogram.push_back({{"label", raw}, {"name", labels.rawLabelName(raw)}, {"class", trainId},
                         {"class_name", labels.className(trainId)}, {"points", count}});
  }
  const nlohmann::json json = {{"sequence", directory.string()},
                               {"scans", scans},
                               {"has_labels", hasLabels},
                               {"points", points},
                               {"min_points", minPoints},
                               {"max_points", maxPoints},
                               {"non_finite_points", nonFinitePoints},
                               {"poses", poses},
                               {"times", times},
                               {"calibration", calibrationKeys},
                               {"histogram", histogram}};
  return json.dump(2) + "\n";
}

} // namespace quantlens::cli
