#pragma once

#include "core/Feedback.h"
#include "data/Scan.h"
#include "data/SequenceMetadata.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>

namespace quantlens {

class SyntheticStreetScene;

/// Parameters of the simulated HDL-64E-like spinning LiDAR and its drive.
struct SyntheticScannerOptions
{
  std::uint64_t seed = 1;
  int azimuthSteps = 2083;      ///< per revolution (0.1728°)
  float maxRange = 120.0f;      ///< metres, for bright targets
  float rangeNoiseSigma = 0.01f;
  float sensorHeight = 1.73f;   ///< above the road
  float speed = 10.0f;          ///< ego speed, m/s; scans are 0.1 s apart
  int threads = 0;              ///< writeSequence workers; 0 = one per core
};

/// A simulated 64-beam spinning LiDAR driving down a procedural street
/// (SyntheticStreetScene) and ray-casting it: points in the sensor frame with
/// raw SemanticKITTI labels (and instance ids for things), remission by material.
/// Deterministic for a seed: the same options give bit-identical scans, whatever
/// the order or the threads in which they are made.
///
/// Frames: points are in the sensor frame of their scan (KITTI velodyne: x forward,
/// y left, z up; the road lies at z = -sensorHeight). The world frame of pose() is
/// the sensor frame of scan 0: the sensor drives along +x at options.speed, so
/// pose(i) is a pure translation by (speed * 0.1 s * i, 0, 0). Each scan is a
/// motion-compensated snapshot of the world at time 0.1 s * i; traffic moves between scans.
/// Points are ordered laser by laser (top to bottom), each sweeping clockwise seen
/// from above, starting behind the sensor.
class SyntheticScanner
{
public:
  static constexpr double kScanPeriod = 0.1; ///< seconds between scans (10 Hz)
  static constexpr int kLaserCount = 64;

  /// Throws EngineError naming the first impossible option.
  explicit SyntheticScanner(SyntheticScannerOptions options = {});
  ~SyntheticScanner();
  SyntheticScanner(const SyntheticScanner&) = delete;
  SyntheticScanner& operator=(const SyntheticScanner&) = delete;

  const SyntheticScannerOptions& options() const noexcept { return options_; }

  /// Scan number `index` of the drive (sensor frame, labels filled).
  Scan scan(std::size_t index) const;
  /// Sensor pose of scan `index` in the world frame (first scan at the origin).
  Transform3x4 pose(std::size_t index) const;

  /// Writes scans [0, count) as a SemanticKITTI sequence into
  /// <outputRoot>/sequences/<NN>/ and returns that folder. Uses all cores;
  /// reports progress and stops (throwing OperationCanceled) when cancelled.
  std::filesystem::path writeSequence(const std::filesystem::path& outputRoot, int sequenceNumber,
                                      std::size_t count, Feedback* feedback = nullptr) const;

  /// The 64 elevation angles in degrees, top to bottom (+1.97 … −24.89).
  static const std::array<float, kLaserCount>& elevationAnglesDegrees();

private:
  /// Farthest return for a surface of the given remission (dark surfaces fade sooner).
  double maxRangeFor(double remission) const;

  SyntheticScannerOptions options_;
  std::unique_ptr<SyntheticStreetScene> scene_;
  std::array<double, kLaserCount> laserBias_{}; ///< fixed range offset per laser, metres
};

} // namespace quantlens
