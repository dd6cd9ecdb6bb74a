#pragma once

#include "CliCommand.h"

namespace quantlens::cli {

/// `bench`: times engine hot paths on generated data, one core, and prints
/// figures for docs/benchmarks.md. Cases are added as the engine grows.
class BenchCommand : public CliCommand
{
public:
  std::string name() const override { return "bench"; }
  std::string summary() const override { return "benchmark engine hot paths (projection, KNN, quantsim)"; }
  std::string help() const override;
  std::set<std::string> valueOptions() const override;
  std::set<std::string> flagOptions() const override;
  int run(const CommandLine& options) override;
};

} // namespace quantlens::cli
