#pragma once

#include "CliCommand.h"

namespace quantlens::cli {

/// `stats`: per-quantizer ranges, clipping and SQNR after calibration.
class StatsCommand : public CliCommand
{
public:
  std::string name() const override { return "stats"; }
  std::string summary() const override { return "per-quantizer range, encoding, clipping and SQNR after calibration"; }
  std::string help() const override;
  std::set<std::string> valueOptions() const override;
  std::set<std::string> flagOptions() const override;
  int run(const CommandLine& options) override;
};

} // namespace quantlens::cli
