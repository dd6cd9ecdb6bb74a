#pragma once

#include "CliCommand.h"

namespace quantlens::cli {

/// `amp`: automatic mixed precision. Ranks layers by sensitivity, promotes
/// the most sensitive ones until the score is within the allowed drop of
/// FP32's, prints the path with its Pareto points and writes the override file.
class AmpCommand : public CliCommand
{
public:
  std::string name() const override { return "amp"; }
  std::string summary() const override { return "find a mixed-precision recipe within an allowed accuracy drop"; }
  std::string help() const override;
  std::set<std::string> valueOptions() const override;
  std::set<std::string> flagOptions() const override;
  int run(const CommandLine& options) override;
};

} // namespace quantlens::cli
