#include "core/DeterministicRandom.h"

#include <cmath>

namespace quantlens {

namespace {
std::uint64_t splitMix64(std::uint64_t x) noexcept
{
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}
} // namespace

DeterministicRandom::DeterministicRandom(std::uint64_t seed)
  : engine_(seed)
{
}

std::uint64_t DeterministicRandom::deriveSeed(std::uint64_t seed, std::uint64_t a, std::uint64_t b) noexcept
{
  return splitMix64(splitMix64(splitMix64(seed) ^ a) ^ (b * 0xD6E8FEB86659FD93ull));
}

double DeterministicRandom::uniform()
{
  // The top 53 bits fill a double's mantissa exactly: no rounding, no platform difference.
  return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

int DeterministicRandom::uniformInt(int low, int high)
{
  const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(high) - low) + 1;
  // Modulo bias is below 2^-32 for the small spans we use; exact across platforms.
  return static_cast<int>(static_cast<std::int64_t>(low) + static_cast<std::int64_t>(engine_() % span));
}

double DeterministicRandom::normal()
{
  if (hasSpareNormal_) {
    hasSpareNormal_ = false;
    return spareNormal_;
  }
  double u = 0.0;
  double v = 0.0;
  double s = 0.0;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double factor = std::sqrt(-2.0 * std::log(s) / s);
  spareNormal_ = v * factor;
  hasSpareNormal_ = true;
  return u * factor;
}

} // namespace quantlens
