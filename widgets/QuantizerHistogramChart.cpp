#include "QuantizerHistogramChart.h"

#include "ChartExport.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace quantlens {

namespace {

QString formatValue(double value)
{
  return QString::number(value, 'g', 4);
}

} // namespace

QuantizerHistogramChart::QuantizerHistogramChart(QWidget* parent)
  : QWidget(parent)
  , plot_(new QCustomPlot(this))
  , title_(new QCPTextElement(plot_))
  , insideBars_(new QCPBars(plot_->xAxis, plot_->yAxis))
  , clippedBars_(new QCPBars(plot_->xAxis, plot_->yAxis))
{
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  plot_->setMinimumSize(360, 240);
  plot_->plotLayout()->insertRow(0);
  plot_->plotLayout()->addElement(0, 0, title_);
  plot_->legend->setVisible(true);
  insideBars_->setBrush(QColor(70, 130, 180));
  insideBars_->setPen(Qt::NoPen);
  clippedBars_->setBrush(QColor(214, 39, 40));
  clippedBars_->setPen(Qt::NoPen);
  // Zooming in on the value axis is how one gets to see a coarse grid.
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->axisRect()->setRangeDrag(Qt::Horizontal);
  plot_->axisRect()->setRangeZoom(Qt::Horizontal);
  connect(plot_->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
          [this](const QCPRange&) { updateGrid(); });
  retranslateUi();
}

void QuantizerHistogramChart::setHistogram(const TensorStatistics& statistics, const std::optional<Encoding>& encoding,
                                           const QString& quantizerName)
{
  statistics_ = statistics;
  encoding_ = encoding;
  name_ = quantizerName;
  fillBars();
  updateRangeLines();
  updateValueRange();
  // Bins are centred on their positions (TensorStatistics), half a bin past either end.
  const double half = statistics_.hasHistogram() ? 0.5 * static_cast<double>(statistics_.binStep()) : 0.0;
  double low = statistics_.hasHistogram() ? statistics_.binPosition(0) - half : statistics_.histogramMin;
  double high = statistics_.hasHistogram() ? statistics_.binPosition(statistics_.histogram.size() - 1) + half
                                           : statistics_.histogramMax;
  if (hasIntegerEncoding()) {
    low = std::min(low, encoding_->min);
    high = std::max(high, encoding_->max);
  }
  const double pad = std::max(high - low, 1e-9) * 0.02;
  plot_->xAxis->setRange(low - pad, high + pad); // redraws the grid only when the range changes
  updateGrid();
  title_->setText(titleText());
  plot_->replot();
}

void QuantizerHistogramChart::clear()
{
  setHistogram(TensorStatistics(), std::nullopt);
}

void QuantizerHistogramChart::setLogScale(bool log)
{
  plot_->yAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  if (log)
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
  else
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
  updateValueRange();
  plot_->replot();
}

bool QuantizerHistogramChart::isLogScale() const
{
  return plot_->yAxis->scaleType() == QCPAxis::stLogarithmic;
}

double QuantizerHistogramChart::clippedFraction() const
{
  const double total = inside_ + clipped_;
  return total > 0.0 ? clipped_ / total : 0.0;
}

int QuantizerHistogramChart::insideBinCount() const
{
  return insideBars_->dataCount();
}

int QuantizerHistogramChart::clippedBinCount() const
{
  return clippedBars_->dataCount();
}

int QuantizerHistogramChart::rangeLineCount() const
{
  return static_cast<int>(rangeLines_.size());
}

QString QuantizerHistogramChart::title() const
{
  return title_->text();
}

bool QuantizerHistogramChart::exportTo(const QString& file, QString* error) const
{
  return ChartExport::save(plot_, file, error);
}

void QuantizerHistogramChart::changeEvent(QEvent* event)
{
  if (event->type() == QEvent::LanguageChange)
    retranslateUi();
  QWidget::changeEvent(event);
}

bool QuantizerHistogramChart::hasIntegerEncoding() const
{
  return encoding_ && encoding_->dtype == QuantDtype::Int;
}

void QuantizerHistogramChart::fillBars()
{
  insideBars_->data()->clear();
  clippedBars_->data()->clear();
  inside_ = 0.0;
  clipped_ = 0.0;
  highestBin_ = 0.0;
  lowestBin_ = 0.0;
  const auto& shares = statistics_.histogram;
  if (!statistics_.hasHistogram())
    return;
  const double width = statistics_.binStep();
  insideBars_->setWidth(width);
  clippedBars_->setWidth(width);
  const bool ranged = hasIntegerEncoding();
  for (std::size_t i = 0; i < shares.size(); ++i) {
    const double share = shares[i];
    // Empty bins are left out: they draw nothing and have no height on a log axis.
    if (share <= 0.0)
      continue;
    const double centre = statistics_.binPosition(i);
    const bool isClipped = ranged && (centre < encoding_->min || centre > encoding_->max);
    (isClipped ? clippedBars_ : insideBars_)->addData(centre, share);
    (isClipped ? clipped_ : inside_) += share;
    highestBin_ = std::max(highestBin_, share);
    lowestBin_ = lowestBin_ > 0.0 ? std::min(lowestBin_, share) : share;
  }
}

void QuantizerHistogramChart::updateRangeLines()
{
  for (QCPItemStraightLine* line : rangeLines_)
    plot_->removeItem(line);
  rangeLines_.clear();
  if (!hasIntegerEncoding())
    return;
  const QPen pen(QColor(20, 20, 20), 1.5);
  rangeLines_.push_back(addVerticalLine(encoding_->min, pen));
  rangeLines_.push_back(addVerticalLine(encoding_->max, pen));
}

void QuantizerHistogramChart::updateGrid()
{
  for (QCPItemStraightLine* line : gridLines_)
    plot_->removeItem(line);
  gridLines_.clear();
  if (!hasIntegerEncoding() || encoding_->scale <= 0.0 || encoding_->bitwidth <= 0 || encoding_->bitwidth > 32)
    return;
  // Levels scale·(q + offset), q = 0 … 2^b − 1, that lie in [min, max]
  // (strict symmetric encodings use one level less) and are in view.
  const QCPRange view = plot_->xAxis->range();
  const double step = encoding_->scale;
  const double levels = std::ldexp(1.0, encoding_->bitwidth);
  const double tolerance = step * 1e-6;
  const double first = std::max(0.0, std::ceil((view.lower - encoding_->min) / step - 1e-9));
  const double last = std::min({levels - 1.0, std::floor((view.upper - encoding_->min) / step + 1e-9),
                                std::floor((encoding_->max - encoding_->min + tolerance) / step)});
  if (last < first || last - first + 1.0 > kMaxGridLines)
    return;
  const QPen pen(QColor(120, 120, 120, 140), 0, Qt::DashLine);
  for (double q = first; q <= last; q += 1.0)
    gridLines_.push_back(addVerticalLine(encoding_->min + q * step, pen));
}

void QuantizerHistogramChart::updateValueRange()
{
  // Shares are at most 1; the smallest non-empty bin sets a log axis's floor.
  const double top = highestBin_ > 0.0 ? highestBin_ : 1.0;
  if (isLogScale())
    plot_->yAxis->setRange((lowestBin_ > 0.0 ? lowestBin_ : top) * 0.5, top * 2.0);
  else
    plot_->yAxis->setRange(0.0, top * 1.05);
}

QCPItemStraightLine* QuantizerHistogramChart::addVerticalLine(double x, const QPen& pen)
{
  auto* line = new QCPItemStraightLine(plot_);
  line->setPen(pen);
  line->setSelectable(false);
  // Vertical extent in axis-rect ratios, so the line also works on a log axis.
  for (QCPItemPosition* point : {line->point1, line->point2}) {
    point->setTypeX(QCPItemPosition::ptPlotCoords);
    point->setTypeY(QCPItemPosition::ptAxisRectRatio);
  }
  line->point1->setCoords(x, 0.0);
  line->point2->setCoords(x, 1.0);
  return line;
}

QString QuantizerHistogramChart::titleText() const
{
  const QString name = name_.isEmpty() ? tr("Quantizer") : name_;
  if (!statistics_.hasHistogram())
    return tr("%1: no calibration statistics").arg(name);
  if (!encoding_)
    return tr("%1: no encoding").arg(name);
  if (!hasIntegerEncoding())
    return tr("%1: float encoding, nothing clipped").arg(name);
  return tr("%1: %2-bit [%3, %4], %5% of values clipped")
    .arg(name)
    .arg(encoding_->bitwidth)
    .arg(formatValue(encoding_->min), formatValue(encoding_->max), QString::number(clippedFraction() * 100.0, 'f', 3));
}

void QuantizerHistogramChart::retranslateUi()
{
  insideBars_->setName(tr("in range"));
  clippedBars_->setName(tr("clipped"));
  plot_->xAxis->setLabel(tr("value"));
  plot_->yAxis->setLabel(tr("share of values"));
  title_->setText(titleText());
  plot_->replot();
}

} // namespace quantlens
