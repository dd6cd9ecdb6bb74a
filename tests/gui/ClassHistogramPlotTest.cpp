#include "ClassHistogramPlot.h"

#include "data/LabelMap.h"

#include <QTest>

using namespace quantlens;

class ClassHistogramPlotTest : public QObject
{
  Q_OBJECT

private slots:
  void drawsOneBarPerClassInItsColor()
  {
    const LabelMap labels = LabelMap::semanticKitti();
    std::vector<std::size_t> counts(static_cast<std::size_t>(labels.classCount()), 0);
    counts[1] = 5000;  // car
    counts[9] = 60000; // road
    ClassHistogramPlot plot;
    plot.resize(400, 500);
    plot.setCounts(labels, counts);
    QCOMPARE(plot.barCount(), labels.classCount() - 1); // class 0 (ignored) is not drawn

    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    const QImage image = plot.grab().toImage();
    // Road's color is magenta (BGR 255,0,255 in the yaml): it must be in the picture.
    const auto road = labels.classColor(9);
    const QRgb roadRgb = qRgb(road[0], road[1], road[2]);
    int roadPixels = 0;
    for (int y = 0; y < image.height(); ++y)
      for (int x = 0; x < image.width(); ++x)
        roadPixels += (image.pixel(x, y) & 0xFFFFFF) == (roadRgb & 0xFFFFFF) ? 1 : 0;
    QVERIFY2(roadPixels > 50, qPrintable(QStringLiteral("road-colored pixels: %1").arg(roadPixels)));
  }

  void clearRemovesBars()
  {
    const LabelMap labels = LabelMap::semanticKitti();
    ClassHistogramPlot plot;
    plot.setCounts(labels, std::vector<std::size_t>(20, 10));
    plot.clear();
    QCOMPARE(plot.barCount(), 0);
  }
};

QTEST_MAIN(ClassHistogramPlotTest)
#include "ClassHistogramPlotTest.moc"
