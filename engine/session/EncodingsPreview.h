#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace quantlens {

/// What an encodings or overrides file holds (before it is loaded) or will
/// hold (before it is written), checked against the model: shown to the
/// user, who then confirms.
struct EncodingsPreview
{
  enum class Direction { Import, Export };

  Direction direction = Direction::Export;
  std::string file;
  /// "AIMET encodings 0.6.1", "AIMET encodings 1.0.0" or "QuantLens overrides".
  std::string format;
  /// Export: the variant written (Custom, W4A8, ...). Import: the file's base preset or description.
  std::string subject;
  /// Export: exactly the bytes that will be written. Import: the file's text.
  std::string text;
  std::size_t activationEntries = 0; ///< activation quantizers with an encoding (overrides: with a change)
  std::size_t parameterEntries = 0;  ///< parameter quantizers with an encoding (overrides: with a change)
  std::map<int, std::size_t> bitwidths; ///< quantizers per bitwidth in the file
  /// Enabled quantizers of the variant (export) or of the model's quantizers
  /// the file leaves out (import of encodings: they become disabled).
  std::vector<std::string> missing;
  /// Names in the file that the model does not have: loading would fail.
  std::vector<std::string> unmatched;

  /// True when the file covers the enabled quantizers, no more and no less.
  bool matchesExactly() const { return missing.empty() && unmatched.empty(); }
  /// False when loading would be refused (names the model lacks).
  bool canProceed() const { return unmatched.empty(); }
};

} // namespace quantlens
