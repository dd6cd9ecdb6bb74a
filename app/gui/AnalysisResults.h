#pragma once

#include "eval/LayerSensitivity.h"
#include "eval/SequenceEvaluator.h"
#include "quant/Encoding.h"
#include "quant/QuantizerSettings.h"
#include "quant/TensorStatistics.h"

#include <QMetaType>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace quantlens {

/// One quantizer's calibration histogram and the encoding a variant gives it
/// (for the histogram chart).
struct QuantizerHistogram
{
  int id = -1;
  std::string name;
  TensorStatistics statistics;
  std::optional<Encoding> encoding; ///< absent when the variant leaves the quantizer off
};

// What crosses the engine thread's signals, shared read-only with the GUI.
using QuantizerSettingsList = std::vector<QuantizerSettings>;
using SensitivityResultPtr = std::shared_ptr<const SensitivityResult>;
using EvaluationResultsPtr = std::shared_ptr<const std::vector<VariantEvaluation>>;
using QuantizerHistogramPtr = std::shared_ptr<const QuantizerHistogram>;

} // namespace quantlens

Q_DECLARE_METATYPE(quantlens::QuantizerSettingsList)
Q_DECLARE_METATYPE(quantlens::SensitivityResultPtr)
Q_DECLARE_METATYPE(quantlens::EvaluationResultsPtr)
Q_DECLARE_METATYPE(quantlens::QuantizerHistogramPtr)
