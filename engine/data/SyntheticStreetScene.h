#pragma once

#include "data/SyntheticSceneSnapshot.h"

#include <array>
#include <cstdint>
#include <vector>

namespace quantlens {

class DeterministicRandom;

/// A procedural, endless street along +x for the synthetic LiDAR.
///
/// Scene frame: road surface at z = 0, street centre line on y = 0, x along
/// the street. Across the street (s = |y|): road for s < 5.5 m (three lanes, the
/// ego vehicle drives in the middle one), parking bays from 5.5 to 7.7 m in some
/// stretches, a raised sidewalk (0.14 m curb) to 10.5 m, then terrain (0.2 m) with
/// trees, bushes, fences and buildings set back 13–19 m. Poles and traffic signs
/// stand on the sidewalks, persons walk there; cars, trucks and other vehicles
/// park in the bays; cars and trucks drive in the outer lanes and bicyclists at
/// the road edges, each lane at its own constant speed.
///
/// Static content is generated per 40 m chunk of x from (seed, chunk) alone and
/// traffic per chunk of its lane's moving frame, so any part of the street at any
/// time is the same however, and in whatever order, it is asked for.
class SyntheticStreetScene
{
public:
  /// Raw SemanticKITTI labels the scene uses.
  static constexpr std::uint16_t kCar = 10;
  static constexpr std::uint16_t kTruck = 18;
  static constexpr std::uint16_t kOtherVehicle = 20;
  static constexpr std::uint16_t kPerson = 30;
  static constexpr std::uint16_t kBicyclist = 31;
  static constexpr std::uint16_t kRoad = 40;
  static constexpr std::uint16_t kParking = 44;
  static constexpr std::uint16_t kSidewalk = 48;
  static constexpr std::uint16_t kBuilding = 50;
  static constexpr std::uint16_t kFence = 51;
  static constexpr std::uint16_t kVegetation = 70;
  static constexpr std::uint16_t kTrunk = 71;
  static constexpr std::uint16_t kTerrain = 72;
  static constexpr std::uint16_t kPole = 80;
  static constexpr std::uint16_t kTrafficSign = 81;

  static constexpr double kChunkLength = 40.0;
  static constexpr double kLaneChunkLength = 60.0;
  static constexpr double kRoadHalfWidth = 5.5;
  static constexpr double kParkingOuter = 7.7;
  static constexpr double kSidewalkOuter = 10.5;
  static constexpr double kSidewalkHeight = 0.14;
  static constexpr double kTerrainHeight = 0.2;
  static constexpr double kTerrainOuter = 45.0;

  explicit SyntheticStreetScene(std::uint64_t seed);

  /// Everything within [x - radius, x + radius] along the street at `time` seconds.
  SyntheticSceneSnapshot snapshot(double x, double radius, double time) const;

private:
  struct Lane
  {
    double y;
    double speed; ///< m/s along x; negative for oncoming traffic
    bool bicycles;
  };

  struct ChunkBuilder;

  void addStaticChunk(long chunk, std::vector<SyntheticPrimitive>& solids,
                      std::vector<SyntheticGroundPatch>& ground) const;
  void addStreetSide(ChunkBuilder& builder, double side, bool parking) const;
  void addLaneChunk(std::size_t laneIndex, long chunk, double time, std::vector<SyntheticPrimitive>& solids) const;

  std::uint64_t seed_;
  std::array<Lane, 4> lanes_{};
};

} // namespace quantlens
