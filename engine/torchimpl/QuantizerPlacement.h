#pragma once

// Internal: includes torch. Only engine .cpp files may include this header.

#include "quant/QuantSimConfig.h"
#include "quant/QuantizerInfo.h"
#include "torchimpl/InlinedModel.h"

#include <vector>

namespace quantlens::torchgraph {

/// One quantizer to insert: what it is, where it goes, and how the quantsim
/// config sets it up.
struct PlacedQuantizer
{
  QuantizerInfo info;
  torch::jit::Node* node = nullptr; ///< the op it belongs to
  int inputIndex = -1;              ///< for Input and Parameter: which input of `node`
  bool enabled = false;             ///< by the config (a preset may still turn it off)
  bool symmetric = false;
  bool perChannel = false;
  /// An output quantizer whose op always returns a new tensor (not a view, not
  /// an in-place op): nothing else reads that tensor, so it may be quantized in place.
  bool mayQuantizeInPlace = false;
};

/// Finds the quantizable ops of an inlined (and BN-folded) graph, names their
/// quantizers like AIMET, and applies the quantsim config: defaults, params,
/// op types, supergroups (all but the last op of a chain lose their output
/// quantizer), model input. Quantizers come in graph order; ids are their
/// positions. Throws EngineError when the graph has no quantizable op.
std::vector<PlacedQuantizer> placeQuantizers(const InlinedModel& model, const QuantSimConfig& config);

} // namespace quantlens::torchgraph
