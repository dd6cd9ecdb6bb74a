#include "SensitivityChart.h"

#include "ChartExport.h"

#include <QScrollArea>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace quantlens {

namespace {

constexpr int kRowHeight = 18;      // pixels per layer: tick labels must not overlap
constexpr int kPlotChromeHeight = 110; // title, axis and margins
constexpr double kBarWidth = 0.7;

QString percent(double fraction)
{
  return QString::number(fraction * 100.0, 'f', 2);
}

} // namespace

SensitivityChart::SensitivityChart(QWidget* parent)
  : QWidget(parent)
  , scroll_(new QScrollArea(this))
  , plot_(new QCustomPlot)
  , title_(new QCPTextElement(plot_))
{
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(scroll_);
  scroll_->setWidgetResizable(true);
  scroll_->setFrameShape(QFrame::NoFrame);
  scroll_->setWidget(plot_);
  plot_->setMinimumSize(300, 240);
  plot_->setMouseTracking(true);
  plot_->plotLayout()->insertRow(0);
  plot_->plotLayout()->addElement(0, 0, title_);
  // Rows top to bottom: the most sensitive layer (or the first one) on top.
  plot_->yAxis->setRangeReversed(true);
  plot_->yAxis->grid()->setVisible(false);
  plot_->yAxis->setTickLength(0, 0);
  connect(plot_, &QCustomPlot::plottableClick, this, &SensitivityChart::onPlottableClick);
  connect(plot_, &QCustomPlot::mouseMove, this, &SensitivityChart::onMouseMove);
  retranslateUi();
}

void SensitivityChart::setResult(const SensitivityResult& result)
{
  result_ = result;
  hasResult_ = true;
  rebuild();
}

void SensitivityChart::clear()
{
  result_ = SensitivityResult();
  hasResult_ = false;
  rebuild();
}

void SensitivityChart::setSortedBySensitivity(bool sorted)
{
  if (sorted == sorted_)
    return;
  sorted_ = sorted;
  rebuild();
}

int SensitivityChart::barCount() const
{
  return static_cast<int>(rows_.size());
}

QString SensitivityChart::moduleAt(int position) const
{
  if (position < 0 || position >= barCount())
    return {};
  return QString::fromStdString(rows_[static_cast<std::size_t>(position)].module);
}

double SensitivityChart::sensitivityAt(int position) const
{
  if (position < 0 || position >= barCount())
    return 0.0;
  return rows_[static_cast<std::size_t>(position)].sensitivity;
}

QString SensitivityChart::toolTipAt(int position) const
{
  if (position < 0 || position >= barCount())
    return {};
  const LayerScore& row = rows_[static_cast<std::size_t>(position)];
  QString text = tr("%1\nsensitivity: %2 pp\nagreement with FP32: %3%")
                   .arg(QString::fromStdString(row.module), percent(row.sensitivity), percent(row.agreement));
  if (result_.metric == SensitivityMetric::MeanIou)
    text += QLatin1Char('\n') + tr("mIoU: %1%").arg(percent(row.miou));
  return text;
}

QPoint SensitivityChart::barCenter(int position) const
{
  if (!bars_ || position < 0 || position >= barCount())
    return {};
  const double value = rows_[static_cast<std::size_t>(position)].sensitivity * 100.0;
  const double x = plot_->xAxis->coordToPixel(value / 2.0);
  const double y = plot_->yAxis->coordToPixel(static_cast<double>(position));
  return plot_->mapTo(this, QPointF(x, y).toPoint());
}

QString SensitivityChart::title() const
{
  return title_->text();
}

bool SensitivityChart::exportTo(const QString& file, QString* error) const
{
  return ChartExport::save(plot_, file, error);
}

void SensitivityChart::changeEvent(QEvent* event)
{
  if (event->type() == QEvent::LanguageChange)
    retranslateUi();
  QWidget::changeEvent(event);
}

void SensitivityChart::rebuild()
{
  rows_ = result_.layers;
  if (sorted_)
    LayerSensitivity::rank(rows_);
  else
    std::stable_sort(rows_.begin(), rows_.end(),
                     [](const LayerScore& a, const LayerScore& b) { return a.order < b.order; });

  plot_->clearPlottables();
  bars_ = nullptr;
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  double low = 0.0;
  double high = 0.0;
  if (!rows_.empty()) {
    bars_ = new QCPBars(plot_->yAxis, plot_->xAxis);
    bars_->setWidth(kBarWidth);
    bars_->setBrush(QColor(70, 130, 180));
    bars_->setPen(QPen(QColor(40, 80, 120), 0.5));
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      const double value = rows_[i].sensitivity * 100.0;
      bars_->addData(static_cast<double>(i), value);
      ticker->addTick(static_cast<double>(i), QString::fromStdString(rows_[i].module));
      low = std::min(low, value);
      high = std::max(high, value);
    }
  }
  plot_->yAxis->setTicker(ticker);
  plot_->yAxis->setRange(-0.6, static_cast<double>(rows_.size()) - 0.4);
  // Sensitivities can be negative in AllButThisLayer mode (keeping a layer in FP32 may hurt).
  const double pad = std::max(high - low, 1e-3) * 0.05;
  plot_->xAxis->setRange(low < 0.0 ? low - pad : 0.0, high + pad);
  plot_->setMinimumHeight(std::max(240, barCount() * kRowHeight + kPlotChromeHeight));
  title_->setText(titleText());
  plot_->replot();
}

void SensitivityChart::onPlottableClick(QCPAbstractPlottable* plottable, int dataIndex, QMouseEvent*)
{
  if (!bars_ || plottable != bars_ || dataIndex < 0 || dataIndex >= bars_->dataCount())
    return;
  const int position = static_cast<int>(std::lround(bars_->data()->at(dataIndex)->key));
  const QString module = moduleAt(position);
  if (!module.isEmpty())
    emit layerClicked(module);
}

void SensitivityChart::onMouseMove(QMouseEvent* event)
{
  const int position = positionAtPixel(event->position());
  if (position < 0) {
    QToolTip::hideText();
    return;
  }
  QToolTip::showText(event->globalPosition().toPoint(), toolTipAt(position), plot_);
}

int SensitivityChart::positionAtPixel(const QPointF& pixel) const
{
  if (!bars_ || !plot_->axisRect()->rect().contains(pixel.toPoint()))
    return -1;
  // The whole row answers, not only the bar: short bars are hard to hit.
  const double key = plot_->yAxis->pixelToCoord(pixel.y());
  const long position = std::lround(key);
  if (position < 0 || position >= barCount() || std::abs(key - static_cast<double>(position)) > 0.5)
    return -1;
  return static_cast<int>(position);
}

QString SensitivityChart::titleText() const
{
  if (!hasResult_)
    return tr("Layer sensitivity");
  const bool only = result_.mode == SensitivityMode::OnlyThisLayer;
  if (result_.metric == SensitivityMetric::MeanIou)
    return only ? tr("Only this layer quantized: mIoU lost (FP32 mIoU %1%)").arg(percent(result_.fp32Miou))
                : tr("All but this layer quantized: mIoU recovered (all quantized: %1%)")
                    .arg(percent(result_.baselineMiou));
  return only ? tr("Only this layer quantized: argmax disagreement with FP32")
              : tr("All but this layer quantized: agreement recovered (all quantized: %1%)")
                  .arg(percent(result_.baselineAgreement));
}

void SensitivityChart::retranslateUi()
{
  plot_->xAxis->setLabel(tr("sensitivity (percentage points)"));
  title_->setText(titleText());
  plot_->replot();
}

} // namespace quantlens
