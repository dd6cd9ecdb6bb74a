#include "quant/QuantScheme.h"

#include "core/EngineError.h"

#include <charconv>
#include <cstdio>

namespace quantlens {

QuantScheme QuantScheme::parse(const std::string& text)
{
  if (text == "tf")
    return {Kind::Tf, 99.9};
  if (text == "tf_enhanced")
    return {Kind::TfEnhanced, 99.9};
  if (text == "percentile")
    return {Kind::Percentile, 99.9};
  const std::string prefix = "percentile:";
  if (text.rfind(prefix, 0) == 0) {
    double p = 0.0;
    const char* begin = text.data() + prefix.size();
    const char* end = text.data() + text.size();
    const auto [next, error] = std::from_chars(begin, end, p);
    if (error != std::errc() || next != end || begin == end)
      throw EngineError("quantization scheme '" + text + "': the percentile must be a number, e.g. percentile:99.9");
    if (!(p >= 50.0 && p <= 100.0))
      throw EngineError("quantization scheme '" + text + "': the percentile must be in [50, 100]");
    return {Kind::Percentile, p};
  }
  throw EngineError("unknown quantization scheme '" + text + "' (known: tf, tf_enhanced, percentile:P)");
}

std::string QuantScheme::toString() const
{
  switch (kind) {
    case Kind::Tf:
      return "tf";
    case Kind::TfEnhanced:
      return "tf_enhanced";
    case Kind::Percentile: {
      char buffer[48];
      std::snprintf(buffer, sizeof(buffer), "percentile:%g", percentile);
      return buffer;
    }
  }
  return "tf";
}

std::string QuantScheme::aimetName() const
{
  switch (kind) {
    case Kind::Tf:
      return "post_training_tf";
    case Kind::TfEnhanced:
      return "post_training_tf_enhanced";
    case Kind::Percentile:
      return "post_training_percentile";
  }
  return "post_training_tf";
}

} // namespace quantlens
