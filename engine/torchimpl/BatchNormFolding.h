#pragma once

// Internal: includes torch. Only engine .cpp files may include this header.

#include "torchimpl/InlinedModel.h"

#include <string>
#include <vector>

namespace quantlens::torchgraph {

struct FoldedBatchNorm
{
  std::string batchNorm;   ///< module path of the removed BatchNorm
  std::string convolution; ///< module path of the conv that absorbed it
};

/// Folds every BatchNorm whose input is a convolution's output used by
/// nothing else, as AIMET's fold_all_batch_norms does for conv -> BN:
///   scale = γ / sqrt(var + ε),  W' = W·scale (per output channel),  b' = (b − μ)·scale + β.
/// The conv's weight and bias inputs become graph constants holding the
/// folded tensors; the BN node is removed. A BN after an activation
/// (SalsaNext's conv -> LeakyReLU -> BN) is not foldable and stays.
std::vector<FoldedBatchNorm> foldBatchNorms(InlinedModel& model);

} // namespace quantlens::torchgraph
