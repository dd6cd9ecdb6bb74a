#include "DemoSequence.h"

#include "core/FileIO.h"
#include "data/SyntheticScanner.h"

#include <cstdio>
#include <string>

namespace quantlens {

namespace {

/// Written last, so its presence means every scan was written with this recipe.
constexpr const char* kStampFile = "quantlens-demo.stamp";

std::string stampText()
{
  return "seed " + std::to_string(DemoSequence::kSeed) + " scans " + std::to_string(DemoSequence::kScans) + "\n";
}

std::filesystem::path sequenceFolder(const std::filesystem::path& cacheRoot)
{
  char name[8];
  std::snprintf(name, sizeof(name), "%02d", DemoSequence::kSequenceNumber);
  return cacheRoot / "sequences" / name;
}

} // namespace

bool DemoSequence::isComplete(const std::filesystem::path& cacheRoot)
{
  std::error_code error;
  const auto stamp = cacheRoot / kStampFile;
  if (!std::filesystem::exists(stamp, error))
    return false;
  try {
    return fileio::readText(stamp) == stampText();
  } catch (const std::exception&) {
    return false;
  }
}

std::filesystem::path DemoSequence::ensure(const std::filesystem::path& cacheRoot, Feedback& feedback)
{
  if (isComplete(cacheRoot))
    return sequenceFolder(cacheRoot);
  std::filesystem::remove(cacheRoot / kStampFile);
  SyntheticScannerOptions options;
  options.seed = kSeed;
  const auto folder = SyntheticScanner(options).writeSequence(cacheRoot, kSequenceNumber, kScans, &feedback);
  fileio::writeAtomically(cacheRoot / kStampFile, stampText());
  return folder;
}

} // namespace quantlens
