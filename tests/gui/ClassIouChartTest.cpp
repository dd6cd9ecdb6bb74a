#include "ClassIouChart.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace quantlens;

namespace {

const QStringList kClassNames = {QStringLiteral("unlabeled"), QStringLiteral("car"), QStringLiteral("bicycle"),
                                 QStringLiteral("road"), QStringLiteral("person")};

// Ground truth has car, road and person; bicycle is absent (and class 0 always is).
VariantIou variant(const char* name, std::vector<double> iou, double miou)
{
  return VariantIou{QString::fromLatin1(name), std::move(iou), {false, true, false, true, true}, miou};
}

std::vector<VariantIou> fourVariants()
{
  return {variant("FP32", {0.0, 0.91, 0.0, 0.95, 0.35}, 0.7361),
          variant("W8A8", {0.0, 0.90, 0.0, 0.94, 0.33}, 0.7234),
          variant("W4A8", {0.0, 0.62, 0.1, 0.81, 0.05}, 0.4924),
          variant("Custom", {0.0, 0.88, 0.0, 0.93, 0.30}, 0.70)};
}

int countPixels(const QImage& image, QColor color)
{
  int count = 0;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x)
      count += (image.pixel(x, y) & 0xFFFFFF) == (color.rgb() & 0xFFFFFF) ? 1 : 0;
  return count;
}

} // namespace

class ClassIouChartTest : public QObject
{
  Q_OBJECT

private slots:
  void legendGivesEachVariantsMiou()
  {
    ClassIouChart chart;
    chart.setData(kClassNames, fourVariants());
    QCOMPARE(chart.variantCount(), 4);
    const QStringList expected = {QStringLiteral("FP32 (mIoU 73.6%)"), QStringLiteral("W8A8 (mIoU 72.3%)"),
                                  QStringLiteral("W4A8 (mIoU 49.2%)"), QStringLiteral("Custom (mIoU 70.0%)")};
    QCOMPARE(chart.legendTexts(), expected);
  }

  void drawsOnlyPresentClassesWithEachVariantsIou()
  {
    ClassIouChart chart;
    const std::vector<VariantIou> variants = fourVariants();
    chart.setData(kClassNames, variants);
    const QStringList expectedClasses = {QStringLiteral("car"), QStringLiteral("road"), QStringLiteral("person")};
    QCOMPARE(chart.shownClasses(), expectedClasses);
    const int classIds[] = {1, 3, 4};
    for (int v = 0; v < 4; ++v)
      for (int position = 0; position < 3; ++position) {
        const double expected = variants[static_cast<std::size_t>(v)].iou[static_cast<std::size_t>(classIds[position])] * 100.0;
        QVERIFY2(qAbs(chart.barValue(v, position) - expected) < 1e-9,
                 qPrintable(QStringLiteral("variant %1 class %2: %3 vs %4")
                              .arg(v).arg(position).arg(chart.barValue(v, position)).arg(expected)));
      }
  }

  void classPresentInOneVariantIsShown()
  {
    std::vector<VariantIou> variants = fourVariants();
    variants[1].present[2] = true; // bicycle
    ClassIouChart chart;
    chart.setData(kClassNames, variants);
    QCOMPARE(chart.shownClasses().size(), 4);
    QCOMPARE(chart.shownClasses().at(1), QStringLiteral("bicycle"));
    QCOMPARE(chart.barValue(2, 1), 10.0); // W4A8's bicycle IoU 0.1
  }

  void colorsAreGivenOrDistinct()
  {
    ClassIouChart chart;
    const QColor orange(255, 128, 0);
    chart.setData(kClassNames, fourVariants(), {orange});
    QCOMPARE(chart.variantColor(0), orange);
    for (int a = 0; a < 4; ++a)
      for (int b = a + 1; b < 4; ++b)
        QVERIFY(chart.variantColor(a) != chart.variantColor(b));
  }

  void barsAreDrawnInTheVariantColors()
  {
    ClassIouChart chart;
    chart.resize(600, 400);
    const std::vector<QColor> colors = {QColor(200, 0, 0), QColor(0, 160, 0), QColor(0, 0, 220), QColor(230, 200, 0)};
    chart.setData(kClassNames, fourVariants(), colors);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const QImage image = chart.grab().toImage();
    for (const QColor& color : colors) {
      const int pixels = countPixels(image, color);
      QVERIFY2(pixels > 100, qPrintable(QStringLiteral("%1: %2 pixels").arg(color.name()).arg(pixels)));
    }
  }

  void titleSaysScope()
  {
    ClassIouChart chart;
    chart.setData(kClassNames, fourVariants());
    QVERIFY2(chart.title().contains(QStringLiteral("this scan")), qPrintable(chart.title()));
    chart.setScope(IouScope::Accumulated, 3);
    QVERIFY2(chart.title().contains(QStringLiteral("accumulated")), qPrintable(chart.title()));
    QVERIFY2(chart.title().contains(QStringLiteral("3 scan")), qPrintable(chart.title()));
  }

  void clearRemovesEverything()
  {
    ClassIouChart chart;
    chart.setData(kClassNames, fourVariants());
    chart.clear();
    QCOMPARE(chart.variantCount(), 0);
    QVERIFY(chart.shownClasses().isEmpty());
    QVERIFY(chart.legendTexts().isEmpty());
  }

  void exportsPngAndPdf()
  {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ClassIouChart chart;
    chart.resize(640, 420);
    chart.setData(kClassNames, fourVariants());
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));

    QString error;
    const QString png = dir.filePath(QStringLiteral("iou.png"));
    QVERIFY2(chart.exportTo(png, &error), qPrintable(error));
    const QImage image(png);
    QCOMPARE(image.size(), QSize(640, 420));
    const QString pdf = dir.filePath(QStringLiteral("iou.pdf"));
    QVERIFY2(chart.exportTo(pdf, &error), qPrintable(error));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.read(4), QByteArray("%PDF"));
    QVERIFY(file.size() > 100);

    QVERIFY(!chart.exportTo(dir.filePath(QStringLiteral("no/such/dir/iou.pdf")), &error));
    QVERIFY(error.contains(QStringLiteral("no/such/dir")));
  }
};

QTEST_MAIN(ClassIouChartTest)
#include "ClassIouChartTest.moc"
