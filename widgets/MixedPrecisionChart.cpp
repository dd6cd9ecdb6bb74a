#include "MixedPrecisionChart.h"

#include "ChartExport.h"

#include <QEvent>
#include <QLocale>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace quantlens {

namespace {

/// How near (in pixels) a click or hover must be to a step's marker.
constexpr double kPickRadius = 12.0;

QCPGraph* makeGraph(QCustomPlot* plot, const QColor& color, QCPGraph::LineStyle line, double markerSize)
{
  auto* graph = plot->addGraph();
  graph->setPen(QPen(color, 2));
  graph->setLineStyle(line);
  graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, color, markerSize));
  return graph;
}

QCPItemStraightLine* makeLine(QCustomPlot* plot, const QColor& color, Qt::PenStyle style)
{
  auto* line = new QCPItemStraightLine(plot);
  line->setPen(QPen(color, 1.5, style));
  line->setVisible(false);
  return line;
}

} // namespace

MixedPrecisionChart::MixedPrecisionChart(QWidget* parent)
  : QWidget(parent)
  , plot_(new QCustomPlot(this))
  , title_(new QCPTextElement(plot_))
  , path_(makeGraph(plot_, QColor(160, 160, 160), QCPGraph::lsLine, 6))
  , pareto_(makeGraph(plot_, QColor(31, 119, 180), QCPGraph::lsLine, 8))
  , chosen_(makeGraph(plot_, QColor(214, 39, 40), QCPGraph::lsNone, 14))
  , referenceLine_(makeLine(plot_, QColor(44, 160, 44), Qt::SolidLine))
  , budgetLine_(makeLine(plot_, QColor(44, 160, 44), Qt::DashLine))
{
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  plot_->setMinimumSize(360, 240);
  plot_->plotLayout()->insertRow(0);
  plot_->plotLayout()->addElement(0, 0, title_);
  plot_->legend->setVisible(true);
  plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
  setMouseTracking(true);
  plot_->setMouseTracking(true);
  connect(plot_, &QCustomPlot::mouseMove, this, &MixedPrecisionChart::onMouseMove);
  connect(plot_, &QCustomPlot::mousePress, this, &MixedPrecisionChart::onMousePress);
  retranslateUi();
}

void MixedPrecisionChart::setResult(const MixedPrecisionResult& result, const QString& presetName,
                                    const QString& metricName, double maxDrop)
{
  result_ = result;
  preset_ = presetName;
  metric_ = metricName;
  maxDrop_ = maxDrop;
  hasResult_ = true;
  rebuild();
}

void MixedPrecisionChart::clear()
{
  result_ = {};
  hasResult_ = false;
  rebuild();
}

double MixedPrecisionChart::bitOpsPercent(std::uint64_t bitOps) const
{
  return result_.fp32BitOps == 0 ? 0.0
                                 : 100.0 * static_cast<double>(bitOps) / static_cast<double>(result_.fp32BitOps);
}

void MixedPrecisionChart::rebuild()
{
  path_->data()->clear();
  pareto_->data()->clear();
  chosen_->data()->clear();
  // The greedy path raises BitOps at every step, so drawing in step order joins neighbours.
  for (std::size_t i = 0; i < result_.points.size(); ++i) {
    const QPointF value = pointValue(static_cast<int>(i));
    path_->addData(value.x(), value.y());
    if (result_.points[i].pareto)
      pareto_->addData(value.x(), value.y());
  }
  const bool drawn = hasResult_ && !result_.points.empty();
  if (drawn) {
    const QPointF best = pointValue(chosenStep());
    chosen_->addData(best.x(), best.y());
    const double reference = 100.0 * result_.referenceScore;
    referenceLine_->point1->setCoords(0, reference);
    referenceLine_->point2->setCoords(1, reference);
    budgetLine_->point1->setCoords(0, reference - 100.0 * maxDrop_);
    budgetLine_->point2->setCoords(1, reference - 100.0 * maxDrop_);
  }
  referenceLine_->setVisible(drawn);
  budgetLine_->setVisible(drawn);
  path_->rescaleAxes();
  pareto_->rescaleAxes(true);
  if (drawn) {
    const double reference = 100.0 * result_.referenceScore;
    const QCPRange y = plot_->yAxis->range();
    plot_->yAxis->setRange(std::min(y.lower, reference - 100.0 * maxDrop_) - 1.0, std::max(y.upper, reference) + 1.0);
    const QCPRange x = plot_->xAxis->range();
    const double pad = std::max(x.size(), 1.0) * 0.05;
    plot_->xAxis->setRange(x.lower - pad, x.upper + pad);
  }
  retranslateUi();
}

int MixedPrecisionChart::pointCount() const
{
  return static_cast<int>(result_.points.size());
}

QPointF MixedPrecisionChart::pointValue(int step) const
{
  if (step < 0 || step >= pointCount())
    return {};
  const auto& point = result_.points[static_cast<std::size_t>(step)];
  return {bitOpsPercent(point.bitOps), 100.0 * point.score};
}

int MixedPrecisionChart::chosenStep() const
{
  return hasResult_ && !result_.points.empty() ? static_cast<int>(result_.chosen) : -1;
}

QString MixedPrecisionChart::toolTipAt(int step) const
{
  if (step < 0 || step >= pointCount())
    return {};
  const auto& point = result_.points[static_cast<std::size_t>(step)];
  const QLocale locale;
  const QString what = step == 0 ? tr("Step 0: %1 as it is").arg(preset_)
                                 : tr("Step %1: + %2").arg(step).arg(QString::fromStdString(point.module));
  return what + QLatin1Char('\n') +
         tr("%1 GBitOps (%2 % of FP32)")
           .arg(locale.toString(static_cast<double>(point.bitOps) * 1e-9, 'f', 3),
                locale.toString(bitOpsPercent(point.bitOps), 'f', 1)) +
         QLatin1Char('\n') +
         tr("%1 %2 % (drop %3 points)")
           .arg(metric_, locale.toString(100.0 * point.score, 'f', 2), locale.toString(100.0 * point.drop, 'f', 2));
}

QPoint MixedPrecisionChart::pointCenter(int step) const
{
  const QPointF value = pointValue(step);
  const QPointF pixel(plot_->xAxis->coordToPixel(value.x()), plot_->yAxis->coordToPixel(value.y()));
  return plot_->mapTo(this, pixel.toPoint());
}

int MixedPrecisionChart::stepAtPixel(const QPointF& pixel) const
{
  int nearest = -1;
  double nearestDistance = kPickRadius;
  for (int step = 0; step < pointCount(); ++step) {
    const QPointF value = pointValue(step);
    const double dx = plot_->xAxis->coordToPixel(value.x()) - pixel.x();
    const double dy = plot_->yAxis->coordToPixel(value.y()) - pixel.y();
    const double distance = std::hypot(dx, dy);
    if (distance <= nearestDistance) {
      nearest = step;
      nearestDistance = distance;
    }
  }
  return nearest;
}

void MixedPrecisionChart::onMouseMove(QMouseEvent* event)
{
  const int step = stepAtPixel(event->position());
  if (step >= 0)
    QToolTip::showText(event->globalPosition().toPoint(), toolTipAt(step), plot_);
  else
    QToolTip::hideText();
}

void MixedPrecisionChart::onMousePress(QMouseEvent* event)
{
  const int step = stepAtPixel(event->position());
  if (event->button() == Qt::LeftButton && step >= 0)
    emit stepClicked(step);
}

QString MixedPrecisionChart::titleText() const
{
  if (!hasResult_ || result_.points.empty())
    return tr("Mixed precision: run Analysis → Mixed Precision…");
  return tr("Mixed precision from %1: %n step(s), %2", nullptr, pointCount() - 1)
    .arg(preset_, result_.budgetMet ? tr("budget met") : tr("budget not met"));
}

QString MixedPrecisionChart::title() const
{
  return title_->text();
}

bool MixedPrecisionChart::exportTo(const QString& file, QString* error) const
{
  return ChartExport::save(plot_, file, error);
}

void MixedPrecisionChart::changeEvent(QEvent* event)
{
  if (event->type() == QEvent::LanguageChange)
    retranslateUi();
  QWidget::changeEvent(event);
}

void MixedPrecisionChart::retranslateUi()
{
  title_->setText(titleText());
  plot_->xAxis->setLabel(tr("BitOps (% of FP32)"));
  plot_->yAxis->setLabel(metric_.isEmpty() ? tr("Score (%)") : tr("%1 (%)").arg(metric_));
  path_->setName(tr("Every step"));
  pareto_->setName(tr("Pareto curve"));
  chosen_->setName(tr("Chosen"));
  plot_->replot();
}

} // namespace quantlens
