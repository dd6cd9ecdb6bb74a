#pragma once

#include "CliCommand.h"

namespace quantlens::cli {

/// `info`: reads every scan and label of a sequence and prints a summary.
/// (Model inspection, `info --model`, joins here with the quantization engine.)
class InfoCommand : public CliCommand
{
public:
  std::string name() const override { return "info"; }
  std::string summary() const override { return "summarize a sequence (scans, points, class histogram)"; }
  std::string help() const override;
  std::set<std::string> valueOptions() const override { return {"sequence", "labels"}; }
  std::set<std::string> flagOptions() const override { return {"json", "quiet"}; }
  int run(const CommandLine& options) override;
};

} // namespace quantlens::cli
