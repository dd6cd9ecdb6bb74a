#pragma once

#include "PickedPointInfo.h"

#include <QWidget>

#include <optional>

class QLabel;

namespace quantlens {

/// What is known about the picked point: index, position, range, remission,
/// the ground-truth class and the class each model variant gives it. Variants
/// that disagree with the reference (FP32, the first variant) are drawn bold
/// red, since those points are what quantization changed. The text can be
/// selected and copied.
class PointInfoPanel : public QWidget
{
  Q_OBJECT

public:
  explicit PointInfoPanel(QWidget* parent = nullptr);

  void setPoint(const PickedPointInfo& info);
  /// Back to the hint that tells the user how to pick a point.
  void clear();
  bool hasPoint() const { return point_.has_value(); }

  /// The panel's rich text (for tests and for copying as a whole).
  QString text() const;

  /// Color of variant classes that differ from the reference.
  static QColor differenceColor() { return {198, 40, 40}; }

protected:
  void changeEvent(QEvent* event) override;

private:
  void showContents();
  QString pointHtml(const PickedPointInfo& info) const;
  QString classLine(const QString& caption, const QString& className, const QColor& color, bool differs) const;

  std::optional<PickedPointInfo> point_;
  QLabel* label_;
};

} // namespace quantlens
