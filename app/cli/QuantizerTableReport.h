#pragma once

#include "model/QuantSim.h"

#include <string>

namespace quantlens::cli {

/// `info --model`: every quantizer with its kind, op type, shape and how the
/// W8A8 and W4A8 presets set it, as a table or JSON.
struct QuantizerTableReport
{
  static std::string toText(const QuantSim& sim);
  static std::string toJson(const QuantSim& sim);
};

} // namespace quantlens::cli
