#pragma once

#include "quant/Encoding.h"
#include "quant/EncodingsDocument.h"

#include <string>
#include <string_view>

namespace quantlens {

/// Reads every encodings file AIMET writes for a PyTorch model, telling them
/// apart by their layout, not their "version" (aimet_torch 1.x/2.x write a
/// module-keyed "_torch.encodings" that says "1.0.0" or "2.0.0"):
///
/// - ModuleDict: "activation_encodings" is an object whose entries are objects
///   with "input"/"output" → {"<index>": ENC or [ENC]}; "param_encodings" maps
///   "<module>.<param>" → [ENC, ...]. ENC is 0.6.1-style {"bitwidth", "dtype"
///   (absent before 0.5.0), "is_symmetric": "True"|"False", "min", "max",
///   "scale", "offset"} or 1.0.0-style {"bw", "enc_type", "is_sym", "scale": [..],
///   "offset": [..]}; a 1.0.0-style parameter entry may stand without a list.
///   Needs "version" (0.4.0, 0.5.0, 0.6.1, 1.0.0, 2.0.0 or 2.1.0).
/// - NamedList: both sections are lists of 1.0.0 entries with a "name"; activation
///   names must be quantizer names ("<module>.output[0]"), as QuantLens writes them.
/// - ParamsOnly: no "activation_encodings": AdaRound's {"param_encodings": {...}},
///   or the older bare {"<module>.weight": [ENC, ...]} with no top-level keys.
///
/// Refused, each in one line "<file>: <json path>: <problem>", quoting at most a
/// short excerpt of any value:
/// - ONNX-keyed files (AIMET's "<prefix>.encodings" for the exported ONNX model):
///   activation entries that are encodings themselves rather than "input"/"output",
///   list names that are no quantizer name ("/conv1/Conv_output_0", "input.1",
///   "onnx::Conv_12"), parameter names with "/" or "::". The message names the
///   "<prefix>_torch.encodings" beside it, which is the file to open.
/// - AIMET's 2.x layout (one "encodings" list), unknown versions, per-block, LPBQ,
///   vector and zero-point-shifted encodings, and anything malformed.
///
/// Every input gives a document or an EngineError, nothing else: indices are
/// bounded before they are converted, and no error dumps a whole value.
class EncodingsReader
{
public:
  /// `sourceName` names the text in error messages (a path, possibly in quotes).
  static EncodingsDocument fromJson(std::string_view jsonText, const std::string& sourceName);
  /// One 0.6.1 ENC object; errors read "<sourceName>: <path>: <problem>".
  static Encoding encodingFromJson(std::string_view jsonText, const std::string& sourceName, const std::string& path);
};

} // namespace quantlens
