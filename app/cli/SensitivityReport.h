#pragma once

#include "eval/LayerSensitivity.h"

#include <string>

namespace quantlens::cli {

/// A sensitivity result as JSON (what `sensitivity --json` prints and `merge`
/// reads) and as a table.
struct SensitivityReport
{
  static std::string toJson(const SensitivityResult& result, const std::string& preset);
  /// Throws EngineError naming `source` for a file that is not such a report.
  static SensitivityResult fromJson(const std::string& text, const std::string& source, std::string& preset);
  static std::string toText(const SensitivityResult& result, const std::string& preset);
};

} // namespace quantlens::cli
