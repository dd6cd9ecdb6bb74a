#pragma once

#include "CliCommand.h"

namespace quantlens::cli {

/// `info --sequence`: reads every scan and label of a sequence and prints a summary.
/// `info --model`: the model's quantizer table.
class InfoCommand : public CliCommand
{
public:
  std::string name() const override { return "info"; }
  std::string summary() const override { return "summarize a sequence, or list a model's quantizers"; }
  std::string help() const override;
  std::set<std::string> valueOptions() const override;
  std::set<std::string> flagOptions() const override;
  int run(const CommandLine& options) override;

private:
  int runSequence(const CommandLine& options);
  int runModel(const CommandLine& options);
};

} // namespace quantlens::cli
