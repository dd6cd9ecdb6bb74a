#pragma once

#include "data/KnnPostprocess.h"
#include "data/ProjectedScan.h"

#include <cstdint>
#include <vector>

namespace quantlens {

/// The plain C++ core of KnnPostprocess on the CPU, one scan on one thread
/// (callers parallelize over scans). Per point it computes the weighted range
/// distances of its search×search window, selects the knn smallest, and
/// counts their votes, exactly as the LibTorch kernel (torch/KnnKernel.h)
/// does, without the S²-wide tensors that kernel materializes.
///
/// Among neighbours at equal distance the one earlier in the window (row-major)
/// is taken, like a stable sort; torch's topk may pick another of them.
class KnnCpuKernel
{
public:
  /// `inverseWeights`: 1 − the normalized Gaussian of the window, row-major,
  /// search² values (see knnInverseGaussianWeights in torch/KnnKernel.h, whose
  /// float32 values the CPU kernel must share to order near-equal distances
  /// alike). Throws EngineError for invalid parameters or a weight count
  /// other than search².
  KnnCpuKernel(const KnnParameters& parameters, std::vector<float> inverseWeights);

  /// Writes one label per point of `projected` to `labels`: the majority class
  /// (1, 2, ...; class 0 never wins) of its knn nearest neighbours within the
  /// cutoff, read from `pixelLabels` (H×W training ids); points left out of
  /// the projection (u < 0) get 0.
  /// Expects inputs checked as KnnPostprocess::apply checks them (sizes,
  /// every kept point inside the image).
  void apply(const ProjectedScan& projected, const std::uint8_t* pixelLabels, std::uint8_t* labels) const;

private:
  /// The image with `pad_` pixels added on every side: range 0 and class 0
  /// there (F.unfold's zero padding), +inf at empty pixels.
  struct PaddedImages
  {
    int width = 0;
    std::vector<float> range;
    std::vector<std::uint8_t> labels;
  };

  PaddedImages pad(const ProjectedScan& projected, const std::uint8_t* pixelLabels) const;

  KnnParameters parameters_;
  std::vector<float> inverseWeights_;
  int pad_;
  int windowSize_;
};

} // namespace quantlens
