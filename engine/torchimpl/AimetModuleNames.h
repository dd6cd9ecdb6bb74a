#pragma once

// Internal: includes torch. Only engine .cpp files may include this header.

#include "torchimpl/InlinedModel.h"

#include <string>
#include <vector>

namespace quantlens::torchgraph {

/// The module AIMET's model preparer (aimet_torch model_preparer.py) makes
/// for an op, and so the name AIMET's encodings files key its quantizers by.
///
/// The preparer traces the model with torch.fx, then gives every functional
/// op it can wrap (add, cat, softmax, interpolate, ...) a module of its own,
/// and every later call of a module that is called more than once a copy. Both
/// are named "module_" + the fx node name: module_add, module_add_1,
/// module_cat, module_blk_relu_1 (the second call of blk.relu). The first call
/// of a module keeps the module's own name. fx numbers nodes in one namespace
/// for the whole graph (FxNamespace), so AimetModuleNames walks every node the
/// fx trace would have, in order, not only the quantized ones.
///
/// Two conventions exist: aimet_torch up to about 1.26 puts the new modules on
/// the root ("module_add_3"); later versions put them in the module whose
/// forward ran the op ("downCntx.module_add_3", and "blk.module_relu_1" for a
/// reused "blk.relu"). Both are given; either may be empty when AIMET makes no
/// module for the op (a reshape, an op AIMET does not convert).
struct AimetModuleName
{
  std::string flat;   ///< aimet_torch ≤ 1.26
  std::string scoped; ///< aimet_torch ≥ 1.27
  /// Whether the op is the first / last quantized op of what AIMET sees as one
  /// module call: only the first op's inputs and the last op's output are that
  /// module's input and output quantizers.
  bool firstOfModule = true;
  bool lastOfModule = true;
};

/// AIMET's module names for `ops` (nodes of the model's inlined graph), one per op.
std::vector<AimetModuleName> aimetModuleNames(const InlinedModel& model, const std::vector<torch::jit::Node*>& ops);

} // namespace quantlens::torchgraph
