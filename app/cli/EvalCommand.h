#pragma once

#include "CliCommand.h"

namespace quantlens::cli {

/// `eval`: scores FP32, W8A8, W4A8 and custom variants of a model on a
/// labelled sequence, like the SemanticKITTI evaluator, in one run.
class EvalCommand : public CliCommand
{
public:
  std::string name() const override { return "eval"; }
  std::string summary() const override { return "evaluate FP32 / W8A8 / W4A8 / custom variants on a sequence"; }
  std::string help() const override;
  std::set<std::string> valueOptions() const override;
  std::set<std::string> flagOptions() const override;
  int run(const CommandLine& options) override;
};

} // namespace quantlens::cli
