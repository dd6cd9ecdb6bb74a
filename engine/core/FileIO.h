#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace quantlens {

/// Small file helpers shared by every reader and writer, so all of them give
/// the same clear errors and never leave half-written files behind.
namespace fileio {

/// Size of a regular file; throws EngineError when it is missing, not a regular file, or unreadable.
std::size_t regularFileSize(const std::filesystem::path& file);

/// Reads `byteCount` bytes of `file` into `destination` with one read call.
/// Throws EngineError naming the file when it cannot be opened or is shorter.
void readExactly(const std::filesystem::path& file, void* destination, std::size_t byteCount);

/// The whole file as text. Throws EngineError naming the file.
std::string readText(const std::filesystem::path& file);

/// Writes `bytes` to `file` through `<file>.tmp-<pid>` and an atomic rename, so
/// readers (and a crash) never see a partial file. Throws EngineError.
void writeAtomically(const std::filesystem::path& file, std::string_view bytes);

} // namespace fileio
} // namespace quantlens
