#include "torchimpl/BatchNormFolding.h"

#include "torchimpl/OpClassifier.h"

#include <torch/csrc/jit/passes/dead_code_elimination.h>

namespace quantlens::torchgraph {

namespace {

using torch::jit::Node;

// aten::batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps, cudnn_enabled)
constexpr int kBnWeight = 1, kBnBias = 2, kBnMean = 3, kBnVar = 4, kBnTraining = 5, kBnEps = 7;

void collectBatchNorms(torch::jit::Block* block, std::vector<Node*>& found)
{
  for (Node* node : block->nodes()) {
    for (auto* inner : node->blocks())
      collectBatchNorms(inner, found);
    if (node->kind() == torch::jit::aten::batch_norm)
      found.push_back(node);
  }
}

/// Groups of a conv node, from its schema position (1 when unknown).
std::int64_t convolutionGroups(const Node* conv)
{
  const std::string kind = conv->kind().toQualString();
  int index = -1;
  if (kind == "aten::_convolution")
    index = 8;
  else if (kind.rfind("aten::conv_transpose", 0) == 0)
    index = 6;
  else if (kind.rfind("aten::conv", 0) == 0)
    index = 6;
  const auto groups = index >= 0 && index < static_cast<int>(conv->inputs().size()) ? torch::jit::toIValue(conv->input(index))
                                                                                     : c10::nullopt;
  return groups && groups->isInt() ? groups->toInt() : 1;
}

struct BatchNormTensors
{
  at::Tensor scale; ///< γ / sqrt(var + ε)
  at::Tensor shift; ///< β − μ·scale
};

std::optional<BatchNormTensors> readBatchNorm(const InlinedModel& model, Node* bn)
{
  const auto training = torch::jit::toIValue(bn->input(kBnTraining));
  const auto eps = torch::jit::toIValue(bn->input(kBnEps));
  const auto mean = model.constantTensor(bn->input(kBnMean));
  const auto var = model.constantTensor(bn->input(kBnVar));
  if (!training || !training->isBool() || training->toBool() || !eps || !mean || !var)
    return std::nullopt;
  const auto gamma = model.constantTensor(bn->input(kBnWeight));
  const auto beta = model.constantTensor(bn->input(kBnBias));
  const at::Tensor scale = (gamma ? gamma->detach() : at::ones_like(*mean)) / at::sqrt(*var + eps->toDouble());
  const at::Tensor shift = (beta ? beta->detach() : at::zeros_like(*mean)) - *mean * scale;
  return BatchNormTensors{scale, shift};
}

/// Folds one BN into the conv feeding it; false when the pair is not foldable.
bool foldInto(InlinedModel& model, Node* bn, std::vector<FoldedBatchNorm>& folded)
{
  torch::jit::Value* convOutput = bn->input(0);
  Node* conv = convOutput->node();
  const auto op = classifyOp(conv);
  if (!op || (op->opType != "Conv" && op->opType != "ConvTranspose") || dataConsumers(convOutput).size() != 1)
    return false;
  const bool transposed = op->opType == "ConvTranspose";
  if (transposed && convolutionGroups(conv) != 1)
    return false; // grouped transposed weights interleave output channels
  const auto weight = model.constantTensor(conv->input(op->weightInput));
  const auto bias = model.constantTensor(conv->input(op->biasInput));
  const auto batchNorm = readBatchNorm(model, bn);
  if (!weight || !batchNorm)
    return false;

  // Output channels are axis 0 of a conv weight and axis 1 of a transposed conv's.
  std::vector<std::int64_t> shape(weight->dim(), 1);
  shape[transposed ? 1 : 0] = -1;
  // Graph constants must not require grad: detach from the parameters.
  const at::Tensor foldedWeight = (weight->detach() * batchNorm->scale.reshape(shape)).contiguous();
  const at::Tensor foldedBias =
    ((bias ? bias->detach() : at::zeros_like(batchNorm->scale)) * batchNorm->scale + batchNorm->shift).contiguous();

  {
    torch::jit::WithInsertPoint guard(conv);
    conv->replaceInput(op->weightInput, model.graph()->insertConstant(foldedWeight));
    conv->replaceInput(op->biasInput, model.graph()->insertConstant(foldedBias));
  }
  folded.push_back({InlinedModel::modulePath(bn), InlinedModel::modulePath(conv)});
  bn->output()->replaceAllUsesWith(convOutput);
  bn->destroy();
  return true;
}

} // namespace

std::vector<FoldedBatchNorm> foldBatchNorms(InlinedModel& model)
{
  const torch::NoGradGuard noGrad;
  std::vector<Node*> batchNorms;
  collectBatchNorms(model.graph()->block(), batchNorms);
  std::vector<FoldedBatchNorm> folded;
  for (Node* bn : batchNorms)
    foldInto(model, bn, folded);
  torch::jit::EliminateDeadCode(model.graph());
  model.graphChanged();
  return folded;
}

} // namespace quantlens::torchgraph
