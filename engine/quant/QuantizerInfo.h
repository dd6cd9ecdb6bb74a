#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace quantlens {

enum class QuantizerKind { Input, Output, Parameter };

/// What one quantizer of an instrumented model is: where it sits and what it
/// quantizes. Names follow AIMET, so encodings files round-trip:
///   "<module>.weight"          parameter quantizer (Conv, ConvTranspose, Linear; bias never)
///   "<module>.input[i]"        input quantizer i of a module
///   "<module>.output[i]"       output quantizer i of a module
/// Functional ops without a module (a top-level +, torch.cat, F.softmax,
/// F.interpolate) use "<enclosing module>.<op>_<n>" as their module, e.g.
/// "block.add_0" ("add_0" at the top level); the second call of a module
/// called twice is "<module>_call1".
///
/// AIMET names the same quantizers after the modules its model preparer makes
/// (torchimpl/AimetModuleNames): "module_add_1.output[0]" for a functional +,
/// "module_blk_relu_1.output[0]" for the second call of blk.relu. Files may
/// use either; see docs/quantization.md for the rules side by side.
struct QuantizerInfo
{
  int id = -1;              ///< index in the quantizer table; the fake_quant node's argument
  std::string name;         ///< unique, as above
  /// AIMET's name on the prepared model, aimet_torch ≤ 1.26 (new modules on the
  /// root) and ≥ 1.27 (new modules in their scope); "" where AIMET has no such quantizer.
  std::string aimetName;
  std::string aimetScopedName;
  std::string module;       ///< module path (AIMET's key in encodings files)
  QuantizerKind kind = QuantizerKind::Output;
  int index = 0;            ///< tensor index for Input / Output
  std::string parameter;    ///< "weight" for Parameter quantizers
  std::string opType;       ///< ONNX-style type of the op: Conv, ConvTranspose, Gemm, Relu, LeakyRelu,
                            ///< Add, Concat, Softmax, AveragePool, MaxPool, Resize, DepthToSpace, BatchNormalization, ...
  std::vector<std::int64_t> shape; ///< tensor shape seen on a sample input; empty when unknown
  int channelAxis = -1;     ///< per-channel axis for Parameter quantizers (0; 1 for ConvTranspose), else -1

  static std::string inputName(const std::string& module, int index)
  {
    return module + ".input[" + std::to_string(index) + "]";
  }
  static std::string outputName(const std::string& module, int index)
  {
    return module + ".output[" + std::to_string(index) + "]";
  }
};

} // namespace quantlens
