#include "torchimpl/AimetModuleNames.h"

#include "torchimpl/FxNamespace.h"

#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

namespace quantlens::torchgraph {

namespace {

using torch::jit::Node;

/// What fx records as one node: a call of a leaf module, a call of a free
/// function (scripted F.softmax: one node, however many ops it inlines to), or
/// one op of the model's own code.
struct FxUnit
{
  enum class Kind
  {
    Module,
    Function,
    Op
  };
  Kind kind = Kind::Op;
  std::string key;       ///< identity: the same call gives the same key
  std::string candidate; ///< the name fx starts from
  std::string target;    ///< Module: the module's path
  std::string scope;     ///< the user module whose forward made the call ("" for the root)
};

/// Functionals aimet_torch 1.24's preparer wraps in modules
/// (functional_with_kwargs, functional_with_args_kwargs, the special cases).
const std::set<std::string>& convertedUpTo126()
{
  static const std::set<std::string> names = { "relu",
                                               "relu6",
                                               "hardtanh",
                                               "hardwish",
                                               "elu",
                                               "selu",
                                               "celu",
                                               "leaky_relu",
                                               "prelu",
                                               "rrelu",
                                               "glu",
                                               "gelu",
                                               "logsigmoid",
                                               "hardshrink",
                                               "tanhshrink",
                                               "softsign",
                                               "softplus",
                                               "softmin",
                                               "softmax",
                                               "softshrink",
                                               "log_softmax",
                                               "tanh",
                                               "sigmoid",
                                               "hardsigmoid",
                                               "silu",
                                               "add",
                                               "subtract",
                                               "sub",
                                               "mul",
                                               "div",
                                               "truediv",
                                               "floordiv",
                                               "matmul",
                                               "exp",
                                               "interpolate",
                                               "max_pool2d",
                                               "max_pool2d_with_indices",
                                               "adaptive_avg_pool2d",
                                               "avg_pool2d",
                                               "norm",
                                               "chunk",
                                               "batch_norm",
                                               "group_norm",
                                               "cat",
                                               "conv2d" };
  return names;
}

/// The later lists (functional_with_stateful_api, _stateless_api, _special_handling).
const std::set<std::string>& convertedFrom127()
{
  static const std::set<std::string> names = { "relu",
                                               "relu6",
                                               "hardtanh",
                                               "hardwish",
                                               "elu",
                                               "selu",
                                               "celu",
                                               "leaky_relu",
                                               "prelu",
                                               "rrelu",
                                               "glu",
                                               "gelu",
                                               "logsigmoid",
                                               "hardshrink",
                                               "tanhshrink",
                                               "softsign",
                                               "softplus",
                                               "softmin",
                                               "softmax",
                                               "softshrink",
                                               "log_softmax",
                                               "tanh",
                                               "sigmoid",
                                               "hardsigmoid",
                                               "silu",
                                               "scaled_dot_product_attention",
                                               "cat",
                                               "conv2d",
                                               "_pad",
                                               "pad",
                                               "sum",
                                               "add",
                                               "subtract",
                                               "sub",
                                               "mul",
                                               "div",
                                               "truediv",
                                               "floordiv",
                                               "matmul",
                                               "exp",
                                               "interpolate",
                                               "max_pool2d",
                                               "max_pool2d_with_indices",
                                               "adaptive_avg_pool2d",
                                               "avg_pool2d",
                                               "norm",
                                               "batch_norm",
                                               "group_norm",
                                               "mean",
                                               "pow",
                                               "where",
                                               "addmm",
                                               "bmm",
                                               "baddbmm",
                                               "cumsum",
                                               "masked_fill",
                                               "square",
                                               "rsqrt" };
  return names;
}

/// AIMET's _find_functional_name_for_node: the node name split at every "_<digit>"
/// ("add_1" → "add", "max_pool2d_3" → "max_pool2d"); the first piece it knows.
bool isConverted(const std::string& nodeName, const std::set<std::string>& converted)
{
  std::size_t start = 0;
  for (std::size_t i = 0; i <= nodeName.size(); ++i) {
    const bool cut = i == nodeName.size() || (nodeName[i] == '_' && i + 1 < nodeName.size() &&
                                              std::isdigit(static_cast<unsigned char>(nodeName[i + 1])));
    if (!cut)
      continue;
    if (converted.count(nodeName.substr(start, i - start)) > 0)
      return true;
    start = i + 2;
    i += 1;
  }
  return false;
}

/// The name fx gives an op of the model's own code, from the TorchScript op
/// that survives in the graph: `a + b` and `a += b` are fx's "add", `a / b` its
/// "truediv" (torch.div would be "div": TorchScript cannot tell them apart),
/// F.interpolate's upsample ops "interpolate".
std::string fxNameForOp(const Node* node)
{
  static const std::map<std::string, std::string> names = { { "rsub", "sub" },
                                                            { "div", "truediv" },
                                                            { "_softmax", "softmax" },
                                                            { "upsample_nearest1d", "interpolate" },
                                                            { "upsample_nearest2d", "interpolate" },
                                                            { "upsample_nearest3d", "interpolate" },
                                                            { "upsample_bilinear2d", "interpolate" },
                                                            { "upsample_bicubic2d", "interpolate" },
                                                            { "upsample_linear1d", "interpolate" },
                                                            { "upsample_trilinear3d", "interpolate" },
                                                            { "constant_pad_nd", "pad" },
                                                            { "reflection_pad2d", "pad" },
                                                            { "slice", "getitem" },
                                                            { "select", "getitem" },
                                                            { "_convolution", "conv2d" } };
  std::string name = node->kind().toUnqualString();
  // In-place forms (relu_, add_) come from F.relu(inplace=True) and `x += y`, which fx records out of place.
  if (name.size() > 1 && name.back() == '_' && name[name.size() - 2] != '_')
    name.pop_back();
  const auto renamed = names.find(name);
  return renamed == names.end() ? name : renamed->second;
}

/// fx traces through user modules and stops at torch.nn modules (its default
/// is_leaf_module), except containers.
bool isFxLeaf(const InlinedModel& model, const std::string& path)
{
  const std::string type = model.moduleType(path);
  const bool torchNn = type.rfind("__torch__.torch.nn.", 0) == 0 || type.rfind("__torch__.torch.ao.nn.", 0) == 0;
  if (!torchNn)
    return false;
  const std::string className = type.substr(type.rfind('.') + 1);
  return className != "Sequential" && className != "ModuleList" && className != "ModuleDict";
}

std::string callKey(const std::vector<CallFrame>& frames, std::size_t last)
{
  std::string key;
  for (std::size_t i = 0; i <= last; ++i)
    key += frames[i].instance + "/" + frames[i].function + "@" + std::to_string(frames[i].callStart) + "-" +
           std::to_string(frames[i].callEnd) + ";";
  return key;
}

bool hasNonConstantInput(const Node* node)
{
  for (const auto* input : node->inputs()) {
    if (input->node()->kind() != torch::jit::prim::Constant)
      return true;
  }
  return false;
}

/// The fx node a TorchScript node belongs to; nullopt for nodes fx would not record.
std::optional<FxUnit> unitOf(const InlinedModel& model, const Node* node)
{
  const auto frames = InlinedModel::callFrames(node);
  std::string path;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const CallFrame& frame = frames[i];
    if (frame.isSelfCall())
      continue;
    if (frame.isFreeFunction())
      return FxUnit{ FxUnit::Kind::Function, "f:" + callKey(frames, i), frame.function, {}, path };
    const std::string scope = path;
    path += (path.empty() ? "" : ".") + frame.instance;
    if (isFxLeaf(model, path))
      return FxUnit{ FxUnit::Kind::Module, "m:" + callKey(frames, i), FxNamespace::snakeCase(path), path, scope };
  }
  const std::string kind = node->kind().toQualString();
  if (kind.rfind("aten::", 0) != 0 || !hasNonConstantInput(node))
    return std::nullopt;
  return FxUnit{
    FxUnit::Kind::Op, "o:" + std::to_string(reinterpret_cast<std::uintptr_t>(node)), fxNameForOp(node), {}, path
  };
}

void collectNodes(torch::jit::Block* block, std::vector<Node*>& nodes)
{
  for (Node* node : block->nodes()) {
    nodes.push_back(node);
    for (auto* inner : node->blocks())
      collectNodes(inner, nodes);
  }
}

/// A unit with its fx name and what AIMET makes of it.
struct NamedUnit
{
  FxUnit unit;
  std::string fxName;
  bool firstCallOfModule = false;
};

/// "a.b.c" → {"a.b", "c"}; "c" → {"", "c"}.
std::pair<std::string, std::string> splitLast(const std::string& path)
{
  const auto dot = path.rfind('.');
  if (dot == std::string::npos)
    return { "", path };
  return { path.substr(0, dot), path.substr(dot + 1) };
}

/// The scoped convention attaches a new module to its scope only when the
/// prepared GraphModule has that module, i.e. something is called inside it.
bool scopeExists(const std::string& scope, const std::set<std::string>& calledModules)
{
  if (scope.empty())
    return false;
  const auto after = calledModules.lower_bound(scope + ".");
  return after != calledModules.end() && after->rfind(scope + ".", 0) == 0;
}

AimetModuleName namesFor(const NamedUnit& named, const std::set<std::string>& calledModules)
{
  AimetModuleName name;
  const FxUnit& unit = named.unit;
  if (unit.kind == FxUnit::Kind::Module) {
    if (named.firstCallOfModule) {
      name.flat = name.scoped = unit.target;
      return name;
    }
    name.flat = "module_" + named.fxName;
    const auto [parent, child] = splitLast(unit.target);
    const std::string suffix = named.fxName.substr(named.fxName.rfind('_') + 1);
    name.scoped = (parent.empty() ? "" : parent + ".") + "module_" + child + "_" + suffix;
    return name;
  }
  if (isConverted(named.fxName, convertedUpTo126()))
    name.flat = "module_" + named.fxName;
  if (isConverted(named.fxName, convertedFrom127()))
    name.scoped = (scopeExists(unit.scope, calledModules) ? unit.scope + "." : "") + "module_" + named.fxName;
  return name;
}

} // namespace

std::vector<AimetModuleName> aimetModuleNames(const InlinedModel& model, const std::vector<Node*>& ops)
{
  FxNamespace names;
  for (const std::string& input : model.inputNames())
    names.createName(input); // fx's placeholders come first
  std::vector<Node*> nodes;
  collectNodes(model.graph()->block(), nodes);

  std::map<std::string, NamedUnit> units;
  std::unordered_map<const Node*, std::string> unitKeyOf;
  std::set<std::string> calledModules;
  for (const Node* node : nodes) {
    auto unit = unitOf(model, node);
    if (!unit)
      continue;
    unitKeyOf[node] = unit->key;
    if (units.count(unit->key) > 0)
      continue;
    NamedUnit named{ *unit, names.createName(unit->candidate), false };
    if (unit->kind == FxUnit::Kind::Module)
      named.firstCallOfModule = calledModules.insert(unit->target).second;
    units.emplace(unit->key, std::move(named));
  }

  std::vector<AimetModuleName> result(ops.size());
  std::map<std::string, std::size_t> lastOpOfUnit;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const auto key = unitKeyOf.find(ops[i]);
    if (key == unitKeyOf.end())
      continue;
    result[i] = namesFor(units.at(key->second), calledModules);
    const auto previous = lastOpOfUnit.find(key->second);
    if (previous != lastOpOfUnit.end()) {
      result[i].firstOfModule = false;
      result[previous->second].lastOfModule = false;
    }
    lastOpOfUnit[key->second] = i;
  }
  return result;
}

} // namespace quantlens::torchgraph
