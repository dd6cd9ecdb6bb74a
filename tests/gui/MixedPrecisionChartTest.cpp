#include "MixedPrecisionChart.h"

#include <QFile>
#include <QImage>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

using namespace quantlens;

namespace {

constexpr std::uint64_t kFp32BitOps = 400'000'000'000; // 400 GBitOps

MixedPrecisionPoint point(std::size_t step, const char* module, std::uint64_t bitOps, double score, bool pareto)
{
  MixedPrecisionPoint p;
  p.step = step;
  p.module = module;
  p.bitOps = bitOps;
  p.score = score;
  p.drop = 0.99 - score;
  p.pareto = pareto;
  return p;
}

// FP32 scores 0.99; the budget (one point) is 0.98. Step 2 costs more than
// step 1 and scores worse, so it is off the Pareto curve; step 3 is the first
// within budget and is chosen; step 4 costs more for a little more.
MixedPrecisionResult makeResult()
{
  MixedPrecisionResult result;
  result.referenceScore = 0.99;
  result.fp32BitOps = kFp32BitOps;
  result.points = {point(0, "", 12'500'000'000, 0.90, true),
                   point(1, "downCntx.conv1", 20'000'000'000, 0.95, true),
                   point(2, "resBlock1.conv2", 24'000'000'000, 0.94, false),
                   point(3, "upBlock4.conv3", 32'400'000'000, 0.983, true),
                   point(4, "logits", 36'000'000'000, 0.986, true)};
  result.chosen = 3;
  result.budgetMet = true;
  return result;
}

void showChart(MixedPrecisionChart& chart)
{
  chart.resize(640, 420);
  chart.show();
  chart.activateWindow();
  QVERIFY(QTest::qWaitForWindowExposed(&chart));
}

void clickAt(MixedPrecisionChart& chart, QPoint point)
{
  QWidget* target = chart.childAt(point);
  QVERIFY(target);
  QTest::mouseClick(target, Qt::LeftButton, {}, target->mapFrom(&chart, point));
}

bool near(QPointF a, QPointF b)
{
  return qAbs(a.x() - b.x()) < 1e-9 && qAbs(a.y() - b.y()) < 1e-9;
}

QString describe(QPointF p)
{
  return QStringLiteral("(%1, %2)").arg(p.x()).arg(p.y());
}

} // namespace

class MixedPrecisionChartTest : public QObject
{
  Q_OBJECT

private slots:
  void initTestCase() { QLocale::setDefault(QLocale::c()); }

  void drawsEveryStepAtItsBitOpsAndScore()
  {
    const MixedPrecisionResult result = makeResult();
    MixedPrecisionChart chart;
    chart.setResult(result, QStringLiteral("W4A8"), QStringLiteral("agreement"), 0.01, 16);
    QCOMPARE(chart.pointCount(), 5);
    for (int step = 0; step < 5; ++step) {
      const auto& input = result.points[static_cast<std::size_t>(step)];
      const QPointF expected(100.0 * static_cast<double>(input.bitOps) / static_cast<double>(kFp32BitOps),
                             input.score * 100.0);
      QVERIFY2(near(chart.pointValue(step), expected),
               qPrintable(describe(chart.pointValue(step)) + QStringLiteral(" vs ") + describe(expected)));
    }
    QVERIFY(near(chart.pointValue(0), QPointF(3.125, 90.0)));
    QCOMPARE(chart.pointValue(5), QPointF());
    QCOMPARE(chart.chosenStep(), 3);
  }

  void paretoCurveHoldsTheFlaggedSteps()
  {
    const MixedPrecisionResult result = makeResult();
    MixedPrecisionChart chart;
    chart.setResult(result, QStringLiteral("W4A8"), QStringLiteral("agreement"), 0.01);
    const QList<QPointF> pareto = chart.paretoValues();
    QCOMPARE(pareto.size(), 4);
    const int flagged[] = {0, 1, 3, 4};
    for (int i = 0; i < 4; ++i)
      QVERIFY2(near(pareto.at(i), chart.pointValue(flagged[i])), qPrintable(describe(pareto.at(i))));
  }

  void linesAtFp32AndBudget()
  {
    MixedPrecisionChart chart;
    QVERIFY(!chart.referenceLevel());
    chart.setResult(makeResult(), QStringLiteral("W4A8"), QStringLiteral("mIoU"), 0.025);
    QVERIFY(chart.referenceLevel());
    QVERIFY(qAbs(*chart.referenceLevel() - 99.0) < 1e-9);
    QVERIFY(qAbs(*chart.budgetLevel() - 96.5) < 1e-9);
    chart.clear();
    QVERIFY(!chart.referenceLevel());
    QVERIFY(!chart.budgetLevel());
  }

  void toolTipNamesStepCostAndScore()
  {
    MixedPrecisionChart chart;
    chart.setResult(makeResult(), QStringLiteral("W4A8"), QStringLiteral("agreement"), 0.01, 16);
    const QString expected = QStringLiteral("Step 1: +downCntx.conv1 at 16 bit\n"
                                            "20.0 GBitOps (5.00 % of FP32)\n"
                                            "agreement 95.00 % (drop 4.00 points)\n"
                                            "On the Pareto curve");
    QCOMPARE(chart.toolTipAt(1), expected);
    QVERIFY2(chart.toolTipAt(0).startsWith(QStringLiteral("Step 0: W4A8")), qPrintable(chart.toolTipAt(0)));
    QVERIFY2(chart.toolTipAt(2).contains(QStringLiteral("Dominated")), qPrintable(chart.toolTipAt(2)));
    const QString chosen = chart.toolTipAt(3);
    QVERIFY2(chosen.contains(QStringLiteral("32.4 GBitOps (8.10 % of FP32)")), qPrintable(chosen));
    QVERIFY2(chosen.contains(QStringLiteral("Chosen: the cheapest step within the budget")), qPrintable(chosen));
    QVERIFY(chart.toolTipAt(-1).isEmpty());
    QVERIFY(chart.toolTipAt(5).isEmpty());
  }

  void toolTipWithoutBitwidthAndAboveFp32()
  {
    MixedPrecisionResult result = makeResult();
    result.points[4].score = 0.995;
    result.points[4].drop = -0.005;
    MixedPrecisionChart chart;
    chart.setResult(result, QStringLiteral("W4A8"), QStringLiteral("mIoU"), 0.01);
    const QString tip = chart.toolTipAt(4);
    QVERIFY2(tip.startsWith(QStringLiteral("Step 4: +logits\n")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("mIoU 99.50 % (0.50 points above FP32)")), qPrintable(tip));
  }

  void titleAndLegendSayWhatIsShown()
  {
    MixedPrecisionChart chart;
    QVERIFY2(chart.title().contains(QStringLiteral("Mixed Precision…")), qPrintable(chart.title()));
    QCOMPARE(chart.pointCount(), 0);
    QCOMPARE(chart.chosenStep(), -1);
    const QStringList legend = {QStringLiteral("Greedy path"), QStringLiteral("Pareto curve"),
                                QStringLiteral("Chosen step")};
    QCOMPARE(chart.legendTexts(), legend);

    MixedPrecisionResult result = makeResult();
    chart.setResult(result, QStringLiteral("W4A8"), QStringLiteral("agreement"), 0.01);
    QCOMPARE(chart.title(), QStringLiteral("Mixed precision from W4A8: 4 promotion(s), cheapest within the budget: step 3"));
    result.budgetMet = false;
    result.chosen = 4;
    chart.setResult(result, QStringLiteral("W4A8"), QStringLiteral("agreement"), 0.001);
    QCOMPARE(chart.chosenStep(), 4);
    QVERIFY2(chart.title().contains(QStringLiteral("budget not met, best is step 4")), qPrintable(chart.title()));

    chart.clear();
    QCOMPARE(chart.pointCount(), 0);
    QVERIFY(chart.paretoValues().isEmpty());
    QVERIFY2(chart.title().contains(QStringLiteral("Mixed Precision…")), qPrintable(chart.title()));
  }

  void chosenStepIsRinged()
  {
    MixedPrecisionChart chart;
    chart.setResult(makeResult(), QStringLiteral("W4A8"), QStringLiteral("agreement"), 0.01);
    showChart(chart);
    const QImage image = chart.grab().toImage();
    const QColor ring(0xD5, 0x5E, 0x00);
    auto ringPixelsAround = [&](int step) {
      const QPoint centre = chart.pointCenter(step) * image.devicePixelRatio();
      int pixels = 0;
      for (int dy = -12; dy <= 12; ++dy)
        for (int dx = -12; dx <= 12; ++dx) {
          const QPoint p = centre + QPoint(dx, dy);
          pixels += image.rect().contains(p) && (image.pixel(p) & 0xFFFFFF) == (ring.rgb() & 0xFFFFFF) ? 1 : 0;
        }
      return pixels;
    };
    QVERIFY2(ringPixelsAround(3) > 20, qPrintable(QString::number(ringPixelsAround(3))));
    QCOMPARE(ringPixelsAround(0), 0);
  }

  void clickOnStepEmitsIt()
  {
    MixedPrecisionChart chart;
    chart.setResult(makeResult(), QStringLiteral("W4A8"), QStringLiteral("agreement"), 0.01);
    showChart(chart);
    QSignalSpy spy(&chart, &MixedPrecisionChart::stepClicked);
    for (int step : {0, 2, 4}) {
      spy.clear();
      clickAt(chart, chart.pointCenter(step));
      QCOMPARE(spy.count(), 1);
      QCOMPARE(spy.at(0).at(0).toInt(), step);
    }
    // Half-way between steps 0 and 1 horizontally, at the height of FP32: no step is near.
    spy.clear();
    const QPoint away((chart.pointCenter(0).x() + chart.pointCenter(1).x()) / 2, chart.pointCenter(4).y());
    clickAt(chart, away);
    QCOMPARE(spy.count(), 0);
  }

  void hoverShowsTheStepsToolTip()
  {
    MixedPrecisionChart chart;
    chart.setResult(makeResult(), QStringLiteral("W4A8"), QStringLiteral("agreement"), 0.01, 16);
    showChart(chart);
    const QPoint centre = chart.pointCenter(1);
    QWidget* target = chart.childAt(centre);
    QVERIFY(target);
    QTest::mouseMove(target, target->mapFrom(&chart, centre));
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), chart.toolTipAt(1));
  }

  void exportsPngAndPdf()
  {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MixedPrecisionChart chart;
    chart.setResult(makeResult(), QStringLiteral("W4A8"), QStringLiteral("agreement"), 0.01, 16);
    showChart(chart);

    QString error;
    const QString png = dir.filePath(QStringLiteral("amp.png"));
    QVERIFY2(chart.exportTo(png, &error), qPrintable(error));
    const QImage image(png);
    QCOMPARE(image.size(), QSize(640, 420));
    const QString pdf = dir.filePath(QStringLiteral("amp.pdf"));
    QVERIFY2(chart.exportTo(pdf, &error), qPrintable(error));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.size() > 100);
    QCOMPARE(file.read(4), QByteArray("%PDF"));

    QVERIFY(!chart.exportTo(dir.filePath(QStringLiteral("no/such/dir/amp.png")), &error));
    QVERIFY2(error.contains(QStringLiteral("no/such/dir")), qPrintable(error));
    error.clear();
    QVERIFY(!chart.exportTo(dir.filePath(QStringLiteral("amp.svg")), &error));
    QVERIFY2(error.contains(QStringLiteral(".png")), qPrintable(error));
  }
};

QTEST_MAIN(MixedPrecisionChartTest)
#include "MixedPrecisionChartTest.moc"
