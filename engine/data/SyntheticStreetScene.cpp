#include "data/SyntheticStreetScene.h"

#include "core/DeterministicRandom.h"

#include <cmath>
#include <numbers>

namespace quantlens {

namespace {

using Solids = std::vector<SyntheticPrimitive>;

// Stream tags keep the random streams of chunks, lanes and lane settings apart.
constexpr std::uint64_t kStaticStream = 0x5354415449430000ull;
constexpr std::uint64_t kLaneStream = 0x4C414E4500000000ull;
constexpr std::uint64_t kLaneSettingsStream = 0x4C53455454000000ull;

constexpr int kStaticGroup = 0;

/// Instance ids stay the same from scan to scan: they derive from where the thing was generated.
std::uint16_t instanceId(int group, long chunk, int local)
{
  const long id = 1 + ((group * 128L + (chunk & 127L)) * 64L + (local & 63));
  return static_cast<std::uint16_t>(id);
}

SyntheticMaterial material(std::uint16_t label, double reflectivity, double roughness = 0.0,
                           std::uint16_t instance = 0)
{
  return {label, instance, static_cast<float>(reflectivity), static_cast<float>(roughness)};
}

/// An axis-aligned slab on the ground from s0 to s1 across the street on one side.
void addSlab(Solids& solids, double x0, double x1, double side, double s0, double s1, double height,
             SyntheticMaterial m)
{
  if (x1 - x0 < 0.05)
    return;
  solids.push_back(SyntheticPrimitive::box({0.5 * (x0 + x1), side * 0.5 * (s0 + s1), 0.5 * height},
                                           {0.5 * (x1 - x0), 0.5 * (s1 - s0), 0.5 * height}, 0.0, m));
}

/// A box whose footprint centre is at (x, y), from zMin to zMax, turned by yaw.
void addBox(Solids& solids, double x, double y, double zMin, double zMax, double halfLength, double halfWidth,
            double yaw, SyntheticMaterial m)
{
  solids.push_back(SyntheticPrimitive::box({x, y, 0.5 * (zMin + zMax)}, {halfLength, halfWidth, 0.5 * (zMax - zMin)},
                                           yaw, m));
}

/// Point `forward` metres ahead of (x, y) along the heading `yaw`.
std::array<double, 2> ahead(double x, double y, double yaw, double forward)
{
  return {x + forward * std::cos(yaw), y + forward * std::sin(yaw)};
}

/// A car: lower body and a narrower, shorter cabin set back from the front. Returns its length.
double addCar(Solids& solids, DeterministicRandom& rng, double x, double y, double z0, double yaw,
              std::uint16_t instance)
{
  const double length = rng.uniform(3.9, 4.8);
  const double width = rng.uniform(1.7, 1.9);
  const double paint = rng.chance(0.3) ? rng.uniform(0.03, 0.1) : rng.uniform(0.15, 0.55);
  addBox(solids, x, y, z0 + 0.18, z0 + rng.uniform(0.85, 1.0), 0.5 * length, 0.5 * width, yaw,
         material(SyntheticStreetScene::kCar, paint, 0.0, instance));
  const auto cabin = ahead(x, y, yaw, -0.1 * length);
  addBox(solids, cabin[0], cabin[1], z0 + 0.9, z0 + rng.uniform(1.4, 1.6), 0.27 * length, 0.44 * width, yaw,
         material(SyntheticStreetScene::kCar, rng.uniform(0.05, 0.2), 0.0, instance));
  return length;
}

/// A truck: a tall cab in front of a taller, wider cargo box. Returns its length.
double addTruck(Solids& solids, DeterministicRandom& rng, double x, double y, double z0, double yaw,
                std::uint16_t instance)
{
  const double cargo = rng.uniform(4.5, 7.5);
  const double cab = 2.2;
  const double length = cargo + cab + 0.3;
  const auto m = material(SyntheticStreetScene::kTruck, rng.uniform(0.2, 0.5), 0.0, instance);
  const auto cabCentre = ahead(x, y, yaw, 0.5 * length - 0.5 * cab);
  addBox(solids, cabCentre[0], cabCentre[1], z0 + 0.4, z0 + rng.uniform(2.7, 3.0), 0.5 * cab, 1.2, yaw, m);
  const auto cargoCentre = ahead(x, y, yaw, -0.5 * length + 0.5 * cargo);
  addBox(solids, cargoCentre[0], cargoCentre[1], z0 + 0.9, z0 + rng.uniform(3.3, 3.8), 0.5 * cargo, 1.25, yaw, m);
  return length;
}

/// Other vehicles: a bus (one long, tall box) or a caravan/trailer (raised box). Returns its length.
double addOtherVehicle(Solids& solids, DeterministicRandom& rng, double x, double y, double z0, double yaw,
                       std::uint16_t instance)
{
  const auto m = material(SyntheticStreetScene::kOtherVehicle, rng.uniform(0.25, 0.55), 0.0, instance);
  if (rng.chance(0.4)) {
    const double length = rng.uniform(10.0, 12.0);
    addBox(solids, x, y, z0 + 0.3, z0 + 3.1, 0.5 * length, 1.25, yaw, m);
    return length;
  }
  const double length = rng.uniform(4.5, 6.5);
  addBox(solids, x, y, z0 + 0.55, z0 + rng.uniform(2.4, 2.8), 0.5 * length, 1.1, yaw, m);
  return length;
}

/// A bicyclist: the bicycle (a narrow box up to the saddle) and the rider (a cylinder above it).
void addBicyclist(Solids& solids, DeterministicRandom& rng, double x, double y, double yaw, std::uint16_t instance)
{
  const auto m = material(SyntheticStreetScene::kBicyclist, rng.uniform(0.12, 0.3), 0.0, instance);
  addBox(solids, x, y, 0.0, 1.0, 0.87, 0.1, yaw, m);
  const auto rider = ahead(x, y, yaw, -0.15);
  solids.push_back(SyntheticPrimitive::cylinder(rider[0], rider[1], 0.9, rng.uniform(1.65, 1.8), 0.22, m));
}

void addPerson(Solids& solids, DeterministicRandom& rng, double x, double y, std::uint16_t instance)
{
  const double z0 = SyntheticStreetScene::kSidewalkHeight;
  solids.push_back(SyntheticPrimitive::cylinder(x, y, z0, z0 + rng.uniform(1.6, 1.9), rng.uniform(0.2, 0.27),
                                                material(SyntheticStreetScene::kPerson, rng.uniform(0.08, 0.3), 0.0,
                                                         instance)));
}

/// A tree: a trunk standing on the terrain, reaching into an ellipsoid canopy.
void addTree(Solids& solids, DeterministicRandom& rng, double x, double y)
{
  const double z0 = SyntheticStreetScene::kTerrainHeight;
  const double trunkHeight = rng.uniform(1.8, 3.0);
  const double radiusXY = rng.uniform(1.5, 2.6);
  const double radiusZ = rng.uniform(1.5, 2.8);
  solids.push_back(SyntheticPrimitive::cylinder(x, y, 0.0, z0 + trunkHeight + 0.5 * radiusZ, rng.uniform(0.13, 0.25),
                                                material(SyntheticStreetScene::kTrunk, rng.uniform(0.22, 0.35))));
  solids.push_back(SyntheticPrimitive::ellipsoid({x, y, z0 + trunkHeight + 0.8 * radiusZ}, radiusXY, radiusZ,
                                                 material(SyntheticStreetScene::kVegetation, rng.uniform(0.3, 0.45),
                                                          0.08)));
}

void addBush(Solids& solids, DeterministicRandom& rng, double x, double y)
{
  const double radiusZ = rng.uniform(0.4, 0.9);
  solids.push_back(SyntheticPrimitive::ellipsoid({x, y, SyntheticStreetScene::kTerrainHeight + 0.5 * radiusZ},
                                                 rng.uniform(0.5, 1.3), radiusZ,
                                                 material(SyntheticStreetScene::kVegetation, rng.uniform(0.3, 0.45),
                                                          0.06)));
}

/// A sign plate facing along ±x, its centre at height z beside a pole at (x, y).
void addSignPlate(Solids& solids, DeterministicRandom& rng, double x, double y, double z, double facing)
{
  const double half = rng.uniform(0.35, 0.5);
  solids.push_back(SyntheticPrimitive::box({x + facing * 0.12, y, z}, {0.025, half, half}, 0.0,
                                           material(SyntheticStreetScene::kTrafficSign, rng.uniform(0.75, 0.95))));
}

void addBuilding(Solids& solids, DeterministicRandom& rng, double x0, double x1, double side)
{
  const double setback = rng.uniform(13.0, 19.0);
  const double depth = rng.uniform(8.0, 16.0);
  const double height = rng.uniform(4.0, 18.0);
  const auto m = material(SyntheticStreetScene::kBuilding, rng.uniform(0.1, 0.38));
  addSlab(solids, x0, x1, side, setback, setback + depth, height, m);
  if (rng.chance(0.3) && x1 - x0 > 6.0) {
    // A recessed upper storey breaks the flat roof line.
    addSlab(solids, x0 + 1.0, x1 - 1.0, side, setback + 2.0, setback + depth - 1.0, height + rng.uniform(2.0, 5.0),
            m);
  }
}

/// Moves a vehicle's boxes, built around the origin heading +x, to (x, y) with heading yaw.
void placeVehicle(const Solids& parts, double x, double y, double yaw, Solids& solids)
{
  const double cosYaw = std::cos(yaw);
  const double sinYaw = std::sin(yaw);
  for (const auto& p : parts) {
    const auto& c = p.center();
    solids.push_back(SyntheticPrimitive::box({x + cosYaw * c[0] - sinYaw * c[1], y + sinYaw * c[0] + cosYaw * c[1], c[2]},
                                             p.halfSize(), p.yaw() + yaw, p.material()));
  }
}

} // namespace

/// Generation state of one static chunk.
struct SyntheticStreetScene::ChunkBuilder
{
  DeterministicRandom& rng;
  long chunk;
  double x0;
  double x1;
  std::vector<SyntheticPrimitive>& solids;
  std::vector<SyntheticGroundPatch>& ground;
  int nextThing = 0;

  std::uint16_t nextInstance() { return instanceId(kStaticGroup, chunk, nextThing++); }
};

SyntheticStreetScene::SyntheticStreetScene(std::uint64_t seed)
  : seed_(seed)
{
  DeterministicRandom rng(DeterministicRandom::deriveSeed(seed, kLaneSettingsStream));
  lanes_[0] = {-3.0, rng.uniform(15.0, 19.0), false};
  lanes_[1] = {3.0, -rng.uniform(10.0, 14.0), false};
  lanes_[2] = {-4.75, rng.uniform(4.0, 6.0), true};
  lanes_[3] = {4.75, -rng.uniform(4.0, 6.0), true};
}

SyntheticSceneSnapshot SyntheticStreetScene::snapshot(double x, double radius, double time) const
{
  const double xa = x - radius;
  const double xb = x + radius;
  std::vector<SyntheticPrimitive> solids;
  std::vector<SyntheticGroundPatch> ground;
  // Lane markings come first: the first patch containing a point decides its material.
  const double dashStart = std::floor(xa / 9.0) * 9.0;
  for (const double y : {-1.5, 1.5})
    ground.push_back({dashStart, xb, y - 0.08, y + 0.08, 9.0, 3.0, material(kRoad, 0.6)});
  for (const double y : {-5.3, 5.3})
    ground.push_back({xa, xb, y - 0.08, y + 0.08, 0.0, 0.0, material(kRoad, 0.6)});
  ground.push_back({xa, xb, -kRoadHalfWidth, kRoadHalfWidth, 0.0, 0.0, material(kRoad, 0.2)});

  const auto firstChunk = static_cast<long>(std::floor(xa / kChunkLength));
  const auto lastChunk = static_cast<long>(std::floor(xb / kChunkLength));
  for (long c = firstChunk; c <= lastChunk; ++c)
    addStaticChunk(c, solids, ground);

  for (std::size_t l = 0; l < lanes_.size(); ++l) {
    const double shift = lanes_[l].speed * time;
    // A vehicle may stick out of its lane chunk by its length; one more chunk each way covers it.
    const auto first = static_cast<long>(std::floor((xa - shift) / kLaneChunkLength)) - 1;
    const auto last = static_cast<long>(std::floor((xb - shift) / kLaneChunkLength));
    for (long c = first; c <= last; ++c)
      addLaneChunk(l, c, time, solids);
  }
  return SyntheticSceneSnapshot(std::move(solids), std::move(ground), material(kTerrain, 0.4, 0.03));
}

void SyntheticStreetScene::addStaticChunk(long chunk, std::vector<SyntheticPrimitive>& solids,
                                          std::vector<SyntheticGroundPatch>& ground) const
{
  DeterministicRandom rng(DeterministicRandom::deriveSeed(seed_, kStaticStream, static_cast<std::uint64_t>(chunk)));
  const double x0 = chunk * kChunkLength;
  ChunkBuilder builder{rng, chunk, x0, x0 + kChunkLength, solids, ground};
  // At least one side parks, so parking and parked vehicles show up in every scan.
  bool parkLeft = rng.chance(0.7);
  bool parkRight = rng.chance(0.7);
  if (!parkLeft && !parkRight)
    parkRight = true;
  addStreetSide(builder, 1.0, parkLeft);
  addStreetSide(builder, -1.0, parkRight);
}

void SyntheticStreetScene::addStreetSide(ChunkBuilder& b, double side, bool parking) const
{
  auto& rng = b.rng;
  auto& solids = b.solids;
  const auto sidewalk = material(kSidewalk, rng.uniform(0.22, 0.32));
  if (parking) {
    const double pa = b.x0 + rng.uniform(0.0, 8.0);
    const double pb = b.x1 - rng.uniform(0.0, 8.0);
    const double y0 = side > 0 ? kRoadHalfWidth : -kParkingOuter;
    b.ground.push_back({pa, pb, y0, y0 + (kParkingOuter - kRoadHalfWidth), 0.0, 0.0, material(kParking, 0.28)});
    addSlab(solids, b.x0, pa, side, kRoadHalfWidth, kParkingOuter, kSidewalkHeight, sidewalk);
    addSlab(solids, pb, b.x1, side, kRoadHalfWidth, kParkingOuter, kSidewalkHeight, sidewalk);
    addSlab(solids, b.x0, b.x1, side, kParkingOuter, kSidewalkOuter, kSidewalkHeight, sidewalk);
    const double y = side * 0.5 * (kRoadHalfWidth + kParkingOuter);
    double u = pa + rng.uniform(0.3, 1.5);
    while (true) {
      const double roll = rng.uniform();
      const double yaw = (rng.chance(0.5) ? 0.0 : std::numbers::pi) + rng.uniform(-0.03, 0.03);
      // Generate into a scratch list first: the vehicle's length decides whether it fits.
      Solids vehicle;
      const auto instance = b.nextInstance();
      double length = 0.0;
      if (roll < 0.6)
        length = addCar(vehicle, rng, 0.0, 0.0, 0.0, 0.0, instance);
      else if (roll < 0.78)
        length = addTruck(vehicle, rng, 0.0, 0.0, 0.0, 0.0, instance);
      else
        length = addOtherVehicle(vehicle, rng, 0.0, 0.0, 0.0, 0.0, instance);
      if (u + length > pb)
        break;
      const bool parked = rng.chance(0.9);
      if (parked)
        placeVehicle(vehicle, u + 0.5 * length, y, yaw, solids);
      u += length + rng.uniform(0.8, 3.0);
    }
  } else {
    addSlab(solids, b.x0, b.x1, side, kRoadHalfWidth, kSidewalkOuter, kSidewalkHeight, sidewalk);
  }
  addSlab(solids, b.x0, b.x1, side, kSidewalkOuter, kTerrainOuter, kTerrainHeight,
          material(kTerrain, rng.uniform(0.33, 0.45), 0.03));

  // Street furniture on the sidewalk: lamp poles, some carrying a sign, and sign posts.
  const double signFacing = side > 0 ? 1.0 : -1.0; // towards the traffic of that side
  for (double x = b.x0 + rng.uniform(1.0, 10.0); x < b.x1 - 1.0; x += rng.uniform(12.0, 22.0)) {
    const double height = rng.uniform(5.0, 9.0);
    solids.push_back(SyntheticPrimitive::cylinder(x, side * 8.0, 0.0, height, rng.uniform(0.07, 0.12),
                                                  material(kPole, rng.uniform(0.22, 0.4))));
    if (rng.chance(0.6))
      addSignPlate(solids, rng, x, side * 8.0, rng.uniform(2.4, 3.0), signFacing);
  }
  const int signPosts = rng.uniformInt(1, 2);
  for (int i = 0; i < signPosts; ++i) {
    const double x = rng.uniform(b.x0 + 1.0, b.x1 - 1.0);
    const double height = rng.uniform(2.6, 3.2);
    solids.push_back(SyntheticPrimitive::cylinder(x, side * 8.4, 0.0, height, 0.045,
                                                  material(kPole, rng.uniform(0.22, 0.4))));
    addSignPlate(solids, rng, x, side * 8.4, height - 0.35, signFacing);
  }
  const int persons = rng.uniformInt(2, 4);
  for (int i = 0; i < persons; ++i) {
    const double x = rng.uniform(b.x0 + 1.0, b.x1 - 1.0);
    addPerson(solids, rng, x, side * rng.uniform(8.8, 10.1), b.nextInstance());
  }

  // Behind the sidewalk: a garden fence, trees, bushes, buildings with fences in some gaps.
  if (rng.chance(0.5)) {
    const double length = rng.uniform(6.0, 20.0);
    const double start = rng.uniform(b.x0, b.x1 - length);
    addBox(solids, start + 0.5 * length, side * 10.65, 0.0, rng.uniform(1.0, 1.6), 0.5 * length, 0.04, 0.0,
           material(kFence, rng.uniform(0.15, 0.35)));
  }
  if (rng.chance(0.5)) {
    // A hedge along the property line.
    const double length = rng.uniform(5.0, 20.0);
    const double start = rng.uniform(b.x0, b.x1 - length);
    addBox(solids, start + 0.5 * length, side * 11.4, 0.0, rng.uniform(0.9, 1.6), 0.5 * length, 0.4, 0.0,
           material(kVegetation, rng.uniform(0.3, 0.45), 0.05));
  }
  for (double x = b.x0 + rng.uniform(2.0, 6.0); x < b.x1 - 2.0; x += rng.uniform(6.0, 10.0)) {
    if (rng.chance(0.9))
      addTree(solids, rng, x, side * rng.uniform(11.0, 11.8));
  }
  const int bushes = rng.uniformInt(2, 5);
  for (int i = 0; i < bushes; ++i)
    addBush(solids, rng, rng.uniform(b.x0 + 1.0, b.x1 - 1.0), side * rng.uniform(11.8, 12.6));
  double x = b.x0 + rng.uniform(0.5, 3.0);
  while (x < b.x1 - 4.0) {
    const double length = std::min(rng.uniform(8.0, 25.0), b.x1 - 0.5 - x);
    if (length < 4.0)
      break;
    addBuilding(solids, rng, x, x + length, side);
    const double gap = rng.uniform(2.0, 8.0);
    if (rng.chance(0.6)) {
      const double fenceEnd = std::min(x + length + gap, b.x1);
      addBox(solids, 0.5 * (x + length + fenceEnd), side * 13.0, 0.0, rng.uniform(1.4, 2.2),
             0.5 * (fenceEnd - x - length), 0.04, 0.0, material(kFence, rng.uniform(0.15, 0.35)));
    }
    x += length + gap;
  }
}

void SyntheticStreetScene::addLaneChunk(std::size_t laneIndex, long chunk, double time,
                                        std::vector<SyntheticPrimitive>& solids) const
{
  const Lane& lane = lanes_[laneIndex];
  DeterministicRandom rng(
    DeterministicRandom::deriveSeed(seed_, kLaneStream + laneIndex, static_cast<std::uint64_t>(chunk)));
  const int group = static_cast<int>(laneIndex) + 1;
  const double shift = lane.speed * time;
  const double yaw = lane.speed >= 0.0 ? 0.0 : std::numbers::pi;
  const double u0 = chunk * kLaneChunkLength;
  int local = 0;
  for (double u = u0 + rng.uniform(0.0, 12.0); u < u0 + kLaneChunkLength;) {
    const auto instance = instanceId(group, chunk, local++);
    if (lane.bicycles) {
      addBicyclist(solids, rng, u + shift, lane.y, yaw, instance);
      u += rng.uniform(25.0, 70.0);
      continue;
    }
    // Vehicles are built around their centre; the lane coordinate u is their rear end.
    Solids vehicle;
    const double roll = rng.uniform();
    // Mostly cars: a bus or truck beside the ego vehicle would hide a whole street side.
    const double length = roll < 0.9    ? addCar(vehicle, rng, 0.0, 0.0, 0.0, 0.0, instance)
                          : roll < 0.95 ? addTruck(vehicle, rng, 0.0, 0.0, 0.0, 0.0, instance)
                                        : addOtherVehicle(vehicle, rng, 0.0, 0.0, 0.0, 0.0, instance);
    placeVehicle(vehicle, u + 0.5 * length + shift, lane.y, yaw, solids);
    u += length + rng.uniform(10.0, 40.0);
  }
}

} // namespace quantlens
