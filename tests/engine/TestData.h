#pragma once

#include <filesystem>
#include <string>

namespace quantlens::test {

/// A fresh, empty folder for one test, under the build tree (QUANTLENS_TEST_TMP)
/// or the system temp folder. Named after the running test; removed first if present.
std::filesystem::path freshTempDir(const std::string& name);

/// Writes raw bytes to a file (for crafting bad inputs).
void writeBytes(const std::filesystem::path& file, const void* data, std::size_t size);
void writeText(const std::filesystem::path& file, const std::string& text);

} // namespace quantlens::test
