#include "core/FileFingerprint.h"

#include "TestData.h"

#include <gtest/gtest.h>

#include <string>

namespace quantlens {
namespace {

namespace fs = std::filesystem;

TEST(FileFingerprintTest, IsTheSizeAndTheFnv1aOfTheContents)
{
  const auto dir = test::freshTempDir("FingerprintKnown");
  // The published FNV-1a 64 test vectors: "" and "a".
  test::writeText(dir / "empty", "");
  EXPECT_EQ(FileFingerprint::of(dir / "empty"), "0:cbf29ce484222325");
  test::writeText(dir / "a", "a");
  EXPECT_EQ(FileFingerprint::of(dir / "a"), "1:af63dc4c8601ec8c");
}

TEST(FileFingerprintTest, SameContentSamePrintAnyChangeANewOne)
{
  const auto dir = test::freshTempDir("FingerprintChange");
  // Larger than one read chunk, so the chunk boundary is crossed.
  std::string bytes(200000, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = static_cast<char>((i * 131) % 251);
  test::writeText(dir / "model.pt", bytes);
  test::writeText(dir / "copy.pt", bytes);
  const std::string print = FileFingerprint::of(dir / "model.pt");
  EXPECT_EQ(print.substr(0, print.find(':')), "200000");
  EXPECT_EQ(FileFingerprint::of(dir / "copy.pt"), print);

  std::string edited = bytes;
  edited[150000] = static_cast<char>(edited[150000] ^ 1);
  test::writeText(dir / "edited.pt", edited);
  const std::string editedPrint = FileFingerprint::of(dir / "edited.pt");
  EXPECT_NE(editedPrint, print);
  EXPECT_EQ(editedPrint.substr(0, editedPrint.find(':')), "200000"); // only the hash tells them apart

  test::writeText(dir / "longer.pt", bytes + '\0');
  EXPECT_NE(FileFingerprint::of(dir / "longer.pt"), print);
}

TEST(FileFingerprintTest, MissingOrUnreadableFilesAreNamed)
{
  const auto dir = test::freshTempDir("FingerprintMissing");
  test::expectEngineError([&] { FileFingerprint::of(dir / "missing.pt"); },
                          { (dir / "missing.pt").string(), "does not exist" });
  test::expectEngineError([&] { FileFingerprint::of(dir); }, { dir.string(), "not a regular file" });
}

} // namespace
} // namespace quantlens
