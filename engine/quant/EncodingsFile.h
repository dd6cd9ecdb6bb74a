#pragma once

#include "quant/Encoding.h"
#include "quant/EncodingsDocument.h"
#include "quant/QuantizerInfo.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace quantlens {

/// Reads and writes AIMET encodings files.
///
/// Format 0.6.1 (aimet_torch's "<prefix>_torch.encodings", what
/// load_encodings_to_sim reads) keys activations by module:
///   "<module>.input[i]"  ↔ activation_encodings["<module>"]["input"]["i"]   (one ENC object)
///   "<module>.output[i]" ↔ activation_encodings["<module>"]["output"]["i"]  (one ENC object)
///   "<module>.weight"    ↔ param_encodings["<module>.weight"]               (a list of ENC, one per channel)
/// ENC = {"bitwidth", "dtype": "int", "is_symmetric": "True"|"False" (a string),
///        "min", "max", "scale", "offset" (≤ 0)}; a float quantizer is {"bitwidth": 16, "dtype": "float"}.
///
/// Format 1.0.0 (aimet_torch v2 export) lists entries {"name", "dtype": "INT"|"FLOAT",
/// "enc_type": "PER_TENSOR"|"PER_CHANNEL", "bw", "is_sym" (a bool), "scale": [..], "offset": [..]}
/// with no min/max. AIMET puts ONNX tensor names in "name"; a TorchScript model has
/// none, so QuantLens writes (and expects) its quantizer names there.
///
/// Files are written like AIMET writes them (sorted keys, indent 4) through an
/// atomic rename. Reading (EncodingsReader) accepts every layout AIMET writes for a
/// PyTorch model, told apart by shape rather than "version": module-keyed
/// "_torch.encodings" of any version, 1.0.0 lists named by quantizer, and
/// AdaRound's parameter-only files; ONNX-keyed files are refused with a pointer
/// to the "_torch.encodings" beside them. It stores what the file says and
/// recomputes nothing, except 1.0.0's missing min/max: min = scale·offset,
/// max = scale·(offset + 2^bw − 1) (the non-strict grid). Keys AIMET may add later
/// are ignored; a missing or malformed required value is an EngineError naming the
/// file and the key, e.g.
/// "x.encodings: activation_encodings.downCntx.conv1.output.0: missing 'scale'".
class EncodingsFile
{
public:
  /// Reads any layout EncodingsReader knows; EncodingsDocument::layout says which it was.
  static EncodingsDocument read(const std::filesystem::path& file);
  /// `sourceName` names the text in error messages.
  static EncodingsDocument fromJson(std::string_view jsonText, const std::string& sourceName);

  /// The 0.6.1 text / file. Throws EngineError for a name that is neither an
  /// activation nor a parameter name, an activation with more than one
  /// encoding, or a quantizer with none.
  static std::string toJson061(const EncodingsDocument& document);
  static void write061(const std::filesystem::path& file, const EncodingsDocument& document);
  /// The 1.0.0 text / file; same errors as 0.6.1.
  static std::string toJson100(const EncodingsDocument& document);
  static void write100(const std::filesystem::path& file, const EncodingsDocument& document);

  /// Names in the file that none of `quantizers` has, sorted.
  static std::vector<std::string> unmatchedNames(const EncodingsDocument& document,
                                                 const std::vector<QuantizerInfo>& quantizers);
  /// Names of `quantizers` (in their order) that the file has no encoding for.
  /// Pass the enabled quantizers: AIMET's strict loader wants exactly those.
  static std::vector<std::string> missingNames(const EncodingsDocument& document,
                                               const std::vector<QuantizerInfo>& quantizers);

  /// One 0.6.1 ENC object from JSON text; errors read "<sourceName>: <path>: <problem>".
  static Encoding encodingFromJson(std::string_view jsonText, const std::string& sourceName, const std::string& path);
  /// One 0.6.1 ENC object as compact JSON text.
  static std::string encodingToJson(const Encoding& encoding);
};

} // namespace quantlens
