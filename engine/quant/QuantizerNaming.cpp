#include "quant/QuantizerNaming.h"

#include "core/EngineError.h"

namespace quantlens {

const std::string& QuantizerNaming::nameOf(const QuantizerInfo& quantizer, Style style)
{
  switch (style) {
    case Style::Aimet:
      return quantizer.aimetName.empty() ? quantizer.name : quantizer.aimetName;
    case Style::AimetScoped:
      return quantizer.aimetScopedName.empty() ? quantizer.name : quantizer.aimetScopedName;
    case Style::QuantLens:
      break;
  }
  return quantizer.name;
}

QuantizerNaming::Style QuantizerNaming::parse(const std::string& text)
{
  if (text == "aimet")
    return Style::Aimet;
  if (text == "aimet-scoped")
    return Style::AimetScoped;
  if (text == "quantlens")
    return Style::QuantLens;
  throw EngineError("unknown quantizer naming '" + text +
                    "' (expected aimet (aimet_torch up to 1.26), aimet-scoped (1.27 and later) or quantlens)");
}

std::string QuantizerNaming::toString(Style style)
{
  switch (style) {
    case Style::Aimet:
      return "aimet";
    case Style::AimetScoped:
      return "aimet-scoped";
    case Style::QuantLens:
      break;
  }
  return "quantlens";
}

} // namespace quantlens
