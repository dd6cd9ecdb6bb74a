#include "SensitivityChart.h"

#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace quantlens;

namespace {

LayerScore score(const char* module, double sensitivity, std::size_t order)
{
  LayerScore layer;
  layer.module = module;
  layer.sensitivity = sensitivity;
  layer.agreement = 1.0 - sensitivity;
  layer.order = order;
  return layer;
}

// Deliberately in neither ranking nor graph order, with a tie (conv2/conv4).
SensitivityResult makeResult()
{
  SensitivityResult result;
  result.mode = SensitivityMode::OnlyThisLayer;
  result.metric = SensitivityMetric::Agreement;
  result.layers = {score("conv3", 0.05, 2), score("conv4", 0.20, 3), score("conv0", 0.125, 0),
                   score("conv2", 0.20, 1), score("head", 0.30, 4)};
  return result;
}

QStringList drawnModules(const SensitivityChart& chart)
{
  QStringList modules;
  for (int i = 0; i < chart.barCount(); ++i)
    modules << chart.moduleAt(i);
  return modules;
}

void clickAt(SensitivityChart& chart, QPoint point)
{
  QWidget* target = chart.childAt(point);
  QVERIFY(target);
  QTest::mouseClick(target, Qt::LeftButton, {}, target->mapFrom(&chart, point));
}

} // namespace

class SensitivityChartTest : public QObject
{
  Q_OBJECT

private slots:
  void sortedAndNetworkOrder()
  {
    const SensitivityResult result = makeResult();
    // Expected orders, computed here: descending sensitivity with ties in graph
    // order, and plain graph order.
    std::vector<LayerScore> ranked = result.layers;
    std::sort(ranked.begin(), ranked.end(), [](const LayerScore& a, const LayerScore& b) {
      return a.sensitivity != b.sensitivity ? a.sensitivity > b.sensitivity : a.order < b.order;
    });
    QStringList expectedRanked;
    for (const LayerScore& layer : ranked)
      expectedRanked << QString::fromStdString(layer.module);
    std::vector<LayerScore> network = result.layers;
    std::sort(network.begin(), network.end(), [](const LayerScore& a, const LayerScore& b) { return a.order < b.order; });
    QStringList expectedNetwork;
    for (const LayerScore& layer : network)
      expectedNetwork << QString::fromStdString(layer.module);

    SensitivityChart chart;
    chart.setResult(result);
    QCOMPARE(chart.barCount(), 5);
    QCOMPARE(drawnModules(chart), expectedRanked);
    QCOMPARE(expectedRanked.first(), QStringLiteral("head"));
    QCOMPARE(chart.sensitivityAt(0), 0.30);
    chart.setSortedBySensitivity(false);
    QCOMPARE(drawnModules(chart), expectedNetwork);
    QCOMPARE(expectedNetwork.first(), QStringLiteral("conv0"));
    QCOMPARE(chart.sensitivityAt(0), 0.125);
    QVERIFY(chart.moduleAt(5).isEmpty());
    chart.clear();
    QCOMPARE(chart.barCount(), 0);
  }

  void titleNamesModeAndMetric()
  {
    SensitivityResult result = makeResult();
    SensitivityChart chart;
    chart.setResult(result);
    QVERIFY2(chart.title().contains(QStringLiteral("Only this layer")), qPrintable(chart.title()));
    result.mode = SensitivityMode::AllButThisLayer;
    result.metric = SensitivityMetric::MeanIou;
    result.baselineMiou = 0.512;
    chart.setResult(result);
    QVERIFY2(chart.title().contains(QStringLiteral("All but this layer")), qPrintable(chart.title()));
    QVERIFY2(chart.title().contains(QStringLiteral("mIoU")), qPrintable(chart.title()));
    QVERIFY2(chart.title().contains(QStringLiteral("51.20")), qPrintable(chart.title()));
  }

  void toolTipShowsModuleAndValues()
  {
    SensitivityChart chart;
    chart.setResult(makeResult());
    chart.setSortedBySensitivity(false);
    const QString tip = chart.toolTipAt(0); // conv0: sensitivity 0.125, agreement 0.875
    QVERIFY2(tip.contains(QStringLiteral("conv0")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("12.50")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("87.50")), qPrintable(tip));
    QVERIFY(chart.toolTipAt(-1).isEmpty());
  }

  void clickOnBarEmitsItsModule()
  {
    SensitivityChart chart;
    chart.resize(600, 400);
    chart.setResult(makeResult());
    chart.show();
    chart.activateWindow();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QSignalSpy spy(&chart, &SensitivityChart::layerClicked);

    for (int position : {0, 3}) {
      spy.clear();
      clickAt(chart, chart.barCenter(position));
      QCOMPARE(spy.count(), 1);
      QCOMPARE(spy.at(0).at(0).toString(), chart.moduleAt(position));
    }

    // In the last row (conv3, 5 pp) at the height of 15 pp, right of its bar: nothing is hit.
    spy.clear();
    QCOMPARE(chart.moduleAt(4), QStringLiteral("conv3"));
    const QPoint beside(chart.barCenter(0).x(), chart.barCenter(4).y());
    clickAt(chart, beside);
    QCOMPARE(spy.count(), 0);
  }

  void exportsPngAndPdf()
  {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SensitivityChart chart;
    chart.resize(500, 400);
    chart.setResult(makeResult());
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));

    const QString png = dir.filePath(QStringLiteral("sensitivity.png"));
    QString error;
    QVERIFY2(chart.exportTo(png, &error), qPrintable(error));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(500, 400));

    const QString pdf = dir.filePath(QStringLiteral("sensitivity.PDF"));
    QVERIFY2(chart.exportTo(pdf, &error), qPrintable(error));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.size() > 100);
    QCOMPARE(file.read(4), QByteArray("%PDF"));

    QVERIFY(!chart.exportTo(dir.filePath(QStringLiteral("missing/sensitivity.png")), &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!chart.exportTo(dir.filePath(QStringLiteral("missing/sensitivity.pdf")), &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!chart.exportTo(dir.filePath(QStringLiteral("sensitivity.svg")), &error));
    QVERIFY(error.contains(QStringLiteral(".png")));
  }
};

QTEST_MAIN(SensitivityChartTest)
#include "SensitivityChartTest.moc"
