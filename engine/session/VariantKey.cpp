#include "session/VariantKey.h"

#include <algorithm>
#include <cstdio>

namespace quantlens {

namespace {

constexpr char kFloatPrefix = 'F';
constexpr char kQuantizedPrefix = 'Q';

void appendEncoding(std::string& key, const Encoding& encoding)
{
  // %a prints doubles exactly, so keys differ whenever the values do.
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "<%d%c%a,%a,%a,%lld>", encoding.bitwidth, encoding.symmetric ? 's' : 'a',
                encoding.min, encoding.max, encoding.scale, static_cast<long long>(encoding.offset));
  key += buffer;
}

} // namespace

std::string VariantKey::of(const std::vector<QuantizerSettings>& settings)
{
  const bool quantized =
    std::any_of(settings.begin(), settings.end(), [](const QuantizerSettings& s) { return s.enabled; });
  std::string key(1, quantized ? kQuantizedPrefix : kFloatPrefix);
  if (!quantized)
    return key + std::to_string(settings.size());
  for (const auto& setting : settings) {
    if (!setting.enabled) {
      key += '-';
      continue;
    }
    key += std::to_string(setting.bitwidth);
    key += setting.dtype == QuantDtype::Float ? 'f' : 'i';
    key += setting.symmetric ? 's' : 'a';
    key += setting.perChannel ? 'c' : 't';
    for (const auto& encoding : setting.fixedEncodings)
      appendEncoding(key, encoding);
    key += ';';
  }
  return key;
}

bool VariantKey::isFloat(const std::string& key)
{
  return !key.empty() && key.front() == kFloatPrefix;
}

} // namespace quantlens
