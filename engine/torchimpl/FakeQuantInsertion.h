#pragma once

// Internal: includes torch. Only engine .cpp files may include this header.

#include "torchimpl/InlinedModel.h"
#include "torchimpl/QuantizerPlacement.h"

#include <vector>

namespace quantlens::torchgraph {

/// Instruments the graph once: each placed quantizer becomes a
/// quantlens::fake_quant(value, id) node — after its op for outputs, before it
/// on the input or weight for inputs and parameters. What the nodes do is
/// decided per run by a QuantizerRuntime.
void insertFakeQuantNodes(InlinedModel& model, const std::vector<PlacedQuantizer>& quantizers);

} // namespace quantlens::torchgraph
