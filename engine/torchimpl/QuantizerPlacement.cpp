#include "torchimpl/QuantizerPlacement.h"

#include "core/EngineError.h"
#include "torchimpl/AimetModuleNames.h"
#include "torchimpl/OpClassifier.h"

#include <algorithm>
#include <map>
#include <set>

namespace quantlens::torchgraph {

namespace {

using torch::jit::Node;

struct OpNode
{
  Node* node;
  OpClass op;
  std::string module; ///< the quantizers' module name
  AimetModuleName aimet;
};

void collectOps(torch::jit::Block* block, std::vector<OpNode>& ops)
{
  for (Node* node : block->nodes()) {
    if (auto op = classifyOp(node))
      ops.push_back({node, *op, {}, {}});
    for (auto* inner : node->blocks())
      collectOps(inner, ops);
  }
}

/// Identifies one call of a module: the call sites of every frame down to the
/// module's own (two calls of a shared ReLU differ in where they are called).
std::string moduleCallKey(const Node* node)
{
  std::string key;
  for (const CallFrame& frame : InlinedModel::callFrames(node)) {
    if (frame.isFreeFunction())
      break;
    key += frame.instance + "@" + std::to_string(frame.callStart) + "-" + std::to_string(frame.callEnd) + ";";
  }
  return key;
}

/// The op of a leaf module is named after the module ("block.conv1"); when a
/// leaf runs several ops, the last one (its output) takes the module's name and
/// the others "<module>.<op>_<n>". A module called more than once keeps its
/// name for the first call; later calls are "<module>_call1", "<module>_call2".
/// Functional ops in a module with children, or at the top level, are
/// "<enclosing>.<op>_<n>" ("block.add_0", "cat_0").
void nameOps(const InlinedModel& model, std::vector<OpNode>& ops)
{
  std::map<std::string, std::vector<std::string>> callsOfLeaf; // leaf path -> call keys, in order
  std::map<std::string, std::size_t> lastOpOfCall;             // leaf path + call key -> op index
  std::vector<std::string> leafModuleOf(ops.size());
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const std::string path = InlinedModel::modulePath(ops[i].node);
    if (path.empty() || !model.isLeafModule(path))
      continue;
    const std::string call = moduleCallKey(ops[i].node);
    auto& calls = callsOfLeaf[path];
    auto known = std::find(calls.begin(), calls.end(), call);
    if (known == calls.end())
      known = calls.insert(calls.end(), call);
    const auto index = static_cast<std::size_t>(known - calls.begin());
    leafModuleOf[i] = index == 0 ? path : path + "_call" + std::to_string(index);
    lastOpOfCall[path + "\n" + call] = i;
  }
  std::map<std::string, int> counters;
  std::set<std::string> used;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const std::string path = InlinedModel::modulePath(ops[i].node);
    const std::string& leafModule = leafModuleOf[i];
    const bool moduleOutput = !leafModule.empty() && lastOpOfCall[path + "\n" + moduleCallKey(ops[i].node)] == i;
    std::string name;
    if (moduleOutput) {
      name = leafModule;
    } else {
      const std::string owner = leafModule.empty() ? path : leafModule;
      const std::string prefix = (owner.empty() ? "" : owner + ".") + ops[i].op.shortName;
      name = prefix + "_" + std::to_string(counters[prefix]++);
    }
    // Cannot happen for a well-formed model; keeps names unique regardless.
    for (int duplicate = 1; used.count(name); ++duplicate)
      name += "_" + std::to_string(duplicate);
    used.insert(name);
    ops[i].module = name;
  }
}

/// AIMET's module names, where AIMET has the op as a module of its own.
void nameOpsLikeAimet(const InlinedModel& model, std::vector<OpNode>& ops)
{
  std::vector<Node*> nodes;
  for (const auto& op : ops)
    nodes.push_back(op.node);
  const auto names = aimetModuleNames(model, nodes);
  for (std::size_t i = 0; i < ops.size(); ++i)
    ops[i].aimet = names[i];
}

/// The quantizer's name under an AIMET module name, or "" when AIMET's module
/// has no such quantizer (an op inside a module that is not its first or last).
std::string aimetQuantizerName(const std::string& module, const AimetModuleName& aimet, QuantizerKind kind, int index)
{
  if (module.empty())
    return {};
  switch (kind) {
    case QuantizerKind::Input:
      return aimet.firstOfModule ? QuantizerInfo::inputName(module, index) : std::string();
    case QuantizerKind::Output:
      return aimet.lastOfModule ? QuantizerInfo::outputName(module, index) : std::string();
    case QuantizerKind::Parameter:
      return module + ".weight";
  }
  return {};
}

PlacedQuantizer makeQuantizer(const OpNode& op, QuantizerKind kind, int index)
{
  PlacedQuantizer placed;
  placed.node = op.node;
  placed.info.module = op.module;
  placed.info.kind = kind;
  placed.info.opType = op.op.opType;
  placed.info.index = kind == QuantizerKind::Parameter ? 0 : index;
  switch (kind) {
    case QuantizerKind::Input:
      placed.info.name = QuantizerInfo::inputName(op.module, index);
      placed.inputIndex = index;
      break;
    case QuantizerKind::Output:
      placed.info.name = QuantizerInfo::outputName(op.module, index);
      break;
    case QuantizerKind::Parameter:
      placed.info.name = op.module + ".weight";
      placed.info.parameter = "weight";
      placed.inputIndex = op.op.weightInput;
      break;
  }
  placed.info.aimetName = aimetQuantizerName(op.aimet.flat, op.aimet, kind, placed.info.index);
  placed.info.aimetScopedName = aimetQuantizerName(op.aimet.scoped, op.aimet, kind, placed.info.index);
  return placed;
}

bool hasWeightTensor(const InlinedModel& model, const OpNode& op)
{
  if (op.op.weightInput < 0 || op.op.weightInput >= static_cast<int>(op.node->inputs().size()))
    return false;
  const auto weight = model.constantTensor(op.node->input(op.op.weightInput));
  return weight && weight->dim() >= 1;
}

/// Ops whose out-of-place form always allocates its result. In-place forms
/// (relu_) and ops that may return views (squeeze, pixel_shuffle) are excluded.
bool returnsFreshTensor(const OpNode& op)
{
  static const std::set<std::string> fresh = {"Conv", "ConvTranspose", "Gemm", "BatchNormalization", "Relu",
                                              "LeakyRelu", "Clip", "Sigmoid", "Tanh", "Gelu", "Silu", "Elu",
                                              "Add", "Sub", "Mul", "Div", "Concat", "Softmax", "LogSoftmax",
                                              "AveragePool", "MaxPool", "GlobalAveragePool", "Resize", "Mean", "Pad"};
  const std::string kind = op.node->kind().toQualString();
  return fresh.count(op.op.opType) > 0 && kind.back() != '_';
}

/// Weights, then the inputs the config asks for, then the output, per op.
void placeOpQuantizers(const InlinedModel& model, const QuantSimConfig& config, const OpNode& op,
                       std::vector<PlacedQuantizer>& placed)
{
  const std::string& type = op.op.opType;
  if (hasWeightTensor(model, op)) {
    PlacedQuantizer weight = makeQuantizer(op, QuantizerKind::Parameter, 0);
    weight.enabled = config.paramQuantized(type, "weight");
    weight.symmetric = config.paramSymmetric(type, "weight");
    const bool convOrLinear = type == "Conv" || type == "ConvTranspose" || type == "Gemm";
    weight.perChannel = convOrLinear && config.perChannel(type);
    weight.info.channelAxis = type == "ConvTranspose" ? 1 : 0;
    placed.push_back(weight);
  }
  if (config.inputQuantized(type)) {
    for (std::size_t i = 0; i < op.node->inputs().size(); ++i) {
      const auto* value = op.node->input(i);
      const bool parameter = static_cast<int>(i) == op.op.weightInput || static_cast<int>(i) == op.op.biasInput;
      if (parameter || value->type()->kind() != c10::TypeKind::TensorType)
        continue;
      PlacedQuantizer input = makeQuantizer(op, QuantizerKind::Input, static_cast<int>(i));
      input.enabled = true;
      input.symmetric = config.activationSymmetric(type);
      placed.push_back(input);
    }
  }
  PlacedQuantizer output = makeQuantizer(op, QuantizerKind::Output, 0);
  output.enabled = config.outputQuantized(type);
  output.symmetric = config.activationSymmetric(type);
  output.mayQuantizeInPlace = returnsFreshTensor(op);
  placed.push_back(output);
}

/// The op that consumes `value` alone, when it is an op.
const OpNode* soleConsumer(const torch::jit::Value* value, const std::map<const Node*, const OpNode*>& byNode)
{
  const auto consumers = dataConsumers(value);
  if (consumers.size() != 1)
    return nullptr;
  const auto found = byNode.find(consumers.front());
  return found == byNode.end() ? nullptr : found->second;
}

/// In a matched chain, every op but the last loses its output quantizer.
void applySupergroups(const QuantSimConfig& config, const std::vector<OpNode>& ops,
                      std::vector<PlacedQuantizer>& placed)
{
  std::map<const Node*, const OpNode*> byNode;
  for (const auto& op : ops)
    byNode[op.node] = &op;
  std::set<const Node*> outputsOff;
  for (const auto& chain : config.supergroups()) {
    for (const auto& first : ops) {
      std::vector<const OpNode*> matched{&first};
      while (matched.size() < chain.size() && matched.back()->op.opType == chain[matched.size() - 1]) {
        const OpNode* next = soleConsumer(matched.back()->node->output(), byNode);
        if (!next)
          break;
        matched.push_back(next);
      }
      const bool complete = matched.size() == chain.size() && !chain.empty() &&
                            matched.back()->op.opType == chain.back() && first.op.opType == chain.front();
      if (!complete)
        continue;
      for (std::size_t i = 0; i + 1 < matched.size(); ++i)
        outputsOff.insert(matched[i]->node);
    }
  }
  for (auto& quantizer : placed) {
    if (quantizer.info.kind == QuantizerKind::Output && outputsOff.count(quantizer.node))
      quantizer.enabled = false;
  }
}

/// AIMET quantizes the model input at the first module that reads it.
void placeModelInput(const QuantSimConfig& config, const InlinedModel& model, const std::vector<OpNode>& ops,
                     std::vector<PlacedQuantizer>& placed)
{
  const torch::jit::Value* input = model.graph()->inputs()[1];
  for (const auto& op : ops) {
    for (std::size_t i = 0; i < op.node->inputs().size(); ++i) {
      if (op.node->input(i) != input)
        continue;
      PlacedQuantizer quantizer = makeQuantizer(op, QuantizerKind::Input, static_cast<int>(i));
      for (const auto& existing : placed) {
        if (existing.info.name == quantizer.info.name)
          return; // the op's config already quantizes its inputs
      }
      quantizer.enabled = config.modelInputQuantized();
      quantizer.symmetric = false;
      placed.insert(placed.begin(), quantizer);
      return;
    }
  }
}

/// A supergroup naming an op type QuantLens cannot recognize would silently
/// never match: say so instead.
void checkSupergroups(const QuantSimConfig& config)
{
  const auto& known = knownOpTypes();
  for (std::size_t i = 0; i < config.supergroups().size(); ++i) {
    for (const auto& type : config.supergroups()[i]) {
      if (known.count(type))
        continue;
      std::string list;
      for (const auto& name : known)
        list += (list.empty() ? "" : ", ") + name;
      throw EngineError("quantsim config: supergroups[" + std::to_string(i) + "] uses op type '" + type +
                        "', which QuantLens does not support (supported: " + list + ")");
    }
  }
}

} // namespace

std::vector<PlacedQuantizer> placeQuantizers(const InlinedModel& model, const QuantSimConfig& config)
{
  checkSupergroups(config);
  std::vector<OpNode> ops;
  collectOps(model.graph()->block(), ops);
  if (ops.empty())
    throw EngineError("'" + model.file().string() +
                      "' has no quantizable op (no convolution, linear layer, activation, add, concat, softmax, ...)");
  nameOps(model, ops);
  nameOpsLikeAimet(model, ops);
  std::vector<PlacedQuantizer> placed;
  for (const auto& op : ops)
    placeOpQuantizers(model, config, op, placed);
  applySupergroups(config, ops, placed);
  placeModelInput(config, model, ops, placed);
  if (config.modelOutputQuantized()) {
    const Node* last = model.graph()->outputs()[0]->node();
    for (auto& quantizer : placed) {
      if (quantizer.node == last && quantizer.info.kind == QuantizerKind::Output)
        quantizer.enabled = true;
    }
  }
  for (std::size_t id = 0; id < placed.size(); ++id)
    placed[id].info.id = static_cast<int>(id);
  return placed;
}

} // namespace quantlens::torchgraph
