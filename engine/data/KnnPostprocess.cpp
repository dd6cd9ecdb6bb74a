#include "data/KnnPostprocess.h"

#include "core/EngineError.h"
#include "data/KnnCpuKernel.h"
#include "torchimpl/KnnKernel.h"

#include <cmath>
#include <string>

namespace quantlens {

namespace {

/// The points that made it into the image, as kernel inputs, and where their
/// labels go back to.
struct KeptPoints
{
  std::vector<std::int64_t> index;
  std::vector<std::int64_t> v;
  std::vector<std::int64_t> u;
  std::vector<float> range;
};

void validateInputs(const ProjectedScan& projected, const std::vector<std::uint8_t>& pixelLabels, int classCount)
{
  if (classCount < 2 || classCount > 256)
    throw EngineError("KNN post-processing: classCount must lie in [2, 256] (got " + std::to_string(classCount) + ")");
  if (projected.height <= 0 || projected.width <= 0)
    throw EngineError("KNN post-processing: the projected scan has an empty range image (" +
                      std::to_string(projected.height) + "x" + std::to_string(projected.width) + ")");
  const std::size_t pixels = projected.pixelCount();
  if (projected.range.size() != pixels)
    throw EngineError("KNN post-processing: the range image has " + std::to_string(projected.range.size()) +
                      " pixels, expected " + std::to_string(pixels));
  if (pixelLabels.size() != pixels)
    throw EngineError("KNN post-processing: got " + std::to_string(pixelLabels.size()) + " pixel labels for a " +
                      std::to_string(projected.height) + "x" + std::to_string(projected.width) + " range image");
  if (projected.pointV.size() != projected.pointCount() || projected.pointRange.size() != projected.pointCount())
    throw EngineError("KNN post-processing: the projected scan's per-point arrays differ in length");
  for (std::size_t p = 0; p < pixels; ++p) {
    if (pixelLabels[p] >= classCount)
      throw EngineError("KNN post-processing: pixel " + std::to_string(p) + " has label " +
                        std::to_string(pixelLabels[p]) + ", not below classCount " + std::to_string(classCount));
  }
}

/// Throws EngineError for a kept point outside the image.
void checkPointInside(const ProjectedScan& projected, std::size_t i)
{
  const std::int32_t u = projected.pointU[i];
  const std::int32_t v = projected.pointV[i];
  if (u >= projected.width || v < 0 || v >= projected.height)
    throw EngineError("KNN post-processing: point " + std::to_string(i) + " lies at pixel (u " + std::to_string(u) +
                      ", v " + std::to_string(v) + "), outside the " + std::to_string(projected.height) + "x" +
                      std::to_string(projected.width) + " range image");
}

void checkPointsInside(const ProjectedScan& projected)
{
  for (std::size_t i = 0; i < projected.pointCount(); ++i) {
    if (projected.pointU[i] >= 0)
      checkPointInside(projected, i);
  }
}

KeptPoints keptPoints(const ProjectedScan& projected)
{
  KeptPoints kept;
  const std::size_t count = projected.pointCount();
  kept.index.reserve(count);
  kept.v.reserve(count);
  kept.u.reserve(count);
  kept.range.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::int32_t u = projected.pointU[i];
    if (u < 0)
      continue; // left out of the projection: keeps label 0
    checkPointInside(projected, i);
    kept.index.push_back(static_cast<std::int64_t>(i));
    kept.v.push_back(projected.pointV[i]);
    kept.u.push_back(u);
    kept.range.push_back(projected.pointRange[i]);
  }
  return kept;
}

/// A CPU tensor viewing `values` (no copy); the kernel only reads its inputs.
template <typename T>
torch::Tensor view(const std::vector<T>& values, torch::IntArrayRef sizes, torch::ScalarType type)
{
  return torch::from_blob(const_cast<T*>(values.data()), sizes, torch::TensorOptions().dtype(type));
}

} // namespace

void KnnParameters::validate() const
{
  if (search < 1 || search % 2 == 0 || search > kMaxSearch)
    throw EngineError("KNN parameters: search must be an odd window size in [1, " + std::to_string(kMaxSearch) +
                      "] (got " + std::to_string(search) + ")");
  if (knn < 1 || knn > search * search)
    throw EngineError("KNN parameters: knn must lie in [1, search² = " + std::to_string(search * search) + "] (got " +
                      std::to_string(knn) + ")");
  if (!std::isfinite(sigma) || !(sigma > 0.0f))
    throw EngineError("KNN parameters: sigma must be a positive finite number (got " + std::to_string(sigma) + ")");
  if (!std::isfinite(cutoff))
    throw EngineError("KNN parameters: cutoff must be finite (use a value <= 0 to disable it)");
}

KnnPostprocess::KnnPostprocess(KnnParameters parameters, ComputeDevice device)
  : parameters_(parameters)
  , device_(device)
{
  parameters_.validate();
  if (device_ == ComputeDevice::Cuda && !cudaAvailable())
    throw EngineError("KNN post-processing: CUDA was requested, but this build of LibTorch or this machine has no "
                      "usable CUDA device; choose the CPU instead");
  if (device_ == ComputeDevice::Cpu)
    inverseWeights_ = knnInverseGaussianWeights(parameters_);
}

bool KnnPostprocess::cudaAvailable()
{
  return torch::cuda::is_available();
}

std::vector<std::uint8_t> KnnPostprocess::apply(const ProjectedScan& projected,
                                                const std::vector<std::uint8_t>& pixelLabels, int classCount) const
{
  validateInputs(projected, pixelLabels, classCount);
  return device_ == ComputeDevice::Cpu ? applyOnCpu(projected, pixelLabels)
                                       : applyWithTorch(projected, pixelLabels, classCount);
}

std::vector<std::uint8_t> KnnPostprocess::applyOnCpu(const ProjectedScan& projected,
                                                     const std::vector<std::uint8_t>& pixelLabels) const
{
  checkPointsInside(projected);
  std::vector<std::uint8_t> labels(projected.pointCount(), 0);
  KnnCpuKernel(parameters_, inverseWeights_).apply(projected, pixelLabels.data(), labels.data());
  return labels;
}

std::vector<std::uint8_t> KnnPostprocess::applyWithTorch(const ProjectedScan& projected,
                                                         const std::vector<std::uint8_t>& pixelLabels,
                                                         int classCount) const
{
  std::vector<std::uint8_t> labels(projected.pointCount(), 0);
  const KeptPoints kept = keptPoints(projected);
  if (kept.index.empty())
    return labels;

  torch::InferenceMode inferenceMode;
  const torch::Device target = device_ == ComputeDevice::Cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
  const auto points = static_cast<std::int64_t>(kept.index.size());
  torch::Tensor result;
  try {
    const auto imageSize = std::vector<std::int64_t>{projected.height, projected.width};
    result = knnKernel(view(projected.range, imageSize, torch::kFloat).to(target),
                       view(pixelLabels, imageSize, torch::kUInt8).to(target),
                       view(kept.v, {points}, torch::kLong).to(target), view(kept.u, {points}, torch::kLong).to(target),
                       view(kept.range, {points}, torch::kFloat).to(target), parameters_, classCount)
               .to(torch::kCPU, torch::kUInt8)
               .contiguous();
  } catch (const c10::Error& error) {
    throw EngineError(std::string("KNN post-processing failed in LibTorch: ") + error.what_without_backtrace());
  }

  const auto* cleaned = result.data_ptr<std::uint8_t>();
  for (std::int64_t k = 0; k < points; ++k)
    labels[static_cast<std::size_t>(kept.index[static_cast<std::size_t>(k)])] = cleaned[k];
  return labels;
}

} // namespace quantlens
