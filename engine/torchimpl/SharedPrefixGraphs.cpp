#include "torchimpl/SharedPrefixGraphs.h"

#include "core/EngineError.h"
#include "torchimpl/QuantizerRuntime.h"

#include <torch/csrc/jit/ir/ir.h>

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

namespace quantlens::torchgraph {

namespace {

using torch::jit::Block;
using torch::jit::Graph;
using torch::jit::Node;
using torch::jit::Value;

bool isFakeQuant(const Node* node)
{
  static const c10::Symbol kind = c10::Symbol::fromQualString(QuantizerRuntime::operatorName());
  return node->kind() == kind;
}

/// Calls `visit` on every node of `block` and of the blocks nested in it.
void forEachNode(Block* block, const std::function<void(Node*)>& visit)
{
  for (Node* node : block->nodes()) {
    visit(node);
    for (Block* inner : node->blocks())
      forEachNode(inner, visit);
  }
}

/// Top-level positions; the return node comes after every node.
std::unordered_map<const Node*, int> topLevelPositions(Graph& graph)
{
  std::unordered_map<const Node*, int> positions;
  int position = 0;
  for (Node* node : graph.nodes())
    positions[node] = position++;
  positions[graph.return_node()] = position;
  return positions;
}

Node* topLevelNode(Node* node, const Block* top)
{
  while (node->owningBlock() != top)
    node = node->owningBlock()->owningNode();
  return node;
}

/// The inputs `node` writes into, by its schema's alias annotations (a!).
std::vector<Value*> writtenInputs(Node* node)
{
  std::vector<Value*> written;
  const auto* schema = node->maybeSchema();
  if (!schema || !schema->is_mutable())
    return written;
  const auto& arguments = schema->arguments();
  for (std::size_t i = 0; i < arguments.size() && i < node->inputs().size(); ++i) {
    if (arguments[i].alias_info() && arguments[i].alias_info()->isWrite())
      written.push_back(node->input(i));
  }
  return written;
}

/// Whether `user` writes into its input `value` (aten::append on a list).
bool writesTo(Node* user, const Value* value)
{
  const auto written = writtenInputs(user);
  return !isFakeQuant(user) && std::find(written.begin(), written.end(), value) != written.end();
}

/// Values the suffix clones instead of receiving: constants, attribute reads
/// from self and lists or tuples of those that nothing writes into (a list
/// built by appends must be passed as it is at the cut).
class Replicable
{
public:
  explicit Replicable(const Value* self) : self_(self) {}

  bool operator()(Value* value)
  {
    if (value == self_)
      return true;
    const auto known = memo_.find(value);
    if (known != memo_.end())
      return known->second;
    Node* node = value->node();
    bool replicable = false;
    if (node->kind() == torch::jit::prim::Constant)
      replicable = true;
    else if (node->kind() == torch::jit::prim::GetAttr || node->kind() == torch::jit::prim::ListConstruct ||
             node->kind() == torch::jit::prim::TupleConstruct)
      replicable = std::all_of(node->inputs().begin(), node->inputs().end(), [this](Value* in) { return (*this)(in); }) &&
                   std::none_of(value->uses().begin(), value->uses().end(),
                                [value](const torch::jit::Use& use) { return writesTo(use.user, value); });
    memo_[value] = replicable;
    return replicable;
  }

private:
  const Value* self_;
  std::unordered_map<const Value*, bool> memo_;
};

} // namespace

std::vector<int> SharedPrefixGraphs::fakeQuantPositions(const Graph& constGraph, std::size_t quantizerCount)
{
  Graph& graph = const_cast<Graph&>(constGraph); // node iteration is not const in the JIT's API
  const auto positions = topLevelPositions(graph);
  std::vector<int> result(quantizerCount, -1);
  forEachNode(graph.block(), [&](Node* node) {
    if (!isFakeQuant(node))
      return;
    const auto id = torch::jit::toIValue(node->input(1));
    if (!id || id->toInt() < 0 || static_cast<std::size_t>(id->toInt()) >= quantizerCount)
      throw EngineError("internal error: a fake_quant node without a valid quantizer id");
    result[static_cast<std::size_t>(id->toInt())] = positions.at(topLevelNode(node, graph.block()));
  });
  return result;
}

bool SharedPrefixGraphs::mutatesTensors(const Graph& constGraph)
{
  Graph& graph = const_cast<Graph&>(constGraph);
  bool mutates = false;
  forEachNode(graph.block(), [&](Node* node) {
    if (isFakeQuant(node))
      return; // writes only when told to quantize in place, which sharing switches off
    for (const Value* value : writtenInputs(node)) {
      // Tensors may alias (views), so any write counts; lists are checked per kept value.
      if (value->type()->kind() == c10::TypeKind::TensorType)
        mutates = true;
    }
  });
  return mutates;
}

SharedPrefixGraphs::SharedPrefixGraphs(const std::shared_ptr<Graph>& graph, std::vector<int> cuts)
  : graph_(graph)
  , cuts_(std::move(cuts))
{
  const auto positions = topLevelPositions(*graph_);
  const int nodeCount = positions.at(graph_->return_node());
  Replicable replicable(graph_->inputs()[0]);

  // A value is live at cut k when it is defined before k and used at or after k.
  std::vector<std::vector<Value*>> liveAtCut(cuts_.size());
  std::unordered_set<const Value*> kept;
  auto consider = [&](Value* value, int definedAt) {
    if (replicable(value))
      return;
    int lastUse = -1;
    int lastWrite = -1;
    for (const auto& use : value->uses()) {
      const int position = positions.at(topLevelNode(use.user, graph_->block()));
      lastUse = std::max(lastUse, position);
      if (writesTo(use.user, value))
        lastWrite = std::max(lastWrite, position);
    }
    bool isKept = false;
    for (std::size_t c = 0; c < cuts_.size(); ++c) {
      if (cuts_[c] < 0 || cuts_[c] > nodeCount)
        throw EngineError("internal error: cut position outside the graph");
      if (definedAt < cuts_[c] && cuts_[c] <= lastUse) {
        liveAtCut[c].push_back(value);
        isKept = true;
        // The kept object is the one the capture run left: right for this cut
        // only if nothing writes into it from the cut on.
        keptValueWritten_ = keptValueWritten_ || lastWrite >= cuts_[c];
      }
    }
    if (isKept && kept.insert(value).second)
      keptValues_.push_back(value);
  };
  consider(graph_->inputs()[1], -1);
  for (Node* node : graph_->nodes()) {
    for (Value* output : node->outputs())
      consider(output, positions.at(node));
  }

  forEachNode(graph_->block(), [&](Node* node) {
    if (isFakeQuant(node) && kept.count(node->input(0)))
      idsReadingKeptValues_.push_back(static_cast<int>(torch::jit::toIValue(node->input(1))->toInt()));
  });
  buildCaptureGraph();
  for (std::size_t c = 0; c < cuts_.size(); ++c)
    suffixes_.push_back(buildSuffix(cuts_[c], liveAtCut[c]));
}

void SharedPrefixGraphs::buildCaptureGraph()
{
  auto capture = std::make_shared<Graph>();
  std::unordered_map<Value*, Value*> map;
  for (Value* input : graph_->inputs())
    map[input] = capture->addInput()->copyMetadata(input);
  for (Node* node : graph_->nodes()) {
    Node* clone = capture->appendNode(capture->createClone(node, [&](Value* value) { return map.at(value); }));
    for (std::size_t i = 0; i < node->outputs().size(); ++i)
      map[node->outputs()[i]] = clone->outputs()[i];
  }
  // One tuple holds the output and the kept values.
  std::vector<Value*> outputs{map.at(graph_->outputs()[0])};
  for (Value* value : keptValues_)
    outputs.push_back(map.at(value));
  capture->registerOutput(capture->appendNode(capture->createTuple(outputs))->output());
  capture->lint();
  capture_ = torch::jit::Code(capture, "capture");
}

SharedPrefixGraphs::Suffix SharedPrefixGraphs::buildSuffix(int cut, const std::vector<Value*>& live)
{
  auto graph = std::make_shared<Graph>();
  std::unordered_map<Value*, Value*> map;
  Suffix suffix;
  map[graph_->inputs()[0]] = graph->addInput()->copyMetadata(graph_->inputs()[0]);
  for (Value* value : live) {
    map[value] = graph->addInput()->copyMetadata(value);
    const auto index = std::find(keptValues_.begin(), keptValues_.end(), value) - keptValues_.begin();
    suffix.capturedIndices.push_back(static_cast<std::size_t>(index));
  }
  Replicable replicable(graph_->inputs()[0]);
  // Replicable values are cloned on first use; createClone asks before it
  // inserts the user, so the clone lands ahead of it.
  std::function<Value*(Value*)> lookup = [&](Value* value) -> Value* {
    const auto found = map.find(value);
    if (found != map.end())
      return found->second;
    if (!replicable(value))
      throw EngineError("internal error: value %" + value->debugName() + " is used after a cut but was not kept");
    Node* definition = value->node();
    Node* clone = graph->appendNode(graph->createClone(definition, lookup));
    for (std::size_t i = 0; i < definition->outputs().size(); ++i)
      map[definition->outputs()[i]] = clone->outputs()[i];
    return map.at(value);
  };
  int position = 0;
  for (Node* node : graph_->nodes()) {
    if (position++ < cut)
      continue;
    Node* clone = graph->createClone(node, lookup);
    graph->appendNode(clone);
    for (std::size_t i = 0; i < node->outputs().size(); ++i)
      map[node->outputs()[i]] = clone->outputs()[i];
  }
  graph->registerOutput(lookup(graph_->outputs()[0]));
  graph->lint();
  suffix.code = torch::jit::Code(graph, "suffix");
  return suffix;
}

c10::IValue SharedPrefixGraphs::runCode(const torch::jit::Code& code, std::vector<c10::IValue>& stack)
{
  try {
    torch::jit::InterpreterState(code).run(stack);
  } catch (const std::exception& error) {
    throw EngineError(std::string("a shared-prefix run failed: ") + error.what());
  }
  if (stack.size() != 1)
    throw EngineError("internal error: a shared-prefix run returned " + std::to_string(stack.size()) + " values");
  return std::move(stack.front());
}

at::Tensor SharedPrefixGraphs::runCapture(const c10::IValue& self, const at::Tensor& input)
{
  std::vector<c10::IValue> stack{self, input};
  const c10::IValue result = runCode(capture_, stack);
  const auto& elements = result.toTupleRef().elements();
  if (elements.size() != 1 + keptValues_.size() || !elements[0].isTensor())
    throw EngineError("internal error: the capture run returned " + std::to_string(elements.size()) + " values");
  captured_.assign(elements.begin() + 1, elements.end());
  return elements[0].toTensor();
}

at::Tensor SharedPrefixGraphs::runSuffix(std::size_t cutIndex, const c10::IValue& self)
{
  const Suffix& suffix = suffixes_.at(cutIndex);
  if (captured_.size() != keptValues_.size())
    throw EngineError("internal error: a suffix run before its capture run");
  std::vector<c10::IValue> stack{self};
  for (const std::size_t index : suffix.capturedIndices)
    stack.push_back(captured_[index]);
  const c10::IValue output = runCode(suffix.code, stack);
  if (!output.isTensor())
    throw EngineError("internal error: a suffix run returned no tensor");
  return output.toTensor();
}

} // namespace quantlens::torchgraph
