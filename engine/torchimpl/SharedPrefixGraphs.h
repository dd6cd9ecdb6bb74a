#pragma once

// Internal: includes torch. Only engine .cpp files may include this header.

#include <torch/csrc/jit/runtime/interpreter.h>
#include <torch/script.h>

#include <memory>
#include <vector>

namespace quantlens::torchgraph {

/// An instrumented graph split at chosen top-level nodes ("cuts"), so that runs
/// which compute the same values before a cut can share them: one capture run
/// computes the whole graph and keeps every value that is live at a cut, and a
/// suffix graph per cut recomputes only the nodes from the cut on.
///
/// The graphs run in the plain interpreter, not a profiling GraphExecutor:
/// with one suffix per layer, profiling and optimizing each would cost more
/// than it saves, and the interpreter runs the same ATen kernels.
///
/// A suffix graph takes (self, live values...) and clones the nodes from the
/// cut on; values that cost nothing to recompute (constants, attribute reads
/// from self, lists of those) are cloned into it rather than passed. Nodes
/// nested in blocks (prim::If) count as part of their top-level node.
class SharedPrefixGraphs
{
public:
  /// `cuts`: positions among graph.nodes() (top level), sorted and unique.
  SharedPrefixGraphs(const std::shared_ptr<torch::jit::Graph>& graph, std::vector<int> cuts);

  /// Top-level position of the fake_quant node of each quantizer id (index =
  /// id; -1 for ids the graph has no node for).
  static std::vector<int> fakeQuantPositions(const torch::jit::Graph& graph, std::size_t quantizerCount);
  /// Whether any op writes into a tensor (relu_, add_, copy_): then a value
  /// kept for later runs could change under them, and nothing may be shared.
  static bool mutatesTensors(const torch::jit::Graph& graph);
  /// Whether an op writes into a kept non-tensor value at or after a cut where
  /// it is kept (a list appended to across a cut): then these cuts cannot share.
  bool writesKeptValues() const { return keptValueWritten_; }

  const std::vector<int>& cuts() const { return cuts_; }
  /// Quantizer ids whose fake_quant node reads a value that is kept: they
  /// must not quantize in place, or the kept value would change.
  const std::vector<int>& idsReadingKeptValues() const { return idsReadingKeptValues_; }

  /// Runs the whole graph; returns its output and keeps the values live at the cuts.
  at::Tensor runCapture(const c10::IValue& self, const at::Tensor& input);
  /// Runs the suffix of cut `cutIndex` (an index into cuts()) on the values
  /// the last runCapture kept.
  at::Tensor runSuffix(std::size_t cutIndex, const c10::IValue& self);
  /// Drops the kept values (they can be large).
  void releaseCaptured() { captured_.clear(); }

private:
  struct Suffix
  {
    torch::jit::Code code;
    std::vector<std::size_t> capturedIndices; ///< per suffix input after self: index into captured_
  };

  void buildCaptureGraph();
  Suffix buildSuffix(int cut, const std::vector<torch::jit::Value*>& live);
  static c10::IValue runCode(const torch::jit::Code& code, std::vector<c10::IValue>& stack);

  std::shared_ptr<torch::jit::Graph> graph_;
  std::vector<int> cuts_;
  std::vector<torch::jit::Value*> keptValues_; ///< union of live values over all cuts, in graph order
  torch::jit::Code capture_;
  std::vector<Suffix> suffixes_;
  std::vector<int> idsReadingKeptValues_;
  std::vector<c10::IValue> captured_;
  bool keptValueWritten_ = false;
};

} // namespace quantlens::torchgraph
