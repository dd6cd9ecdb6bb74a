#include "torchimpl/KnnKernel.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace quantlens {

namespace {

/// 1 - get_gaussian_kernel(S, sigma) of the reference, flattened row-major to
/// 1×S², in float32 like the reference so near-equal distances order alike.
torch::Tensor inverseGaussianWeights(std::int64_t search, double sigma, const torch::Device& device)
{
  const auto x = torch::arange(search, torch::kFloat);
  const auto xGrid = x.repeat({search}).view({search, search});
  const auto yGrid = xGrid.t();
  const double mean = static_cast<double>(search - 1) / 2.0;
  const double variance = sigma * sigma;
  const auto squared = (xGrid - mean).pow(2) + (yGrid - mean).pow(2);
  auto gaussian = (1.0 / (2.0 * std::numbers::pi * variance)) * torch::exp(-squared / (2.0 * variance));
  gaussian = gaussian / gaussian.sum();
  return (1 - gaussian).reshape({1, search * search}).to(device);
}

/// For each point, the flat indices of its search×search window in the image
/// zero-padded by (search-1)/2 on every side, ordered like F.unfold's channels
/// (window row-major). Gathering from the padded image reproduces
/// unfold + column selection without unfolding pixels no point looks at.
torch::Tensor windowIndices(const torch::Tensor& pointV, const torch::Tensor& pointU, std::int64_t search,
                            std::int64_t paddedWidth)
{
  const auto longOptions = torch::TensorOptions().dtype(torch::kLong).device(pointV.device());
  const auto steps = torch::arange(search, longOptions);
  const auto offsets = (steps.unsqueeze(1) * paddedWidth + steps.unsqueeze(0)).reshape({1, search * search});
  // Padded pixel (v, u) is original (v - pad, u - pad): the window's top-left.
  const auto topLeft = pointV.to(torch::kLong) * paddedWidth + pointU.to(torch::kLong);
  return topLeft.unsqueeze(1) + offsets;
}

} // namespace

std::vector<float> knnInverseGaussianWeights(const KnnParameters& parameters)
{
  torch::InferenceMode inferenceMode;
  const auto weights =
    inverseGaussianWeights(parameters.search, parameters.sigma, torch::Device(torch::kCPU)).contiguous();
  const float* values = weights.data_ptr<float>();
  return std::vector<float>(values, values + weights.numel());
}

torch::Tensor knnKernel(const torch::Tensor& rangeImage, const torch::Tensor& labelImage, const torch::Tensor& pointV,
                        const torch::Tensor& pointU, const torch::Tensor& pointRange, const KnnParameters& parameters,
                        std::int64_t classCount)
{
  torch::InferenceMode inferenceMode;
  const std::int64_t search = parameters.search;
  const std::int64_t pad = (search - 1) / 2;
  const std::int64_t center = (search * search - 1) / 2;
  const std::int64_t paddedWidth = rangeImage.size(1) + 2 * pad;

  // Zero padding as in F.unfold: border neighbours have range 0 (a real,
  // usually distant, neighbour, not an empty one) and class 0.
  const auto paddedRange = torch::constant_pad_nd(rangeImage.to(torch::kFloat), {pad, pad, pad, pad}, 0);
  const auto paddedLabels = torch::constant_pad_nd(labelImage.to(torch::kLong), {pad, pad, pad, pad}, 0);
  const auto window = windowIndices(pointV, pointU, search, paddedWidth);

  const auto ownRange = pointRange.to(torch::kFloat);
  auto neighbourRange = torch::take(paddedRange, window);
  neighbourRange.masked_fill_(neighbourRange < 0, std::numeric_limits<float>::infinity());
  neighbourRange.select(1, center).copy_(ownRange);
  const auto distances = (neighbourRange - ownRange.unsqueeze(1)).abs_() *
                         inverseGaussianWeights(search, parameters.sigma, rangeImage.device());

  // Ties between equal distances may pick different neighbours than PyTorch's
  // Python topk (unsorted order is implementation-defined); only ties that
  // straddle the knn-th place and carry different classes change a label.
  const auto nearest = std::get<1>(distances.topk(parameters.knn, 1, /*largest=*/false, /*sorted=*/false));
  auto votes = torch::take(paddedLabels, window.gather(1, nearest));
  if (parameters.cutoff > 0.0f)
    votes.masked_fill_(distances.gather(1, nearest) > parameters.cutoff, classCount); // an invalid vote
  auto counts = torch::zeros({votes.size(0), classCount + 1}, ownRange.options());
  counts.scatter_add_(1, votes, torch::ones_like(votes, ownRange.options()));
  // Class 0 and the invalid bin never win; argmax takes the first of equal counts.
  return counts.slice(1, 1, classCount).argmax(1) + 1;
}

} // namespace quantlens
