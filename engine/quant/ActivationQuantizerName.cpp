#include "quant/ActivationQuantizerName.h"

#include <algorithm>
#include <cctype>

namespace quantlens {

bool ActivationQuantizerName::isIndex(const std::string& text)
{
  return !text.empty() && text.size() <= 6 && (text == "0" || text[0] != '0') &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::optional<ActivationQuantizerName> ActivationQuantizerName::parse(const std::string& name)
{
  const auto dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0 || name.back() != ']')
    return std::nullopt;
  const std::string tail = name.substr(dot + 1);
  for (const char* direction : { "input", "output" }) {
    const std::string prefix = std::string(direction) + "[";
    if (tail.rfind(prefix, 0) != 0)
      continue;
    const std::string digits = tail.substr(prefix.size(), tail.size() - prefix.size() - 1);
    if (!isIndex(digits))
      return std::nullopt;
    return ActivationQuantizerName{ name.substr(0, dot), direction, std::stoi(digits) };
  }
  return std::nullopt;
}

} // namespace quantlens
