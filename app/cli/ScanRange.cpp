#include "ScanRange.h"

#include "CommandLine.h"

#include <charconv>

namespace quantlens::cli {

namespace {

long long parseNumber(const std::string& part, const std::string& whole)
{
  long long value = 0;
  const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
  if (error != std::errc() || end != part.data() + part.size() || value < 0)
    throw UsageError("--scans expects A:B or A:B:STEP with non-negative integers, got '" + whole + "'");
  return value;
}

} // namespace

std::vector<std::size_t> ScanRange::parse(const std::string& text, std::size_t scanCount)
{
  std::vector<std::string> parts{""};
  for (const char c : text) {
    if (c == ':')
      parts.emplace_back();
    else
      parts.back() += c;
  }
  if (parts.size() > 3)
    throw UsageError("--scans expects A:B or A:B:STEP, got '" + text + "'");
  const long long first = parts[0].empty() ? 0 : parseNumber(parts[0], text);
  const long long last = parts.size() == 1 ? first + 1 : (parts[1].empty() ? static_cast<long long>(scanCount)
                                                                            : parseNumber(parts[1], text));
  const long long step = parts.size() == 3 ? parseNumber(parts[2], text) : 1;
  if (step == 0)
    throw UsageError("--scans: the step must be positive, got '" + text + "'");
  if (first >= last || static_cast<std::size_t>(first) >= scanCount)
    throw UsageError("--scans " + text + " selects no scan: the sequence has scans 0 to " +
                     std::to_string(scanCount == 0 ? 0 : scanCount - 1));
  std::vector<std::size_t> scans;
  for (long long scan = first; scan < last && static_cast<std::size_t>(scan) < scanCount; scan += step)
    scans.push_back(static_cast<std::size_t>(scan));
  return scans;
}

} // namespace quantlens::cli
