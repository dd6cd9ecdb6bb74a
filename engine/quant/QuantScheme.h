#pragma once

#include <string>

namespace quantlens {

/// How encodings are computed from calibration statistics (AIMET's QuantScheme).
struct QuantScheme
{
  enum class Kind { Tf, TfEnhanced, Percentile };

  Kind kind = Kind::Tf;
  double percentile = 99.9; ///< for Percentile: p in [50, 100]

  /// "tf", "tf_enhanced", "percentile:99.9" (also "percentile" = 99.9).
  /// Throws EngineError naming the text for anything else or p outside [50, 100].
  static QuantScheme parse(const std::string& text);
  std::string toString() const;
  /// AIMET's quant_scheme string for encodings files: "post_training_tf",
  /// "post_training_tf_enhanced", "post_training_percentile".
  std::string aimetName() const;

  bool operator==(const QuantScheme&) const = default;
};

} // namespace quantlens
