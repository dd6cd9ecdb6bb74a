#pragma once

#include "eval/LayerSensitivity.h"
#include "eval/SequenceEvaluator.h"
#include "quant/QuantizerSettings.h"

#include <QMetaType>

#include <memory>
#include <vector>

namespace quantlens {

// What crosses the engine thread's signals, shared read-only with the GUI.
using QuantizerSettingsList = std::vector<QuantizerSettings>;
using SensitivityResultPtr = std::shared_ptr<const SensitivityResult>;
using EvaluationResultsPtr = std::shared_ptr<const std::vector<VariantEvaluation>>;

} // namespace quantlens

Q_DECLARE_METATYPE(quantlens::QuantizerSettingsList)
Q_DECLARE_METATYPE(quantlens::SensitivityResultPtr)
Q_DECLARE_METATYPE(quantlens::EvaluationResultsPtr)
