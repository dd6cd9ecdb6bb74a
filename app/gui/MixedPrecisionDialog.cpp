#include "MixedPrecisionDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>

#include <algorithm>

namespace quantlens {

MixedPrecisionDialog::MixedPrecisionDialog(const MixedPrecisionRequest& start, bool hasLabels,
                                           const QString& scansText, QWidget* parent)
  : QDialog(parent)
  , start_(start)
  , metric_(new QComboBox(this))
  , maxDrop_(new QDoubleSpinBox(this))
  , promoteTo_(new QComboBox(this))
{
  setWindowTitle(tr("Mixed Precision"));
  auto* intro = new QLabel(tr("Promote the most sensitive layers of %1, one at a time, until the score is within "
                              "the allowed drop of FP32's. Each step is a point of the BitOps / score curve; "
                              "click one to put its recipe into the editor.")
                             .arg(QString::fromStdString(start.preset.toString())),
                           this);
  intro->setWordWrap(true);

  metric_->addItem(tr("Agreement with FP32 (per pixel)"), static_cast<int>(SensitivityMetric::Agreement));
  if (hasLabels)
    metric_->addItem(tr("mIoU against the labels (per point)"), static_cast<int>(SensitivityMetric::MeanIou));
  metric_->setCurrentIndex(std::max(0, metric_->findData(static_cast<int>(start.metric))));

  // Shown in points (percent) because that is how users speak of a drop.
  maxDrop_->setRange(0.0, 50.0);
  maxDrop_->setDecimals(2);
  maxDrop_->setSingleStep(0.25);
  maxDrop_->setSuffix(tr(" points"));
  maxDrop_->setValue(100.0 * start.maxDrop);

  promoteTo_->addItem(tr("16 bit"), 16);
  promoteTo_->addItem(tr("8 bit"), 8);
  promoteTo_->setCurrentIndex(std::max(0, promoteTo_->findData(start.promoteTo)));

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Search"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* form = new QFormLayout(this);
  form->addRow(intro);
  form->addRow(tr("Scans:"), new QLabel(scansText, this));
  form->addRow(tr("Score:"), metric_);
  form->addRow(tr("Allowed drop:"), maxDrop_);
  form->addRow(tr("Promote layers to:"), promoteTo_);
  form->addRow(buttons);
}

MixedPrecisionRequest MixedPrecisionDialog::request() const
{
  MixedPrecisionRequest request = start_;
  request.metric = static_cast<SensitivityMetric>(metric_->currentData().toInt());
  request.maxDrop = maxDrop_->value() / 100.0;
  request.promoteTo = promoteTo_->currentData().toInt();
  return request;
}

} // namespace quantlens
