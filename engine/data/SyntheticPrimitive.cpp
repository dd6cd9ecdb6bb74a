#include "data/SyntheticPrimitive.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace quantlens {

namespace {
// Smallest distance a hit may have; keeps a ray from hitting the surface it starts on.
constexpr double kMinDistance = 1e-6;

bool acceptRoot(double t, double maxDistance)
{
  return t > kMinDistance && t < maxDistance;
}
} // namespace

SyntheticPrimitive SyntheticPrimitive::box(std::array<double, 3> center, std::array<double, 3> halfSize, double yaw,
                                           SyntheticMaterial material)
{
  SyntheticPrimitive p;
  p.shape_ = Shape::Box;
  p.center_ = center;
  p.halfSize_ = halfSize;
  p.yaw_ = yaw;
  p.cosYaw_ = std::cos(yaw);
  p.sinYaw_ = std::sin(yaw);
  p.material_ = material;
  return p;
}

SyntheticPrimitive SyntheticPrimitive::cylinder(double x, double y, double zMin, double zMax, double radius,
                                                SyntheticMaterial material)
{
  SyntheticPrimitive p;
  p.shape_ = Shape::Cylinder;
  p.center_ = {x, y, 0.5 * (zMin + zMax)};
  p.halfSize_ = {radius, radius, 0.5 * (zMax - zMin)};
  p.material_ = material;
  return p;
}

SyntheticPrimitive SyntheticPrimitive::ellipsoid(std::array<double, 3> center, double radiusXY, double radiusZ,
                                                 SyntheticMaterial material)
{
  SyntheticPrimitive p;
  p.shape_ = Shape::Ellipsoid;
  p.center_ = center;
  p.halfSize_ = {radiusXY, radiusXY, radiusZ};
  p.material_ = material;
  return p;
}

std::array<std::array<double, 2>, 4> SyntheticPrimitive::footprint() const
{
  const double hx = halfSize_[0];
  const double hy = halfSize_[1];
  const std::array<std::array<double, 2>, 4> local{{{hx, hy}, {-hx, hy}, {-hx, -hy}, {hx, -hy}}};
  std::array<std::array<double, 2>, 4> corners{};
  for (std::size_t i = 0; i < 4; ++i) {
    corners[i] = {center_[0] + cosYaw_ * local[i][0] - sinYaw_ * local[i][1],
                  center_[1] + sinYaw_ * local[i][0] + cosYaw_ * local[i][1]};
  }
  return corners;
}

double SyntheticPrimitive::footprintRadius() const
{
  if (shape_ == Shape::Box)
    return std::hypot(halfSize_[0], halfSize_[1]);
  return halfSize_[0];
}

bool SyntheticPrimitive::intersect(const SyntheticRay& ray, double maxDistance, SyntheticHit& hit) const
{
  switch (shape_) {
  case Shape::Box:
    return intersectBox(ray, maxDistance, hit);
  case Shape::Cylinder:
    return intersectCylinder(ray, maxDistance, hit);
  case Shape::Ellipsoid:
    return intersectEllipsoid(ray, maxDistance, hit);
  }
  return false;
}

bool SyntheticPrimitive::intersectBox(const SyntheticRay& ray, double maxDistance, SyntheticHit& hit) const
{
  // Into the box's own frame: rotate by -yaw about its centre.
  const double ox = ray.origin[0] - center_[0];
  const double oy = ray.origin[1] - center_[1];
  const std::array<double, 3> o{cosYaw_ * ox + sinYaw_ * oy, -sinYaw_ * ox + cosYaw_ * oy, ray.origin[2] - center_[2]};
  const std::array<double, 3> d{cosYaw_ * ray.direction[0] + sinYaw_ * ray.direction[1],
                                -sinYaw_ * ray.direction[0] + cosYaw_ * ray.direction[1], ray.direction[2]};
  double tEnter = -std::numeric_limits<double>::infinity();
  double tExit = std::numeric_limits<double>::infinity();
  int enterAxis = 0;
  for (int a = 0; a < 3; ++a) {
    if (std::abs(d[a]) < 1e-12) {
      if (std::abs(o[a]) > halfSize_[a])
        return false;
      continue;
    }
    const double inv = 1.0 / d[a];
    double t0 = (-halfSize_[a] - o[a]) * inv;
    double t1 = (halfSize_[a] - o[a]) * inv;
    if (t0 > t1)
      std::swap(t0, t1);
    if (t0 > tEnter) {
      tEnter = t0;
      enterAxis = a;
    }
    tExit = std::min(tExit, t1);
    if (tEnter > tExit)
      return false;
  }
  // A ray starting inside (the sensor never is) sees nothing of this box.
  if (!acceptRoot(tEnter, maxDistance))
    return false;
  hit.distance = tEnter;
  hit.cosIncidence = std::abs(d[enterAxis]);
  hit.material = material_;
  return true;
}

bool SyntheticPrimitive::intersectCylinder(const SyntheticRay& ray, double maxDistance, SyntheticHit& hit) const
{
  const double r = halfSize_[0];
  const double zMin = center_[2] - halfSize_[2];
  const double zMax = center_[2] + halfSize_[2];
  const double dx = ray.origin[0] - center_[0];
  const double dy = ray.origin[1] - center_[1];
  const double a = ray.direction[0] * ray.direction[0] + ray.direction[1] * ray.direction[1];
  const double b = dx * ray.direction[0] + dy * ray.direction[1];
  const double c = dx * dx + dy * dy - r * r;
  if (a > 1e-12) {
    const double disc = b * b - a * c;
    if (disc < 0.0)
      return false;
    const double t = (-b - std::sqrt(disc)) / a;
    const double z = ray.origin[2] + t * ray.direction[2];
    if (acceptRoot(t, maxDistance) && z >= zMin && z <= zMax) {
      const double nx = (dx + t * ray.direction[0]) / r;
      const double ny = (dy + t * ray.direction[1]) / r;
      hit.distance = t;
      hit.cosIncidence = std::abs(nx * ray.direction[0] + ny * ray.direction[1]);
      hit.material = material_;
      return true;
    }
  }
  // The cap facing the ray: top when looking down from above, bottom when looking up.
  if (std::abs(ray.direction[2]) < 1e-12)
    return false;
  const double capZ = ray.direction[2] < 0.0 ? zMax : zMin;
  const double t = (capZ - ray.origin[2]) / ray.direction[2];
  if (!acceptRoot(t, maxDistance))
    return false;
  const double px = dx + t * ray.direction[0];
  const double py = dy + t * ray.direction[1];
  if (px * px + py * py > r * r)
    return false;
  hit.distance = t;
  hit.cosIncidence = std::abs(ray.direction[2]);
  hit.material = material_;
  return true;
}

bool SyntheticPrimitive::intersectEllipsoid(const SyntheticRay& ray, double maxDistance, SyntheticHit& hit) const
{
  // Squash z so the ellipsoid becomes a sphere of radius rxy; the ray parameter is unchanged.
  const double r = halfSize_[0];
  const double k = r / halfSize_[2];
  const std::array<double, 3> o{ray.origin[0] - center_[0], ray.origin[1] - center_[1],
                                (ray.origin[2] - center_[2]) * k};
  const std::array<double, 3> d{ray.direction[0], ray.direction[1], ray.direction[2] * k};
  const double a = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
  const double b = o[0] * d[0] + o[1] * d[1] + o[2] * d[2];
  const double c = o[0] * o[0] + o[1] * o[1] + o[2] * o[2] - r * r;
  const double disc = b * b - a * c;
  if (disc < 0.0)
    return false;
  const double t = (-b - std::sqrt(disc)) / a;
  if (!acceptRoot(t, maxDistance))
    return false;
  // Normal of the ellipsoid: the gradient (x / rxy², y / rxy², z / rz²).
  const double rz = halfSize_[2];
  const double px = o[0] + t * d[0];
  const double py = o[1] + t * d[1];
  const double pz = (ray.origin[2] - center_[2]) + t * ray.direction[2];
  const std::array<double, 3> n{px / (r * r), py / (r * r), pz / (rz * rz)};
  const double norm = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
  hit.distance = t;
  hit.cosIncidence =
    norm > 0.0 ? std::abs(n[0] * ray.direction[0] + n[1] * ray.direction[1] + n[2] * ray.direction[2]) / norm : 1.0;
  hit.material = material_;
  return true;
}

} // namespace quantlens
