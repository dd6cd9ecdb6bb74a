#include "quant/QuantPreset.h"

#include "core/EngineError.h"

#include <algorithm>
#include <cctype>

namespace quantlens {

QuantPreset QuantPreset::parse(const std::string& text)
{
  std::string upper = text;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  if (upper == "FP32")
    return {Kind::Fp32};
  if (upper == "W8A8")
    return {Kind::W8A8};
  if (upper == "W4A8")
    return {Kind::W4A8};
  throw EngineError("unknown preset '" + text + "' (known: FP32, W8A8, W4A8)");
}

std::string QuantPreset::toString() const
{
  switch (kind) {
    case Kind::Fp32:
      return "FP32";
    case Kind::W8A8:
      return "W8A8";
    case Kind::W4A8:
      return "W4A8";
  }
  return "W8A8";
}

} // namespace quantlens
