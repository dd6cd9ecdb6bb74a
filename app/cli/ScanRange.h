#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace quantlens::cli {

/// "A:B" or "A:B:STEP" (B exclusive, like Python slices); "A" alone is one scan.
/// Resolved against a sequence's scan count; a UsageError for bad text or an empty range.
struct ScanRange
{
  static std::vector<std::size_t> parse(const std::string& text, std::size_t scanCount);
};

} // namespace quantlens::cli
