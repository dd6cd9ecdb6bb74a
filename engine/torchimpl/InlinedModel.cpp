#include "torchimpl/InlinedModel.h"

#include "core/EngineError.h"

#include <torch/csrc/jit/api/function_impl.h>
#include <torch/csrc/jit/passes/constant_propagation.h>
#include <torch/csrc/jit/passes/dead_code_elimination.h>
#include <torch/csrc/jit/passes/inliner.h>

namespace quantlens::torchgraph {

namespace {

using torch::jit::Block;
using torch::jit::Node;

/// Replaces every read of a module's `training` flag with false, so the
/// branches of BatchNorm, Dropout and friends fold away: we only evaluate.
void specializeForEvaluation(Block* block)
{
  for (Node* node : block->nodes()) {
    for (Block* inner : node->blocks())
      specializeForEvaluation(inner);
    if (node->kind() == torch::jit::prim::GetAttr && node->s(torch::jit::attr::name) == "training") {
      torch::jit::WithInsertPoint guard(node);
      node->output()->replaceAllUsesWith(node->owningGraph()->insertConstant(false));
    }
  }
}

std::string firstLine(const std::string& text)
{
  return text.substr(0, text.find('\n'));
}

/// The interpreter's message is a traceback; its last non-empty line says what failed.
std::string lastLine(std::string text)
{
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.pop_back();
  const auto newline = text.rfind('\n');
  return newline == std::string::npos ? text : text.substr(newline + 1);
}

std::string shapeText(c10::IntArrayRef sizes)
{
  std::string text = "[";
  for (std::size_t i = 0; i < sizes.size(); ++i)
    text += (i ? ", " : "") + std::to_string(sizes[i]);
  return text + "]";
}

} // namespace

InlinedModel InlinedModel::load(const std::filesystem::path& file)
{
  InlinedModel model;
  model.file_ = file;
  try {
    model.module_ = torch::jit::load(file.string());
  } catch (const c10::Error& error) {
    throw EngineError("'" + file.string() + "' is not a TorchScript model (" + firstLine(error.what_without_backtrace()) +
                      "); export it with torch.jit.script or torch.jit.trace and save it with .save()");
  }
  model.module_.eval();
  if (!model.module_.find_method("forward"))
    throw EngineError("'" + file.string() + "' has no forward method");
  model.graph_ = model.module_.get_method("forward").graph()->copy();
  const auto inputs = model.graph_->inputs();
  const bool oneTensor = inputs.size() == 2 && inputs[1]->type()->kind() == c10::TypeKind::TensorType;
  if (!oneTensor)
    throw EngineError("'" + file.string() + "': forward must take exactly one tensor (the range image), but takes " +
                      std::to_string(inputs.size() - 1) + " argument(s)");
  torch::jit::Inline(*model.graph_);
  specializeForEvaluation(model.graph_->block());
  torch::jit::ConstantPropagation(model.graph_);
  torch::jit::EliminateDeadCode(model.graph_);
  model.collectModules();
  model.graphChanged();
  return model;
}

void InlinedModel::collectModules()
{
  for (const auto& entry : module_.named_modules()) {
    const auto type = entry.value.type();
    moduleTypes_[entry.name] = type && type->name() ? type->name()->qualifiedName() : std::string();
    if (entry.value.children().size() == 0)
      leafModules_.insert(entry.name);
  }
}

std::string InlinedModel::moduleType(const std::string& path) const
{
  const auto found = moduleTypes_.find(path);
  return found == moduleTypes_.end() ? std::string() : found->second;
}

std::vector<std::string> InlinedModel::inputNames() const
{
  std::vector<std::string> names;
  const auto inputs = graph_->inputs();
  for (std::size_t i = 1; i < inputs.size(); ++i) {
    // TorchScript numbers values ("x.1"); the parameter's own name is the part before.
    std::string name = inputs[i]->debugNameBase();
    names.push_back(name);
  }
  return names;
}

std::vector<CallFrame> InlinedModel::callFrames(const Node* node)
{
  const auto callstack = node->callstack();
  if (!callstack)
    return {};
  std::vector<CallFrame> frames;
  for (const auto& entry : (*callstack)->vec()) {
    CallFrame frame;
    const auto* function = std::get<0>(entry);
    frame.function = function ? function->name() : std::string();
    const auto& range = std::get<1>(entry);
    frame.callStart = range.start();
    frame.callEnd = range.end();
    const auto& instance = std::get<2>(entry);
    if (instance)
      frame.instance = instance->instance_name();
    frames.push_back(std::move(frame));
  }
  return frames;
}

std::string InlinedModel::modulePath(const Node* node)
{
  std::string path;
  // Free functions (F.softmax) and a module calling its own methods
  // (Conv2d.forward -> _conv_forward) add no module to the path.
  for (const CallFrame& frame : callFrames(node)) {
    if (frame.isModule())
      path += (path.empty() ? "" : ".") + frame.instance;
  }
  return path;
}

std::optional<at::Tensor> InlinedModel::constantTensor(torch::jit::Value* value) const
{
  if (auto constant = torch::jit::toIValue(value)) {
    if (constant->isTensor())
      return constant->toTensor();
    return std::nullopt;
  }
  // Walk prim::GetAttr back to the graph's self input, then forward through the module.
  std::vector<std::string> names;
  while (value->node()->kind() == torch::jit::prim::GetAttr) {
    names.push_back(value->node()->s(torch::jit::attr::name));
    value = value->node()->input();
  }
  if (value != graph_->inputs()[0] || names.empty())
    return std::nullopt;
  c10::IValue current = module_._ivalue();
  for (auto name = names.rbegin(); name != names.rend(); ++name) {
    if (!current.isObject())
      return std::nullopt;
    current = current.toObject()->getAttr(*name);
  }
  return current.isTensor() ? std::optional<at::Tensor>(current.toTensor()) : std::nullopt;
}

void InlinedModel::moveConstantsTo(const torch::Device& device)
{
  std::vector<torch::jit::Node*> constants;
  for (torch::jit::Node* node : graph_->nodes()) {
    if (node->kind() == torch::jit::prim::Constant && node->output()->type()->kind() == c10::TypeKind::TensorType)
      constants.push_back(node);
  }
  for (torch::jit::Node* node : constants) {
    const at::Tensor moved = node->t(torch::jit::attr::value).to(device);
    torch::jit::WithInsertPoint guard(node);
    node->output()->replaceAllUsesWith(graph_->insertConstant(moved));
    node->destroy();
  }
  graphChanged();
}

void InlinedModel::graphChanged()
{
  function_ = std::make_shared<torch::jit::GraphFunction>("forward", graph_, nullptr);
}

at::Tensor InlinedModel::run(const at::Tensor& input)
{
  std::vector<c10::IValue> stack{module_._ivalue(), input};
  try {
    function_->run(stack);
  } catch (const std::exception& error) {
    // Shape mismatches and the like surface here with the interpreter's traceback.
    throw EngineError("'" + file_.string() + "' failed on an input of shape " + shapeText(input.sizes()) + ": " +
                      lastLine(error.what()));
  }
  if (stack.empty() || !stack.back().isTensor())
    throw EngineError("'" + file_.string() + "': forward must return one tensor");
  return stack.back().toTensor();
}

} // namespace quantlens::torchgraph
