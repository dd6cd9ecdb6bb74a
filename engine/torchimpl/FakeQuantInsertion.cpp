#include "torchimpl/FakeQuantInsertion.h"

#include "torchimpl/QuantizerRuntime.h"

#include <torch/csrc/jit/ir/ir.h>

namespace quantlens::torchgraph {

namespace {

using torch::jit::Node;
using torch::jit::Value;

/// A fake_quant node reading `value`, not yet placed in the graph.
Node* createFakeQuant(torch::jit::Graph& graph, Value* value)
{
  Node* fakeQuant = graph.create(c10::Symbol::fromQualString(QuantizerRuntime::operatorName()), 1);
  fakeQuant->addInput(value);
  fakeQuant->output()->setType(value->type());
  return fakeQuant;
}

void addIdInput(torch::jit::Graph& graph, Node* fakeQuant, int id)
{
  torch::jit::WithInsertPoint guard(fakeQuant);
  fakeQuant->addInput(graph.insertConstant(static_cast<std::int64_t>(id)));
}

void quantizeOutput(torch::jit::Graph& graph, Node* op, int id)
{
  Value* output = op->output();
  Node* fakeQuant = createFakeQuant(graph, output);
  fakeQuant->insertAfter(op);
  addIdInput(graph, fakeQuant, id);
  output->replaceAllUsesWith(fakeQuant->output());
  fakeQuant->replaceInput(0, output); // replaceAllUsesWith rewired the new node's own input too
}

void quantizeInput(torch::jit::Graph& graph, Node* op, int inputIndex, int id)
{
  Node* fakeQuant = createFakeQuant(graph, op->input(inputIndex));
  fakeQuant->insertBefore(op);
  addIdInput(graph, fakeQuant, id);
  op->replaceInput(inputIndex, fakeQuant->output());
}

} // namespace

void insertFakeQuantNodes(InlinedModel& model, const std::vector<PlacedQuantizer>& quantizers)
{
  torch::jit::Graph& graph = *model.graph();
  for (const auto& quantizer : quantizers) {
    if (quantizer.info.kind == QuantizerKind::Output)
      quantizeOutput(graph, quantizer.node, quantizer.info.id);
    else
      quantizeInput(graph, quantizer.node, quantizer.inputIndex, quantizer.info.id);
  }
  graph.lint();
  model.graphChanged();
}

} // namespace quantlens::torchgraph
