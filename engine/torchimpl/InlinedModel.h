#pragma once

// Internal: includes torch. Only engine .cpp files may include this header.

#include <torch/script.h>

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace quantlens::torchgraph {

/// One frame of an inlined node's call stack, outermost first: a module's
/// method ("conv" running Conv2d.forward), a module calling its own method
/// ("SELF"), or a free function (F.softmax, F.interpolate) with no instance.
struct CallFrame
{
  std::string instance;  ///< attribute name of the module; "" for a free function
  std::string function;  ///< the function or method that ran ("forward", "softmax")
  std::size_t callStart = 0; ///< where it was called from (source offsets): tells calls apart
  std::size_t callEnd = 0;

  bool isFreeFunction() const { return instance.empty(); }
  bool isSelfCall() const { return instance == "SELF"; }
  bool isModule() const { return !isFreeFunction() && !isSelfCall(); }
};

/// A TorchScript model prepared for instrumentation: its forward graph
/// copied, inlined, specialized for evaluation (training = false) and
/// constant-propagated. Every node keeps its call stack, from which
/// modulePath() recovers the module that ran it.
class InlinedModel
{
public:
  /// Throws EngineError naming the file when it is not TorchScript or its
  /// forward does not take exactly one tensor.
  static InlinedModel load(const std::filesystem::path& file);

  torch::jit::Module& module() { return module_; }
  const std::shared_ptr<torch::jit::Graph>& graph() const { return graph_; }
  const std::filesystem::path& file() const { return file_; }

  /// Dotted path of the module whose code produced `node` ("block.conv1"),
  /// "" for code of the top-level forward or of free functions called from it.
  static std::string modulePath(const torch::jit::Node* node);
  /// The node's call stack, outermost frame first; empty for top-level code.
  static std::vector<CallFrame> callFrames(const torch::jit::Node* node);
  /// Whether a module path names a module without submodules.
  bool isLeafModule(const std::string& path) const { return leafModules_.count(path) > 0; }
  bool hasModule(const std::string& path) const { return moduleTypes_.count(path) > 0; }
  /// The module's class as TorchScript names it ("__torch__.torch.nn.modules.conv.Conv2d"); "" if unknown.
  std::string moduleType(const std::string& path) const;
  /// The names of the graph's inputs after self, as forward's parameters call them ("x").
  std::vector<std::string> inputNames() const;

  /// The tensor a value holds when it is a constant or a chain of
  /// prim::GetAttr from the module (self); nullopt otherwise.
  std::optional<at::Tensor> constantTensor(torch::jit::Value* value) const;

  /// Runs the graph on `input` (module as self). Not thread-safe.
  at::Tensor run(const at::Tensor& input);
  /// Rebuilds the executable function after the graph changed.
  void graphChanged();
  /// Moves the graph's tensor constants (e.g. folded weights) to `device`;
  /// the module's own parameters move with Module::to().
  void moveConstantsTo(const torch::Device& device);

private:
  InlinedModel() = default;
  void collectModules();

  std::filesystem::path file_;
  torch::jit::Module module_;
  std::shared_ptr<torch::jit::Graph> graph_;
  std::shared_ptr<torch::jit::GraphFunction> function_;
  std::set<std::string> leafModules_;
  std::map<std::string, std::string> moduleTypes_;
};

} // namespace quantlens::torchgraph
