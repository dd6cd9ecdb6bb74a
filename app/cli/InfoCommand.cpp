#include "InfoCommand.h"

#include "ProgressPrinter.h"
#include "SequenceSummary.h"

#include <cstdio>

namespace quantlens::cli {

std::string InfoCommand::help() const
{
  return "usage: quantlens-cli info --sequence DIR [--labels YAML] [--json] [--quiet]\n\n"
         "Reads every scan and label file of a SemanticKITTI sequence (DIR holds velodyne/)\n"
         "and prints scans, points and the class histogram. Stops with an error naming\n"
         "the first bad file.\n\n"
         "  --sequence DIR   the sequence folder, e.g. dataset/sequences/08\n"
         "  --labels YAML    label config (default: the shipped semantic-kitti.yaml)\n"
         "  --json           print JSON instead of a table\n"
         "  --quiet          no progress output\n";
}

int InfoCommand::run(const CommandLine& options)
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
