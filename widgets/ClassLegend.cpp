#include "ClassLegend.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

#include <algorithm>

namespace quantlens {

ClassLegend::ClassLegend(QWidget* parent)
  : QWidget(parent)
  , grid_(new QGridLayout(this))
{
  grid_->setContentsMargins(4, 4, 4, 4);
  grid_->setHorizontalSpacing(6);
  grid_->setVerticalSpacing(2);
  grid_->setColumnStretch(1, 1);
  // As tall as its rows and no taller, so a dock puts the spare room elsewhere.
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
}

void ClassLegend::setClasses(const std::vector<QColor>& colors, const QStringList& names)
{
  const auto count = std::min<std::size_t>(colors.size(), static_cast<std::size_t>(names.size()));
  colors_.assign(colors.begin(), colors.begin() + static_cast<std::ptrdiff_t>(count));
  names_ = names.mid(0, static_cast<qsizetype>(count));
  rebuild();
}

void ClassLegend::setCounts(std::vector<std::size_t> counts)
{
  counts_ = std::move(counts);
  updateRows();
}

void ClassLegend::setHideAbsent(bool hide)
{
  hideAbsent_ = hide;
  updateRows();
}

bool ClassLegend::isClassShown(int classId) const
{
  if (classId < 0 || classId >= static_cast<int>(rows_.size()))
    return false;
  return !rows_[static_cast<std::size_t>(classId)].name->isHidden();
}

void ClassLegend::rebuild()
{
  for (const auto& row : rows_) {
    delete row.swatch;
    delete row.name;
    delete row.count;
  }
  rows_.clear();
  for (std::size_t i = 0; i < colors_.size(); ++i) {
    Row row{new QLabel(this), new QLabel(names_[static_cast<qsizetype>(i)], this), new QLabel(this)};
    row.swatch->setPixmap(swatchPixmap(colors_[i]));
    row.count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    const int line = static_cast<int>(i);
    grid_->addWidget(row.swatch, line, 0);
    grid_->addWidget(row.name, line, 1);
    grid_->addWidget(row.count, line, 2);
    rows_.push_back(row);
  }
  updateRows();
}

void ClassLegend::updateRows()
{
  const bool withCounts = !counts_.empty();
  const QLocale locale;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const std::size_t count = i < counts_.size() ? counts_[i] : 0;
    const bool shown = !(withCounts && hideAbsent_ && count == 0);
    const auto& row = rows_[i];
    row.swatch->setVisible(shown);
    row.name->setVisible(shown);
    row.count->setVisible(shown && withCounts);
    row.count->setText(withCounts ? locale.toString(static_cast<qulonglong>(count)) : QString());
  }
  updateGeometry();
}

QPixmap ClassLegend::swatchPixmap(const QColor& color) const
{
  // A square as tall as a capital letter lines up with the names.
  const int side = std::max(fontMetrics().capHeight() + 2, 8);
  QPixmap pixmap(side, side);
  pixmap.fill(color);
  QPainter painter(&pixmap);
  painter.setPen(palette().color(QPalette::WindowText));
  painter.drawRect(0, 0, side - 1, side - 1);
  return pixmap;
}

} // namespace quantlens
