#include "ViewColoring.h"

#include "data/LabelMap.h"

#include <QTest>

using namespace quantlens;

namespace {

// semantic-kitti.yaml stores BGR: car [245, 150, 100], road [255, 0, 255].
constexpr std::uint8_t kCarRgb[3] = {100, 150, 245};
constexpr std::uint8_t kRoadRgb[3] = {255, 0, 255};
constexpr std::uint8_t kCar = 1;
constexpr std::uint8_t kRoad = 9;

/// Four points: unlabeled, car, road, road. FP32 gets all labelled ones
/// right; W8A8 turns the last road point into a car.
ScanInference fourPointScan()
{
  ScanInference scan;
  for (int i = 0; i < 4; ++i)
    scan.scan.points.append(10.0f + i, 0.0f, 0.0f, 0.25f);
  scan.truth = {0, kCar, kRoad, kRoad};
  VariantPrediction fp32;
  fp32.name = "FP32";
  fp32.pointLabels = {kCar, kCar, kRoad, kRoad};
  VariantPrediction w8a8;
  w8a8.name = "W8A8";
  w8a8.pointLabels = {kCar, kCar, kRoad, kCar};
  scan.variants = {fp32, w8a8};
  return scan;
}

bool hasColor(const ViewContent& view, std::size_t point, const std::uint8_t* rgb)
{
  return view.rgb[3 * point] == rgb[0] && view.rgb[3 * point + 1] == rgb[1] && view.rgb[3 * point + 2] == rgb[2];
}

bool isGray(const ViewContent& view, std::size_t point, std::uint8_t gray)
{
  const std::uint8_t rgb[3] = {gray, gray, gray};
  return hasColor(view, point, rgb);
}

} // namespace

class ViewColoringTest : public QObject
{
  Q_OBJECT

private:
  const LabelMap labels_ = LabelMap::semanticKitti();

private slots:
  void classesShowEachViewsOwnLabelsInRgb()
  {
    const auto views = ViewColoring::build(fourPointScan(), labels_, ColorMode::Classes, false);
    QCOMPARE(views.size(), std::size_t{3});
    QCOMPARE(views[0].title, QStringLiteral("Ground truth"));
    QCOMPARE(views[2].title, QStringLiteral("W8A8"));
    QVERIFY(hasColor(views[0], 1, kCarRgb));
    QVERIFY(hasColor(views[0], 3, kRoadRgb));
    QVERIFY(hasColor(views[1], 3, kRoadRgb));
    QVERIFY(hasColor(views[2], 3, kCarRgb));
    QVERIFY(views[2].visible.empty());
  }

  void errorsVsTruthMarkWrongRedCorrectGrayAndIgnoredDim()
  {
    const auto views = ViewColoring::build(fourPointScan(), labels_, ColorMode::ErrorsVsTruth, false);
    const ViewContent& w8a8 = views[2];
    QVERIFY(isGray(w8a8, 0, ViewColoring::kIgnoredGray));
    QVERIFY(isGray(w8a8, 1, ViewColoring::kCorrectGray));
    QVERIFY(isGray(w8a8, 2, ViewColoring::kCorrectGray));
    QVERIFY(hasColor(w8a8, 3, ViewColoring::kWrongRed));
    QCOMPARE(w8a8.highlightedPoints, std::size_t{1});
    QVERIFY2(w8a8.caption.startsWith(QStringLiteral("1 wrong")), qPrintable(w8a8.caption));
    QCOMPARE(views[1].highlightedPoints, std::size_t{0});
    // The ground-truth view keeps its class colors.
    QVERIFY(hasColor(views[0], 1, kCarRgb));
  }

  void changesVsFp32ColorOnlyChangedPointsAndCanHideTheRest()
  {
    const auto views = ViewColoring::build(fourPointScan(), labels_, ColorMode::ChangesVsFp32, true);
    const ViewContent& w8a8 = views[2];
    QVERIFY(hasColor(w8a8, 3, kCarRgb));
    QVERIFY(isGray(w8a8, 1, ViewColoring::kCorrectGray));
    QCOMPARE(w8a8.visible, (std::vector<std::uint8_t>{0, 0, 0, 1}));
    QVERIFY2(w8a8.caption.contains(QStringLiteral("1 changed vs FP32")), qPrintable(w8a8.caption));
    // FP32 is the reference: shown in its classes, nothing hidden.
    QVERIFY(hasColor(views[1], 3, kRoadRgb));
    QVERIFY(views[1].visible.empty());
  }

  void withoutLabelsTheFirstViewShowsRemission()
  {
    ScanInference scan = fourPointScan();
    scan.truth.clear();
    const auto views = ViewColoring::build(scan, labels_, ColorMode::ErrorsVsTruth, true);
    QCOMPARE(views[0].title, QStringLiteral("Points"));
    // remission 0.25 -> stretched x2 -> 60 + 195 * 0.5
    QVERIFY(isGray(views[0], 0, static_cast<std::uint8_t>(60.0f + 195.0f * 0.5f)));
    // No truth to compare with: the variant shows its classes.
    QVERIFY(hasColor(views[2], 3, kCarRgb));
    QVERIFY(ViewColoring::truthClassCounts(scan, 20).empty());
  }

  void rangeColorsDependOnDistanceOnly()
  {
    const auto views = ViewColoring::build(fourPointScan(), labels_, ColorMode::Range, false);
    QCOMPARE(views[0].rgb, views[2].rgb);
    QVERIFY(!hasColor(views[0], 0, views[0].rgb.data() + 9));
  }

  void truthClassCountsCountEveryPoint()
  {
    const auto counts = ViewColoring::truthClassCounts(fourPointScan(), 20);
    QCOMPARE(counts.size(), std::size_t{20});
    QCOMPARE(counts[0], std::size_t{1});
    QCOMPARE(counts[kCar], std::size_t{1});
    QCOMPARE(counts[kRoad], std::size_t{2});
  }
};

QTEST_MAIN(ViewColoringTest)
#include "ViewColoringTest.moc"
