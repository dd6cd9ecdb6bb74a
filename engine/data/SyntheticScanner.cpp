#include "data/SyntheticScanner.h"

#include "core/DeterministicRandom.h"
#include "core/EngineError.h"
#include "data/SemanticKittiWriter.h"
#include "data/SyntheticStreetScene.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <numbers>
#include <string>
#include <thread>

namespace quantlens {

namespace {

constexpr std::uint64_t kScanStream = 0x5343414E00000000ull;
constexpr std::uint64_t kBiasStream = 0x4249415300000000ull;

// HDL-64E: dark (10 % reflective) targets fade at about 50 m where bright ones reach 120 m.
constexpr double kDarkRemission = 0.1;
constexpr double kDarkRangeFraction = 50.0 / 120.0;
constexpr double kMaxLaserBias = 0.015;
// Remission falls off somewhat at grazing incidence; the floor keeps far road visible.
constexpr double kIncidenceFloor = 0.75;
// Remission scatters multiplicatively (surface texture, dirt, paint) plus a little sensor noise.
constexpr double kRemissionSpread = 0.55;
constexpr double kRemissionNoise = 0.02;

std::array<float, SyntheticScanner::kLaserCount> makeElevations()
{
  // Upper block: 32 lasers from +1.97° to -8.53°; lower block: 32 from -8.89° to -24.89°.
  std::array<float, SyntheticScanner::kLaserCount> angles{};
  for (int i = 0; i < 32; ++i) {
    angles[static_cast<std::size_t>(i)] = static_cast<float>(1.97 + (-8.53 - 1.97) * i / 31.0);
    angles[static_cast<std::size_t>(32 + i)] = static_cast<float>(-8.89 + (-24.89 + 8.89) * i / 31.0);
  }
  return angles;
}

void validate(const SyntheticScannerOptions& o)
{
  const auto fail = [](const std::string& what) { throw EngineError("synthetic scanner: " + what); };
  if (o.azimuthSteps < 16 || o.azimuthSteps > 100000)
    fail("azimuth steps must lie within [16, 100000] (got " + std::to_string(o.azimuthSteps) + ")");
  if (!(o.maxRange > 1.0f) || !std::isfinite(o.maxRange))
    fail("max range must be a finite number of metres above 1");
  if (!(o.rangeNoiseSigma >= 0.0f) || !std::isfinite(o.rangeNoiseSigma))
    fail("range noise sigma must be finite and not negative");
  if (!(o.sensorHeight > 0.2f) || !(o.sensorHeight < 10.0f))
    fail("sensor height must lie within (0.2, 10) metres");
  if (!std::isfinite(o.speed) || std::abs(o.speed) > 100.0f)
    fail("speed must be finite and at most 100 m/s");
  if (o.threads < 0)
    fail("threads must not be negative (0 means one per core)");
}

std::string twoDigits(int n)
{
  return (n < 10 ? "0" : "") + std::to_string(n);
}

/// KITTI odometry sequence 00's camera matrices: plausible values for tools that expect them.
std::map<std::string, Transform3x4> kittiCalibration()
{
  const double f = 7.188560000000e+02;
  const double cx = 6.071928000000e+02;
  const double cy = 1.852157000000e+02;
  return {
    {"P0", {f, 0, cx, 0, 0, f, cy, 0, 0, 0, 1, 0}},
    {"P1", {f, 0, cx, -3.861448000000e+02, 0, f, cy, 0, 0, 0, 1, 0}},
    {"P2", {f, 0, cx, 4.538225000000e+01, 0, f, cy, -1.130887000000e-01, 0, 0, 1, 3.779761000000e-03}},
    {"P3", {f, 0, cx, -3.372877000000e+02, 0, f, cy, 2.369057000000e+00, 0, 0, 1, 4.915215000000e-03}},
    // Poses are given for the sensor itself, so the camera-to-velodyne transform is the identity.
    {"Tr", {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0}},
  };
}

} // namespace

SyntheticScanner::SyntheticScanner(SyntheticScannerOptions options)
  : options_(options)
{
  validate(options_);
  scene_ = std::make_unique<SyntheticStreetScene>(options_.seed);
  DeterministicRandom rng(DeterministicRandom::deriveSeed(options_.seed, kBiasStream));
  for (auto& bias : laserBias_)
    bias = rng.uniform(-kMaxLaserBias, kMaxLaserBias);
}

SyntheticScanner::~SyntheticScanner() = default;

const std::array<float, SyntheticScanner::kLaserCount>& SyntheticScanner::elevationAnglesDegrees()
{
  static const auto angles = makeElevations();
  return angles;
}

double SyntheticScanner::maxRangeFor(double remission) const
{
  // The returned power falls with range squared and rises with reflectivity, so the
  // farthest detectable range grows with the square root of the remission.
  const double dark = options_.maxRange * kDarkRangeFraction;
  return std::min<double>(options_.maxRange, dark * std::sqrt(std::max(remission, 0.005) / kDarkRemission));
}

Transform3x4 SyntheticScanner::pose(std::size_t index) const
{
  const double x = options_.speed * kScanPeriod * static_cast<double>(index);
  return {1, 0, 0, x, 0, 1, 0, 0, 0, 0, 1, 0};
}

Scan SyntheticScanner::scan(std::size_t index) const
{
  const double time = kScanPeriod * static_cast<double>(index);
  const double sensorX = options_.speed * time;
  const double sensorZ = options_.sensorHeight;
  // The margin lets a ray reach solids whose centre lies just beyond max range.
  SyntheticSceneSnapshot snapshot = scene_->snapshot(sensorX, options_.maxRange + 20.0, time);
  snapshot.buildIndex(sensorX, 0.0);
  DeterministicRandom rng(DeterministicRandom::deriveSeed(options_.seed, kScanStream, index));

  const auto steps = static_cast<std::size_t>(options_.azimuthSteps);
  std::vector<double> cosAzimuth(steps);
  std::vector<double> sinAzimuth(steps);
  for (std::size_t j = 0; j < steps; ++j) {
    // Clockwise from behind the sensor, like a Velodyne sweep.
    const double azimuth = std::numbers::pi - (static_cast<double>(j) + 0.5) * 2.0 * std::numbers::pi / steps;
    cosAzimuth[j] = std::cos(azimuth);
    sinAzimuth[j] = std::sin(azimuth);
  }

  Scan result;
  result.index = index;
  result.points.xyzr.reserve(kLaserCount * steps * PointCloud::kFloatsPerPoint);
  result.labels.reserve(kLaserCount * steps);
  const auto& elevations = elevationAnglesDegrees();
  SyntheticRay ray;
  ray.origin = {sensorX, 0.0, sensorZ};
  SyntheticHit hit;
  for (std::size_t laser = 0; laser < kLaserCount; ++laser) {
    const double elevation = elevations[laser] * std::numbers::pi / 180.0;
    const double cosElevation = std::cos(elevation);
    const double sinElevation = std::sin(elevation);
    for (std::size_t j = 0; j < steps; ++j) {
      ray.direction = {cosElevation * cosAzimuth[j], cosElevation * sinAzimuth[j], sinElevation};
      if (!snapshot.cast(ray, options_.maxRange, hit))
        continue; // sky, or nothing within range
      const SyntheticMaterial& m = hit.material;
      const double expected = m.reflectivity * (kIncidenceFloor + (1.0 - kIncidenceFloor) * hit.cosIncidence);
      if (hit.distance > maxRangeFor(expected))
        continue;
      // Always draw the same number of numbers per return: the stream stays aligned.
      const double rangeNoise = rng.normal();
      const double surfaceNoise = rng.normal();
      const double remissionNoise = rng.normal();
      const double sensorNoise = rng.normal();
      const double range = std::max(0.0, hit.distance + laserBias_[laser] + options_.rangeNoiseSigma * rangeNoise +
                                           m.roughness * surfaceNoise);
      const double scatter = std::exp(kRemissionSpread * remissionNoise - 0.5 * kRemissionSpread * kRemissionSpread);
      const double remission = std::clamp(expected * scatter + kRemissionNoise * sensorNoise, 0.0, 1.0);
      // KITTI stores remission in steps of 0.01.
      const double quantized = std::round(remission * 100.0) / 100.0;
      result.points.append(static_cast<float>(range * ray.direction[0]), static_cast<float>(range * ray.direction[1]),
                           static_cast<float>(range * ray.direction[2]), static_cast<float>(quantized));
      result.labels.push_back(Scan::packLabel(m.label, m.instance));
    }
  }
  return result;
}

std::filesystem::path SyntheticScanner::writeSequence(const std::filesystem::path& outputRoot, int sequenceNumber,
                                                      std::size_t count, Feedback* feedback) const
{
  if (sequenceNumber < 0 || sequenceNumber > 99)
    throw EngineError("synthetic scanner: sequence number must lie within [0, 99] (got " +
                      std::to_string(sequenceNumber) + ")");
  const auto dir = outputRoot / "sequences" / twoDigits(sequenceNumber);
  const SemanticKittiWriter writer(dir);
  if (feedback) {
    feedback->throwIfCanceled();
    feedback->setProgress(0.0, "simulating scans");
  }

  // Scans are independent, so workers take the next index; the output does not
  // depend on which worker makes which scan.
  unsigned workers = options_.threads > 0 ? static_cast<unsigned>(options_.threads)
                                          : std::max(1u, std::thread::hardware_concurrency());
  workers = static_cast<unsigned>(std::min<std::size_t>(workers, std::max<std::size_t>(count, 1)));
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::atomic<bool> stop{false};
  std::exception_ptr error;
  std::mutex errorMutex;
  const auto work = [&] {
    try {
      while (!stop.load()) {
        if (feedback && feedback->isCanceled())
          break;
        const std::size_t i = next.fetch_add(1);
        if (i >= count)
          break;
        const Scan s = scan(i);
        writer.writeScan(i, s.points, s.labels);
        const std::size_t finished = done.fetch_add(1) + 1;
        if (feedback)
          feedback->setProgress(static_cast<double>(finished) / static_cast<double>(count + 1),
                                "simulated scan " + std::to_string(finished) + " of " + std::to_string(count));
      }
    } catch (...) {
      const std::lock_guard lock(errorMutex);
      if (!error)
        error = std::current_exception();
      stop.store(true);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < workers; ++t)
    threads.emplace_back(work);
  work();
  for (auto& thread : threads)
    thread.join();
  if (error)
    std::rethrow_exception(error);
  if (feedback)
    feedback->throwIfCanceled();

  SequenceMetadata metadata;
  metadata.calibration = kittiCalibration();
  for (std::size_t i = 0; i < count; ++i) {
    metadata.poses.push_back(pose(i));
    metadata.times.push_back(kScanPeriod * static_cast<double>(i));
  }
  writer.writeMetadata(metadata);
  if (feedback)
    feedback->setProgress(1.0, "sequence written");
  return dir;
}

} // namespace quantlens
