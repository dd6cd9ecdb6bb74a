#include "MixedPrecisionChart.h"

#include "ChartExport.h"

#include <QEvent>
#include <QLocale>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace quantlens {

namespace {

/// How near (in pixels) a click or hover must be to a step's marker.
constexpr double kPickRadius = 12.0;
/// Least padding around the points, in percent (of FP32's BitOps, of score):
/// a single point or a flat path still gets a readable frame.
constexpr double kMinPad = 0.5;

const QColor kPathColor(150, 150, 150);
const QColor kParetoColor(0x00, 0x72, 0xB2); // Okabe–Ito blue, as in ClassIouChart
const QColor kChosenColor(0xD5, 0x5E, 0x00); // Okabe–Ito vermillion
const QColor kReferenceColor(0x00, 0x9E, 0x73); // Okabe–Ito green

/// Three significant digits: BitOps run from a fraction of a G (small test
/// models) to hundreds of G, and percentages of FP32 from ~3 to 100.
QString threeDigits(double value)
{
  const double magnitude = value > 0.0 ? std::floor(std::log10(value)) : 0.0;
  const int decimals = std::clamp(2 - static_cast<int>(magnitude), 0, 6);
  return QLocale().toString(value, 'f', decimals);
}

QString percent(double fraction)
{
  return QLocale().toString(100.0 * fraction, 'f', 2);
}

QCPItemStraightLine* makeLine(QCustomPlot* plot, Qt::PenStyle style)
{
  auto* line = new QCPItemStraightLine(plot);
  line->setPen(QPen(kReferenceColor, 1.5, style));
  line->setVisible(false);
  return line;
}

/// A label at the left end of a horizontal line, above it (`above`) or below.
QCPItemText* makeLineLabel(QCustomPlot* plot, bool above)
{
  auto* label = new QCPItemText(plot);
  label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
  label->position->setTypeY(QCPItemPosition::ptPlotCoords);
  label->setPositionAlignment(Qt::AlignLeft | (above ? Qt::AlignBottom : Qt::AlignTop));
  label->setColor(kReferenceColor.darker(130));
  label->setPadding(QMargins(4, 1, 4, 1));
  label->setVisible(false);
  return label;
}

} // namespace

MixedPrecisionChart::MixedPrecisionChart(QWidget* parent)
  : QWidget(parent)
  , plot_(new QCustomPlot(this))
  , title_(new QCPTextElement(plot_))
  , path_(new QCPCurve(plot_->xAxis, plot_->yAxis))
  , pareto_(plot_->addGraph())
  , chosen_(plot_->addGraph())
  , referenceLine_(makeLine(plot_, Qt::SolidLine))
  , budgetLine_(makeLine(plot_, Qt::DashLine))
  , referenceLabel_(makeLineLabel(plot_, true))
  , budgetLabel_(makeLineLabel(plot_, false))
{
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  plot_->setMinimumSize(360, 240);
  plot_->plotLayout()->insertRow(0);
  plot_->plotLayout()->addElement(0, 0, title_);
  // A curve, not a graph: it joins the steps in path order, whatever their BitOps.
  path_->setPen(QPen(kPathColor, 1.5));
  path_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kPathColor, Qt::white, 7));
  pareto_->setPen(QPen(kParetoColor, 2.5));
  pareto_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kParetoColor, kParetoColor, 8));
  // A ring around the chosen step keeps its own marker visible inside.
  chosen_->setLineStyle(QCPGraph::lsNone);
  chosen_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kChosenColor, 3), Qt::NoBrush, 18));
  // More BitOps buy a higher score, so the lower right stays free of points.
  plot_->legend->setVisible(true);
  plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
  plot_->setMouseTracking(true);
  connect(plot_, &QCustomPlot::mouseMove, this, &MixedPrecisionChart::onMouseMove);
  connect(plot_, &QCustomPlot::mousePress, this, &MixedPrecisionChart::onMousePress);
  fitRanges();
  retranslateUi();
}

void MixedPrecisionChart::setResult(const MixedPrecisionResult& result, const QString& presetName,
                                    const QString& metricName, double maxDrop, int promotedBitwidth)
{
  result_ = result;
  preset_ = presetName;
  metric_ = metricName;
  maxDrop_ = maxDrop;
  promotedBitwidth_ = promotedBitwidth;
  fillData();
  placeLines();
  fitRanges();
  retranslateUi();
}

void MixedPrecisionChart::clear()
{
  setResult({}, {}, {}, 0.0);
}

bool MixedPrecisionChart::hasPoints() const
{
  return !result_.points.empty();
}

double MixedPrecisionChart::bitOpsPercent(std::uint64_t bitOps) const
{
  return result_.fp32BitOps == 0 ? 0.0
                                 : 100.0 * static_cast<double>(bitOps) / static_cast<double>(result_.fp32BitOps);
}

void MixedPrecisionChart::fillData()
{
  path_->data()->clear();
  pareto_->data()->clear();
  chosen_->data()->clear();
  for (std::size_t i = 0; i < result_.points.size(); ++i) {
    const MixedPrecisionPoint& point = result_.points[i];
    const double x = bitOpsPercent(point.bitOps);
    const double y = 100.0 * point.score;
    path_->addData(static_cast<double>(i), x, y);
    if (point.pareto)
      pareto_->addData(x, y);
    if (i == result_.chosen)
      chosen_->addData(x, y);
  }
}

void MixedPrecisionChart::placeLines()
{
  const double reference = 100.0 * result_.referenceScore;
  const double budget = reference - 100.0 * maxDrop_;
  referenceLine_->point1->setCoords(0, reference);
  referenceLine_->point2->setCoords(1, reference);
  budgetLine_->point1->setCoords(0, budget);
  budgetLine_->point2->setCoords(1, budget);
  referenceLabel_->position->setCoords(0.0, reference);
  budgetLabel_->position->setCoords(0.0, budget);
  const std::array<QCPAbstractItem*, 4> items = {referenceLine_, budgetLine_, referenceLabel_, budgetLabel_};
  for (QCPAbstractItem* item : items)
    item->setVisible(hasPoints());
}

void MixedPrecisionChart::fitRanges()
{
  if (!hasPoints()) {
    plot_->xAxis->setRange(0.0, 100.0);
    plot_->yAxis->setRange(0.0, 100.0);
    return;
  }
  // Both lines stay in view: where the budget lies matters even when every step is far below it.
  double left = pointValue(0).x();
  double right = left;
  double bottom = *budgetLevel();
  double top = *referenceLevel();
  for (int step = 0; step < pointCount(); ++step) {
    const QPointF value = pointValue(step);
    left = std::min(left, value.x());
    right = std::max(right, value.x());
    bottom = std::min(bottom, value.y());
    top = std::max(top, value.y());
  }
  const double padX = std::max((right - left) * 0.06, kMinPad);
  // The top pad leaves room for the FP32 label above its line.
  const double padY = std::max((top - bottom) * 0.12, kMinPad);
  plot_->xAxis->setRange(left - padX, right + padX);
  plot_->yAxis->setRange(bottom - padY, top + padY);
}

int MixedPrecisionChart::pointCount() const
{
  return path_->dataCount();
}

QPointF MixedPrecisionChart::pointValue(int step) const
{
  if (step < 0 || step >= pointCount())
    return {};
  // The curve keeps its data sorted by t, which is the step.
  const auto data = path_->data()->at(step);
  return {data->key, data->value};
}

QList<QPointF> MixedPrecisionChart::paretoValues() const
{
  QList<QPointF> values;
  for (const QCPGraphData& data : *pareto_->data())
    values << QPointF(data.key, data.value);
  return values;
}

std::optional<double> MixedPrecisionChart::referenceLevel() const
{
  if (!referenceLine_->visible())
    return std::nullopt;
  return referenceLine_->point1->coords().y();
}

std::optional<double> MixedPrecisionChart::budgetLevel() const
{
  if (!budgetLine_->visible())
    return std::nullopt;
  return budgetLine_->point1->coords().y();
}

int MixedPrecisionChart::chosenStep() const
{
  return hasPoints() ? static_cast<int>(result_.chosen) : -1;
}

QString MixedPrecisionChart::stepText(int step) const
{
  if (step == 0)
    return tr("Step 0: %1 as it is").arg(preset_);
  const QString module = QString::fromStdString(result_.points[static_cast<std::size_t>(step)].module);
  if (promotedBitwidth_ <= 0)
    return tr("Step %1: +%2").arg(QString::number(step), module);
  return tr("Step %1: +%2 at %3 bit").arg(QString::number(step), module, QString::number(promotedBitwidth_));
}

QString MixedPrecisionChart::scoreText(const MixedPrecisionPoint& point) const
{
  const QString metric = metric_.isEmpty() ? tr("score") : metric_;
  const QString score = percent(point.score);
  // mIoU on a few scans can come out above FP32's; a negative drop would read oddly.
  if (point.drop < 0.0)
    return tr("%1 %2 % (%3 points above FP32)").arg(metric, score, percent(-point.drop));
  return tr("%1 %2 % (drop %3 points)").arg(metric, score, percent(point.drop));
}

QString MixedPrecisionChart::standingText(int step) const
{
  if (step == chosenStep())
    return result_.budgetMet ? tr("Chosen: the cheapest step within the budget")
                             : tr("Chosen: the best score, as no step is within the budget");
  if (result_.points[static_cast<std::size_t>(step)].pareto)
    return tr("On the Pareto curve");
  return tr("Dominated: a step with no more BitOps scores at least as well");
}

QString MixedPrecisionChart::toolTipAt(int step) const
{
  if (step < 0 || step >= pointCount())
    return {};
  const MixedPrecisionPoint& point = result_.points[static_cast<std::size_t>(step)];
  const QString bitOps = tr("%1 GBitOps (%2 % of FP32)")
                           .arg(threeDigits(static_cast<double>(point.bitOps) * 1e-9),
                                threeDigits(bitOpsPercent(point.bitOps)));
  return QStringList{stepText(step), bitOps, scoreText(point), standingText(step)}.join(QLatin1Char('\n'));
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
  if (event->button() != Qt::LeftButton)
    return;
  const int step = stepAtPixel(event->position());
  if (step >= 0)
    emit stepClicked(step);
}

QString MixedPrecisionChart::titleText() const
{
  if (!hasPoints())
    return tr("Mixed precision: run Analysis → Mixed Precision…");
  const QString outcome = result_.budgetMet ? tr("cheapest within the budget: step %1").arg(chosenStep())
                                            : tr("budget not met, best is step %1").arg(chosenStep());
  return tr("Mixed precision from %1: %n promotion(s), %2", nullptr, pointCount() - 1).arg(preset_, outcome);
}

QStringList MixedPrecisionChart::legendTexts() const
{
  QStringList texts;
  for (int i = 0; i < plot_->legend->itemCount(); ++i)
    if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot_->legend->item(i)))
      texts << item->plottable()->name();
  return texts;
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
  path_->setName(tr("Greedy path"));
  pareto_->setName(tr("Pareto curve"));
  chosen_->setName(tr("Chosen step"));
  referenceLabel_->setText(tr("FP32: %1 %").arg(percent(result_.referenceScore)));
  budgetLabel_->setText(tr("Budget: %1 points below FP32").arg(percent(maxDrop_)));
  plot_->replot();
}

} // namespace quantlens
