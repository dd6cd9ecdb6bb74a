#pragma once

#include <QCoreApplication>
#include <QString>

class QCustomPlot;

namespace quantlens {

/// Writes a QCustomPlot to PNG or PDF, so every chart exports the same way.
/// Internal to widgets/: the charts' public headers only expose exportTo().
class ChartExport
{
  Q_DECLARE_TR_FUNCTIONS(ChartExport)

public:
  /// Raster image at the plot's current size (scale 1, 96 dpi).
  static bool savePng(QCustomPlot* plot, const QString& path, QString* error = nullptr);
  /// Vector PDF at the plot's current size.
  static bool savePdf(QCustomPlot* plot, const QString& path, QString* error = nullptr);
  /// Picks PNG or PDF by the file's suffix (case-insensitive); any other
  /// suffix fails with a message naming the supported ones.
  static bool save(QCustomPlot* plot, const QString& path, QString* error = nullptr);

private:
  static bool checkWritten(const QString& path, bool saved, QString* error);
};

} // namespace quantlens
