#include "BenchCommand.h"

#include "core/EngineError.h"
#include "core/Threading.h"
#include "data/KnnPostprocess.h"
#include "data/LabelMap.h"
#include "data/RangeProjection.h"
#include "data/SemanticKittiSequence.h"
#include "data/SemanticKittiWriter.h"
#include "data/SyntheticScanner.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <unistd.h>

namespace quantlens::cli {

namespace {

using Clock = std::chrono::steady_clock;

struct Timings
{
  std::vector<double> milliseconds;

  double percentile(double p) const
  {
    std::vector<double> sorted = milliseconds;
    std::sort(sorted.begin(), sorted.end());
    const auto index = static_cast<std::size_t>(p / 100.0 * (sorted.size() - 1) + 0.5);
    return sorted[index];
  }
  double mean() const
  {
    return std::accumulate(milliseconds.begin(), milliseconds.end(), 0.0) / milliseconds.size();
  }
  nlohmann::json toJson() const
  {
    return {{"median_ms", percentile(50)}, {"p90_ms", percentile(90)}, {"min_ms", percentile(0)}, {"mean_ms", mean()}};
  }
};

template <typename Work>
double millisecondsOf(Work work)
{
  const auto start = Clock::now();
  work();
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// Loading a .bin from the page cache and projecting it, like every scan the
/// app shows: the budget is 5 ms on one core for ~120k points at 64×2048.
nlohmann::json benchLoadAndProject(const CommandLine& options)
{
  SensorConfig sensor;
  sensor.height = static_cast<int>(options.integer("height", 64, 1, 4096));
  sensor.width = static_cast<int>(options.integer("width", 2048, 1, 16384));
  const auto repeat = static_cast<std::size_t>(options.integer("repeat", 200, 1, 100000));
  SyntheticScannerOptions scannerOptions;
  scannerOptions.seed = static_cast<std::uint64_t>(options.integer("seed", 1, 0, 1LL << 62));

  const auto folder = std::filesystem::temp_directory_path() / ("quantlens-bench-" + std::to_string(::getpid()));
  const SemanticKittiWriter writer(folder);
  const Scan generated = SyntheticScanner(scannerOptions).scan(0);
  writer.writeScan(0, generated.points, generated.labels);
  const auto binFile = folder / "velodyne" / "000000.bin";

  const RangeProjection projection(sensor);
  PointCloud points;
  ProjectedScan projected;
  Timings load, project, total;
  for (std::size_t i = 0; i < repeat + 10; ++i) {
    const double loadMs = millisecondsOf([&] { SemanticKittiSequence::readPoints(binFile, points); });
    const double projectMs = millisecondsOf([&] { projection.project(points, projected); });
    if (i < 10)
      continue; // warm-up: page cache, first allocation of the reused buffers
    load.milliseconds.push_back(loadMs);
    project.milliseconds.push_back(projectMs);
    total.milliseconds.push_back(loadMs + projectMs);
  }
  std::filesystem::remove_all(folder);
  return {{"case", "load-project"},
          {"points", points.size()},
          {"height", sensor.height},
          {"width", sensor.width},
          {"repeat", repeat},
          {"threads", 1},
          {"load", load.toJson()},
          {"project", project.toJson()},
          {"total", total.toJson()}};
}

/// KNN label cleaning of one projected scan, from its ground-truth labels.
nlohmann::json benchKnn(const CommandLine& options)
{
  SensorConfig sensor;
  sensor.height = static_cast<int>(options.integer("height", 64, 1, 4096));
  sensor.width = static_cast<int>(options.integer("width", 2048, 1, 16384));
  const auto repeat = static_cast<std::size_t>(options.integer("repeat", 20, 1, 100000));
  SyntheticScannerOptions scannerOptions;
  scannerOptions.seed = static_cast<std::uint64_t>(options.integer("seed", 1, 0, 1LL << 62));
  const Scan scan = SyntheticScanner(scannerOptions).scan(0);
  const ProjectedScan projected = RangeProjection(sensor).project(scan.points);
  const LabelMap labels = LabelMap::semanticKitti();
  std::vector<std::uint8_t> pixelLabels(projected.pixelCount(), 0);
  for (std::size_t pixel = 0; pixel < projected.pixelCount(); ++pixel) {
    if (projected.isFilled(pixel))
      pixelLabels[pixel] = labels.toTrainId(scan.labels[static_cast<std::size_t>(projected.pixelPoint[pixel])]);
  }
  const KnnPostprocess knn;
  Timings timings;
  for (std::size_t i = 0; i < repeat + 2; ++i) {
    const double ms = millisecondsOf([&] { knn.apply(projected, pixelLabels, labels.classCount()); });
    if (i >= 2)
      timings.milliseconds.push_back(ms);
  }
  return {{"case", "knn"}, {"points", scan.points.size()}, {"height", sensor.height}, {"width", sensor.width},
          {"repeat", repeat}, {"threads", 1}, {"total", timings.toJson()}};
}

} // namespace

std::string BenchCommand::help() const
{
  return "usage: quantlens-cli bench [--case load-project] [--repeat N] [--height H] [--width W] [--json]\n\n"
         "Times an engine hot path on generated data on one core and prints median,\n"
         "90th percentile, minimum and mean milliseconds per scan.\n\n"
         "  --case NAME      load-project (default): read a synthetic ~130k-point .bin\n"
         "                   and project it to the range image\n"
         "                   knn: KNN label cleaning of one projected scan (CPU)\n"
         "  --repeat N       timed repetitions after warm-up (default 200; knn 20)\n"
         "  --height H       range image rows (default 64)\n"
         "  --width W        range image columns (default 2048)\n"
         "  --seed S         synthetic scan seed (default 1)\n"
         "  --json           print JSON\n";
}

int BenchCommand::run(const CommandLine& options)
{
  const std::string benchCase = options.valueOr("case", "load-project");
  if (benchCase != "load-project" && benchCase != "knn")
    throw UsageError("unknown --case '" + benchCase + "' (known: load-project, knn)");
  if (benchCase == "knn")
    setComputeThreads(1);
  const nlohmann::json result = benchCase == "knn" ? benchKnn(options) : benchLoadAndProject(options);
  if (options.flag("json")) {
    std::printf("%s\n", result.dump(2).c_str());
    return 0;
  }
  std::printf("%s: %zu points, %dx%d, %zu runs, 1 thread\n", benchCase.c_str(), result["points"].get<std::size_t>(),
              result["height"].get<int>(), result["width"].get<int>(), result["repeat"].get<std::size_t>());
  for (const char* part : {"load", "project", "total"}) {
    if (!result.contains(part))
      continue;
    const auto& timing = result[part];
    std::printf("  %-8s median %.3f ms  p90 %.3f ms  min %.3f ms  mean %.3f ms\n", part,
                timing["median_ms"].get<double>(), timing["p90_ms"].get<double>(), timing["min_ms"].get<double>(),
                timing["mean_ms"].get<double>());
  }
  return 0;
}

} // namespace quantlens::cli
