#pragma once

#include "model/ModelSidecar.h"

#include <QDialog>

#include <array>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace quantlens {

/// Asks for what a model without a sidecar (model.json) needs: the input
/// size, the spherical projection, the channel normalization, the number of
/// classes and KNN. Starts from the SemanticKITTI / RangeNet++ defaults and
/// refuses values that do not fit together, naming the field.
class SidecarDialog : public QDialog
{
  Q_OBJECT

public:
  explicit SidecarDialog(const QString& modelFile, QWidget* parent = nullptr);

  /// The values entered (valid once the dialog was accepted).
  ModelSidecar sidecar() const;
  /// Whether to write the values beside the model for next time.
  bool saveBesideModel() const;
  void setSidecar(const ModelSidecar& sidecar);

  /// Why the last accept() was refused, or empty.
  QString errorText() const;

  void accept() override;

private:
  QSpinBox* height_;
  QSpinBox* width_;
  QDoubleSpinBox* fovUp_;
  QDoubleSpinBox* fovDown_;
  std::array<QDoubleSpinBox*, SensorConfig::kChannels> means_{};
  std::array<QDoubleSpinBox*, SensorConfig::kChannels> stds_{};
  QSpinBox* classes_;
  QCheckBox* knn_;
  QCheckBox* save_;
  QLabel* error_;
};

} // namespace quantlens
