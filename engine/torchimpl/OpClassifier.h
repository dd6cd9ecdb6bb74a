#pragma once

// Internal: includes torch. Only engine .cpp files may include this header.

#include <torch/script.h>

#include <optional>
#include <set>
#include <vector>
#include <string>

namespace quantlens::torchgraph {

/// What a graph node computes, in the ONNX op-type names AIMET's quantsim
/// configs use (Conv, ConvTranspose, Gemm, Relu, Add, Concat, Softmax, ...).
struct OpClass
{
  std::string opType;
  int weightInput = -1; ///< input index of the weight parameter, -1 when none
  int biasInput = -1;
  std::string shortName; ///< for functional ops' quantizer names: add, cat, softmax, interpolate, ...
};

/// Returns the class of ops that get quantizers; nullopt for data movement
/// (view, reshape, size, dropout, ...) which quantization leaves alone.
std::optional<OpClass> classifyOp(const torch::jit::Node* node);

/// Every op type classifyOp can return, for checking a config's supergroups.
const std::set<std::string>& knownOpTypes();

/// The nodes that read a value's data. Uses that only read its metadata
/// (aten::dim, aten::size: e.g. BatchNorm's input-dimension check) do not
/// count, so they do not block folding or supergroup matching.
std::vector<torch::jit::Node*> dataConsumers(const torch::jit::Value* value);

} // namespace quantlens::torchgraph
