// quantlens-cli: the headless front end of the QuantLens engine, for GPU
// servers, pipelines and tests. Sub-commands live in one class each.
#include "CliCommand.h"

#include "core/EngineError.h"

#include <cstdio>
#include <cstring>
#include <exception>

using namespace quantlens::cli;

namespace {

void printOverview(const std::vector<std::unique_ptr<CliCommand>>& commands)
{
  std::printf("usage: quantlens-cli <command> [options]\n\nQuantLens engine on the command line.\n\ncommands:\n");
  for (const auto& command : commands)
    std::printf("  %-12s %s\n", command->name().c_str(), command->summary().c_str());
  std::printf("\n'quantlens-cli <command> --help' describes a command's options.\n");
}

bool isHelp(const char* argument)
{
  return std::strcmp(argument, "--help") == 0 || std::strcmp(argument, "-h") == 0;
}

} // namespace

int main(int argc, char** argv)
{
  const auto commands = allCommands();
  if (argc < 2 || isHelp(argv[1])) {
    printOverview(commands);
    return argc < 2 ? 2 : 0;
  }
  CliCommand* command = nullptr;
  for (const auto& candidate : commands)
    command = candidate->name() == argv[1] ? candidate.get() : command;
  if (!command) {
    std::fprintf(stderr, "quantlens-cli: unknown command '%s' (see quantlens-cli --help)\n", argv[1]);
    return 2;
  }
  std::vector<std::string> arguments(argv + 2, argv + argc);
  for (const auto& argument : arguments) {
    if (isHelp(argument.c_str())) {
      std::printf("%s", command->help().c_str());
      return 0;
    }
  }
  try {
    return command->run(CommandLine(arguments, command->valueOptions(), command->flagOptions()));
  } catch (const UsageError& error) {
    std::fprintf(stderr, "quantlens-cli %s: %s (see quantlens-cli %s --help)\n", argv[1], error.what(), argv[1]);
    return 2;
  } catch (const quantlens::EngineError& error) {
    std::fprintf(stderr, "quantlens-cli %s: error: %s\n", argv[1], error.what());
    return 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "quantlens-cli %s: unexpected error: %s\n", argv[1], error.what());
    return 1;
  }
}
