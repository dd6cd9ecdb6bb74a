#pragma once

#include "eval/LayerSensitivity.h"

#include <QPoint>
#include <QString>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPAbstractPlottable;
class QCPBars;
class QCPTextElement;
class QMouseEvent;
class QScrollArea;

namespace quantlens {

/// Per-layer sensitivity of a LayerSensitivity analysis as horizontal bars,
/// one row per module (module names down the side stay readable for ~40
/// layers; the chart scrolls when there are more rows than fit). Bars show
/// the sensitivity in percentage points; a click on a bar names its module.
class SensitivityChart : public QWidget
{
  Q_OBJECT

public:
  explicit SensitivityChart(QWidget* parent = nullptr);

  void setResult(const SensitivityResult& result);
  void clear();

  /// Most sensitive first (the default), or in network order (LayerScore::order).
  void setSortedBySensitivity(bool sorted);
  bool isSortedBySensitivity() const { return sorted_; }

  /// Rows drawn; position 0 is the top row.
  int barCount() const;
  /// Module of the row at `position`; empty when out of range.
  QString moduleAt(int position) const;
  /// Sensitivity (as in LayerScore, not in percent) of the row at `position`.
  double sensitivityAt(int position) const;
  /// The hover text of the row at `position`.
  QString toolTipAt(int position) const;
  /// Centre of the row's bar in this widget's coordinates (for clicks in tests).
  QPoint barCenter(int position) const;
  QString title() const;

  /// Writes the chart to a .png or .pdf file; on failure returns false and,
  /// when `error` is given, a message for the user.
  bool exportTo(const QString& file, QString* error = nullptr) const;

signals:
  void layerClicked(const QString& module);

protected:
  void changeEvent(QEvent* event) override;

private:
  void rebuild();
  void onPlottableClick(QCPAbstractPlottable* plottable, int dataIndex, QMouseEvent* event);
  void onMouseMove(QMouseEvent* event);
  int positionAtPixel(const QPointF& pixel) const;
  QString titleText() const;
  void retranslateUi();

  QScrollArea* scroll_;
  QCustomPlot* plot_;
  QCPTextElement* title_;
  QCPBars* bars_ = nullptr;
  SensitivityResult result_;
  std::vector<LayerScore> rows_; ///< in drawing order, top first
  bool sorted_ = true;
  bool hasResult_ = false;
};

} // namespace quantlens
