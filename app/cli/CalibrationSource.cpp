#include "CalibrationSource.h"

#include "ProgressPrinter.h"
#include "ScanRange.h"

#include "core/DeterministicRandom.h"
#include "data/RangeProjection.h"
#include "data/SemanticKittiSequence.h"

#include <charconv>

namespace quantlens::cli {

namespace {

std::size_t parseRandomCount(const std::string& text)
{
  const std::string prefix = "random:";
  std::size_t count = 0;
  const char* begin = text.data() + prefix.size();
  const char* end = text.data() + text.size();
  const bool valid = text.rfind(prefix, 0) == 0 && std::from_chars(begin, end, count).ptr == end && count > 0;
  if (!valid)
    throw UsageError("--calibration expects random:N with N > 0, got '" + text + "'");
  return count;
}

std::vector<FloatTensor> randomInputs(const std::vector<std::int64_t>& shape, std::size_t count, Feedback& feedback)
{
  std::vector<FloatTensor> inputs(count);
  for (std::size_t i = 0; i < count; ++i) {
    feedback.throwIfCanceled();
    inputs[i].shape = shape;
    inputs[i].values.resize(static_cast<std::size_t>(inputs[i].elementCount()));
    DeterministicRandom random(1000 + i);
    for (auto& value : inputs[i].values)
      value = static_cast<float>(random.normal());
  }
  return inputs;
}

std::vector<FloatTensor> sequenceInputs(const ModelArguments& model, const CommandLine& options, Feedback& feedback)
{
  if (!model.sidecar)
    throw UsageError("using a sequence needs the model's sidecar (" + ModelSidecar::pathFor(model.model).string() +
                     ") for the projection and normalization");
  const SemanticKittiSequence sequence(options.required("sequence"));
  const auto scans = ScanRange::parse(options.valueOr("scans", "0:"), sequence.scanCount());
  const RangeProjection projection(model.sidecar->sensor);
  ProjectedScan projected;
  std::vector<FloatTensor> inputs;
  for (std::size_t i = 0; i < scans.size(); ++i) {
    feedback.throwIfCanceled();
    const Scan scan = sequence.loadScan(scans[i], SemanticKittiSequence::Labels::Skip);
    projection.project(scan.points, projected);
    inputs.push_back({model.sidecar->inputShape, projected.input});
    feedback.setProgress(0.5 * static_cast<double>(i + 1) / scans.size(), "scan " + sequence.scanIds()[scans[i]]);
  }
  return inputs;
}

} // namespace

std::string CalibrationSource::help()
{
  return "  --calibration random:N   calibrate on N seeded random inputs (no dataset needed)\n"
         "  --sequence DIR           calibrate on the scans of a SemanticKITTI sequence\n"
         "  --scans A:B[:STEP]       which scans (default: all)\n";
}

std::vector<FloatTensor> CalibrationSource::inputs(const ModelArguments& model, const CommandLine& options,
                                                   Feedback& feedback)
{
  if (options.has("calibration") && options.has("sequence"))
    throw UsageError("give either --calibration random:N or --sequence DIR, not both");
  if (options.has("calibration"))
    return randomInputs(model.requireInputShape(), parseRandomCount(options.required("calibration")), feedback);
  if (options.has("sequence"))
    return sequenceInputs(model, options, feedback);
  throw UsageError("no calibration data: give --calibration random:N or --sequence DIR [--scans A:B]");
}

std::size_t CalibrationSource::calibrateWithProgress(QuantSim& sim, const ModelArguments& model,
                                                 const CommandLine& options)
{
  ProgressPrinter printer("calibrate", options.flag("quiet"));
  Feedback feedback([&](double fraction, const std::string& message) { printer.update(fraction, message); });
  const std::size_t used = calibrate(sim, model, options, feedback);
  printer.finish();
  return used;
}

std::size_t CalibrationSource::calibrate(QuantSim& sim, const ModelArguments& model, const CommandLine& options,
                                         Feedback& feedback)
{
  const auto data = inputs(model, options, feedback);
  for (std::size_t i = 0; i < data.size(); ++i) {
    feedback.throwIfCanceled();
    sim.calibrate(data[i]);
    feedback.setProgress(0.5 + 0.5 * static_cast<double>(i + 1) / data.size(), "calibrating");
  }
  return data.size();
}

} // namespace quantlens::cli
