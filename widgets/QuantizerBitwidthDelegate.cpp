#include "QuantizerBitwidthDelegate.h"

#include "QuantizerTreeModel.h"

#include <QSpinBox>

namespace quantlens {

QWidget* QuantizerBitwidthDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const
{
  auto* spin = new QSpinBox(parent);
  spin->setRange(QuantizerTreeModel::kMinBitwidth, QuantizerTreeModel::kMaxBitwidth);
  spin->setSuffix(tr(" bit"));
  spin->setFrame(false);
  return spin;
}

} // namespace quantlens
