#include "SidecarDialog.h"

#include "core/EngineError.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace quantlens {

namespace {

QSpinBox* integerBox(int minimum, int maximum)
{
  auto* box = new QSpinBox;
  box->setRange(minimum, maximum);
  return box;
}

QDoubleSpinBox* numberBox(double minimum, double maximum, int decimals)
{
  auto* box = new QDoubleSpinBox;
  box->setRange(minimum, maximum);
  box->setDecimals(decimals);
  return box;
}

/// Five boxes in a row: one per input channel (range, x, y, z, remission).
QWidget* channelRow(std::array<QDoubleSpinBox*, SensorConfig::kChannels>& boxes, double minimum)
{
  auto* row = new QWidget;
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  for (auto& box : boxes) {
    box = numberBox(minimum, 1000.0, 3);
    layout->addWidget(box);
  }
  return row;
}

} // namespace

SidecarDialog::SidecarDialog(const QString& modelFile, QWidget* parent)
  : QDialog(parent)
  , height_(integerBox(1, 4096))
  , width_(integerBox(1, 16384))
  , fovUp_(numberBox(-90.0, 90.0, 2))
  , fovDown_(numberBox(-90.0, 90.0, 2))
  , classes_(integerBox(2, 256))
  , knn_(new QCheckBox(tr("Clean predictions with KNN (RangeNet++ post-processing)")))
  , save_(new QCheckBox(tr("Save as %1 beside the model").arg(QFileInfo(modelFile).completeBaseName() +
                                                              QStringLiteral(".json"))))
  , error_(new QLabel)
{
  setWindowTitle(tr("Model Input — %1").arg(QFileInfo(modelFile).fileName()));
  auto* intro = new QLabel(tr("<b>%1</b> has no sidecar file. Enter how its input is made; the defaults are "
                              "SemanticKITTI's HDL-64E projection and RangeNet++'s normalization.")
                             .arg(QFileInfo(modelFile).fileName().toHtmlEscaped()));
  intro->setWordWrap(true);
  auto* form = new QFormLayout;
  form->addRow(tr("Range image height (rows):"), height_);
  form->addRow(tr("Range image width (columns):"), width_);
  form->addRow(tr("Field of view up (°):"), fovUp_);
  form->addRow(tr("Field of view down (°):"), fovDown_);
  form->addRow(tr("Channel means (range, x, y, z, remission):"), channelRow(means_, -1000.0));
  form->addRow(tr("Channel stds:"), channelRow(stds_, 0.0));
  form->addRow(tr("Classes:"), classes_);
  form->addRow(knn_);
  form->addRow(save_);
  error_->setStyleSheet(QStringLiteral("color: #c0392b"));
  error_->setWordWrap(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, &SidecarDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &SidecarDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addLayout(form);
  layout->addWidget(error_);
  layout->addWidget(buttons);
  save_->setChecked(true);
  ModelSidecar defaults;
  defaults.inputShape = {1, SensorConfig::kChannels, defaults.sensor.height, defaults.sensor.width};
  setSidecar(defaults);
}

void SidecarDialog::setSidecar(const ModelSidecar& sidecar)
{
  height_->setValue(sidecar.sensor.height);
  width_->setValue(sidecar.sensor.width);
  fovUp_->setValue(sidecar.sensor.fovUpDegrees);
  fovDown_->setValue(sidecar.sensor.fovDownDegrees);
  for (int c = 0; c < SensorConfig::kChannels; ++c) {
    means_[c]->setValue(sidecar.sensor.means[c]);
    stds_[c]->setValue(sidecar.sensor.stds[c]);
  }
  classes_->setValue(sidecar.classCount);
  knn_->setChecked(sidecar.knnEnabled);
}

ModelSidecar SidecarDialog::sidecar() const
{
  ModelSidecar sidecar;
  sidecar.architecture = "entered by the user";
  sidecar.sensor.height = height_->value();
  sidecar.sensor.width = width_->value();
  sidecar.sensor.fovUpDegrees = static_cast<float>(fovUp_->value());
  sidecar.sensor.fovDownDegrees = static_cast<float>(fovDown_->value());
  for (int c = 0; c < SensorConfig::kChannels; ++c) {
    sidecar.sensor.means[c] = static_cast<float>(means_[c]->value());
    sidecar.sensor.stds[c] = static_cast<float>(stds_[c]->value());
  }
  sidecar.inputShape = {1, SensorConfig::kChannels, sidecar.sensor.height, sidecar.sensor.width};
  sidecar.classCount = classes_->value();
  sidecar.knnEnabled = knn_->isChecked();
  return sidecar;
}

bool SidecarDialog::saveBesideModel() const
{
  return save_->isChecked();
}

QString SidecarDialog::errorText() const
{
  return error_->text();
}

void SidecarDialog::accept()
{
  try {
    sidecar().validate(tr("These values").toStdString());
  } catch (const EngineError& error) {
    // Stay open: the message names the field to fix.
    error_->setText(QString::fromStdString(error.what()));
    return;
  }
  QDialog::accept();
}

} // namespace quantlens
