#include "core/FileFingerprint.h"

#include "core/EngineError.h"
#include "core/FileIO.h"

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>

namespace quantlens {

namespace {

constexpr std::uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

struct FileCloser
{
  void operator()(std::FILE* handle) const noexcept { std::fclose(handle); }
};

std::string hex16(std::uint64_t value)
{
  std::array<char, 17> digits{};
  std::snprintf(digits.data(), digits.size(), "%016llx", static_cast<unsigned long long>(value));
  return digits.data();
}

} // namespace

std::string FileFingerprint::of(const std::filesystem::path& file)
{
  const std::size_t expected = fileio::regularFileSize(file); // names the file when it is missing
  const std::unique_ptr<std::FILE, FileCloser> handle(std::fopen(file.c_str(), "rb"));
  if (!handle)
    throw EngineError("cannot fingerprint '" + file.string() + "': " + std::strerror(errno));

  // Models are hundreds of megabytes: hash a chunk at a time instead of reading the whole file.
  std::array<unsigned char, 1 << 16> chunk{};
  std::uint64_t hash = kFnvOffsetBasis;
  std::size_t size = 0;
  while (const std::size_t read = std::fread(chunk.data(), 1, chunk.size(), handle.get())) {
    for (std::size_t i = 0; i < read; ++i)
      hash = (hash ^ chunk[i]) * kFnvPrime;
    size += read;
  }
  if (std::ferror(handle.get()) || size != expected)
    throw EngineError("cannot fingerprint '" + file.string() + "': read " + std::to_string(size) + " of " +
                      std::to_string(expected) + " bytes (is the file being written?)");
  return std::to_string(size) + ":" + hex16(hash);
}

} // namespace quantlens
