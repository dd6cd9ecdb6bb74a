#pragma once

#include <cstdint>
#include <random>

namespace quantlens {

/// A seeded random source that gives the same sequence on every platform and
/// standard library. std::mt19937_64's raw output is fixed by the standard, but
/// std::uniform_real_distribution and std::normal_distribution are not (libstdc++,
/// libc++ and MSVC differ), so the conversions here are our own.
class DeterministicRandom
{
public:
  explicit DeterministicRandom(std::uint64_t seed);

  /// Derives an independent seed from a base seed and up to two stream indices
  /// (SplitMix64 finalizer), e.g. one stream per scan or per scene chunk.
  static std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0) noexcept;

  std::uint64_t nextU64() { return engine_(); }
  /// Uniform in [0, 1) with 53 random bits.
  double uniform();
  /// Uniform in [low, high).
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  /// Uniform integer in [low, high] (inclusive); low <= high.
  int uniformInt(int low, int high);
  /// True with probability p.
  bool chance(double p) { return uniform() < p; }
  /// Standard normal (Marsaglia's polar method; only sqrt and log, no tables).
  double normal();
  double normal(double mean, double sigma) { return mean + sigma * normal(); }

private:
  std::mt19937_64 engine_;
  double spareNormal_ = 0.0;
  bool hasSpareNormal_ = false;
};

} // namespace quantlens
