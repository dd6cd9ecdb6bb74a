#include "VariantMetricsTable.h"

#include <QEvent>
#include <QHeaderView>
#include <QLocale>

namespace quantlens {

namespace {

enum Column { Variant, Miou, Accuracy, Changed, Time, ColumnCount };

QTableWidgetItem* numberItem(const QString& text, double sortValue)
{
  auto* item = new QTableWidgetItem(text);
  item->setData(Qt::UserRole, sortValue);
  item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

QString percent(double fraction)
{
  return QLocale().toString(100.0 * fraction, 'f', 1) + QLatin1Char('%');
}

} // namespace

VariantMetricsTable::VariantMetricsTable(QWidget* parent)
  : QTableWidget(0, ColumnCount, parent)
{
  setEditTriggers(QAbstractItemView::NoEditTriggers);
  setSelectionBehavior(QAbstractItemView::SelectRows);
  verticalHeader()->hide();
  horizontalHeader()->setStretchLastSection(true);
  horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  retranslateUi();
}

void VariantMetricsTable::setRows(const std::vector<VariantMetricsRow>& rows)
{
  setRowCount(static_cast<int>(rows.size()));
  const QString none = QStringLiteral("–");
  for (int r = 0; r < rowCount(); ++r) {
    const auto& row = rows[static_cast<std::size_t>(r)];
    setItem(r, Variant, new QTableWidgetItem(row.variant));
    setItem(r, Miou, row.miou ? numberItem(percent(*row.miou), *row.miou) : new QTableWidgetItem(none));
    setItem(r, Accuracy,
            row.accuracy ? numberItem(percent(*row.accuracy), *row.accuracy) : new QTableWidgetItem(none));
    const QString changed =
      row.changedPoints ? tr("%1 (%2)").arg(QLocale().toString(static_cast<qulonglong>(*row.changedPoints)),
                                            percent(row.changedFraction))
                        : none;
    setItem(r, Changed, numberItem(changed, row.changedFraction));
    setItem(r, Time, numberItem(row.milliseconds > 0.0 ? tr("%1 ms").arg(QLocale().toString(row.milliseconds, 'f', 0))
                                                       : tr("cached"),
                                row.milliseconds));
  }
}

QString VariantMetricsTable::cellText(int row, int column) const
{
  const auto* cell = item(row, column);
  return cell ? cell->text() : QString();
}

void VariantMetricsTable::changeEvent(QEvent* event)
{
  if (event->type() == QEvent::LanguageChange)
    retranslateUi();
  QTableWidget::changeEvent(event);
}

void VariantMetricsTable::retranslateUi()
{
  setHorizontalHeaderLabels({tr("Variant"), tr("mIoU"), tr("Accuracy"), tr("Changed vs FP32"), tr("Time")});
  horizontalHeaderItem(Miou)->setToolTip(tr("Mean IoU over the classes present in this scan"));
  horizontalHeaderItem(Changed)->setToolTip(tr("Points whose class differs from FP32's"));
}

} // namespace quantlens
