#include "eval/ConfusionMatrix.h"

#include "core/EngineError.h"

#include <algorithm>
#include <numeric>
#include <string>

namespace quantlens {

ConfusionMatrix::ConfusionMatrix(int classCount)
  : classCount_(classCount)
{
  if (classCount < 1 || classCount > 256)
    throw EngineError("confusion matrix: classCount must lie in [1, 256] (got " + std::to_string(classCount) + ")");
  counts_.assign(static_cast<std::size_t>(classCount) * static_cast<std::size_t>(classCount), 0);
}

void ConfusionMatrix::add(const std::uint8_t* predicted, const std::uint8_t* truth, std::size_t count)
{
  if (count == 0)
    return;
  if (predicted == nullptr || truth == nullptr)
    throw EngineError("confusion matrix: null label array for " + std::to_string(count) + " points");
  // Validate everything first so a bad label leaves the matrix untouched.
  for (std::size_t i = 0; i < count; ++i) {
    if (predicted[i] >= classCount_)
      throw EngineError("confusion matrix: predicted label " + std::to_string(predicted[i]) + " at point " +
                        std::to_string(i) + " is not below classCount " + std::to_string(classCount_));
    if (truth[i] >= classCount_)
      throw EngineError("confusion matrix: ground-truth label " + std::to_string(truth[i]) + " at point " +
                        std::to_string(i) + " is not below classCount " + std::to_string(classCount_));
  }
  for (std::size_t i = 0; i < count; ++i)
    ++counts_[cell(predicted[i], truth[i])];
}

void ConfusionMatrix::add(const ConfusionMatrix& other)
{
  if (other.classCount_ != classCount_)
    throw EngineError("confusion matrix: cannot add a matrix of " + std::to_string(other.classCount_) +
                      " classes to one of " + std::to_string(classCount_));
  for (std::size_t c = 0; c < counts_.size(); ++c)
    counts_[c] += other.counts_[c];
}

void ConfusionMatrix::addPoint(int predicted, int truth, std::uint64_t count)
{
  checkClass(predicted, "predicted label");
  checkClass(truth, "ground-truth label");
  counts_[cell(predicted, truth)] += count;
}

std::uint64_t ConfusionMatrix::at(int predicted, int truth) const
{
  checkClass(predicted, "predicted class");
  checkClass(truth, "ground-truth class");
  return counts_[cell(predicted, truth)];
}

std::uint64_t ConfusionMatrix::total() const noexcept
{
  return std::accumulate(counts_.begin(), counts_.end(), std::uint64_t{0});
}

void ConfusionMatrix::clear() noexcept
{
  std::fill(counts_.begin(), counts_.end(), 0);
}

void ConfusionMatrix::checkClass(int id, const char* what) const
{
  if (id < 0 || id >= classCount_)
    throw EngineError(std::string("confusion matrix: ") + what + " " + std::to_string(id) +
                      " is outside [0, " + std::to_string(classCount_) + ")");
}

} // namespace quantlens
