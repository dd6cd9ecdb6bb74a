#pragma once

#include <array>
#include <cstdint>

namespace quantlens {

/// What a surface of the synthetic world returns to the LiDAR.
struct SyntheticMaterial
{
  std::uint16_t label = 0;    ///< raw SemanticKITTI id (40 = road, 10 = car, ...)
  std::uint16_t instance = 0; ///< 0 for stuff, unique per thing
  float reflectivity = 0.2f;  ///< expected remission at normal incidence
  float roughness = 0.0f;     ///< extra range spread in metres (leaves, grass)
};

/// A ray from `origin` along the unit vector `direction` (scene frame, road at z = 0).
struct SyntheticRay
{
  std::array<double, 3> origin{};
  std::array<double, 3> direction{};
};

/// The nearest surface a ray met.
struct SyntheticHit
{
  double distance = 0.0;      ///< along the ray, metres
  double cosIncidence = 1.0;  ///< |cos| of the angle between ray and surface normal
  SyntheticMaterial material;
};

/// One solid of the procedural world: a box turned about z, an upright
/// cylinder or an ellipsoid with a vertical axis. A value type without virtual
/// calls, so a scan's few thousand solids sit in one vector.
class SyntheticPrimitive
{
public:
  enum class Shape { Box, Cylinder, Ellipsoid };

  /// Box with centre `center`, half sizes `halfSize` along its own axes, turned by `yaw` radians about z.
  static SyntheticPrimitive box(std::array<double, 3> center, std::array<double, 3> halfSize, double yaw,
                                SyntheticMaterial material);
  /// Upright cylinder on (x, y) from zMin to zMax.
  static SyntheticPrimitive cylinder(double x, double y, double zMin, double zMax, double radius,
                                     SyntheticMaterial material);
  /// Ellipsoid with horizontal radius `radiusXY` and vertical radius `radiusZ`.
  static SyntheticPrimitive ellipsoid(std::array<double, 3> center, double radiusXY, double radiusZ,
                                      SyntheticMaterial material);

  Shape shape() const noexcept { return shape_; }
  const SyntheticMaterial& material() const noexcept { return material_; }
  const std::array<double, 3>& center() const noexcept { return center_; }
  double yaw() const noexcept { return yaw_; }
  const std::array<double, 3>& halfSize() const noexcept { return halfSize_; }

  /// Moves the solid along x (traffic).
  void shiftX(double dx) noexcept { center_[0] += dx; }

  /// Corners of the footprint on the ground (the bounding square for round shapes).
  std::array<std::array<double, 2>, 4> footprint() const;
  /// Radius of the footprint's bounding circle around center().
  double footprintRadius() const;

  /// True and `hit` filled when the ray meets the solid's surface at a distance in (0, maxDistance).
  bool intersect(const SyntheticRay& ray, double maxDistance, SyntheticHit& hit) const;

private:
  bool intersectBox(const SyntheticRay& ray, double maxDistance, SyntheticHit& hit) const;
  bool intersectCylinder(const SyntheticRay& ray, double maxDistance, SyntheticHit& hit) const;
  bool intersectEllipsoid(const SyntheticRay& ray, double maxDistance, SyntheticHit& hit) const;

  Shape shape_ = Shape::Box;
  std::array<double, 3> center_{};   ///< cylinder: z is the middle of [zMin, zMax]
  std::array<double, 3> halfSize_{}; ///< box: half sizes; cylinder/ellipsoid: (r, r, half height / rz)
  double yaw_ = 0.0;
  double cosYaw_ = 1.0;
  double sinYaw_ = 0.0;
  SyntheticMaterial material_;
};

} // namespace quantlens
