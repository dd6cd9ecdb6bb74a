#pragma once

#include "data/SyntheticPrimitive.h"

#include <cstdint>
#include <vector>

namespace quantlens {

/// A rectangle of the road-level ground (z = 0) with its own material: road,
/// parking, lane markings. With a period, only the first `dash` metres of every
/// `period` metres along x belong to it (dashed lines).
struct SyntheticGroundPatch
{
  double xMin = 0.0;
  double xMax = 0.0;
  double yMin = 0.0;
  double yMax = 0.0;
  double period = 0.0;
  double dash = 0.0;
  SyntheticMaterial material;

  bool contains(double x, double y) const noexcept;
};

/// The part of the synthetic world one scan can see, frozen at the scan's time,
/// with an acceleration structure for rays from one sensor position: solids are
/// binned by the azimuth sectors their footprint covers and sorted by their
/// nearest horizontal distance, so a ray tests only its sector's solids and stops
/// at the first solid farther than its best hit. The ground plane is analytic.
class SyntheticSceneSnapshot
{
public:
  SyntheticSceneSnapshot(std::vector<SyntheticPrimitive> primitives, std::vector<SyntheticGroundPatch> groundPatches,
                         SyntheticMaterial defaultGround);

  const std::vector<SyntheticPrimitive>& primitives() const noexcept { return primitives_; }

  /// Builds the sector index for rays starting at (sensorX, sensorY, any z).
  void buildIndex(double sensorX, double sensorY, int sectorCount = 720);

  /// Nearest hit closer than maxDistance of a ray starting at the indexed sensor position.
  bool cast(const SyntheticRay& ray, double maxDistance, SyntheticHit& hit) const;

  /// Material of the ground plane at (x, y): the first patch containing it, else the default.
  const SyntheticMaterial& groundMaterial(double x, double y) const;

private:
  struct Entry
  {
    double nearDistance;
    std::uint32_t primitive;
  };

  void addToSectors(std::uint32_t primitive, double centerAngle, double halfSpanLow, double halfSpanHigh,
                    double nearDistance, std::vector<std::vector<Entry>>& sectors) const;
  int sectorOf(double angle) const;

  std::vector<SyntheticPrimitive> primitives_;
  std::vector<SyntheticGroundPatch> groundPatches_;
  SyntheticMaterial defaultGround_;
  double sensorX_ = 0.0;
  double sensorY_ = 0.0;
  int sectorCount_ = 0;
  std::vector<std::uint32_t> sectorBegin_; ///< sectorCount_ + 1 offsets into entries_
  std::vector<Entry> entries_;
};

} // namespace quantlens
