#pragma once

#include "eval/MixedPrecision.h"

#include <QPoint>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QWidget>

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QCPTextElement;
class QMouseEvent;

namespace quantlens {

/// The AMP curve of a mixed-precision search: every step of the greedy path
/// as BitOps (in percent of FP32's) against the score (in percent), the
/// Pareto-optimal steps joined as the trade-off curve, the chosen step, and
/// lines at FP32's score and at the allowed drop below it. A click on a step
/// names it (the app puts that recipe into the editor); hovering shows it.
class MixedPrecisionChart : public QWidget
{
  Q_OBJECT

public:
  explicit MixedPrecisionChart(QWidget* parent = nullptr);

  void setResult(const MixedPrecisionResult& result, const QString& presetName, const QString& metricName,
                 double maxDrop);
  void clear();

  int pointCount() const;
  /// (BitOps in % of FP32's, score in %) as drawn.
  QPointF pointValue(int step) const;
  QString toolTipAt(int step) const;
  /// Centre of the step's marker in this widget's coordinates (for clicks in tests).
  QPoint pointCenter(int step) const;
  int chosenStep() const;
  QString title() const;

  /// Writes the chart to a .png or .pdf file; on failure returns false and,
  /// when `error` is given, a message for the user.
  bool exportTo(const QString& file, QString* error = nullptr) const;

signals:
  void stepClicked(int step);

protected:
  void changeEvent(QEvent* event) override;

private:
  void rebuild();
  int stepAtPixel(const QPointF& pixel) const;
  void onMouseMove(QMouseEvent* event);
  void onMousePress(QMouseEvent* event);
  double bitOpsPercent(std::uint64_t bitOps) const;
  QString titleText() const;
  void retranslateUi();

  QCustomPlot* plot_;
  QCPTextElement* title_;
  QCPGraph* path_;
  QCPGraph* pareto_;
  QCPGraph* chosen_;
  QCPItemStraightLine* referenceLine_;
  QCPItemStraightLine* budgetLine_;
  MixedPrecisionResult result_;
  QString preset_;
  QString metric_;
  double maxDrop_ = 0.0;
  bool hasResult_ = false;
};

} // namespace quantlens
