#pragma once

// Internal: includes torch. Only engine .cpp files may include this header.

#include "data/KnnPostprocess.h"

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace quantlens {

/// The tensor core of KnnPostprocess, for callers whose labels already live on
/// a device (argmax of GPU logits). All tensors on one device:
/// - `rangeImage`: H×W float, -1 at empty pixels;
/// - `labelImage`: H×W integer class ids in [0, classCount);
/// - `pointV`, `pointU`: N integer row and column of each point's pixel, all
///   inside the image (filter left-out points first);
/// - `pointRange`: N float, each point's own range.
/// Returns N int64 labels in [1, classCount) on the same device. Expects valid
/// parameters (KnnParameters::validate) and does not check the inputs beyond
/// what torch itself checks.
torch::Tensor knnKernel(const torch::Tensor& rangeImage, const torch::Tensor& labelImage, const torch::Tensor& pointV,
                        const torch::Tensor& pointU, const torch::Tensor& pointRange, const KnnParameters& parameters,
                        std::int64_t classCount);

/// The kernel's 1 − normalized Gaussian window weights, row-major, search²
/// float32 values, computed by the very tensor ops knnKernel uses, so that the
/// CPU kernel (data/KnnCpuKernel.h) orders near-equal distances alike.
std::vector<float> knnInverseGaussianWeights(const KnnParameters& parameters);

} // namespace quantlens
