#pragma once

#include "CliCommand.h"

namespace quantlens::cli {

/// `sensitivity`: per-layer sensitivity of a preset, AIMET QuantAnalyzer style.
class SensitivityCommand : public CliCommand
{
public:
  std::string name() const override { return "sensitivity"; }
  std::string summary() const override { return "rank layers by how much their quantization changes predictions"; }
  std::string help() const override;
  std::set<std::string> valueOptions() const override;
  std::set<std::string> flagOptions() const override;
  int run(const CommandLine& options) override;
};

/// `merge`: joins the shards of a sensitivity sweep.
class MergeCommand : public CliCommand
{
public:
  std::string name() const override { return "merge"; }
  std::string summary() const override { return "join sensitivity shards (--shard k/n) into one report"; }
  std::string help() const override;
  std::set<std::string> valueOptions() const override { return {"inputs", "output"}; }
  std::set<std::string> flagOptions() const override { return {"json"}; }
  int run(const CommandLine& options) override;
};

} // namespace quantlens::cli
