#pragma once

#include "eval/LayerSensitivity.h"
#include "eval/MixedPrecision.h"
#include "eval/SequenceEvaluator.h"
#include "quant/Encoding.h"
#include "quant/QuantizerSettings.h"
#include "quant/TensorStatistics.h"
#include "session/EncodingsPreview.h"
#include "session/LayerEffect.h"
#include "session/MixedPrecisionRequest.h"
#include "session/SessionState.h"

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
using EncodingsPreviewPtr = std::shared_ptr<const EncodingsPreview>;
using LayerEffectPtr = std::shared_ptr<const LayerEffect>;
using SessionStatePtr = std::shared_ptr<const SessionState>;

/// A mixed-precision search and the request it answers.
struct MixedPrecisionAnswer
{
  MixedPrecisionRequest request;
  MixedPrecisionResult result;
};
using MixedPrecisionAnswerPtr = std::shared_ptr<const MixedPrecisionAnswer>;

} // namespace quantlens

Q_DECLARE_METATYPE(quantlens::QuantizerSettingsList)
Q_DECLARE_METATYPE(quantlens::SensitivityResultPtr)
Q_DECLARE_METATYPE(quantlens::EvaluationResultsPtr)
Q_DECLARE_METATYPE(quantlens::QuantizerHistogramPtr)
Q_DECLARE_METATYPE(quantlens::EncodingsPreviewPtr)
Q_DECLARE_METATYPE(quantlens::LayerEffectPtr)
Q_DECLARE_METATYPE(quantlens::SessionStatePtr)
Q_DECLARE_METATYPE(quantlens::MixedPrecisionAnswerPtr)
Q_DECLARE_METATYPE(quantlens::MixedPrecisionRequest)
