#include "eval/BitOps.h"

#include "core/EngineError.h"

#include <numeric>

namespace quantlens {

namespace {

std::uint64_t product(std::vector<std::int64_t>::const_iterator begin, std::vector<std::int64_t>::const_iterator end)
{
  return std::accumulate(begin, end, std::uint64_t{1},
                         [](std::uint64_t a, std::int64_t b) { return a * static_cast<std::uint64_t>(b); });
}

std::uint64_t elements(const std::vector<std::int64_t>& shape)
{
  return product(shape.begin(), shape.end());
}

std::string shapeText(const std::vector<std::int64_t>& shape)
{
  std::string text;
  for (const auto extent : shape)
    text += (text.empty() ? "" : "x") + std::to_string(extent);
  return text.empty() ? "(none)" : text;
}

bool isMacLayer(const QuantizerInfo& info)
{
  return info.kind == QuantizerKind::Parameter &&
         (info.opType == "Conv" || info.opType == "ConvTranspose" || info.opType == "Gemm");
}

/// Whether a tensor of `shape` can be what a layer with `weight` reads.
bool fitsAsInput(const std::string& opType, const std::vector<std::int64_t>& weight,
                 const std::vector<std::int64_t>& shape)
{
  if (shape.empty())
    return false;
  if (opType == "Gemm")
    return shape.back() == weight[1];
  if (shape.size() != weight.size() || shape.size() < 2)
    return false;
  if (opType == "ConvTranspose")
    return shape[1] == weight[0];
  // Conv: Cin = groups × weight[1], and groups divides Cout.
  if (weight[1] <= 0 || shape[1] % weight[1] != 0)
    return false;
  const std::int64_t groups = shape[1] / weight[1];
  return groups > 0 && weight[0] % groups == 0;
}

/// The layer's own input quantizer when the config enables it, else the
/// nearest earlier enabled output quantizer whose tensor fits (see BitOps::layers).
int inputQuantizerOf(const QuantSim& sim, const std::vector<QuantizerSettings>& configured, const QuantizerInfo& weight)
{
  const int own = sim.findQuantizer(QuantizerInfo::inputName(weight.module, 0));
  if (own >= 0 && configured[static_cast<std::size_t>(own)].enabled)
    return own;
  const auto& infos = sim.quantizers();
  for (int id = weight.id - 1; id >= 0; --id) {
    const QuantizerInfo& candidate = infos[static_cast<std::size_t>(id)];
    if (candidate.kind == QuantizerKind::Output && configured[static_cast<std::size_t>(id)].enabled &&
        fitsAsInput(weight.opType, weight.shape, candidate.shape))
      return id;
  }
  return -1;
}

} // namespace

std::vector<LayerCost> BitOps::layers(const QuantSim& sim)
{
  // The config decides which quantizers exist in any quantized variant; W8A8 shows them.
  const auto configured = sim.presetSettings({QuantPreset::Kind::W8A8});
  std::vector<LayerCost> result;
  for (const auto& info : sim.quantizers()) {
    if (!isMacLayer(info))
      continue;
    const int output = sim.findQuantizer(QuantizerInfo::outputName(info.module, 0));
    if (info.shape.empty() || output < 0 || sim.quantizers()[static_cast<std::size_t>(output)].shape.empty())
      throw EngineError("'" + sim.modelFile().string() + "': the shapes of layer '" + info.module +
                        "' are unknown; run the model once before counting BitOps");
    LayerCost layer;
    layer.module = info.module;
    layer.opType = info.opType;
    layer.weightQuantizer = info.id;
    layer.inputQuantizer = inputQuantizerOf(sim, configured, info);
    const std::vector<std::int64_t> none;
    const auto& input =
      layer.inputQuantizer >= 0 ? sim.quantizers()[static_cast<std::size_t>(layer.inputQuantizer)].shape : none;
    layer.macs = macs(info.opType, info.shape, input, sim.quantizers()[static_cast<std::size_t>(output)].shape);
    result.push_back(layer);
  }
  return result;
}

std::uint64_t BitOps::macs(const std::string& opType, const std::vector<std::int64_t>& weight,
                           const std::vector<std::int64_t>& input, const std::vector<std::int64_t>& output)
{
  const auto mismatch = [&]() {
    return EngineError(opType + " layer: weight " + shapeText(weight) + " does not fit output " + shapeText(output));
  };
  if (weight.size() < 2 || output.size() < 2)
    throw mismatch();
  if (opType == "Gemm") {
    if (weight.size() != 2 || output.back() != weight[0])
      throw mismatch();
    return elements(output) * static_cast<std::uint64_t>(weight[1]);
  }
  if (opType == "Conv") {
    if (output[1] != weight[0])
      throw mismatch();
    return elements(output) * product(weight.begin() + 1, weight.end());
  }
  if (opType == "ConvTranspose") {
    if (weight[1] <= 0 || output[1] % weight[1] != 0)
      throw mismatch();
    if (input.size() == output.size() && input[1] == weight[0])
      return elements(input) * product(weight.begin() + 1, weight.end());
    const auto groups = static_cast<std::uint64_t>(output[1] / weight[1]);
    return elements(output) * (static_cast<std::uint64_t>(weight[0]) / groups) * product(weight.begin() + 2, weight.end());
  }
  throw EngineError("BitOps: '" + opType + "' is not a multiply-accumulate layer (Conv, ConvTranspose, Gemm)");
}

int BitOps::bits(const QuantizerSettings& settings)
{
  if (!settings.enabled)
    return kFloatBits;
  return settings.dtype == QuantDtype::Float ? 16 : settings.bitwidth;
}

std::uint64_t BitOps::of(const LayerCost& layer, const std::vector<QuantizerSettings>& settings)
{
  const auto weightBits = static_cast<std::uint64_t>(bits(settings.at(static_cast<std::size_t>(layer.weightQuantizer))));
  const auto inputBits = static_cast<std::uint64_t>(
    layer.inputQuantizer >= 0 ? bits(settings.at(static_cast<std::size_t>(layer.inputQuantizer))) : kFloatBits);
  return layer.macs * weightBits * inputBits;
}

std::uint64_t BitOps::total(const std::vector<LayerCost>& layers, const std::vector<QuantizerSettings>& settings)
{
  std::uint64_t sum = 0;
  for (const auto& layer : layers)
    sum += of(layer, settings);
  return sum;
}

} // namespace quantlens
