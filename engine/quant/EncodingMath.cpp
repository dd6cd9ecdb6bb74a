#include "quant/EncodingMath.h"

#include "core/EngineError.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace quantlens {

namespace {

struct GatedRange
{
  double min;
  double max;
};

/// AIMET's gates: zero inside the range, and a real range even for constant data.
GatedRange gate(double min, double max)
{
  GatedRange range{std::min(min, 0.0), std::max(max, 0.0)};
  range.max = std::max(range.max, range.min + EncodingMath::kMinRange);
  return range;
}

void requireFinite(double min, double max)
{
  if (!std::isfinite(min) || !std::isfinite(max))
    throw EngineError("cannot compute an encoding for the range [" + std::to_string(min) + ", " +
                      std::to_string(max) + "]: the range must be finite");
}

} // namespace

void EncodingMath::validateBitwidth(int bitwidth)
{
  if (bitwidth < 2 || bitwidth > 32)
    throw EngineError("quantizer bitwidth " + std::to_string(bitwidth) + " is not supported (valid: 2 to 32)");
}

double EncodingMath::stepCount(int bitwidth)
{
  validateBitwidth(bitwidth);
  return std::ldexp(1.0, bitwidth) - 1.0;
}

Encoding EncodingMath::asymmetric(double min, double max, int bitwidth)
{
  const double numSteps = stepCount(bitwidth);
  requireFinite(min, max);
  const GatedRange range = gate(min, max);
  const double delta = (range.max - range.min) / numSteps;
  double offset = 0.0;
  if (range.min < 0.0 && range.max > 0.0)
    offset = -std::clamp(std::round(-range.min / delta), 0.0, numSteps);
  else
    offset = std::round(range.min / delta);

  Encoding encoding;
  encoding.bitwidth = bitwidth;
  encoding.symmetric = false;
  encoding.scale = delta;
  encoding.offset = static_cast<std::int64_t>(offset);
  encoding.min = delta * offset;
  // The width is kept: the range shifts by the nudge that puts 0 on the grid.
  encoding.max = range.max - range.min + encoding.min;
  return encoding;
}

Encoding EncodingMath::signedSymmetric(double min, double max, int bitwidth, bool strict)
{
  const double numSteps = stepCount(bitwidth) - (strict ? 1.0 : 0.0);
  requireFinite(min, max);
  const GatedRange range = gate(min, max);
  const double absMax = std::max(std::abs(range.min), std::abs(range.max));
  const double numPositive = std::floor(numSteps / 2.0);
  const double delta = absMax / numPositive;
  const double offset = -std::ceil(numSteps / 2.0);

  Encoding encoding;
  encoding.bitwidth = bitwidth;
  encoding.symmetric = true;
  encoding.scale = delta;
  encoding.offset = static_cast<std::int64_t>(offset);
  encoding.min = offset * delta;
  encoding.max = numPositive * delta;
  return encoding;
}

Encoding EncodingMath::unsignedSymmetric(double min, double max, int bitwidth)
{
  if (min < 0.0)
    return signedSymmetric(min, max, bitwidth, false);
  Encoding encoding = asymmetric(0.0, max, bitwidth);
  encoding.symmetric = true;
  return encoding;
}

Encoding EncodingMath::forQuantizer(double min, double max, int bitwidth, bool symmetric, bool unsignedSymmetric,
                                    bool strictSymmetric)
{
  if (!symmetric)
    return asymmetric(min, max, bitwidth);
  if (unsignedSymmetric && min >= 0.0)
    return EncodingMath::unsignedSymmetric(min, max, bitwidth);
  return signedSymmetric(min, max, bitwidth, strictSymmetric);
}

double EncodingMath::quantizeDequantize(double x, const Encoding& encoding)
{
  const double numSteps = stepCount(encoding.bitwidth);
  const double offset = static_cast<double>(encoding.offset);
  const double clamped = std::clamp(x, encoding.min, encoding.max);
  // nearbyint rounds half to even in the default rounding mode (see the header).
  const double q = std::clamp(std::nearbyint(clamped / encoding.scale - offset), 0.0, numSteps);
  return encoding.scale * (q + offset);
}

std::int64_t EncodingMath::gridSteps(const Encoding& encoding)
{
  const double numSteps = stepCount(encoding.bitwidth);
  const double steps = std::round((encoding.max - encoding.min) / encoding.scale);
  if (!std::isfinite(steps) || steps < 1.0 || steps > numSteps)
    return static_cast<std::int64_t>(numSteps);
  return static_cast<std::int64_t>(steps);
}

void EncodingMath::validateGrid(const Encoding& encoding)
{
  validateBitwidth(encoding.bitwidth);
  if (!std::isfinite(encoding.scale) || encoding.scale <= 0.0)
    throw EngineError("encoding with scale " + std::to_string(encoding.scale) +
                      " cannot be applied: the scale must be a positive number");
  const std::int64_t steps = gridSteps(encoding);
  if (encoding.offset > 0 || encoding.offset < -steps)
    throw EngineError("encoding with offset " + std::to_string(encoding.offset) + " cannot be applied: at " +
                      std::to_string(encoding.bitwidth) + " bit the offset must be in [" + std::to_string(-steps) +
                      ", 0]");
}

} // namespace quantlens
