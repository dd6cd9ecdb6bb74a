#pragma once

#include "eval/ConfusionMatrix.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace quantlens {

/// One confusion matrix per range bin, to see how accuracy falls off with
/// distance. Bin i holds the points with edges[i] <= range < edges[i+1];
/// points nearer than the first edge, at or beyond the last one, or with a
/// NaN range are not binned (their labels are still validated).
class DistanceBinnedConfusion
{
public:
  /// `edges` in metres, at least two, strictly increasing; throws EngineError otherwise.
  explicit DistanceBinnedConfusion(int classCount = 20, std::vector<double> edges = {0, 10, 20, 30, 40, 50});

  /// Labels as for ConfusionMatrix::add; `range` in metres, one per point.
  /// Throws EngineError (naming the value and index) for labels out of range;
  /// nothing is added then.
  void add(const std::uint8_t* predicted, const std::uint8_t* truth, const float* range, std::size_t count);
  /// Adds another matrix's counts to bin `index` (restoring saved counts:
  /// the ranges they came from are gone). Throws EngineError for a bin out of
  /// range or a matrix with another class count; nothing is added then.
  void addToBin(std::size_t index, const ConfusionMatrix& counts);

  const std::vector<double>& edges() const noexcept { return edges_; }
  /// Bin i = [edges[i], edges[i+1]); throws EngineError for i >= binCount().
  const ConfusionMatrix& bin(std::size_t index) const;
  std::size_t binCount() const noexcept { return bins_.size(); }
  int classCount() const noexcept { return classCount_; }
  void clear() noexcept;

  bool operator==(const DistanceBinnedConfusion&) const = default;

private:
  /// The bin of a range, or binCount() when it falls outside every bin.
  std::size_t binOf(float range) const;

  int classCount_;
  std::vector<double> edges_;
  std::vector<ConfusionMatrix> bins_;
};

} // namespace quantlens
