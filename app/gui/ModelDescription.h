#pragma once

#include "quant/QuantizerInfo.h"
#include "quant/QuantizerSettings.h"

#include <QMetaType>

#include <memory>
#include <vector>

namespace quantlens {

/// What the GUI needs to know about the open model to edit its quantizers:
/// the quantizer list and the settings of the two presets (the editor's bases).
struct ModelDescription
{
  std::vector<QuantizerInfo> quantizers;
  std::vector<QuantizerSettings> w8a8;
  std::vector<QuantizerSettings> w4a8;
};

using ModelDescriptionPtr = std::shared_ptr<const ModelDescription>;

} // namespace quantlens

Q_DECLARE_METATYPE(quantlens::ModelDescriptionPtr)
