#include "ChartExport.h"

#include <QFileInfo>
#include <qcustomplot.h>

namespace quantlens {

namespace {

void setError(QString* error, const QString& message)
{
  if (error)
    *error = message;
}

} // namespace

bool ChartExport::savePng(QCustomPlot* plot, const QString& path, QString* error)
{
  return checkWritten(path, plot->savePng(path), error);
}

bool ChartExport::savePdf(QCustomPlot* plot, const QString& path, QString* error)
{
  // Cosmetic (zero-width) pens would print hairline-thin in some viewers.
  return checkWritten(path, plot->savePdf(path, 0, 0, QCP::epNoCosmetic), error);
}

bool ChartExport::save(QCustomPlot* plot, const QString& path, QString* error)
{
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("png"))
    return savePng(plot, path, error);
  if (suffix == QLatin1String("pdf"))
    return savePdf(plot, path, error);
  setError(error, tr("Cannot export the chart to %1: the file name must end in .png or .pdf.").arg(path));
  return false;
}

bool ChartExport::checkWritten(const QString& path, bool saved, QString* error)
{
  // QCustomPlot reports most failures, but a PDF whose file could not be
  // opened can still look like success: check the file really is there.
  const QFileInfo written(path);
  if (saved && written.exists() && written.size() > 0)
    return true;
  setError(error, tr("Could not write the chart to %1: check that the folder exists and is writable.").arg(path));
  return false;
}

} // namespace quantlens
