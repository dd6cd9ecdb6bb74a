#pragma once

#include "eval/MixedPrecision.h"

#include <QList>
#include <QPoint>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>

class QCustomPlot;
class QCPCurve;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPTextElement;
class QMouseEvent;

namespace quantlens {

/// The AMP curve of a mixed-precision search: every step of the greedy path
/// as BitOps (in percent of FP32's) against the score (in percent), joined in
/// path order; the Pareto-optimal steps joined as the trade-off curve; the
/// chosen step ringed; lines at FP32's score and at the allowed drop below
/// it. A click on a step names it (the app puts that recipe into the
/// editor); hovering shows it.
class MixedPrecisionChart : public QWidget
{
  Q_OBJECT

public:
  explicit MixedPrecisionChart(QWidget* parent = nullptr);

  /// `metricName` names the score ("agreement", "mIoU"); `maxDrop` is in the
  /// score's units (0.01 = one point). `promotedBitwidth` is what each step
  /// raised its layer to, for the hover text (0: not said).
  void setResult(const MixedPrecisionResult& result, const QString& presetName, const QString& metricName,
                 double maxDrop, int promotedBitwidth = 0);
  void clear();

  /// Steps drawn (the base preset is step 0).
  int pointCount() const;
  /// (BitOps in % of FP32's, score in %) of `step` as drawn; (0, 0) when out of range.
  QPointF pointValue(int step) const;
  /// The Pareto curve as drawn, cheapest first.
  QList<QPointF> paretoValues() const;
  /// Score level (in %) of the FP32 line and of the budget line; none when empty.
  std::optional<double> referenceLevel() const;
  std::optional<double> budgetLevel() const;
  QString toolTipAt(int step) const;
  /// Centre of the step's marker in this widget's coordinates (for clicks in tests).
  QPoint pointCenter(int step) const;
  /// -1 when empty.
  int chosenStep() const;
  QStringList legendTexts() const;
  QString title() const;

  /// Writes the chart to a .png or .pdf file; on failure returns false and,
  /// when `error` is given, a message for the user.
  bool exportTo(const QString& file, QString* error = nullptr) const;

signals:
  void stepClicked(int step);

protected:
  void changeEvent(QEvent* event) override;

private:
  bool hasPoints() const;
  void fillData();
  void placeLines();
  void fitRanges();
  int stepAtPixel(const QPointF& pixel) const;
  void onMouseMove(QMouseEvent* event);
  void onMousePress(QMouseEvent* event);
  double bitOpsPercent(std::uint64_t bitOps) const;
  QString stepText(int step) const;
  QString scoreText(const MixedPrecisionPoint& point) const;
  QString standingText(int step) const;
  QString titleText() const;
  void retranslateUi();

  QCustomPlot* plot_;
  QCPTextElement* title_;
  QCPCurve* path_;
  QCPGraph* pareto_;
  QCPGraph* chosen_;
  QCPItemStraightLine* referenceLine_;
  QCPItemStraightLine* budgetLine_;
  QCPItemText* referenceLabel_;
  QCPItemText* budgetLabel_;
  MixedPrecisionResult result_;
  QString preset_;
  QString metric_;
  double maxDrop_ = 0.0;
  int promotedBitwidth_ = 0;
};

} // namespace quantlens
