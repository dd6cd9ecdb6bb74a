#include "BenchCommand.h"

#include "ModelArguments.h"

#include "core/DeterministicRandom.h"
#include "core/EngineError.h"
#include "core/Threading.h"
#include "data/KnnPostprocess.h"
#include "data/LabelMap.h"
#include "data/RangeProjection.h"
#include "data/SemanticKittiSequence.h"
#include "data/SemanticKittiWriter.h"
#include "data/SyntheticScanner.h"
#include "eval/LayerSensitivity.h"

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

/// --height and --width of the range image (the HDL-64E defaults otherwise).
SensorConfig sensorFrom(const CommandLine& options)
{
  SensorConfig sensor;
  sensor.height = static_cast<int>(options.integer("height", 64, 1, 4096));
  sensor.width = static_cast<int>(options.integer("width", 2048, 1, 16384));
  return sensor;
}

SyntheticScannerOptions scannerFrom(const CommandLine& options)
{
  SyntheticScannerOptions scannerOptions;
  scannerOptions.seed = static_cast<std::uint64_t>(options.integer("seed", 1, 0, 1LL << 62));
  return scannerOptions;
}

/// Loading a .bin from the page cache and projecting it, like every scan the
/// app shows: the budget is 5 ms on one core for ~120k points at 64×2048.
nlohmann::json benchLoadAndProject(const CommandLine& options)
{
  const SensorConfig sensor = sensorFrom(options);
  const auto repeat = static_cast<std::size_t>(options.integer("repeat", 200, 1, 100000));
  const SyntheticScannerOptions scannerOptions = scannerFrom(options);

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
  const SensorConfig sensor = sensorFrom(options);
  const auto repeat = static_cast<std::size_t>(options.integer("repeat", 20, 1, 100000));
  const SyntheticScannerOptions scannerOptions = scannerFrom(options);
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

/// The cost of simulation on a model: the plain module's forward, the
/// instrumented graph with every quantizer off, and W8A8, interleaved so
/// that machine noise hits all three alike.
nlohmann::json benchQuantSim(const CommandLine& options)
{
  const ModelArguments model = ModelArguments::parse(options);
  const auto repeat = static_cast<std::size_t>(options.integer("repeat", 20, 1, 100000));
  setComputeThreads(static_cast<int>(options.integer("threads", 1, 0, 1024)));
  QuantSim sim(model.model, model.options);
  FloatTensor input;
  input.shape = model.requireInputShape();
  input.values.resize(static_cast<std::size_t>(input.elementCount()));
  DeterministicRandom random(5);
  for (auto& value : input.values)
    value = static_cast<float>(random.normal());
  sim.calibrate(input);
  const auto fp32 = sim.prepare(sim.presetSettings({QuantPreset::Kind::Fp32}), {});
  const auto w8a8Settings = sim.presetSettings({QuantPreset::Kind::W8A8});
  const auto w8a8 = sim.prepare(w8a8Settings, sim.computeEncodings(w8a8Settings, QuantScheme{}));
  Timings plain, instrumented, quantized;
  for (std::size_t i = 0; i < repeat + 3; ++i) {
    const double plainMs = millisecondsOf([&] { sim.runOriginal(input); });
    const double fp32Ms = millisecondsOf([&] { sim.run(fp32, input); });
    const double w8a8Ms = millisecondsOf([&] { sim.run(w8a8, input); });
    if (i < 3)
      continue; // the JIT profiles and optimizes during the first runs
    plain.milliseconds.push_back(plainMs);
    instrumented.milliseconds.push_back(fp32Ms);
    quantized.milliseconds.push_back(w8a8Ms);
  }
  return {{"case", "quantsim"},
          {"model", model.model.string()},
          {"input_shape", input.shape},
          {"quantizers", sim.quantizers().size()},
          {"threads", computeThreads()},
          {"repeat", repeat},
          {"plain", plain.toJson()},
          {"instrumented_fp32", instrumented.toJson()},
          {"w8a8", quantized.toJson()},
          {"fp32_overhead", instrumented.percentile(50) / plain.percentile(50)},
          {"w8a8_over_fp32", quantized.percentile(50) / instrumented.percentile(50)}};
}

/// --inputs N synthetic scans projected with the sidecar's sensor (seeded
/// normal noise when the model has no sidecar).
std::vector<FloatTensor> sensitivityInputs(const ModelArguments& model, const CommandLine& options)
{
  const auto count = static_cast<std::size_t>(options.integer("inputs", 2, 1, 10000));
  std::vector<FloatTensor> inputs;
  if (!model.sidecar) {
    for (std::size_t i = 0; i < count; ++i) {
      FloatTensor input;
      input.shape = model.requireInputShape();
      input.values.resize(static_cast<std::size_t>(input.elementCount()));
      DeterministicRandom random(100 + i);
      for (auto& value : input.values)
        value = static_cast<float>(random.normal());
      inputs.push_back(std::move(input));
    }
    return inputs;
  }
  const SyntheticScanner scanner(scannerFrom(options));
  const RangeProjection projection(model.sidecar->sensor);
  for (std::size_t i = 0; i < count; ++i)
    inputs.push_back({model.sidecar->inputShape, projection.project(scanner.scan(i).points).input});
  return inputs;
}

bool sameScores(const SensitivityResult& a, const SensitivityResult& b)
{
  if (a.layers.size() != b.layers.size() || a.baselineAgreement != b.baselineAgreement)
    return false;
  for (std::size_t i = 0; i < a.layers.size(); ++i) {
    if (a.layers[i].module != b.layers[i].module || a.layers[i].agreement != b.layers[i].agreement)
      return false;
  }
  return true;
}

/// Per-layer sensitivity of --model in both modes: the naive loop (every
/// layer and input through the whole graph) against sharing each input's
/// prefix, side by side; the scores must be identical. The shared run's time
/// includes building its split graphs.
nlohmann::json benchSensitivity(const CommandLine& options)
{
  const ModelArguments model = ModelArguments::parse(options);
  setComputeThreads(static_cast<int>(options.integer("threads", 1, 0, 1024)));
  const QuantPreset preset = QuantPreset::parse(options.valueOr("preset", "W8A8"));
  if (!preset.quantizes())
    throw UsageError("--preset must be W8A8 or W4A8");
  QuantSim sim(model.model, model.options);
  const auto inputs = sensitivityInputs(model, options);
  for (const auto& input : inputs)
    sim.calibrate(input);
  const auto settings = sim.presetSettings(preset);
  Feedback feedback;
  nlohmann::json modes = nlohmann::json::array();
  for (const auto mode : {SensitivityMode::OnlyThisLayer, SensitivityMode::AllButThisLayer}) {
    SensitivityOptions analysis;
    analysis.mode = mode;
    analysis.naive = true;
    SensitivityResult naive;
    SensitivityResult shared;
    const double naiveMs = millisecondsOf(
      [&] { naive = LayerSensitivity::analyze(sim, settings, QuantScheme{}, inputs, analysis, feedback); });
    analysis.naive = false;
    const double sharedMs = millisecondsOf(
      [&] { shared = LayerSensitivity::analyze(sim, settings, QuantScheme{}, inputs, analysis, feedback); });
    modes.push_back({{"mode", mode == SensitivityMode::OnlyThisLayer ? "only" : "all-but"},
                     {"naive_s", naiveMs / 1000.0},
                     {"shared_s", sharedMs / 1000.0},
                     {"speedup", naiveMs / sharedMs},
                     {"identical", sameScores(naive, shared)},
                     {"layers", naive.layers.size()}});
  }
  return {{"case", "sensitivity"},
          {"model", model.model.string()},
          {"input_shape", inputs.front().shape},
          {"inputs", inputs.size()},
          {"preset", preset.toString()},
          {"quantizers", sim.quantizers().size()},
          {"shares_prefix", sim.canSharePrefix()},
          {"threads", computeThreads()},
          {"modes", modes}};
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
         "                   quantsim: plain forward vs instrumented FP32 vs W8A8 of\n"
         "                   --model (input shape from its sidecar or --input-shape)\n"
         "                   sensitivity: per-layer sensitivity of --model, naive loop\n"
         "                   vs shared prefixes, both modes, on --inputs N synthetic\n"
         "                   scans (default 2) with --preset (default W8A8)\n"
         "  --repeat N       timed repetitions after warm-up (default 200; knn 20)\n"
         "  --height H       range image rows (default 64)\n"
         "  --width W        range image columns (default 2048)\n"
         "  --seed S         synthetic scan seed (default 1)\n"
         "  --threads N      LibTorch threads for quantsim and sensitivity (default 1)\n"
         "  --json           print JSON\n" +
         ModelArguments::help();
}

std::set<std::string> BenchCommand::valueOptions() const
{
  std::set<std::string> options = {"case", "repeat", "height", "width", "seed", "threads", "inputs", "preset"};
  options.merge(ModelArguments::valueOptions());
  return options;
}

std::set<std::string> BenchCommand::flagOptions() const
{
  std::set<std::string> flags = {"json"};
  flags.merge(ModelArguments::flagOptions());
  return flags;
}

int BenchCommand::run(const CommandLine& options)
{
  const std::string benchCase = options.valueOr("case", "load-project");
  if (benchCase != "load-project" && benchCase != "knn" && benchCase != "quantsim" && benchCase != "sensitivity")
    throw UsageError("unknown --case '" + benchCase + "' (known: load-project, knn, quantsim, sensitivity)");
  if (benchCase == "knn")
    setComputeThreads(1);
  const nlohmann::json result = benchCase == "knn"           ? benchKnn(options)
                                : benchCase == "quantsim"    ? benchQuantSim(options)
                                : benchCase == "sensitivity" ? benchSensitivity(options)
                                                             : benchLoadAndProject(options);
  if (options.flag("json")) {
    std::printf("%s\n", result.dump(2).c_str());
    return 0;
  }
  if (benchCase == "sensitivity") {
    std::printf("sensitivity: %s, %s, %zu inputs, %d thread(s)%s\n", result["model"].get<std::string>().c_str(),
                result["preset"].get<std::string>().c_str(), result["inputs"].get<std::size_t>(),
                result["threads"].get<int>(), result["shares_prefix"].get<bool>() ? "" : " (model cannot share: no gain)");
    for (const auto& mode : result["modes"])
      std::printf("  %-8s %zu layers  naive %.2f s  shared %.2f s  speed-up %.2fx  identical: %s\n",
                  mode["mode"].get<std::string>().c_str(), mode["layers"].get<std::size_t>(),
                  mode["naive_s"].get<double>(), mode["shared_s"].get<double>(), mode["speedup"].get<double>(),
                  mode["identical"].get<bool>() ? "yes" : "NO");
    return 0;
  }
  if (result.contains("points"))
    std::printf("%s: %zu points, %dx%d, %zu runs, 1 thread\n", benchCase.c_str(), result["points"].get<std::size_t>(),
                result["height"].get<int>(), result["width"].get<int>(), result["repeat"].get<std::size_t>());
  else
    std::printf("%s: %s, %zu quantizers, %zu runs, %d thread(s)\n", benchCase.c_str(),
                result["model"].get<std::string>().c_str(), result["quantizers"].get<std::size_t>(),
                result["repeat"].get<std::size_t>(), result["threads"].get<int>());
  for (const char* part : {"load", "project", "total", "plain", "instrumented_fp32", "w8a8"}) {
    if (!result.contains(part))
      continue;
    const auto& timing = result[part];
    std::printf("  %-8s median %.3f ms  p90 %.3f ms  min %.3f ms  mean %.3f ms\n", part,
                timing["median_ms"].get<double>(), timing["p90_ms"].get<double>(), timing["min_ms"].get<double>(),
                timing["mean_ms"].get<double>());
  }
  if (result.contains("fp32_overhead"))
    std::printf("  instrumented FP32 / plain: %.3f   W8A8 / instrumented FP32: %.3f\n",
                result["fp32_overhead"].get<double>(), result["w8a8_over_fp32"].get<double>());
  return 0;
}

} // namespace quantlens::cli
