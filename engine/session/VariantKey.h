#pragma once

#include "quant/QuantizerSettings.h"

#include <string>
#include <vector>

namespace quantlens {

/// A variant's identity for caches: its settings, spelled out exactly, so two
/// variants with equal settings share results whatever they are called, and
/// an edit to one quantizer gives a new key.
class VariantKey
{
public:
  static std::string of(const std::vector<QuantizerSettings>& settings);
  /// True for the key of settings that quantize nothing (FP32).
  static bool isFloat(const std::string& key);
};

} // namespace quantlens
