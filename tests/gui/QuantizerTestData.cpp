#include "QuantizerTestData.h"

namespace quantlens::test {

QuantizerInfo quantizer(int id, const std::string& module, QuantizerKind kind, const std::string& opType)
{
  QuantizerInfo info;
  info.id = id;
  info.module = module;
  info.kind = kind;
  info.opType = opType;
  if (kind == QuantizerKind::Parameter) {
    info.name = module + ".weight";
    info.parameter = "weight";
    info.channelAxis = 0;
    info.shape = {16, 5, 3, 3};
  } else {
    info.name =
      kind == QuantizerKind::Input ? QuantizerInfo::inputName(module, 0) : QuantizerInfo::outputName(module, 0);
    info.shape = {1, 16, 64, 512};
  }
  info.aimetName = info.aimetScopedName = info.name;
  return info;
}

std::vector<QuantizerInfo> quantizers()
{
  return {quantizer(0, "conv1", QuantizerKind::Parameter, "Conv"),
          quantizer(1, "conv1", QuantizerKind::Output, "Conv"),
          quantizer(2, "conv2", QuantizerKind::Input, "Conv"),
          quantizer(3, "conv2", QuantizerKind::Parameter, "Conv"),
          quantizer(4, "conv2", QuantizerKind::Output, "Conv"),
          quantizer(5, "module_softmax", QuantizerKind::Output, "Softmax")};
}

std::vector<QuantizerSettings> w4a8()
{
  std::vector<QuantizerSettings> table;
  for (const auto& info : quantizers()) {
    QuantizerSettings settings;
    settings.enabled = true;
    const bool weight = info.kind == QuantizerKind::Parameter;
    settings.bitwidth = weight ? 4 : 8;
    settings.symmetric = weight;
    settings.perChannel = weight;
    table.push_back(settings);
  }
  return table;
}

} // namespace quantlens::test
