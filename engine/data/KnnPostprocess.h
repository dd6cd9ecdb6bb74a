#pragma once

#include "core/ComputeDevice.h"
#include "data/ProjectedScan.h"

#include <cstdint>
#include <vector>

namespace quantlens {

/// RangeNet++'s KNN label cleaning (postproc/KNN.py, same in SalsaNext).
struct KnnParameters
{
  int knn = 5;          ///< neighbours that vote
  int search = 5;       ///< odd window size in pixels
  float sigma = 1.0f;   ///< of the inverse Gaussian weighting of the window
  float cutoff = 1.0f;  ///< metres; farther neighbours do not vote (<= 0: no cutoff)

  /// Largest accepted window: far beyond any published setting, and small
  /// enough that search² stays a cheap per-point row.
  static constexpr int kMaxSearch = 63;

  /// Throws EngineError for impossible values (even search, knn > search², ...).
  void validate() const;
};

/// Cleans per-point labels using the range image: each point looks at the
/// search×search window around its pixel, takes the knn neighbours closest in
/// range (weighted by one minus a Gaussian of the pixel offset), and the
/// majority class among those within the cutoff wins (classes 1..classCount-1).
///
/// Like the reference, pixels beyond the image border count as neighbours of
/// range 0 and class 0 (the zero padding of F.unfold), empty pixels as
/// neighbours at infinite range, and class 0 never wins.
///
/// On the CPU a plain C++ kernel (KnnCpuKernel) runs on the calling thread;
/// on CUDA the LibTorch kernel runs. Both give the same labels, except where
/// neighbours at exactly equal distance straddle the knn-th place.
class KnnPostprocess
{
public:
  /// Validates `parameters`; throws EngineError when CUDA is asked for and
  /// this build or machine has none.
  explicit KnnPostprocess(KnnParameters parameters = {}, ComputeDevice device = ComputeDevice::Cpu);

  const KnnParameters& parameters() const noexcept { return parameters_; }
  ComputeDevice device() const noexcept { return device_; }

  /// `pixelLabels`: H×W training ids (argmax of the network output), every
  /// pixel, empty ones included. Returns one training id per point of
  /// `projected`; points left out of the projection keep 0. Throws EngineError
  /// for inconsistent inputs (sizes, classCount outside [2, 256], a label >=
  /// classCount, a point outside the image).
  std::vector<std::uint8_t> apply(const ProjectedScan& projected, const std::vector<std::uint8_t>& pixelLabels,
                                  int classCount) const;

  /// Whether this build and machine can run on CUDA.
  static bool cudaAvailable();

private:
  std::vector<std::uint8_t> applyOnCpu(const ProjectedScan& projected,
                                       const std::vector<std::uint8_t>& pixelLabels) const;
  std::vector<std::uint8_t> applyWithTorch(const ProjectedScan& projected,
                                           const std::vector<std::uint8_t>& pixelLabels, int classCount) const;

  KnnParameters parameters_;
  ComputeDevice device_;
  /// The window's 1 − Gaussian weights, computed once by the torch kernel's
  /// own code so the CPU kernel orders distances exactly like it.
  std::vector<float> inverseWeights_;
};

} // namespace quantlens
