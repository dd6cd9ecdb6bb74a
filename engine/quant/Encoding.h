#pragma once

#include <cstdint>

namespace quantlens {

/// How a quantizer represents values: an integer grid, or a float type (e.g.
/// a quantizer "disabled to float16" in AIMET's files).
enum class QuantDtype { Int, Float };

/// One quantization grid, as AIMET stores it: x̂ = scale·(q + offset) with
/// q in [0, 2^bitwidth − 1]; offset ≤ 0. min = scale·offset, max = min + scale·(2^bitwidth − 1)
/// (one step less for strict symmetric). Values in double, like AIMET's files.
struct Encoding
{
  int bitwidth = 8;
  QuantDtype dtype = QuantDtype::Int;
  bool symmetric = false;
  double min = 0.0;
  double max = 0.0;
  double scale = 0.0; ///< AIMET's delta
  std::int64_t offset = 0;

  bool operator==(const Encoding&) const = default;
};

} // namespace quantlens
