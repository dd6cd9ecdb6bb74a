#include "InfoCommand.h"

#include "ProgressPrinter.h"
#include "ModelArguments.h"
#include "QuantizerTableReport.h"
#include "SequenceSummary.h"

#include <cstdio>

namespace quantlens::cli {

std::string InfoCommand::help() const
{
  return "usage: quantlens-cli info --sequence DIR [--labels YAML] [--json] [--quiet]\n"
         "       quantlens-cli info --model FILE [model options] [--json]\n\n"
         "Reads every scan and label file of a SemanticKITTI sequence (DIR holds velodyne/)\n"
         "and prints scans, points and the class histogram. Stops with an error naming\n"
         "the first bad file.\n\n"
         "  --sequence DIR   the sequence folder, e.g. dataset/sequences/08\n"
         "  --labels YAML    label config (default: the shipped semantic-kitti.yaml)\n"
         "  --json           print JSON instead of a table\n"
         "  --quiet          no progress output\n\n"
         "With --model, lists every quantizer: name (AIMET's), kind, op type, tensor\n"
         "shape (from one FP32 run on the sidecar's input shape) and how W8A8 and W4A8 set it.\n" +
         ModelArguments::help();
}

std::set<std::string> InfoCommand::valueOptions() const
{
  std::set<std::string> options = {"sequence", "labels"};
  options.merge(ModelArguments::valueOptions());
  return options;
}

std::set<std::string> InfoCommand::flagOptions() const
{
  std::set<std::string> flags = {"json", "quiet"};
  flags.merge(ModelArguments::flagOptions());
  return flags;
}

int InfoCommand::run(const CommandLine& options)
{
  if (options.has("model") == options.has("sequence"))
    throw UsageError("give either --sequence DIR or --model FILE");
  return options.has("model") ? runModel(options) : runSequence(options);
}

int InfoCommand::runModel(const CommandLine& options)
{
  const ModelArguments model = ModelArguments::parse(options);
  QuantSim sim(model.model, model.options);
  if (!model.inputShape.empty()) {
    // One FP32 run on zeros records every quantizer's tensor shape.
    FloatTensor zeros;
    zeros.shape = model.inputShape;
    zeros.values.assign(static_cast<std::size_t>(zeros.elementCount()), 0.0f);
    sim.run(sim.prepare(sim.presetSettings({QuantPreset::Kind::Fp32}), {}), zeros);
  }
  const std::string report = options.flag("json") ? QuantizerTableReport::toJson(sim) : QuantizerTableReport::toText(sim);
  std::fputs(report.c_str(), stdout);
  return 0;
}

int InfoCommand::runSequence(const CommandLine& options)
{
  const std::string directory = options.required("sequence");
  const LabelMap labels = options.has("labels") ? LabelMap::fromFile(options.required("labels")) : LabelMap::semanticKitti();
  ProgressPrinter printer("info", options.flag("quiet"));
  Feedback feedback([&](double fraction, const std::string& message) { printer.update(fraction, message); });
  const SequenceSummary summary = SequenceSummary::compute(directory, feedback);
  printer.finish();
  const std::string report = options.flag("json") ? summary.toJson(labels) : summary.toText(labels);
  std::fputs(report.c_str(), stdout);
  return 0;
}

} // namespace quantlens::cli
