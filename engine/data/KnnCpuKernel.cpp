#include "data/KnnCpuKernel.h"

#include "core/EngineError.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

namespace quantlens {

namespace {

/// Up to this many neighbours are selected with the jump-free insertion
/// below (RangeNet++ uses 5); larger knn partially sorts the whole window.
constexpr int kMaxInsertionKnn = 32;

/// A neighbour as one integer that orders like (distance, window index):
/// distances are never negative, so their IEEE bits order like their values
/// (+inf last, a NaN after it, as topk treats NaN as the largest), and the
/// index breaks ties the way a stable sort would. Keys are unique.
std::uint64_t neighbourKey(float distance, int windowIndex)
{
  return (static_cast<std::uint64_t>(std::bit_cast<std::uint32_t>(distance)) << 32) |
         static_cast<std::uint32_t>(windowIndex);
}

int keyIndex(std::uint64_t key)
{
  return static_cast<int>(key & 0xffffffffu);
}

/// What every point of one scan shares. kSearch / kKnn > 0 fix the window
/// size and knn at compile time (the RangeNet++ defaults), 0 reads them here.
struct ScanContext
{
  int search = 0;
  int knn = 0;
  int windowSize = 0;
  int center = 0;
  std::ptrdiff_t paddedWidth = 0;
  /// Window index → offset from the window's top-left pixel in the padded images.
  const std::ptrdiff_t* offsets = nullptr;
  const float* weights = nullptr;
  /// Neighbours farther than this do not vote: the cutoff, or +inf without one.
  float voteLimit = 0.0f;
};

/// The window of one point: its top-left corner in the padded images.
struct PointWindow
{
  const float* range;
  const std::uint8_t* labels;
  float own;
};

template <int kSearch>
int searchOf(const ScanContext& scan)
{
  if constexpr (kSearch > 0)
    return kSearch;
  else
    return scan.search;
}

template <int kKnn>
int knnOf(const ScanContext& scan)
{
  if constexpr (kKnn > 0)
    return kKnn;
  else
    return scan.knn;
}

/// The weighted range distances of the window (row-major, like F.unfold's
/// channels) into `distances`; the center is the point itself, not the
/// pixel's owner: distance 0. Returns whether a neighbour within the vote
/// limit has a class other than the center pixel's: if none has, the vote is
/// decided without selecting any neighbours.
template <int kSearch>
bool windowDistances(const ScanContext& scan, const PointWindow& window, float* distances)
{
  const int search = searchOf<kSearch>(scan);
  const int center = (search * search - 1) / 2;
  const std::uint8_t centerLabel = window.labels[scan.offsets[center]];
  bool mixed = false;
  for (int ky = 0; ky < search; ++ky) {
    const float* rangeRow = window.range + ky * scan.paddedWidth;
    const std::uint8_t* labelRow = window.labels + ky * scan.paddedWidth;
    for (int kx = 0; kx < search; ++kx) {
      const int c = ky * search + kx;
      const float distance = std::fabs(rangeRow[kx] - window.own) * scan.weights[c];
      distances[c] = distance;
      mixed |= (distance <= scan.voteLimit) & (labelRow[kx] != centerLabel);
    }
  }
  distances[center] = std::fabs(window.own - window.own) * scan.weights[center];
  return mixed;
}

/// Writes the keys of the neighbours within the vote limit to `keys`, in
/// window order, and returns how many there are.
///
/// Only these matter: the others are farther than every one of them, so they
/// fill the knn places only after all of these, and then cast invalid votes,
/// which never win. (Distances are never NaN: ranges are finite or +inf, and
/// only the center, at distance 0, can have weight 0.)
template <int kSearch>
int votingKeys(const ScanContext& scan, const float* distances, std::uint64_t* keys)
{
  const int windowSize = searchOf<kSearch>(scan) * searchOf<kSearch>(scan);
  int count = 0;
  for (int c = 0; c < windowSize; ++c) {
    keys[count] = neighbourKey(distances[c], c); // kept only when it votes
    count += distances[c] <= scan.voteLimit;
  }
  return count;
}

/// Moves the knn smallest of keys[0, count) to the front and returns how many
/// there are. For small knn a running sorted list absorbs each key without
/// data-dependent jumps: the new j-th smallest is min(old j-th, max(old
/// (j-1)-th, key)).
template <int kKnn>
int selectNearest(const ScanContext& scan, std::uint64_t* keys, int count)
{
  const int knn = knnOf<kKnn>(scan);
  if (count <= knn)
    return count;
  if (knn > kMaxInsertionKnn) {
    std::nth_element(keys, keys + (knn - 1), keys + count);
    return knn;
  }
  std::array<std::uint64_t, kMaxInsertionKnn> top;
  std::fill_n(top.begin(), knn, std::numeric_limits<std::uint64_t>::max());
  for (int c = 0; c < count; ++c) {
    const std::uint64_t key = keys[c];
#pragma GCC unroll 32 // with knn fixed: a register-resident min/max network
    for (int j = knn - 1; j > 0; --j)
      top[static_cast<std::size_t>(j)] =
        std::min(top[static_cast<std::size_t>(j)], std::max(top[static_cast<std::size_t>(j - 1)], key));
    top[0] = std::min(top[0], key);
  }
  std::copy_n(top.begin(), knn, keys);
  return knn;
}

/// The majority class of the selected neighbours over classes
/// 1..classCount-1, the lowest among equal counts (torch's argmax takes the
/// first maximum); 1 when none of them votes there. `counts` is all zero on
/// entry and on return.
int majorityVote(const ScanContext& scan, const PointWindow& window, const std::uint64_t* nearest, int selected,
                 std::uint16_t* counts)
{
  for (int k = 0; k < selected; ++k)
    ++counts[window.labels[scan.offsets[keyIndex(nearest[k])]]];
  int best = 1;
  for (int k = 0; k < selected; ++k) {
    const int vote = window.labels[scan.offsets[keyIndex(nearest[k])]];
    if (vote >= 1 && (counts[vote] > counts[best] || (counts[vote] == counts[best] && vote < best)))
      best = vote;
  }
  for (int k = 0; k < selected; ++k)
    counts[window.labels[scan.offsets[keyIndex(nearest[k])]]] = 0;
  return best;
}

struct ScanInputs
{
  const ProjectedScan& projected;
  const float* paddedRange;
  const std::uint8_t* paddedLabels;
};

template <int kSearch, int kKnn>
void cleanScan(const ScanContext& scan, const ScanInputs& inputs, std::uint8_t* labels)
{
  constexpr std::size_t kFixedWindow = kSearch > 0 ? static_cast<std::size_t>(kSearch * kSearch) : 1;
  std::array<float, kFixedWindow> fixedDistances;
  std::array<std::uint64_t, kFixedWindow> fixedKeys;
  std::vector<float> runtimeDistances(kSearch > 0 ? 0 : static_cast<std::size_t>(scan.windowSize));
  std::vector<std::uint64_t> runtimeKeys(kSearch > 0 ? 0 : static_cast<std::size_t>(scan.windowSize));
  float* distances = kSearch > 0 ? fixedDistances.data() : runtimeDistances.data();
  std::uint64_t* keys = kSearch > 0 ? fixedKeys.data() : runtimeKeys.data();
  std::array<std::uint16_t, 256> counts{};

  const ProjectedScan& projected = inputs.projected;
  for (std::size_t i = 0; i < projected.pointCount(); ++i) {
    const std::int32_t u = projected.pointU[i];
    if (u < 0) {
      labels[i] = 0; // left out of the projection
      continue;
    }
    // Padded pixel (v, u) is the window's top-left corner.
    const std::ptrdiff_t topLeft = projected.pointV[i] * scan.paddedWidth + u;
    const PointWindow window{inputs.paddedRange + topLeft, inputs.paddedLabels + topLeft, projected.pointRange[i]};
    if (!windowDistances<kSearch>(scan, window, distances)) {
      // All voters share the center pixel's class, and the nearest neighbour
      // (distance 0) always votes: that class wins, or 1 for class 0.
      labels[i] = std::max<std::uint8_t>(window.labels[scan.offsets[scan.center]], 1);
      continue;
    }
    const int selected = selectNearest<kKnn>(scan, keys, votingKeys<kSearch>(scan, distances, keys));
    labels[i] = static_cast<std::uint8_t>(majorityVote(scan, window, keys, selected, counts.data()));
  }
}

} // namespace

KnnCpuKernel::KnnCpuKernel(const KnnParameters& parameters, std::vector<float> inverseWeights)
  : parameters_(parameters)
  , inverseWeights_(std::move(inverseWeights))
  , pad_((parameters.search - 1) / 2)
  , windowSize_(parameters.search * parameters.search)
{
  parameters_.validate();
  if (inverseWeights_.size() != static_cast<std::size_t>(windowSize_))
    throw EngineError("KNN CPU kernel: got " + std::to_string(inverseWeights_.size()) + " window weights for a " +
                      std::to_string(parameters.search) + "x" + std::to_string(parameters.search) + " window");
}

KnnCpuKernel::PaddedImages KnnCpuKernel::pad(const ProjectedScan& projected, const std::uint8_t* pixelLabels) const
{
  PaddedImages padded;
  padded.width = projected.width + 2 * pad_;
  const auto paddedPixels = static_cast<std::size_t>(projected.height + 2 * pad_) * padded.width;
  padded.range.assign(paddedPixels, 0.0f);
  padded.labels.assign(paddedPixels, 0);
  const float inf = std::numeric_limits<float>::infinity();
  for (int v = 0; v < projected.height; ++v) {
    const std::size_t source = static_cast<std::size_t>(v) * projected.width;
    const std::size_t target = static_cast<std::size_t>(v + pad_) * padded.width + pad_;
    for (int u = 0; u < projected.width; ++u) {
      const float r = projected.range[source + u];
      padded.range[target + u] = r < 0.0f ? inf : r;
    }
    std::copy_n(pixelLabels + source, projected.width, padded.labels.begin() + static_cast<std::ptrdiff_t>(target));
  }
  return padded;
}

void KnnCpuKernel::apply(const ProjectedScan& projected, const std::uint8_t* pixelLabels, std::uint8_t* labels) const
{
  const PaddedImages padded = pad(projected, pixelLabels);
  std::vector<std::ptrdiff_t> offsets;
  for (int ky = 0; ky < parameters_.search; ++ky) {
    for (int kx = 0; kx < parameters_.search; ++kx)
      offsets.push_back(static_cast<std::ptrdiff_t>(ky) * padded.width + kx);
  }
  ScanContext scan;
  scan.search = parameters_.search;
  scan.knn = parameters_.knn;
  scan.windowSize = windowSize_;
  scan.center = (windowSize_ - 1) / 2;
  scan.paddedWidth = padded.width;
  scan.offsets = offsets.data();
  scan.weights = inverseWeights_.data();
  scan.voteLimit = parameters_.cutoff > 0.0f ? parameters_.cutoff : std::numeric_limits<float>::infinity();
  const ScanInputs inputs{projected, padded.range.data(), padded.labels.data()};
  if (scan.search == 5 && scan.knn == 5)
    cleanScan<5, 5>(scan, inputs, labels); // RangeNet++'s and SalsaNext's setting
  else
    cleanScan<0, 0>(scan, inputs, labels);
}

} // namespace quantlens
