#pragma once

#include "quant/QuantizerInfo.h"
#include "quant/QuantizerSettings.h"

#include <string>
#include <vector>

namespace quantlens::test {

/// One quantizer as QuantSim would describe it (weights per channel on axis 0).
QuantizerInfo quantizer(int id, const std::string& module, QuantizerKind kind, const std::string& opType);

/// A small model's quantizers, ids in order: 0 conv1.weight, 1 conv1.output[0],
/// 2 conv2.input[0], 3 conv2.weight, 4 conv2.output[0], 5 module_softmax.output[0].
std::vector<QuantizerInfo> quantizers();

/// W4A8 as the engine's preset gives it for quantizers(): 4-bit symmetric
/// per-channel weights, 8-bit asymmetric activations.
std::vector<QuantizerSettings> w4a8();

} // namespace quantlens::test
