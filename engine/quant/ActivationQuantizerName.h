#pragma once

#include <optional>
#include <string>

namespace quantlens {

/// The parts of an activation quantizer's name, "<module>.input[i]" or
/// "<module>.output[i]" (QuantizerInfo::inputName / outputName): where a 0.6.1
/// file keeps it (activation_encodings["<module>"]["input"|"output"]["i"]).
struct ActivationQuantizerName
{
  std::string module;
  std::string direction; ///< "input" or "output"
  int index = 0;

  /// The parts of `name`; nullopt for anything else (parameter names, ONNX tensor names).
  static std::optional<ActivationQuantizerName> parse(const std::string& name);
  /// Whether `text` is a tensor index as AIMET writes it: "0", "12"; no sign, no
  /// leading zero, at most 6 digits (so it converts to int without overflow).
  static bool isIndex(const std::string& text);
};

} // namespace quantlens
