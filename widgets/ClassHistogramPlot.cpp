#include "ClassHistogramPlot.h"

#include "data/LabelMap.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

namespace quantlens {

ClassHistogramPlot::ClassHistogramPlot(QWidget* parent)
  : QWidget(parent)
  , plot_(new QCustomPlot(this))
{
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  // Horizontal bars: class names read well down the side of a narrow dock.
  plot_->xAxis->setScaleType(QCPAxis::stLogarithmic);
  plot_->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
  plot_->yAxis->setRangeReversed(true);
  plot_->setMinimumSize(260, 240);
  retranslateUi();
}

void ClassHistogramPlot::setCounts(const LabelMap& labels, const std::vector<std::size_t>& countsPerClass)
{
  clear();
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  double maximum = 1.0;
  // One QCPBars per class, since a bar's brush is per plottable.
  for (std::size_t trainId = 1; trainId < countsPerClass.size(); ++trainId) {
    const auto color = labels.classColor(static_cast<int>(trainId));
    auto* bars = new QCPBars(plot_->yAxis, plot_->xAxis);
    bars->setBrush(QColor(color[0], color[1], color[2]));
    bars->setPen(QPen(Qt::black, 0.5));
    bars->setWidth(0.8);
    const double count = static_cast<double>(countsPerClass[trainId]);
    bars->addData(static_cast<double>(trainId), count);
    maximum = std::max(maximum, count);
    ticker->addTick(static_cast<double>(trainId), QString::fromStdString(labels.className(static_cast<int>(trainId))));
  }
  plot_->yAxis->setTicker(ticker);
  plot_->yAxis->setRange(0.3, static_cast<double>(countsPerClass.size()) - 0.3);
  plot_->xAxis->setRange(0.8, maximum * 2.0);
  plot_->replot();
}

void ClassHistogramPlot::clear()
{
  plot_->clearPlottables();
  plot_->replot();
}

int ClassHistogramPlot::barCount() const
{
  return plot_->plottableCount();
}

void ClassHistogramPlot::changeEvent(QEvent* event)
{
  if (event->type() == QEvent::LanguageChange)
    retranslateUi();
  QWidget::changeEvent(event);
}

void ClassHistogramPlot::retranslateUi()
{
  plot_->xAxis->setLabel(tr("points"));
  plot_->replot();
}

} // namespace quantlens
