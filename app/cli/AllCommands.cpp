#include "AmpCommand.h"
#include "BenchCommand.h"
#include "CalibrateCommand.h"
#include "CliCommand.h"
#include "EvalCommand.h"
#include "ExportCommand.h"
#include "InfoCommand.h"
#include "SensitivityCommand.h"
#include "StatsCommand.h"
#include "SynthCommand.h"

namespace quantlens::cli {

std::vector<std::unique_ptr<CliCommand>> allCommands()
{
  std::vector<std::unique_ptr<CliCommand>> commands;
  commands.push_back(std::make_unique<SynthCommand>());
  commands.push_back(std::make_unique<InfoCommand>());
  commands.push_back(std::make_unique<EvalCommand>());
  commands.push_back(std::make_unique<StatsCommand>());
  commands.push_back(std::make_unique<SensitivityCommand>());
  commands.push_back(std::make_unique<MergeCommand>());
  commands.push_back(std::make_unique<AmpCommand>());
  commands.push_back(std::make_unique<CalibrateCommand>());
  commands.push_back(std::make_unique<ExportCommand>());
  commands.push_back(std::make_unique<BenchCommand>());
  return commands;
}

} // namespace quantlens::cli
