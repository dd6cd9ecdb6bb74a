#pragma once

#include <QStyledItemDelegate>

namespace quantlens {

/// Edits a bitwidth cell with a spin box limited to what quantizers support
/// (2..32), so an impossible value cannot be typed in the first place.
class QuantizerBitwidthDelegate : public QStyledItemDelegate
{
  Q_OBJECT

public:
  using QStyledItemDelegate::QStyledItemDelegate;

  QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace quantlens
