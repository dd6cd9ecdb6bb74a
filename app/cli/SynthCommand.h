#pragma once

#include "CliCommand.h"

namespace quantlens::cli {

/// `synth`: writes a synthetic SemanticKITTI sequence from SyntheticScanner.
class SynthCommand : public CliCommand
{
public:
  std::string name() const override { return "synth"; }
  std::string summary() const override { return "generate a synthetic SemanticKITTI sequence"; }
  std::string help() const override;
  std::set<std::string> valueOptions() const override { return {"output", "sequence", "scans", "seed"}; }
  std::set<std::string> flagOptions() const override { return {"quiet"}; }
  int run(const CommandLine& options) override;
};

} // namespace quantlens::cli
