#pragma once

#include "CommandLine.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace quantlens::cli {

/// One `quantlens-cli <name>` sub-command. main() finds it by name, parses its
/// options with the sets it declares, and maps exceptions to exit codes:
/// EngineError → 1, UsageError → 2, each as one line on stderr.
class CliCommand
{
public:
  virtual ~CliCommand() = default;

  virtual std::string name() const = 0;
  /// One line for the command list.
  virtual std::string summary() const = 0;
  /// Full help text: usage line and every option.
  virtual std::string help() const = 0;
  virtual std::set<std::string> valueOptions() const = 0;
  virtual std::set<std::string> flagOptions() const { return {}; }

  /// Returns the process exit status.
  virtual int run(const CommandLine& options) = 0;
};

/// Every sub-command, in the order `--help` lists them.
std::vector<std::unique_ptr<CliCommand>> allCommands();

} // namespace quantlens::cli
