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

/// The contents of an AIMET encodings file, keyed by QuantLens quantizer names
/// (QuantizerInfo::name): "<module>.input[i]", "<module>.output[i]" for
/// activations, "<module>.<param>" for parameters (one encoding per channel,
/// or one for per-tensor). See EncodingsFile for the mapping to AIMET's keys.
struct EncodingsDocument
{
  /// The version read ("0.6.1", "1.0.0"); writers ignore it and write their own.
  std::string version;
  std::map<std::string, std::vector<Encoding>> encodings;
  std::vector<std::string> excludedLayers;
  /// Absent in older files; writers use EncodingsQuantizerArgs{} when unset.
  std::optional<EncodingsQuantizerArgs> quantizerArgs;

  bool operator==(const EncodingsDocument&) const = default;
};

} // namespace quantlens
