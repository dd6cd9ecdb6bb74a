#pragma once

#include "session/MixedPrecisionRequest.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace quantlens {

/// Asks how to search for a mixed-precision recipe: the score (agreement with
/// FP32, or mIoU when the sequence has labels), the allowed drop and the
/// bitwidth promoted layers get. The preset and scans come from the window.
class MixedPrecisionDialog : public QDialog
{
  Q_OBJECT

public:
  /// `hasLabels`: whether the mIoU score can be offered.
  MixedPrecisionDialog(const MixedPrecisionRequest& start, bool hasLabels, const QString& scansText,
                       QWidget* parent = nullptr);

  /// The start request with the values chosen.
  MixedPrecisionRequest request() const;

private:
  MixedPrecisionRequest start_;
  QComboBox* metric_;
  QDoubleSpinBox* maxDrop_;
  QComboBox* promoteTo_;
};

} // namespace quantlens
