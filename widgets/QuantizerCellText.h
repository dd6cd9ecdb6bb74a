#pragma once

#include "quant/Encoding.h"
#include "quant/QuantizerInfo.h"
#include "quant/QuantizerSettings.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace quantlens {

/// How the quantizer editor writes quantizer facts in its cells, kept apart
/// from the tree model so the model is about structure and edits.
class QuantizerCellText
{
  Q_DECLARE_TR_FUNCTIONS(QuantizerCellText)

public:
  enum class EncodingField
  {
    Min,
    Max,
    Scale,
    Offset
  };

  static QString number(double value);
  static QString kind(QuantizerKind kind);
  static QString shape(const std::vector<std::int64_t>& shape);
  /// "8", or "fp16" for a quantizer that casts to a float type.
  static QString bitwidth(const QuantizerSettings& settings);
  /// One encoding's value, or for per-channel encodings the range over channels.
  static QString encoding(const std::vector<Encoding>& encodings, EncodingField field);
  /// What sorts the column: the smallest value over channels (largest for Max);
  /// none without encodings.
  static std::optional<double> encodingKey(const std::vector<Encoding>& encodings, EncodingField field);
};

} // namespace quantlens
