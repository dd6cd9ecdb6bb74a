#pragma once

#include "CliCommand.h"

namespace quantlens::cli {

/// `export`: calibrates a model under a preset (plus overrides) and writes
/// AIMET encodings.
class ExportCommand : public CliCommand
{
public:
  std::string name() const override { return "export"; }
  std::string summary() const override { return "calibrate a model and write AIMET encodings"; }
  std::string help() const override;
  std::set<std::string> valueOptions() const override;
  std::set<std::string> flagOptions() const override;
  int run(const CommandLine& options) override;
};

} // namespace quantlens::cli
