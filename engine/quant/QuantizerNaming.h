#pragma once

#include "quant/QuantizerInfo.h"

#include <string>

namespace quantlens {

/// Which names an exported encodings file uses (docs/quantization.md, "Names").
/// Reading always accepts all three.
struct QuantizerNaming
{
  enum class Style
  {
    Aimet,       ///< AIMET's prepared-model names, aimet_torch ≤ 1.26 (the default)
    AimetScoped, ///< AIMET's prepared-model names, aimet_torch ≥ 1.27
    QuantLens,   ///< QuantLens's own names
  };

  /// The quantizer's name in that style; QuantLens's where AIMET has no name for it.
  static const std::string& nameOf(const QuantizerInfo& quantizer, Style style);
  /// "aimet", "aimet-scoped", "quantlens"; anything else is an EngineError listing them.
  static Style parse(const std::string& text);
  static std::string toString(Style style);
};

} // namespace quantlens
