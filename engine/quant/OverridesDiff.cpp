#include "quant/OverridesDiff.h"

#include "core/EngineError.h"

#include <string>

namespace quantlens {

QuantizerOverride OverridesDiff::change(const QuantizerSettings& from, const QuantizerSettings& to)
{
  QuantizerOverride change;
  if (from.enabled != to.enabled)
    change.enabled = to.enabled;
  if (from.bitwidth != to.bitwidth)
    change.bitwidth = to.bitwidth;
  if (from.symmetric != to.symmetric)
    change.symmetric = to.symmetric;
  if (from.dtype != to.dtype)
    change.dtype = to.dtype;
  if (from.fixedEncodings != to.fixedEncodings)
    change.fixedEncodings = to.fixedEncodings;
  return change;
}

Overrides OverridesDiff::between(const std::vector<QuantizerInfo>& quantizers,
                                 const std::vector<QuantizerSettings>& base,
                                 const std::vector<QuantizerSettings>& edited)
{
  if (base.size() != quantizers.size() || edited.size() != quantizers.size())
    throw EngineError("settings for " + std::to_string(edited.size()) + " and " + std::to_string(base.size()) +
                      " quantizers do not fit a model with " + std::to_string(quantizers.size()));
  Overrides overrides;
  for (std::size_t id = 0; id < edited.size(); ++id) {
    if (base[id] == edited[id])
      continue;
    const std::string& name = quantizers[id].name;
    if (base[id].perChannel != edited[id].perChannel)
      throw EngineError("quantizer '" + name + "': an override file cannot change per-channel quantization");
    overrides.quantizers[name] = change(base[id], edited[id]);
  }
  return overrides;
}

} // namespace quantlens
