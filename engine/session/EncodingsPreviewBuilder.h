#pragma once

#include "model/QuantSim.h"
#include "quant/EncodingsDocument.h"
#include "session/EncodingsPreview.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace quantlens {

/// Builds EncodingsPreviews: what a file will hold or holds, counted and
/// checked against a model's quantizers. The checks read the text itself
/// (the export is parsed back), so what is shown is what the file says.
class EncodingsPreviewBuilder
{
public:
  /// The file an export writes: `document` as 0.6.1 (or 1.0.0) text, checked
  /// against the quantizers `settings` enable.
  static EncodingsPreview forExport(const QuantSim& sim, const std::vector<QuantizerSettings>& settings,
                                    const EncodingsDocument& document, bool format100,
                                    const std::filesystem::path& file, const std::string& variantName);
  /// An override or encodings file before it is loaded as Custom. An
  /// encodings file is checked against the quantizers the model's quantsim
  /// config enables; an override file only for names the model lacks.
  static EncodingsPreview forImport(const QuantSim& sim, std::string_view text, const std::filesystem::path& file);

private:
  static void countEncodings(const QuantSim& sim, const EncodingsDocument& document, EncodingsPreview& preview);
};

} // namespace quantlens
