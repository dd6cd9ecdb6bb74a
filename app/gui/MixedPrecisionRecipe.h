#pragma once

#include "AnalysisResults.h"

#include <QCoreApplication>

namespace quantlens {

class QuantizerEditor;

/// Puts one step of a mixed-precision search into the quantizer editor:
/// the preset, with every layer promoted up to that step raised to the
/// search's bitwidth, exactly as MixedPrecision::promote raises it (enabled
/// integer quantizers without fixed encodings, never lowered). One undo step.
class MixedPrecisionRecipe
{
  Q_DECLARE_TR_FUNCTIONS(quantlens::MixedPrecisionRecipe)

public:
  /// False (and nothing changes) when the editor edits another preset than
  /// the search started from, or `step` is not a step of the search.
  static bool apply(QuantizerEditor& editor, const MixedPrecisionAnswer& answer, int step);

  /// The modules promoted in steps 1..step, in order.
  static std::vector<std::string> promotedModules(const MixedPrecisionResult& result, int step);
};

} // namespace quantlens
