#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPBars;
class QCPBarsGroup;
class QCPTextElement;

namespace quantlens {

/// Per-class IoU of one model variant (FP32, W8A8, W4A8, Custom, ...), as
/// SegmentationMetrics gives it: indexed by training class id.
struct VariantIou
{
  QString name;
  std::vector<double> iou;   ///< fraction, per class id
  std::vector<bool> present; ///< class has ground truth (only those are drawn)
  double miou = 0.0;         ///< the figure shown in the legend
};

/// Whether the IoUs describe the current scan or all scans seen so far.
enum class IouScope { Scan, Accumulated };

/// Grouped vertical bars: one group per class present in the ground truth,
/// one bar per variant in that variant's color; the legend gives each
/// variant's mIoU.
class ClassIouChart : public QWidget
{
  Q_OBJECT

public:
  explicit ClassIouChart(QWidget* parent = nullptr);

  /// `classNames[c]` names class id c. A class is drawn when any variant
  /// marks it present. `colors[v]` colors variant v; missing ones get a
  /// default palette.
  void setData(const QStringList& classNames, const std::vector<VariantIou>& variants,
               const std::vector<QColor>& colors = {});
  /// Title only; `scanCount` is the number of accumulated scans.
  void setScope(IouScope scope, int scanCount = 1);
  void clear();

  int variantCount() const;
  /// Names of the classes drawn, left to right.
  QStringList shownClasses() const;
  QStringList legendTexts() const;
  /// The drawn bar height (IoU in percent) of variant `variant` at class group `position`.
  double barValue(int variant, int position) const;
  QColor variantColor(int variant) const;
  QString title() const;

  /// Writes the chart to a .png or .pdf file; on failure returns false and,
  /// when `error` is given, a message for the user.
  bool exportTo(const QString& file, QString* error = nullptr) const;

protected:
  void changeEvent(QEvent* event) override;

private:
  void rebuild();
  QString legendText(const VariantIou& variant) const;
  QString titleText() const;
  void retranslateUi();

  QCustomPlot* plot_;
  QCPTextElement* title_;
  QCPBarsGroup* group_;
  std::vector<QCPBars*> bars_;
  QStringList classNames_;
  std::vector<VariantIou> variants_;
  std::vector<QColor> colors_;
  std::vector<int> shownClassIds_;
  IouScope scope_ = IouScope::Scan;
  int scanCount_ = 1;
};

} // namespace quantlens
