#include "QuantizerHistogramChart.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <qcustomplot.h>

#include <cmath>

using namespace quantlens;

namespace {

// Ten bins of width 1 over [0, 10] (centred on 0.5 … 9.5, as TensorStatistics
// lays them out) holding 1, 2, …, 10 of 49 values (bin 5 empty: it holds 0
// instead of 6), as shares.
TensorStatistics tenBins()
{
  TensorStatistics statistics;
  statistics.histogramMin = 0.5;
  statistics.histogramMax = 10.5;
  statistics.min = 0.0;
  statistics.max = 10.0;
  for (const double values : { 1, 2, 3, 4, 5, 0, 7, 8, 9, 10 })
    statistics.histogram.push_back(values / 49.0);
  statistics.histogramBatches = 1;
  statistics.count = 49;
  return statistics;
}

bool near(double a, double b)
{
  return std::abs(a - b) < 1e-12;
}

// An asymmetric integer encoding of [2, 7]: scale·(q + offset), q = 0 … 2^b − 1.
Encoding encoding(int bitwidth)
{
  Encoding e;
  e.bitwidth = bitwidth;
  e.min = 2.0;
  e.scale = 5.0 / (std::ldexp(1.0, bitwidth) - 1.0);
  e.max = 7.0;
  e.offset = -static_cast<std::int64_t>(std::lround(2.0 / e.scale));
  return e;
}

} // namespace

class QuantizerHistogramChartTest : public QObject
{
  Q_OBJECT

private slots:
  void clippedTailsMatchHandCount()
  {
    QuantizerHistogramChart chart;
    chart.setHistogram(tenBins(), encoding(4), QStringLiteral("conv1.output"));
    // Bin centres 0.5, 1.5 lie below 2 (values 1 + 2) and 7.5, 8.5, 9.5 above 7
    // (values 8 + 9 + 10): 30 of 49 clipped. Inside: 3 + 4 + 5 + 0 + 7 = 19.
    QVERIFY(near(chart.valuesClipped(), 30.0 / 49.0));
    QVERIFY(near(chart.valuesInside(), 19.0 / 49.0));
    QCOMPARE(chart.clippedBinCount(), 5);
    QCOMPARE(chart.insideBinCount(), 4); // 3, 4, 5, 7: the empty bin is not drawn
    QVERIFY(std::abs(chart.clippedFraction() - 30.0 / 49.0) < 1e-12);
    QCOMPARE(chart.rangeLineCount(), 2);
    // 30 / 49 = 61.224…%
    QVERIFY2(chart.title().contains(QStringLiteral("61.224")), qPrintable(chart.title()));
    QVERIFY2(chart.title().contains(QStringLiteral("conv1.output")), qPrintable(chart.title()));
  }

  void gridOnlyWhenFewLevelsInView()
  {
    QuantizerHistogramChart chart;
    chart.setHistogram(tenBins(), encoding(4), QString());
    QCOMPARE(chart.gridLineCount(), 16); // all 2^4 levels lie in view
    chart.setHistogram(tenBins(), encoding(8), QString());
    QCOMPARE(chart.gridLineCount(), 0); // 256 levels: too dense to draw

    // Zoomed in on [2, 2.5]: levels 2 + q·5/255 for q = 0 … 25 are in view.
    auto* plot = chart.findChild<QCustomPlot*>();
    QVERIFY(plot);
    plot->xAxis->setRange(2.0 - 1e-6, 2.5);
    QCOMPARE(chart.gridLineCount(), 26);
  }

  void noEncodingClipsNothing()
  {
    QuantizerHistogramChart chart;
    chart.setHistogram(tenBins(), std::nullopt, QString());
    QCOMPARE(chart.valuesClipped(), 0.0);
    QVERIFY(near(chart.valuesInside(), 1.0));
    QCOMPARE(chart.rangeLineCount(), 0);
    QCOMPARE(chart.gridLineCount(), 0);

    Encoding half = encoding(16);
    half.dtype = QuantDtype::Float;
    chart.setHistogram(tenBins(), half, QString());
    QCOMPARE(chart.clippedFraction(), 0.0);
    QCOMPARE(chart.rangeLineCount(), 0);

    chart.clear();
    QCOMPARE(chart.insideBinCount() + chart.clippedBinCount(), 0);
  }

  void logScaleTogglesTheShareAxis()
  {
    QuantizerHistogramChart chart;
    chart.setHistogram(tenBins(), encoding(4), QString());
    auto* plot = chart.findChild<QCustomPlot*>();
    QVERIFY(plot);
    QVERIFY(!chart.isLogScale());
    QCOMPARE(plot->yAxis->scaleType(), QCPAxis::stLinear);
    // Shares are below 1: the axis fits the largest one (10/49), not 1.
    QVERIFY(plot->yAxis->range().upper > 10.0 / 49.0 && plot->yAxis->range().upper < 0.25);
    chart.setLogScale(true);
    QVERIFY(chart.isLogScale());
    QCOMPARE(plot->yAxis->scaleType(), QCPAxis::stLogarithmic);
    // The smallest share (1/49) is above the floor, so its bar shows.
    QVERIFY(plot->yAxis->range().lower > 0.0 && plot->yAxis->range().lower < 1.0 / 49.0);
    chart.setLogScale(false);
    QCOMPARE(plot->yAxis->scaleType(), QCPAxis::stLinear);
  }

  void clippedBinsAreDrawnInTheirOwnColor()
  {
    QuantizerHistogramChart chart;
    chart.resize(500, 360);
    chart.setHistogram(tenBins(), encoding(4), QString());
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const QImage image = chart.grab().toImage();
    int red = 0;
    int blue = 0;
    for (int y = 0; y < image.height(); ++y)
      for (int x = 0; x < image.width(); ++x) {
        const QRgb pixel = image.pixel(x, y) & 0xFFFFFF;
        red += pixel == (qRgb(214, 39, 40) & 0xFFFFFF) ? 1 : 0;
        blue += pixel == (qRgb(70, 130, 180) & 0xFFFFFF) ? 1 : 0;
      }
    // Clipped bins hold more values than the ones in range, so more red than blue.
    QVERIFY2(red > 500 && blue > 200, qPrintable(QStringLiteral("red %1, blue %2").arg(red).arg(blue)));
    QVERIFY(red > blue);
  }

  void exportsPngAndPdf()
  {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QuantizerHistogramChart chart;
    chart.resize(480, 320);
    chart.setHistogram(tenBins(), encoding(4), QString());
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));

    QString error;
    const QString png = dir.filePath(QStringLiteral("histogram.png"));
    QVERIFY2(chart.exportTo(png, &error), qPrintable(error));
    QCOMPARE(QImage(png).size(), QSize(480, 320));
    const QString pdf = dir.filePath(QStringLiteral("histogram.pdf"));
    QVERIFY2(chart.exportTo(pdf, &error), qPrintable(error));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.read(4), QByteArray("%PDF"));

    QVERIFY(!chart.exportTo(dir.filePath(QStringLiteral("absent/histogram.png")), &error));
    QVERIFY(!error.isEmpty());
  }
};

QTEST_MAIN(QuantizerHistogramChartTest)
#include "QuantizerHistogramChartTest.moc"
