#pragma once

#include <cstdint>
#include <filesystem>

namespace quantlens {

class Feedback;

/// The demo data the app opens with --demo: a synthetic sequence generated on
/// first use from a fixed seed into the user's cache, never shipped.
class DemoSequence
{
public:
  static constexpr std::uint64_t kSeed = 2026;
  static constexpr int kScans = 20;
  static constexpr int kSequenceNumber = 8; ///< SemanticKITTI's validation sequence number

  /// Returns <cacheRoot>/sequences/08, generating it first when it is missing
  /// or incomplete. Engine errors and cancellation propagate.
  static std::filesystem::path ensure(const std::filesystem::path& cacheRoot, Feedback& feedback);

private:
  static bool isComplete(const std::filesystem::path& cacheRoot);
};

} // namespace quantlens
