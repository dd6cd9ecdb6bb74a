#include "torchimpl/OpClassifier.h"

#include <map>

namespace quantlens::torchgraph {

namespace {

using torch::jit::Node;

bool isTensor(const torch::jit::Value* value)
{
  return value->type()->kind() == c10::TypeKind::TensorType;
}

/// aten::_convolution (traced models) carries `transposed` as input 6.
OpClass classifyConvolution(const Node* node)
{
  const auto transposed = torch::jit::toIValue(node->input(6));
  const bool isTransposed = transposed && transposed->isBool() && transposed->toBool();
  return isTransposed ? OpClass{"ConvTranspose", 1, 2, "conv_transpose"} : OpClass{"Conv", 1, 2, "conv"};
}

/// Binary arithmetic counts as an op only between two tensors: x + 1 is not quantized.
std::optional<OpClass> classifyBinary(const Node* node, const char* opType, const char* shortName)
{
  if (node->inputs().size() >= 2 && isTensor(node->input(0)) && isTensor(node->input(1)))
    return OpClass{opType, -1, -1, shortName};
  return std::nullopt;
}

const std::map<std::string, OpClass>& simpleOps()
{
  static const std::map<std::string, OpClass> ops = {
    {"aten::conv1d", {"Conv", 1, 2, "conv"}},
    {"aten::conv2d", {"Conv", 1, 2, "conv"}},
    {"aten::conv3d", {"Conv", 1, 2, "conv"}},
    {"aten::conv_transpose1d", {"ConvTranspose", 1, 2, "conv_transpose"}},
    {"aten::conv_transpose2d", {"ConvTranspose", 1, 2, "conv_transpose"}},
    {"aten::conv_transpose3d", {"ConvTranspose", 1, 2, "conv_transpose"}},
    {"aten::linear", {"Gemm", 1, 2, "linear"}},
    {"aten::batch_norm", {"BatchNormalization", 1, 2, "batch_norm"}},
    {"aten::relu", {"Relu", -1, -1, "relu"}},
    {"aten::relu_", {"Relu", -1, -1, "relu"}},
    {"aten::leaky_relu", {"LeakyRelu", -1, -1, "leaky_relu"}},
    {"aten::leaky_relu_", {"LeakyRelu", -1, -1, "leaky_relu"}},
    {"aten::hardtanh", {"Clip", -1, -1, "clip"}},
    {"aten::hardtanh_", {"Clip", -1, -1, "clip"}},
    {"aten::clamp", {"Clip", -1, -1, "clip"}},
    {"aten::sigmoid", {"Sigmoid", -1, -1, "sigmoid"}},
    {"aten::tanh", {"Tanh", -1, -1, "tanh"}},
    {"aten::gelu", {"Gelu", -1, -1, "gelu"}},
    {"aten::silu", {"Silu", -1, -1, "silu"}},
    {"aten::elu", {"Elu", -1, -1, "elu"}},
    {"aten::prelu", {"PRelu", -1, -1, "prelu"}},
    {"aten::cat", {"Concat", -1, -1, "cat"}},
    {"aten::softmax", {"Softmax", -1, -1, "softmax"}},
    {"aten::_softmax", {"Softmax", -1, -1, "softmax"}},
    {"aten::log_softmax", {"LogSoftmax", -1, -1, "log_softmax"}},
    {"aten::avg_pool1d", {"AveragePool", -1, -1, "avg_pool"}},
    {"aten::avg_pool2d", {"AveragePool", -1, -1, "avg_pool"}},
    {"aten::max_pool1d", {"MaxPool", -1, -1, "max_pool"}},
    {"aten::max_pool2d", {"MaxPool", -1, -1, "max_pool"}},
    {"aten::adaptive_avg_pool2d", {"GlobalAveragePool", -1, -1, "adaptive_avg_pool"}},
    {"aten::upsample_nearest2d", {"Resize", -1, -1, "interpolate"}},
    {"aten::upsample_bilinear2d", {"Resize", -1, -1, "interpolate"}},
    {"aten::upsample_bicubic2d", {"Resize", -1, -1, "interpolate"}},
    {"aten::pixel_shuffle", {"DepthToSpace", -1, -1, "pixel_shuffle"}},
    {"aten::mean", {"Mean", -1, -1, "mean"}},
    {"aten::pad", {"Pad", -1, -1, "pad"}},
    {"aten::constant_pad_nd", {"Pad", -1, -1, "pad"}},
    {"aten::reflection_pad2d", {"Pad", -1, -1, "pad"}},
    {"aten::squeeze", {"Squeeze", -1, -1, "squeeze"}},
  };
  return ops;
}

} // namespace

std::optional<OpClass> classifyOp(const Node* node)
{
  const std::string kind = node->kind().toQualString();
  if (kind == "aten::_convolution")
    return classifyConvolution(node);
  if (kind == "aten::add" || kind == "aten::add_")
    return classifyBinary(node, "Add", "add");
  if (kind == "aten::sub" || kind == "aten::sub_")
    return classifyBinary(node, "Sub", "sub");
  if (kind == "aten::mul" || kind == "aten::mul_")
    return classifyBinary(node, "Mul", "mul");
  if (kind == "aten::div" || kind == "aten::div_")
    return classifyBinary(node, "Div", "div");
  const auto& ops = simpleOps();
  const auto found = ops.find(kind);
  if (found == ops.end())
    return std::nullopt;
  return found->second;
}

const std::set<std::string>& knownOpTypes()
{
  static const std::set<std::string> types = [] {
    std::set<std::string> all = {"Conv", "ConvTranspose", "Add", "Sub", "Mul", "Div"};
    for (const auto& entry : simpleOps())
      all.insert(entry.second.opType);
    return all;
  }();
  return types;
}

std::vector<torch::jit::Node*> dataConsumers(const torch::jit::Value* value)
{
  std::vector<torch::jit::Node*> consumers;
  for (const auto& use : value->uses()) {
    const std::string kind = use.user->kind().toQualString();
    if (kind != "aten::dim" && kind != "aten::size" && kind != "aten::len" && kind != "prim::shape")
      consumers.push_back(use.user);
  }
  return consumers;
}

} // namespace quantlens::torchgraph
