#include "PointInfoPanel.h"

#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace quantlens {

namespace {

QString formatNumber(double value, int decimals)
{
  return QLocale().toString(value, 'f', decimals);
}

} // namespace

PointInfoPanel::PointInfoPanel(QWidget* parent)
  : QWidget(parent)
  , label_(new QLabel(this))
{
  label_->setObjectName(QStringLiteral("pointInfoText"));
  label_->setTextFormat(Qt::RichText);
  label_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  label_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  label_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(label_);
  layout->addStretch(1);
  showContents();
}

void PointInfoPanel::setPoint(const PickedPointInfo& info)
{
  point_ = info;
  showContents();
}

void PointInfoPanel::clear()
{
  point_.reset();
  showContents();
}

QString PointInfoPanel::text() const
{
  return label_->text();
}

void PointInfoPanel::showContents()
{
  if (point_)
    label_->setText(pointHtml(*point_));
  else
    label_->setText(QStringLiteral("<i>%1</i>").arg(tr("Click a point in a 3D view").toHtmlEscaped()));
}

QString PointInfoPanel::pointHtml(const PickedPointInfo& info) const
{
  QStringList lines;
  lines << QStringLiteral("<b>%1</b>").arg(tr("Point %1").arg(info.index).toHtmlEscaped());
  lines << tr("x, y, z: %1, %2, %3 m")
             .arg(formatNumber(info.x, 2), formatNumber(info.y, 2), formatNumber(info.z, 2))
             .toHtmlEscaped();
  lines << tr("Range: %1 m").arg(formatNumber(info.range, 2)).toHtmlEscaped();
  lines << tr("Remission: %1").arg(formatNumber(info.remission, 2)).toHtmlEscaped();
  lines << classLine(tr("Ground truth"), info.truthClass, info.truthColor, false);
  const QString reference = info.variants.empty() ? QString() : info.variants.front().className;
  for (const auto& variant : info.variants)
    lines << classLine(variant.variant, variant.className, variant.color, variant.className != reference);
  return lines.join(QStringLiteral("<br>"));
}

QString PointInfoPanel::classLine(const QString& caption, const QString& className, const QColor& color,
                                  bool differs) const
{
  // U+25A0 BLACK SQUARE in the class color is the swatch: it stays in the
  // text, so the line copies as plain text.
  const QString swatch = QStringLiteral("<span style=\"color:%1\">&#9632;</span>").arg(color.name());
  const QString line = tr("%1: %2").arg(caption, className).toHtmlEscaped();
  if (!differs)
    return swatch + QLatin1Char(' ') + line;
  return swatch + QStringLiteral(" <b><span style=\"color:%1\">%2</span></b>").arg(differenceColor().name(), line);
}

void PointInfoPanel::changeEvent(QEvent* event)
{
  if (event->type() == QEvent::LanguageChange)
    showContents();
  QWidget::changeEvent(event);
}

} // namespace quantlens
