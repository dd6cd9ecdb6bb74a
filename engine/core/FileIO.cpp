#include "core/FileIO.h"

#include "core/EngineError.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace quantlens::fileio {

namespace {

std::string quoted(const std::filesystem::path& file)
{
  return "'" + file.string() + "'";
}

struct FileCloser
{
  void operator()(std::FILE* handle) const noexcept { std::fclose(handle); }
};
using FileHandle = std::unique_ptr<std::FILE, FileCloser>;

FileHandle openForReading(const std::filesystem::path& file)
{
  FileHandle handle(std::fopen(file.c_str(), "rb"));
  if (!handle)
    throw EngineError("cannot open " + quoted(file) + ": " + std::strerror(errno));
  return handle;
}

} // namespace

std::size_t regularFileSize(const std::filesystem::path& file)
{
  std::error_code error;
  const auto status = std::filesystem::status(file, error);
  if (error || !std::filesystem::exists(status))
    throw EngineError(quoted(file) + " does not exist");
  if (!std::filesystem::is_regular_file(status))
    throw EngineError(quoted(file) + " is not a regular file");
  const auto size = std::filesystem::file_size(file, error);
  if (error)
    throw EngineError("cannot read the size of " + quoted(file) + ": " + error.message());
  return static_cast<std::size_t>(size);
}

void readExactly(const std::filesystem::path& file, void* destination, std::size_t byteCount)
{
  const auto handle = openForReading(file);
  const std::size_t read = byteCount == 0 ? 0 : std::fread(destination, 1, byteCount, handle.get());
  if (read != byteCount)
    throw EngineError("cannot read " + quoted(file) + ": expected " + std::to_string(byteCount) + " bytes, got " +
                      std::to_string(read));
}

std::string readText(const std::filesystem::path& file)
{
  std::string text(regularFileSize(file), '\0');
  readExactly(file, text.data(), text.size());
  return text;
}

void writeAtomically(const std::filesystem::path& file, std::string_view bytes)
{
  const auto temporary = std::filesystem::path(file.string() + ".tmp-" + std::to_string(::getpid()));
  {
    FileHandle handle(std::fopen(temporary.c_str(), "wb"));
    if (!handle)
      throw EngineError("cannot write " + quoted(file) + ": " + std::strerror(errno));
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), handle.get()) == bytes.size();
    const bool flushed = std::fflush(handle.get()) == 0;
    if (!written || !flushed) {
      const std::string reason = std::strerror(errno);
      handle.reset();
      std::filesystem::remove(temporary);
      throw EngineError("cannot write " + quoted(file) + ": " + reason);
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, file, error);
  if (error) {
    std::filesystem::remove(temporary);
    throw EngineError("cannot write " + quoted(file) + ": " + error.message());
  }
}

} // namespace quantlens::fileio
