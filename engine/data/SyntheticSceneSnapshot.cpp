#include "data/SyntheticSceneSnapshot.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace quantlens {

namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;

double wrapAngle(double a)
{
  while (a > std::numbers::pi)
    a -= kTwoPi;
  while (a <= -std::numbers::pi)
    a += kTwoPi;
  return a;
}
} // namespace

bool SyntheticGroundPatch::contains(double x, double y) const noexcept
{
  if (x < xMin || x >= xMax || y < yMin || y >= yMax)
    return false;
  return period <= 0.0 || std::fmod(x - xMin, period) < dash;
}

SyntheticSceneSnapshot::SyntheticSceneSnapshot(std::vector<SyntheticPrimitive> primitives,
                                               std::vector<SyntheticGroundPatch> groundPatches,
                                               SyntheticMaterial defaultGround)
  : primitives_(std::move(primitives))
  , groundPatches_(std::move(groundPatches))
  , defaultGround_(defaultGround)
{
}

int SyntheticSceneSnapshot::sectorOf(double angle) const
{
  const double width = kTwoPi / sectorCount_;
  auto s = static_cast<long>(std::floor(angle / width)) % sectorCount_;
  if (s < 0)
    s += sectorCount_;
  return static_cast<int>(s);
}

void SyntheticSceneSnapshot::addToSectors(std::uint32_t primitive, double centerAngle, double halfSpanLow,
                                          double halfSpanHigh, double nearDistance,
                                          std::vector<std::vector<Entry>>& sectors) const
{
  const double width = kTwoPi / sectorCount_;
  if (halfSpanHigh - halfSpanLow >= kTwoPi - width) {
    for (auto& sector : sectors)
      sector.push_back({nearDistance, primitive});
    return;
  }
  const auto first = static_cast<long>(std::floor((centerAngle + halfSpanLow) / width));
  const auto last = static_cast<long>(std::floor((centerAngle + halfSpanHigh) / width));
  for (long s = first; s <= last; ++s) {
    long wrapped = s % sectorCount_;
    if (wrapped < 0)
      wrapped += sectorCount_;
    sectors[static_cast<std::size_t>(wrapped)].push_back({nearDistance, primitive});
  }
}

void SyntheticSceneSnapshot::buildIndex(double sensorX, double sensorY, int sectorCount)
{
  sensorX_ = sensorX;
  sensorY_ = sensorY;
  sectorCount_ = std::max(1, sectorCount);
  std::vector<std::vector<Entry>> sectors(static_cast<std::size_t>(sectorCount_));
  // A safety margin of a thousandth of a radian covers rounding at sector edges.
  constexpr double kMargin = 1e-3;
  for (std::uint32_t i = 0; i < primitives_.size(); ++i) {
    const auto& p = primitives_[i];
    const double cx = p.center()[0] - sensorX;
    const double cy = p.center()[1] - sensorY;
    const double centerAngle = std::atan2(cy, cx);
    if (p.shape() == SyntheticPrimitive::Shape::Box) {
      // Sensor position in the box's frame decides inside/outside and the nearest distance.
      const double c = std::cos(p.yaw());
      const double s = std::sin(p.yaw());
      const double lx = -(c * cx + s * cy);
      const double ly = -(-s * cx + c * cy);
      const double ex = std::max(std::abs(lx) - p.halfSize()[0], 0.0);
      const double ey = std::max(std::abs(ly) - p.halfSize()[1], 0.0);
      const double nearDistance = std::hypot(ex, ey);
      if (nearDistance <= 0.0) {
        addToSectors(i, 0.0, -std::numbers::pi, std::numbers::pi, 0.0, sectors);
        continue;
      }
      double low = 0.0;
      double high = 0.0;
      for (const auto& corner : p.footprint()) {
        const double d = wrapAngle(std::atan2(corner[1] - sensorY, corner[0] - sensorX) - centerAngle);
        low = std::min(low, d);
        high = std::max(high, d);
      }
      addToSectors(i, centerAngle, low - kMargin, high + kMargin, nearDistance, sectors);
    } else {
      const double distance = std::hypot(cx, cy);
      const double r = p.footprintRadius();
      if (distance <= r) {
        addToSectors(i, 0.0, -std::numbers::pi, std::numbers::pi, 0.0, sectors);
        continue;
      }
      const double half = std::asin(r / distance) + kMargin;
      addToSectors(i, centerAngle, -half, half, distance - r, sectors);
    }
  }
  sectorBegin_.assign(static_cast<std::size_t>(sectorCount_) + 1, 0);
  entries_.clear();
  for (std::size_t s = 0; s < sectors.size(); ++s) {
    auto& sector = sectors[s];
    std::sort(sector.begin(), sector.end(), [](const Entry& a, const Entry& b) {
      return a.nearDistance != b.nearDistance ? a.nearDistance < b.nearDistance : a.primitive < b.primitive;
    });
    entries_.insert(entries_.end(), sector.begin(), sector.end());
    sectorBegin_[s + 1] = static_cast<std::uint32_t>(entries_.size());
  }
}

const SyntheticMaterial& SyntheticSceneSnapshot::groundMaterial(double x, double y) const
{
  for (const auto& patch : groundPatches_) {
    if (patch.contains(x, y))
      return patch.material;
  }
  return defaultGround_;
}

bool SyntheticSceneSnapshot::cast(const SyntheticRay& ray, double maxDistance, SyntheticHit& hit) const
{
  double best = maxDistance;
  bool groundHit = false;
  if (ray.direction[2] < 0.0) {
    const double t = -ray.origin[2] / ray.direction[2];
    if (t < best) {
      best = t;
      groundHit = true;
    }
  }
  bool solidHit = false;
  const double horizontal = std::hypot(ray.direction[0], ray.direction[1]);
  const int sector = sectorOf(std::atan2(ray.direction[1], ray.direction[0]));
  SyntheticHit candidate;
  for (auto e = sectorBegin_[static_cast<std::size_t>(sector)]; e < sectorBegin_[static_cast<std::size_t>(sector) + 1];
       ++e) {
    const Entry& entry = entries_[e];
    // Sorted by nearest horizontal distance: nothing further on can beat the best hit.
    if (entry.nearDistance > best * horizontal)
      break;
    if (primitives_[entry.primitive].intersect(ray, best, candidate)) {
      best = candidate.distance;
      hit = candidate;
      solidHit = true;
    }
  }
  if (solidHit)
    return true;
  if (!groundHit)
    return false;
  hit.distance = best;
  hit.cosIncidence = -ray.direction[2];
  hit.material = groundMaterial(ray.origin[0] + best * ray.direction[0], ray.origin[1] + best * ray.direction[1]);
  return true;
}

} // namespace quantlens
