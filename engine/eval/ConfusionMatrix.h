#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace quantlens {

/// Point counts of (predicted, true) training-id pairs, accumulated over any
/// number of scans. Rows are predictions and columns ground truth, as in the
/// SemanticKITTI reference evaluator (auxiliary/np_ioueval.py). The matrix
/// keeps every pair, class 0 included: which of them count is decided by the
/// ignore convention when metrics are computed (SegmentationMetrics).
class ConfusionMatrix
{
public:
  /// Classes 0..classCount-1; classCount must lie in [1, 256] (labels are uint8).
  explicit ConfusionMatrix(int classCount = 20);

  int classCount() const noexcept { return classCount_; }

  /// `predicted` and `truth` are training ids below classCount; throws
  /// EngineError naming the value and its index otherwise (nothing is added then).
  void add(const std::uint8_t* predicted, const std::uint8_t* truth, std::size_t count);
  /// Adds another matrix's counts (e.g. one scan's); throws EngineError when
  /// the class counts differ.
  void add(const ConfusionMatrix& other);
  /// Adds `count` points of one (predicted, truth) pair; throws EngineError for ids out of range.
  void addPoint(int predicted, int truth, std::uint64_t count = 1);

  /// Throws EngineError for ids out of range.
  std::uint64_t at(int predicted, int truth) const;
  /// All points added, class 0 included.
  std::uint64_t total() const noexcept;
  void clear() noexcept;

  bool operator==(const ConfusionMatrix& other) const = default;

private:
  void checkClass(int id, const char* what) const;
  std::size_t cell(int predicted, int truth) const noexcept
  {
    return static_cast<std::size_t>(predicted) * static_cast<std::size_t>(classCount_) +
           static_cast<std::size_t>(truth);
  }

  int classCount_;
  std::vector<std::uint64_t> counts_;  ///< row-major, classCount² cells
};

} // namespace quantlens
