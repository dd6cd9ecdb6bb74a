#include "core/EngineError.h"
#include "data/KnnCpuKernel.h"
#include "data/KnnPostprocess.h"
#include "data/LabelMap.h"
#include "data/RangeProjection.h"
#include "data/SyntheticScanner.h"
#include "torchimpl/KnnKernel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <limits>
#include <numeric>
#include <random>
#include <time.h>
#include <vector>

namespace quantlens {
namespace {

/// A scan builder for hand-made range images: pixels start empty (-1), points
/// are added one by one and fill (or share) their pixel.
struct ScanBuilder
{
  ProjectedScan scan;

  ScanBuilder(int height, int width)
  {
    scan.height = height;
    scan.width = width;
    scan.range.assign(scan.pixelCount(), -1.0f);
    scan.pixelPoint.assign(scan.pixelCount(), -1);
  }

  /// Adds a point at pixel (v, u) with range r; the closest point owns the pixel.
  void addPoint(int v, int u, float r)
  {
    const auto index = static_cast<std::int32_t>(scan.pointU.size());
    scan.pointU.push_back(u);
    scan.pointV.push_back(v);
    scan.pointRange.push_back(r);
    const std::size_t pixel = static_cast<std::size_t>(v) * scan.width + u;
    if (scan.pixelPoint[pixel] < 0 || r < scan.range[pixel]) {
      scan.pixelPoint[pixel] = index;
      scan.range[pixel] = r;
    }
  }

  void addLeftOutPoint()
  {
    scan.pointU.push_back(-1);
    scan.pointV.push_back(-1);
    scan.pointRange.push_back(0.0f);
    ++scan.skippedPoints;
  }
};

// ---- Independent plain-C++ reading of postproc/KNN.py (loops, no torch) ----

/// get_gaussian_kernel(S, sigma), row-major, normalized to sum 1.
std::vector<float> referenceGaussian(int search, float sigma)
{
  const float mean = static_cast<float>(search - 1) / 2.0f;
  const float variance = sigma * sigma;
  const float pi = 3.14159265358979323846f;
  std::vector<float> kernel(static_cast<std::size_t>(search * search));
  float sum = 0.0f;
  for (int y = 0; y < search; ++y) {
    for (int x = 0; x < search; ++x) {
      const float dx = static_cast<float>(x) - mean;
      const float dy = static_cast<float>(y) - mean;
      const float g = (1.0f / (2.0f * pi * variance)) * std::exp(-(dx * dx + dy * dy) / (2.0f * variance));
      kernel[static_cast<std::size_t>(y * search + x)] = g;
      sum += g;
    }
  }
  for (float& g : kernel)
    g /= sum;
  return kernel;
}

struct ReferenceResult
{
  std::vector<std::uint8_t> labels;
  /// Points whose knn-th and (knn+1)-th neighbours tie in distance but vote
  /// differently: topk may legitimately pick either, so they are not compared.
  std::vector<bool> ambiguous;
};

ReferenceResult referenceKnn(const ProjectedScan& scan, const std::vector<std::uint8_t>& pixelLabels, int classCount,
                             const KnnParameters& p)
{
  const int s = p.search;
  const int pad = (s - 1) / 2;
  const int window = s * s;
  const int center = (window - 1) / 2;
  const std::vector<float> gaussian = referenceGaussian(s, p.sigma);
  const float inf = std::numeric_limits<float>::infinity();

  ReferenceResult result;
  result.labels.assign(scan.pointCount(), 0);
  result.ambiguous.assign(scan.pointCount(), false);
  std::vector<float> distance(static_cast<std::size_t>(window));
  std::vector<int> vote(static_cast<std::size_t>(window));
  std::vector<int> order(static_cast<std::size_t>(window));
  for (std::size_t i = 0; i < scan.pointCount(); ++i) {
    if (scan.pointU[i] < 0)
      continue;
    const float own = scan.pointRange[i];
    for (int ky = 0; ky < s; ++ky) {
      for (int kx = 0; kx < s; ++kx) {
        const int c = ky * s + kx;
        const int y = scan.pointV[i] + ky - pad;
        const int x = scan.pointU[i] + kx - pad;
        const bool inside = y >= 0 && y < scan.height && x >= 0 && x < scan.width;
        // Outside the image: unfold's zero padding, range 0 and class 0.
        float r = inside ? scan.range[static_cast<std::size_t>(y * scan.width + x)] : 0.0f;
        const int label = inside ? pixelLabels[static_cast<std::size_t>(y * scan.width + x)] : 0;
        if (r < 0.0f)
          r = inf;
        if (c == center)
          r = own;
        distance[static_cast<std::size_t>(c)] = std::fabs(r - own) * (1.0f - gaussian[static_cast<std::size_t>(c)]);
        const bool tooFar = p.cutoff > 0.0f && distance[static_cast<std::size_t>(c)] > p.cutoff;
        vote[static_cast<std::size_t>(c)] = tooFar ? classCount : label;
      }
    }
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return distance[static_cast<std::size_t>(a)] < distance[static_cast<std::size_t>(b)];
    });
    std::vector<int> counts(static_cast<std::size_t>(classCount + 1), 0);
    for (int k = 0; k < p.knn; ++k)
      ++counts[static_cast<std::size_t>(vote[static_cast<std::size_t>(order[static_cast<std::size_t>(k)])])];
    if (p.knn < window) {
      const float boundary = distance[static_cast<std::size_t>(order[static_cast<std::size_t>(p.knn - 1)])];
      int firstVote = -1;
      for (int c = 0; c < window; ++c) {
        if (distance[static_cast<std::size_t>(c)] != boundary)
          continue;
        if (firstVote >= 0 && vote[static_cast<std::size_t>(c)] != firstVote)
          result.ambiguous[i] = true;
        firstVote = vote[static_cast<std::size_t>(c)];
      }
      if (distance[static_cast<std::size_t>(order[static_cast<std::size_t>(p.knn)])] != boundary)
        result.ambiguous[i] = false; // the tie does not straddle the knn-th place
    }
    int best = 1; // counts[1 .. classCount-1], first maximum wins, like argmax
    for (int c = 2; c < classCount; ++c) {
      if (counts[static_cast<std::size_t>(c)] > counts[static_cast<std::size_t>(best)])
        best = c;
    }
    result.labels[i] = static_cast<std::uint8_t>(best);
  }
  return result;
}

/// A random scan: most pixels filled with distinct random ranges, some pixels
/// with a second (farther) point, some points left out, random labels
/// everywhere (empty pixels too, as a network predicts something there).
struct RandomScan
{
  ProjectedScan scan;
  std::vector<std::uint8_t> labels;
};

RandomScan randomScan(int height, int width, int classCount, unsigned seed)
{
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> rangeDist(1.0, 80.0);
  std::uniform_real_distribution<double> chance(0.0, 1.0);
  std::uniform_int_distribution<int> labelDist(0, classCount - 1);
  ScanBuilder builder(height, width);
  for (int v = 0; v < height; ++v) {
    for (int u = 0; u < width; ++u) {
      if (chance(rng) < 0.1)
        continue; // empty pixel
      builder.addPoint(v, u, static_cast<float>(rangeDist(rng)));
      if (chance(rng) < 0.05)
        builder.addPoint(v, u, static_cast<float>(rangeDist(rng)));
      if (chance(rng) < 0.01)
        builder.addLeftOutPoint();
    }
  }
  RandomScan result{builder.scan, std::vector<std::uint8_t>(builder.scan.pixelCount())};
  for (auto& label : result.labels)
    label = static_cast<std::uint8_t>(labelDist(rng));
  return result;
}

/// Asserts that KnnPostprocess agrees with the loop reference on every
/// unambiguous point; returns how many points were compared.
std::size_t expectMatchesReference(const RandomScan& random, int classCount, const KnnParameters& parameters,
                                   ComputeDevice device = ComputeDevice::Cpu)
{
  const auto labels = KnnPostprocess(parameters, device).apply(random.scan, random.labels, classCount);
  const ReferenceResult expected = referenceKnn(random.scan, random.labels, classCount, parameters);
  EXPECT_EQ(labels.size(), random.scan.pointCount());
  std::size_t compared = 0;
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < labels.size() && i < expected.labels.size(); ++i) {
    if (expected.ambiguous[i])
      continue;
    ++compared;
    if (labels[i] != expected.labels[i] && ++mismatches <= 5)
      ADD_FAILURE() << "point " << i << ": got " << int(labels[i]) << ", reference " << int(expected.labels[i]);
  }
  EXPECT_EQ(mismatches, 0u);
  return compared;
}

// ---- Behaviour on crafted scans ----

TEST(KnnPostprocessTest, FixesOneWrongPixelInASmoothWall)
{
  constexpr int kHeight = 8, kWidth = 16, kWall = 3, kWrong = 5, kClasses = 6;
  ScanBuilder builder(kHeight, kWidth);
  for (int v = 0; v < kHeight; ++v) {
    for (int u = 0; u < kWidth; ++u)
      builder.addPoint(v, u, 10.0f + 0.01f * static_cast<float>(u) + 0.005f * static_cast<float>(v));
  }
  std::vector<std::uint8_t> pixelLabels(builder.scan.pixelCount(), kWall);
  const std::size_t planted = 4 * kWidth + 8; // point index == pixel index here
  pixelLabels[planted] = kWrong;

  const auto labels = KnnPostprocess().apply(builder.scan, pixelLabels, kClasses);
  ASSERT_EQ(labels.size(), builder.scan.pointCount());
  EXPECT_EQ(labels[planted], kWall);
  for (std::size_t i = 0; i < labels.size(); ++i)
    EXPECT_EQ(labels[i], kWall) << "point " << i;
}

TEST(KnnPostprocessTest, NeighboursBeyondTheCutoffDoNotVote)
{
  constexpr int kSize = 9, kNear = 2, kFar = 1, kClasses = 4;
  ScanBuilder builder(kSize, kSize);
  const std::size_t centerPixel = 4 * kSize + 4;
  for (int v = 0; v < kSize; ++v) {
    for (int u = 0; u < kSize; ++u)
      builder.addPoint(v, u, v == 4 && u == 4 ? 5.0f : 20.0f);
  }
  std::vector<std::uint8_t> pixelLabels(builder.scan.pixelCount(), kFar);
  pixelLabels[centerPixel] = kNear;

  // Every neighbour is 15 m away, weighted by at least 1 - 0.17: far beyond 1 m.
  const auto withCutoff = KnnPostprocess(KnnParameters{5, 5, 1.0f, 1.0f}).apply(builder.scan, pixelLabels, kClasses);
  EXPECT_EQ(withCutoff[centerPixel], kNear);
  // Without a cutoff the four nearest far neighbours outvote the point itself.
  const auto noCutoff = KnnPostprocess(KnnParameters{5, 5, 1.0f, 0.0f}).apply(builder.scan, pixelLabels, kClasses);
  EXPECT_EQ(noCutoff[centerPixel], kFar);
  // The far points keep their class either way.
  EXPECT_EQ(withCutoff[0], kFar);
  EXPECT_EQ(withCutoff[centerPixel + 1], kFar);
}

TEST(KnnPostprocessTest, LeftOutPointsGetZero)
{
  constexpr int kClasses = 3;
  ScanBuilder builder(4, 6);
  builder.addLeftOutPoint();
  for (int u = 0; u < 6; ++u)
    builder.addPoint(1, u, 7.0f + 0.1f * static_cast<float>(u));
  builder.addLeftOutPoint();
  const std::vector<std::uint8_t> pixelLabels(builder.scan.pixelCount(), 2);

  const auto labels = KnnPostprocess().apply(builder.scan, pixelLabels, kClasses);
  ASSERT_EQ(labels.size(), 8u);
  EXPECT_EQ(labels.front(), 0);
  EXPECT_EQ(labels.back(), 0);
  for (std::size_t i = 1; i + 1 < labels.size(); ++i)
    EXPECT_EQ(labels[i], 2) << "point " << i;

  ScanBuilder allLeftOut(4, 6);
  allLeftOut.addLeftOutPoint();
  allLeftOut.addLeftOutPoint();
  EXPECT_EQ(KnnPostprocess().apply(allLeftOut.scan, pixelLabels, kClasses), std::vector<std::uint8_t>(2, 0));
}

// ---- Agreement with the loop reference ----

TEST(KnnPostprocessTest, MatchesLoopReferenceOnRandomScans)
{
  const KnnParameters settings[] = {
    {5, 5, 1.0f, 1.0f},  // RangeNet++ defaults
    {5, 5, 1.0f, 0.0f},  // no cutoff
    {7, 7, 2.0f, 3.0f},  // wider window
    {1, 3, 0.5f, 0.5f},  // a single neighbour: the point itself
    {9, 3, 1.0f, 20.0f}, // every pixel of the window votes
  };
  constexpr int kClasses = 20;
  unsigned seed = 1;
  for (const auto& parameters : settings) {
    SCOPED_TRACE("knn " + std::to_string(parameters.knn) + ", search " + std::to_string(parameters.search));
    const RandomScan random = randomScan(16, 32, kClasses, seed++);
    const std::size_t compared = expectMatchesReference(random, kClasses, parameters);
    // Ties that straddle the knn-th place are rare with random float ranges.
    EXPECT_GE(compared, random.scan.pointCount() * 95 / 100);
  }
}

TEST(KnnPostprocessTest, SingleNeighbourKeepsEachPointsOwnPixelLabel)
{
  // knn = 1 picks the point itself (distance 0); a point sharing a pixel with
  // a closer one votes with that pixel's label, class 0 becomes class 1.
  constexpr int kClasses = 5;
  const RandomScan random = randomScan(6, 10, kClasses, 42);
  const auto labels = KnnPostprocess(KnnParameters{1, 5, 1.0f, 1.0f}).apply(random.scan, random.labels, kClasses);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::int64_t pixel = random.scan.pointPixel(i);
    const int expected = pixel < 0 ? 0 : std::max<int>(1, random.labels[static_cast<std::size_t>(pixel)]);
    EXPECT_EQ(labels[i], expected) << "point " << i;
  }
}

TEST(KnnPostprocessTest, FullSizeScanMatchesReferenceAndTime)
{
  constexpr int kClasses = 20;
  const RandomScan random = randomScan(64, 2048, kClasses, 7);
  const KnnParameters defaults;
  EXPECT_GE(expectMatchesReference(random, kClasses, defaults), random.scan.pointCount() * 99 / 100);

  const KnnPostprocess knn(defaults);
  std::vector<double> milliseconds;
  for (int run = 0; run < 5; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const auto labels = knn.apply(random.scan, random.labels, kClasses);
    milliseconds.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    ASSERT_EQ(labels.size(), random.scan.pointCount());
  }
  std::sort(milliseconds.begin(), milliseconds.end());
  std::cout << "KNN on " << random.scan.pointCount() << " points, 64x2048, CPU: median " << milliseconds[2]
            << " ms, best " << milliseconds[0] << " ms\n";
  RecordProperty("median_ms", std::to_string(milliseconds[2]));
}

TEST(KnnPostprocessTest, CudaMatchesCpuOrIsRefused)
{
  if (!KnnPostprocess::cudaAvailable()) {
    EXPECT_THROW(KnnPostprocess({}, ComputeDevice::Cuda), EngineError);
    return;
  }
  constexpr int kClasses = 20;
  const RandomScan random = randomScan(64, 512, kClasses, 11);
  EXPECT_GE(expectMatchesReference(random, kClasses, KnnParameters{}, ComputeDevice::Cuda),
            random.scan.pointCount() * 99 / 100);
}

// ---- The CPU kernel against the LibTorch kernel ----

/// The LibTorch kernel run on CPU tensors, one label per point (0 for points
/// left out), i.e. what KnnPostprocess computed on the CPU before KnnCpuKernel.
std::vector<std::uint8_t> torchKernelLabels(const ProjectedScan& scan, const std::vector<std::uint8_t>& pixelLabels,
                                            int classCount, const KnnParameters& parameters)
{
  std::vector<std::int64_t> index, v, u;
  std::vector<float> range;
  for (std::size_t i = 0; i < scan.pointCount(); ++i) {
    if (scan.pointU[i] < 0)
      continue;
    index.push_back(static_cast<std::int64_t>(i));
    v.push_back(scan.pointV[i]);
    u.push_back(scan.pointU[i]);
    range.push_back(scan.pointRange[i]);
  }
  std::vector<std::uint8_t> labels(scan.pointCount(), 0);
  if (index.empty())
    return labels;
  const auto points = static_cast<std::int64_t>(index.size());
  auto rangeImage = scan.range;
  auto labelImage = pixelLabels;
  const auto result =
    knnKernel(torch::from_blob(rangeImage.data(), {scan.height, scan.width}, torch::kFloat),
              torch::from_blob(labelImage.data(), {scan.height, scan.width}, torch::kUInt8),
              torch::from_blob(v.data(), {points}, torch::kLong), torch::from_blob(u.data(), {points}, torch::kLong),
              torch::from_blob(range.data(), {points}, torch::kFloat), parameters, classCount)
      .to(torch::kUInt8)
      .contiguous();
  const auto* cleaned = result.data_ptr<std::uint8_t>();
  for (std::int64_t k = 0; k < points; ++k)
    labels[static_cast<std::size_t>(index[static_cast<std::size_t>(k)])] = cleaned[k];
  return labels;
}

/// Compares KnnPostprocess on the CPU (KnnCpuKernel) with the LibTorch kernel:
/// no difference outside the points whose knn-th place is a tie between
/// neighbours that vote differently (the loop reference finds those), and at
/// least 99.9 % identical overall. Returns the number of differing points.
std::size_t expectCpuMatchesTorch(const ProjectedScan& scan, const std::vector<std::uint8_t>& pixelLabels,
                                  int classCount, const KnnParameters& parameters)
{
  const auto cpu = KnnPostprocess(parameters, ComputeDevice::Cpu).apply(scan, pixelLabels, classCount);
  const auto torchLabels = torchKernelLabels(scan, pixelLabels, classCount, parameters);
  const ReferenceResult reference = referenceKnn(scan, pixelLabels, classCount, parameters);
  EXPECT_EQ(cpu.size(), scan.pointCount());
  EXPECT_EQ(torchLabels.size(), scan.pointCount());
  std::size_t differing = 0;
  std::size_t unexplained = 0;
  for (std::size_t i = 0; i < cpu.size() && i < torchLabels.size(); ++i) {
    if (cpu[i] == torchLabels[i])
      continue;
    ++differing;
    if (!reference.ambiguous[i] && ++unexplained <= 5)
      ADD_FAILURE() << "point " << i << ": CPU kernel " << int(cpu[i]) << ", torch kernel " << int(torchLabels[i]);
  }
  EXPECT_EQ(unexplained, 0u);
  if (scan.pointCount() > 100000)
    std::cout << "CPU kernel vs LibTorch kernel: " << differing << " of " << scan.pointCount()
              << " points differ (at topk ties)\n";
  EXPECT_LE(differing * 1000, scan.pointCount()) << differing << " of " << scan.pointCount() << " points differ";
  return differing;
}

/// A realistic 64×2048 scan: the synthetic street scanned and projected, every
/// filled pixel labelled with its point's ground truth, empty pixels 0; a
/// fraction `noise` of all pixels then gets a random class, as a network's
/// mistakes would, so that windows with mixed classes are common.
RandomScan syntheticScan(const LabelMap& labelMap, double noise, unsigned seed)
{
  SyntheticScannerOptions options;
  options.seed = seed;
  const Scan scan = SyntheticScanner(options).scan(0);
  RandomScan result{RangeProjection(SensorConfig{}).project(scan.points), {}};
  result.labels.assign(result.scan.pixelCount(), 0);
  for (std::size_t pixel = 0; pixel < result.scan.pixelCount(); ++pixel) {
    if (result.scan.isFilled(pixel))
      result.labels[pixel] =
        labelMap.toTrainId(scan.labels[static_cast<std::size_t>(result.scan.pixelPoint[pixel])]);
  }
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> chance(0.0, 1.0);
  std::uniform_int_distribution<int> classDist(0, labelMap.classCount() - 1);
  for (auto& label : result.labels) {
    if (chance(rng) < noise)
      label = static_cast<std::uint8_t>(classDist(rng));
  }
  return result;
}

TEST(KnnPostprocessTest, CpuKernelMatchesTorchKernelOnRandomScans)
{
  const KnnParameters settings[] = {
    {5, 5, 1.0f, 1.0f},   // RangeNet++ defaults (the kernel's fixed-size path)
    {5, 5, 1.0f, 0.0f},   // no cutoff: empty pixels (+inf) and borders vote
    {7, 7, 2.0f, 3.0f},   // another window and knn
    {12, 5, 1.0f, 0.0f},  // knn above the defaults
    {40, 7, 1.5f, 2.0f},  // knn beyond the insertion limit: partial sort
    {1, 3, 0.5f, 0.5f},   // the point itself
    {9, 3, 1.0f, 20.0f},  // every pixel of the window votes
    {1, 1, 0.3f, 1.0f},   // a 1x1 window
  };
  constexpr int kClasses = 20;
  unsigned seed = 100;
  for (const auto& parameters : settings) {
    SCOPED_TRACE("knn " + std::to_string(parameters.knn) + ", search " + std::to_string(parameters.search) +
                 ", cutoff " + std::to_string(parameters.cutoff));
    const RandomScan random = randomScan(24, 40, kClasses, seed++);
    expectCpuMatchesTorch(random.scan, random.labels, kClasses, parameters);
  }
}

TEST(KnnPostprocessTest, CpuKernelMatchesTorchKernelOnASyntheticScan)
{
  const LabelMap labelMap = LabelMap::semanticKitti();
  const RandomScan clean = syntheticScan(labelMap, 0.0, 3);
  ASSERT_EQ(clean.scan.height, 64);
  ASSERT_EQ(clean.scan.width, 2048);
  ASSERT_GT(clean.scan.pointCount(), 100000u);
  // The ground truth itself, and with 10 % of the pixels mislabelled.
  expectCpuMatchesTorch(clean.scan, clean.labels, labelMap.classCount(), KnnParameters{});
  const RandomScan noisy = syntheticScan(labelMap, 0.1, 3);
  expectCpuMatchesTorch(noisy.scan, noisy.labels, labelMap.classCount(), KnnParameters{});
  expectCpuMatchesTorch(noisy.scan, noisy.labels, labelMap.classCount(), KnnParameters{7, 7, 1.0f, 0.5f});

  // The cleaning must do something here: it fixes most of the planted noise.
  const auto cleaned = KnnPostprocess().apply(noisy.scan, noisy.labels, labelMap.classCount());
  std::size_t kept = 0, wrongBefore = 0, wrongAfter = 0;
  for (std::size_t i = 0; i < cleaned.size(); ++i) {
    const std::int64_t pixel = noisy.scan.pointPixel(i);
    if (pixel < 0 || noisy.scan.pixelPoint[static_cast<std::size_t>(pixel)] != static_cast<std::int32_t>(i))
      continue; // only pixel owners have a known truth here
    const auto p = static_cast<std::size_t>(pixel);
    if (clean.labels[p] == 0)
      continue; // unlabelled: class 0 never wins
    ++kept;
    wrongBefore += noisy.labels[p] != clean.labels[p];
    wrongAfter += cleaned[i] != clean.labels[p];
  }
  ASSERT_GT(kept, 50000u);
  EXPECT_GT(wrongBefore, kept / 20);
  EXPECT_LT(wrongAfter * 2, wrongBefore) << wrongBefore << " wrong before, " << wrongAfter << " after";
}

/// CPU time of this thread in milliseconds: on a shared machine, steadier than
/// the wall clock.
double threadMilliseconds()
{
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) * 1e-6;
}

/// Median thread CPU time of `runs` calls of `work`.
template <typename Work>
double medianMilliseconds(int runs, Work&& work)
{
  std::vector<double> milliseconds;
  for (int run = 0; run < runs; ++run) {
    const double start = threadMilliseconds();
    work();
    milliseconds.push_back(threadMilliseconds() - start);
  }
  std::sort(milliseconds.begin(), milliseconds.end());
  return milliseconds[milliseconds.size() / 2];
}

TEST(KnnPostprocessTest, CpuKernelTimingOnSyntheticScans)
{
  const LabelMap labelMap = LabelMap::semanticKitti();
  const KnnPostprocess knn;
  for (const double noise : {0.0, 0.1}) {
    const RandomScan scan = syntheticScan(labelMap, noise, 5);
    std::vector<std::uint8_t> labels;
    const double cpu =
      medianMilliseconds(9, [&] { labels = knn.apply(scan.scan, scan.labels, labelMap.classCount()); });
    ASSERT_EQ(labels.size(), scan.scan.pointCount());
    // LibTorch runs single-threaded here, like the CPU kernel, for a fair figure.
    const int torchThreads = torch::get_num_threads();
    torch::set_num_threads(1);
    const double withTorch = medianMilliseconds(
      3, [&] { labels = torchKernelLabels(scan.scan, scan.labels, labelMap.classCount(), KnnParameters{}); });
    torch::set_num_threads(torchThreads);
    std::cout << "KNN on a synthetic 64x2048 scan (" << scan.scan.pointCount() << " points), " << noise * 100
              << " % label noise, thread CPU time: CPU kernel median " << cpu << " ms, LibTorch kernel median "
              << withTorch << " ms\n";
    RecordProperty(noise > 0.0 ? "noisy_cpu_kernel_median_ms" : "clean_cpu_kernel_median_ms", std::to_string(cpu));
  }
}

TEST(KnnPostprocessTest, WindowWeightsAreOneMinusTheNormalizedGaussian)
{
  const KnnParameters settings[] = {{5, 5, 1.0f, 1.0f}, {1, 1, 0.5f, 1.0f}, {7, 7, 2.0f, 1.0f}, {3, 11, 0.3f, 1.0f}};
  for (const auto& parameters : settings) {
    const std::vector<float> weights = knnInverseGaussianWeights(parameters);
    const std::vector<float> gaussian = referenceGaussian(parameters.search, parameters.sigma);
    ASSERT_EQ(weights.size(), gaussian.size());
    for (std::size_t c = 0; c < weights.size(); ++c)
      EXPECT_NEAR(weights[c], 1.0f - gaussian[c], 1e-6f) << "search " << parameters.search << ", entry " << c;
  }
}

TEST(KnnPostprocessTest, CpuKernelRejectsAWrongWeightCount)
{
  EXPECT_THROW(KnnCpuKernel(KnnParameters{}, std::vector<float>(24, 1.0f)), EngineError);
  EXPECT_THROW(KnnCpuKernel(KnnParameters{5, 4, 1.0f, 1.0f}, std::vector<float>(16, 1.0f)), EngineError);
  EXPECT_NO_THROW(KnnCpuKernel(KnnParameters{}, std::vector<float>(25, 1.0f)));
}

// ---- Errors ----

TEST(KnnPostprocessTest, RejectsImpossibleParameters)
{
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  const KnnParameters bad[] = {
    {5, 4, 1.0f, 1.0f},   {5, 0, 1.0f, 1.0f},  {5, -3, 1.0f, 1.0f}, {0, 5, 1.0f, 1.0f},
    {26, 5, 1.0f, 1.0f},  {2, 1, 1.0f, 1.0f},  {5, 5, 0.0f, 1.0f},  {5, 5, -1.0f, 1.0f},
    {5, 5, nan, 1.0f},    {5, 5, inf, 1.0f},   {5, 5, 1.0f, nan},   {5, 5, 1.0f, inf},
    {5, KnnParameters::kMaxSearch + 2, 1.0f, 1.0f},
  };
  for (const auto& parameters : bad) {
    EXPECT_THROW(parameters.validate(), EngineError) << "knn " << parameters.knn << " search " << parameters.search;
    EXPECT_THROW(KnnPostprocess{parameters}, EngineError);
  }
  EXPECT_NO_THROW((KnnParameters{25, 5, 1.0f, 0.0f}.validate()));
  EXPECT_NO_THROW((KnnParameters{1, 1, 0.1f, -1.0f}.validate()));
}

TEST(KnnPostprocessTest, RejectsInconsistentInputs)
{
  ScanBuilder builder(4, 6);
  builder.addPoint(1, 2, 5.0f);
  const KnnPostprocess knn;
  const std::vector<std::uint8_t> labels(builder.scan.pixelCount(), 1);

  EXPECT_THROW(knn.apply(builder.scan, std::vector<std::uint8_t>(23, 1), 3), EngineError);
  EXPECT_THROW(knn.apply(builder.scan, labels, 1), EngineError);
  EXPECT_THROW(knn.apply(builder.scan, labels, 257), EngineError);
  auto tooHigh = labels;
  tooHigh[5] = 3;
  EXPECT_THROW(knn.apply(builder.scan, tooHigh, 3), EngineError);

  auto outside = builder.scan;
  outside.pointU[0] = 6;
  EXPECT_THROW(knn.apply(outside, labels, 3), EngineError);
  outside = builder.scan;
  outside.pointV[0] = -1;
  EXPECT_THROW(knn.apply(outside, labels, 3), EngineError);
  auto shortRange = builder.scan;
  shortRange.range.pop_back();
  EXPECT_THROW(knn.apply(shortRange, labels, 3), EngineError);
  auto shortPoints = builder.scan;
  shortPoints.pointRange.clear();
  EXPECT_THROW(knn.apply(shortPoints, labels, 3), EngineError);

  EXPECT_NO_THROW(knn.apply(builder.scan, labels, 3));
  EXPECT_NO_THROW(knn.apply(builder.scan, std::vector<std::uint8_t>(builder.scan.pixelCount(), 255), 256));
}

} // namespace
} // namespace quantlens
