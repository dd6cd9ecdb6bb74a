#pragma once

#include <QWidget>

#include <cstddef>
#include <vector>

class QCustomPlot;

namespace quantlens {

class LabelMap;

/// Points per class of one scan as a bar chart, each bar in its class color.
class ClassHistogramPlot : public QWidget
{
  Q_OBJECT

public:
  explicit ClassHistogramPlot(QWidget* parent = nullptr);

  /// `countsPerClass[i]` is the number of points of training class i; class 0
  /// (ignored) is not drawn. The label map gives names and colors.
  void setCounts(const LabelMap& labels, const std::vector<std::size_t>& countsPerClass);
  void clear();

  /// Bars currently drawn (for tests and the status bar).
  int barCount() const;

protected:
  void changeEvent(QEvent* event) override;

private:
  void retranslateUi();

  QCustomPlot* plot_;
};

} // namespace quantlens
