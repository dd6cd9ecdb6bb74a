#pragma once

#include "quant/Encoding.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quantlens {

/// AIMET's `quantizer_args`: how the sim that wrote a file was set up.
/// Informative only; each encoding carries its own bitwidth and symmetry.
struct EncodingsQuantizerArgs
{
  int activationBitwidth = 8;
  int paramBitwidth = 8;
  std::string dtype = "int";
  bool isSymmetric = true;
  bool perChannel = true;
  std::string quantScheme = "post_training_tf"; ///< QuantScheme::aimetName()

  bool operator==(const EncodingsQuantizerArgs&) const = default;
};

/// How the file that was read laid out its encodings. The layout, not the
/// "version" string, decides how a file is read: aimet_torch 1.x and 2.x write a
/// module-keyed "_torch.encodings" that says "1.0.0" (or "2.0.0") but holds
/// 0.6.1-style entries. See EncodingsReader for how each layout is recognised.
enum class EncodingsLayout
{
  /// aimet_torch's "<prefix>_torch.encodings" (0.6.1 and later): activations keyed by
  /// module, then "input"/"output", then tensor index; parameters by "<module>.<param>".
  ModuleDict,
  /// Format 1.0.0's lists of {"name", "enc_type", "bw", ...}, named by quantizer
  /// (what QuantLens writes; AIMET's own list files name ONNX tensors and are refused).
  NamedList,
  /// AdaRound's (and GPTVQ's) parameter-only file: {"param_encodings": {...}}, or
  /// from aimet_torch before 1.32 the bare {"<module>.weight": [ENC, ...]}.
  ParamsOnly,
};

/// The contents of an AIMET encodings file, keyed by QuantLens quantizer names
/// (QuantizerInfo::name): "<module>.input[i]", "<module>.output[i]" for
/// activations, "<module>.<param>" for parameters (one encoding per channel,
/// or one for per-tensor). See EncodingsFile for the mapping to AIMET's keys.
struct EncodingsDocument
{
  /// The "version" string read ("0.6.1", "1.0.0", ...; "" when the file has none,
  /// like AdaRound's); informative only: writers ignore it and write their own.
  std::string version;
  /// How the file read was laid out; writers ignore it.
  EncodingsLayout layout = EncodingsLayout::ModuleDict;
  std::map<std::string, std::vector<Encoding>> encodings;
  std::vector<std::string> excludedLayers;
  /// Absent in older files; writers use EncodingsQuantizerArgs{} when unset.
  std::optional<EncodingsQuantizerArgs> quantizerArgs;

  bool operator==(const EncodingsDocument&) const = default;
};

} // namespace quantlens
