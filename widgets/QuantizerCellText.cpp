#include "QuantizerCellText.h"

#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <limits>

namespace quantlens {

namespace {

double fieldOf(const Encoding& encoding, QuantizerCellText::EncodingField field)
{
  switch (field) {
    case QuantizerCellText::EncodingField::Min:
      return encoding.min;
    case QuantizerCellText::EncodingField::Max:
      return encoding.max;
    case QuantizerCellText::EncodingField::Scale:
      return encoding.scale;
    case QuantizerCellText::EncodingField::Offset:
      return static_cast<double>(encoding.offset);
  }
  return 0.0;
}

} // namespace

QString QuantizerCellText::number(double value)
{
  return QLocale().toString(value, 'g', 5);
}

QString QuantizerCellText::kind(QuantizerKind kind)
{
  switch (kind) {
    case QuantizerKind::Input:
      return tr("input");
    case QuantizerKind::Output:
      return tr("output");
    case QuantizerKind::Parameter:
      return tr("weight");
  }
  return {};
}

QString QuantizerCellText::shape(const std::vector<std::int64_t>& shape)
{
  QStringList dims;
  for (auto dim : shape)
    dims << QString::number(dim);
  return dims.join(QChar(0x00D7));
}

QString QuantizerCellText::bitwidth(const QuantizerSettings& settings)
{
  return settings.dtype == QuantDtype::Float ? tr("fp%1").arg(settings.bitwidth) : QString::number(settings.bitwidth);
}

QString QuantizerCellText::encoding(const std::vector<Encoding>& encodings, EncodingField field)
{
  if (encodings.empty())
    return {};
  if (encodings.size() == 1 || field == EncodingField::Min || field == EncodingField::Max)
    return number(*encodingKey(encodings, field));
  // Per channel: the range over channels says more than any one of them.
  const auto [lo, hi] = std::minmax_element(encodings.begin(), encodings.end(), [field](const auto& a, const auto& b) {
    return fieldOf(a, field) < fieldOf(b, field);
  });
  return tr("%1 … %2").arg(number(fieldOf(*lo, field)), number(fieldOf(*hi, field)));
}

std::optional<double> QuantizerCellText::encodingKey(const std::vector<Encoding>& encodings, EncodingField field)
{
  if (encodings.empty())
    return std::nullopt;
  const bool largest = field == EncodingField::Max;
  double key = largest ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  for (const auto& encoding : encodings)
    key = largest ? std::max(key, fieldOf(encoding, field)) : std::min(key, fieldOf(encoding, field));
  return key;
}

} // namespace quantlens
