#pragma once

#include "CliCommand.h"

#include "quant/EncodingsDocument.h"
#include "quant/QuantizerNaming.h"

#include <filesystem>

namespace quantlens::cli {

/// `calibrate`: the AIMET workflow's compute_encodings + export in one step.
/// Calibrates a model on a sequence (or random inputs) under a preset or a
/// recipe, writes the AIMET encodings file and says what it calibrated.
class CalibrateCommand : public CliCommand
{
public:
  std::string name() const override { return "calibrate"; }
  std::string summary() const override { return "calibrate on data and write AIMET encodings (0.6.1 or 1.0.0)"; }
  std::string help() const override;
  std::set<std::string> valueOptions() const override;
  std::set<std::string> flagOptions() const override;
  int run(const CommandLine& options) override;

  /// "0.6.1" / "aimet-torch-0.6.1" or "1.0.0" / "aimet-1.0.0" → "0.6.1" or
  /// "1.0.0"; a UsageError otherwise.
  static std::string encodingsVersion(const std::string& format);
  /// Writes the document in that version (atomically).
  /// --names: aimet (default), aimet-scoped or quantlens; UsageError otherwise.
  static QuantizerNaming::Style naming(const CommandLine& options);
  /// The help lines of --names.
  static const char* namingHelp();
  static void writeEncodings(const std::filesystem::path& file, const std::string& version,
                             const EncodingsDocument& document);
};

} // namespace quantlens::cli
