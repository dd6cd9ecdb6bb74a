#include "eval/DistanceBinnedConfusion.h"

#include "core/EngineError.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace quantlens {

namespace {

void validateEdges(const std::vector<double>& edges)
{
  if (edges.size() < 2)
    throw EngineError("distance bins: need at least two edges (got " + std::to_string(edges.size()) + ")");
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (!std::isfinite(edges[i]))
      throw EngineError("distance bins: edge " + std::to_string(i) + " is not a finite number");
    if (i > 0 && edges[i] <= edges[i - 1])
      throw EngineError("distance bins: edges must increase strictly, but edge " + std::to_string(i) + " (" +
                        std::to_string(edges[i]) + ") follows " + std::to_string(edges[i - 1]));
  }
}

void validateLabels(const std::uint8_t* labels, std::size_t count, int classCount, const char* what)
{
  for (std::size_t i = 0; i < count; ++i) {
    if (labels[i] >= classCount)
      throw EngineError(std::string("distance bins: ") + what + " " + std::to_string(labels[i]) + " at point " +
                        std::to_string(i) + " is not below classCount " + std::to_string(classCount));
  }
}

} // namespace

DistanceBinnedConfusion::DistanceBinnedConfusion(int classCount, std::vector<double> edges)
  : classCount_(classCount)
  , edges_(std::move(edges))
{
  validateEdges(edges_);
  bins_.assign(edges_.size() - 1, ConfusionMatrix(classCount));
}

void DistanceBinnedConfusion::add(const std::uint8_t* predicted, const std::uint8_t* truth, const float* range,
                                  std::size_t count)
{
  if (count == 0)
    return;
  if (predicted == nullptr || truth == nullptr || range == nullptr)
    throw EngineError("distance bins: null input array for " + std::to_string(count) + " points");
  validateLabels(predicted, count, classCount_, "predicted label");
  validateLabels(truth, count, classCount_, "ground-truth label");
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t b = binOf(range[i]);
    if (b < bins_.size())
      bins_[b].addPoint(predicted[i], truth[i]);
  }
}

void DistanceBinnedConfusion::addToBin(std::size_t index, const ConfusionMatrix& counts)
{
  if (index >= bins_.size())
    throw EngineError("distance bins: bin " + std::to_string(index) + " given, there are " +
                      std::to_string(bins_.size()));
  bins_[index].add(counts); // checks the class count
}

const ConfusionMatrix& DistanceBinnedConfusion::bin(std::size_t index) const
{
  if (index >= bins_.size())
    throw EngineError("distance bins: bin " + std::to_string(index) + " requested, there are " +
                      std::to_string(bins_.size()));
  return bins_[index];
}

void DistanceBinnedConfusion::clear() noexcept
{
  for (auto& matrix : bins_)
    matrix.clear();
}

std::size_t DistanceBinnedConfusion::binOf(float range) const
{
  const double r = range;
  // NaN compares false with everything, so it lands in no bin here.
  if (!(r >= edges_.front()) || !(r < edges_.back()))
    return bins_.size();
  // First edge greater than r; the bin starts at the edge before it.
  const auto upper = std::upper_bound(edges_.begin(), edges_.end(), r);
  return static_cast<std::size_t>(upper - edges_.begin()) - 1;
}

} // namespace quantlens
