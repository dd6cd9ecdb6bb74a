#include "ClassIouChart.h"

#include "ChartExport.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

#include <array>

namespace quantlens {

namespace {

// Distinct under common color blindness (Okabe–Ito); FP32 first, as the reference.
constexpr std::array<QRgb, 6> kPalette = {0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0x56B4E9, 0xD55E00};
constexpr double kGroupWidth = 0.8;

bool presentInAny(const std::vector<VariantIou>& variants, std::size_t classId)
{
  for (const VariantIou& variant : variants)
    if (classId < variant.present.size() && variant.present[classId])
      return true;
  return false;
}

} // namespace

ClassIouChart::ClassIouChart(QWidget* parent)
  : QWidget(parent)
  , plot_(new QCustomPlot(this))
  , title_(new QCPTextElement(plot_))
  , group_(new QCPBarsGroup(plot_))
{
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  plot_->setMinimumSize(360, 260);
  plot_->plotLayout()->insertRow(0);
  plot_->plotLayout()->addElement(0, 0, title_);
  plot_->legend->setVisible(true);
  plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  // Class names are long ("other-vehicle"): slant them rather than thin them out.
  plot_->xAxis->setTickLabelRotation(60);
  plot_->xAxis->grid()->setVisible(false);
  plot_->yAxis->setRange(0.0, 105.0);
  // The group places one bar per variant side by side within each class.
  group_->setSpacingType(QCPBarsGroup::stAbsolute);
  group_->setSpacing(1);
  retranslateUi();
}

void ClassIouChart::setData(const QStringList& classNames, const std::vector<VariantIou>& variants,
                            const std::vector<QColor>& colors)
{
  classNames_ = classNames;
  variants_ = variants;
  colors_ = colors;
  rebuild();
}

void ClassIouChart::setScope(IouScope scope, int scanCount)
{
  scope_ = scope;
  scanCount_ = scanCount;
  title_->setText(titleText());
  plot_->replot();
}

void ClassIouChart::clear()
{
  classNames_.clear();
  variants_.clear();
  colors_.clear();
  rebuild();
}

int ClassIouChart::variantCount() const
{
  return static_cast<int>(bars_.size());
}

QStringList ClassIouChart::shownClasses() const
{
  QStringList names;
  for (const int classId : shownClassIds_)
    names << classNames_.value(classId);
  return names;
}

QStringList ClassIouChart::legendTexts() const
{
  QStringList texts;
  for (QCPBars* bars : bars_)
    texts << bars->name();
  return texts;
}

double ClassIouChart::barValue(int variant, int position) const
{
  if (variant < 0 || variant >= variantCount())
    return 0.0;
  const auto data = bars_[static_cast<std::size_t>(variant)]->data();
  const auto it = data->findBegin(static_cast<double>(position), false);
  if (it == data->constEnd() || it->key != static_cast<double>(position))
    return 0.0;
  return it->value;
}

QColor ClassIouChart::variantColor(int variant) const
{
  if (variant < 0 || variant >= variantCount())
    return {};
  return bars_[static_cast<std::size_t>(variant)]->brush().color();
}

QString ClassIouChart::title() const
{
  return title_->text();
}

bool ClassIouChart::exportTo(const QString& file, QString* error) const
{
  return ChartExport::save(plot_, file, error);
}

void ClassIouChart::changeEvent(QEvent* event)
{
  if (event->type() == QEvent::LanguageChange)
    retranslateUi();
  QWidget::changeEvent(event);
}

void ClassIouChart::rebuild()
{
  plot_->clearPlottables();
  bars_.clear();
  shownClassIds_.clear();
  for (qsizetype classId = 0; classId < classNames_.size(); ++classId)
    if (presentInAny(variants_, static_cast<std::size_t>(classId)))
      shownClassIds_.push_back(static_cast<int>(classId));

  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (std::size_t position = 0; position < shownClassIds_.size(); ++position)
    ticker->addTick(static_cast<double>(position), classNames_.value(shownClassIds_[position]));
  plot_->xAxis->setTicker(ticker);

  const double barWidth = variants_.empty() ? kGroupWidth : kGroupWidth / static_cast<double>(variants_.size());
  for (std::size_t v = 0; v < variants_.size(); ++v) {
    const VariantIou& variant = variants_[v];
    auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
    const QColor color = v < colors_.size() && colors_[v].isValid() ? colors_[v] : QColor(kPalette[v % kPalette.size()]);
    bars->setBrush(color);
    bars->setPen(QPen(color.darker(150), 0.5));
    bars->setWidth(barWidth);
    bars->setBarsGroup(group_);
    bars->setName(legendText(variant));
    for (std::size_t position = 0; position < shownClassIds_.size(); ++position) {
      const auto classId = static_cast<std::size_t>(shownClassIds_[position]);
      const double iou = classId < variant.iou.size() ? variant.iou[classId] : 0.0;
      bars->addData(static_cast<double>(position), iou * 100.0);
    }
    bars_.push_back(bars);
  }
  plot_->xAxis->setRange(-0.6, static_cast<double>(std::max<std::size_t>(shownClassIds_.size(), 1)) - 0.4);
  title_->setText(titleText());
  plot_->replot();
}

QString ClassIouChart::legendText(const VariantIou& variant) const
{
  return tr("%1 (mIoU %2%)").arg(variant.name, QString::number(variant.miou * 100.0, 'f', 1));
}

QString ClassIouChart::titleText() const
{
  if (scope_ == IouScope::Accumulated)
    return tr("Per-class IoU, accumulated over %n scan(s)", nullptr, scanCount_);
  return tr("Per-class IoU, this scan");
}

void ClassIouChart::retranslateUi()
{
  plot_->yAxis->setLabel(tr("IoU (%)"));
  for (std::size_t v = 0; v < bars_.size() && v < variants_.size(); ++v)
    bars_[v]->setName(legendText(variants_[v]));
  title_->setText(titleText());
  plot_->replot();
}

} // namespace quantlens
