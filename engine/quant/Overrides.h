#pragma once

#include "quant/QuantPreset.h"
#include "quant/QuantizerSettings.h"

#include <map>
#include <optional>
#include <string>

namespace quantlens {

/// A per-quantizer recipe: a preset to start from and partial changes by
/// quantizer name (QuantizerInfo::name). What an overrides file holds
/// (see OverridesFile) and what the editor's Custom variant is made of.
struct Overrides
{
  std::optional<QuantPreset> base; ///< unset: apply to whatever the caller starts from
  std::string description;         ///< free text (where the recipe comes from); may be empty
  std::map<std::string, QuantizerOverride> quantizers;

  bool operator==(const Overrides&) const = default;
};

} // namespace quantlens
