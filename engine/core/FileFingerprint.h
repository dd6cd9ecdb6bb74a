#pragma once

#include <filesystem>
#include <string>

namespace quantlens {

/// A cheap identity of a file's contents, so cached results can tell whether
/// the model they were computed on is still the same file: a copy or a move
/// keeps the print, an edit (a retrained model saved over the old one) changes it.
/// Not a cryptographic hash: it guards against accidents, not against forgery.
class FileFingerprint
{
public:
  /// "<size in bytes>:<64-bit FNV-1a of the contents, 16 lower-case hex digits>",
  /// e.g. "6912345:9f3a0c5e12d4b877". Reads the file in chunks; throws EngineError
  /// naming the file when it is missing, not a regular file, or unreadable.
  static std::string of(const std::filesystem::path& file);
};

} // namespace quantlens
