// Renders synthetic clouds in a real MultiPointCloudView under X (xvfb-run)
// and checks the pixels of each view: colors per view, shared and separate
// cameras, masks, picking by mouse click and the highlight marker.
#include "viewers/MultiPointCloudView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSurfaceFormat>
#include <QTest>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <numbers>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using quantlens::MultiPointCloudView;
using quantlens::StandardView;
using quantlens::ViewCamera;

namespace {

struct Rgb
{
  std::uint8_t r, g, b;
};

constexpr Rgb kRoad{ 255, 0, 255 };
constexpr Rgb kPerson{ 255, 30, 30 };
constexpr Rgb kKite{ 0, 255, 255 };
constexpr Rgb kBackground{ 20, 20, 20 };
constexpr Rgb kMarkerCore{ 255, 255, 0 };
constexpr Rgb kMarkerFrame{ 0, 0, 0 };
// The car's color in view 0, 1, 2, 3: each view gets its own.
constexpr std::array<Rgb, 4> kCarPerView{ { { 100, 150, 245 }, { 30, 200, 60 }, { 250, 150, 0 }, { 140, 60, 200 } } };

/// A ground grid ahead of the sensor, a car-sized box on it and one lone
/// point (the kite) high above the road, as x, y, z, remission floats.
struct Scene
{
  std::vector<float> xyzr;
  std::size_t groundCount = 0;
  std::size_t carBegin = 0;
  std::size_t carEnd = 0;
  std::size_t kite = 0;
  std::size_t hiddenGroundPoint = 0; // under the car, seen through its sides

  void add(float x, float y, float z) { xyzr.insert(xyzr.end(), { x, y, z, 0.5F }); }
  std::size_t size() const { return xyzr.size() / 4; }
  std::array<float, 3> point(std::size_t i) const { return { xyzr[i * 4], xyzr[i * 4 + 1], xyzr[i * 4 + 2] }; }

  std::vector<std::uint8_t> colors(Rgb car) const
  {
    std::vector<std::uint8_t> rgb;
    rgb.reserve(size() * 3);
    for (std::size_t i = 0; i < size(); ++i)
    {
      const Rgb c = i < groundCount ? kRoad : (i < carEnd ? car : kKite);
      rgb.insert(rgb.end(), { c.r, c.g, c.b });
    }
    return rgb;
  }
};

Scene makeScene()
{
  Scene scene;
  constexpr float groundZ = -1.7F;
  for (int i = 0; i <= 300; ++i)
  {
    for (int j = -150; j <= 150; ++j)
    {
      if (i == 100 && j == 0)
      {
        scene.hiddenGroundPoint = scene.size();
      }
      scene.add(0.1F * static_cast<float>(i), 0.1F * static_cast<float>(j), groundZ);
    }
  }
  scene.groundCount = scene.size();
  scene.carBegin = scene.size();
  // Sides of a 4 m x 2 m x 1.5 m box 8 m ahead.
  for (int i = 0; i <= 40; ++i)
  {
    for (int k = 0; k <= 15; ++k)
    {
      const float x = 8.0F + 0.1F * static_cast<float>(i);
      const float z = groundZ + 0.1F * static_cast<float>(k);
      scene.add(x, -1.0F, z);
      scene.add(x, 1.0F, z);
    }
  }
  for (int j = -10; j <= 10; ++j)
  {
    for (int k = 0; k <= 15; ++k)
    {
      const float y = 0.1F * static_cast<float>(j);
      const float z = groundZ + 0.1F * static_cast<float>(k);
      scene.add(8.0F, y, z);
      scene.add(12.0F, y, z);
    }
  }
  scene.carEnd = scene.size();
  // High enough to be drawn against the sky in a driver's view.
  scene.kite = scene.size();
  scene.add(12.0F, -4.0F, 4.0F);
  return scene;
}

qsizetype countColor(const QImage& image, Rgb color)
{
  const QRgb wanted = qRgb(color.r, color.g, color.b) & 0xFFFFFFu;
  const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
  qsizetype count = 0;
  for (int y = 0; y < rgb.height(); ++y)
  {
    const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
    for (int x = 0; x < rgb.width(); ++x)
    {
      count += (line[x] & 0xFFFFFFu) == wanted ? 1 : 0;
    }
  }
  return count;
}

// Mean position (pixel centres) of the pixels of one color; (-1, -1) if none.
QPointF centroidOf(const QImage& image, Rgb color)
{
  const QRgb wanted = qRgb(color.r, color.g, color.b) & 0xFFFFFFu;
  const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
  double sx = 0.0;
  double sy = 0.0;
  double n = 0.0;
  for (int y = 0; y < rgb.height(); ++y)
  {
    const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
    for (int x = 0; x < rgb.width(); ++x)
    {
      if ((line[x] & 0xFFFFFFu) == wanted)
      {
        sx += x + 0.5;
        sy += y + 0.5;
        n += 1.0;
      }
    }
  }
  return n > 0.0 ? QPointF(sx / n, sy / n) : QPointF(-1.0, -1.0);
}

// How many pixels two images of one size differ in; -1 when sizes differ.
qsizetype differingPixels(const QImage& a, const QImage& b)
{
  if (a.size() != b.size())
  {
    return -1;
  }
  const QImage x = a.convertToFormat(QImage::Format_RGB32);
  const QImage y = b.convertToFormat(QImage::Format_RGB32);
  qsizetype count = 0;
  for (int row = 0; row < x.height(); ++row)
  {
    const auto* p = reinterpret_cast<const QRgb*>(x.constScanLine(row));
    const auto* q = reinterpret_cast<const QRgb*>(y.constScanLine(row));
    for (int column = 0; column < x.width(); ++column)
    {
      count += (p[column] & 0xFFFFFFu) != (q[column] & 0xFFFFFFu) ? 1 : 0;
    }
  }
  return count;
}

// A camera move changes thousands of pixels of these scenes; this many
// rules out a stray pixel or two.
constexpr qsizetype kMoved = 1000;

using Vec3 = std::array<double, 3>;

Vec3 minus(const Vec3& a, const Vec3& b)
{
  return { a[0] - b[0], a[1] - b[1], a[2] - b[2] };
}

double dot(const Vec3& a, const Vec3& b)
{
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

Vec3 cross(const Vec3& a, const Vec3& b)
{
  return { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };
}

Vec3 normalized(const Vec3& a)
{
  const double length = std::sqrt(dot(a, a));
  return { a[0] / length, a[1] / length, a[2] / length };
}

/// Where a perspective camera puts a world point in a viewport (widget
/// pixels, y down), from the camera's definition alone: a vertical field of
/// view, the view-up made orthogonal to the direction of projection.
QPointF project(const ViewCamera& camera, const QRect& viewport, const std::array<float, 3>& point)
{
  const Vec3 forward = normalized(minus(camera.focalPoint, camera.position));
  const Vec3 right = normalized(cross(forward, camera.viewUp));
  const Vec3 up = cross(right, forward);
  const Vec3 d = minus({ point[0], point[1], point[2] }, camera.position);
  const double depth = dot(d, forward);
  const double focal = 1.0 / std::tan(camera.viewAngle * std::numbers::pi / 360.0);
  const double aspect = static_cast<double>(viewport.width()) / viewport.height();
  const double ndcX = dot(d, right) * focal / (depth * aspect);
  const double ndcY = dot(d, up) * focal / depth;
  return { viewport.left() + (ndcX + 1.0) * 0.5 * viewport.width(),
    viewport.top() + (1.0 - ndcY) * 0.5 * viewport.height() };
}

QPoint pixelAt(const QPointF& position)
{
  return { static_cast<int>(std::floor(position.x())), static_cast<int>(std::floor(position.y())) };
}

void dragAcross(QWidget& widget, const QPoint& from, const QPoint& to)
{
  QTest::mousePress(&widget, Qt::LeftButton, Qt::NoModifier, from);
  QTest::mouseMove(&widget, (from + to) / 2);
  QTest::mouseMove(&widget, to);
  QTest::mouseRelease(&widget, Qt::LeftButton, Qt::NoModifier, to);
}

} // namespace

class MultiPointCloudViewTest : public QObject
{
  Q_OBJECT

private slots:
  void laysOutViewsInAGrid();
  void drawsEachViewsColors();
  void drawsTitlesAndCaptions();
  void fillsAnEmptyCellWithBackground();
  void synchronizedCamerasMoveTogether();
  void unsynchronizedCamerasMoveAlone();
  void setColorsChangesOnlyItsView();
  void visibleMaskHidesPoints();
  void clickPicksTheClickedPoint();
  void dragDoesNotPick();
  void pickingIsFastOnAFullScan();
  void highlightShowsInEveryView();
  void standardViewsLookWhereTheySay();
  void rejectsBadViewsAndCounts();

private:
  bool showView(MultiPointCloudView& view, const Scene& scene, int viewCount, QSize size = { 640, 480 });
};

bool MultiPointCloudViewTest::showView(MultiPointCloudView& view, const Scene& scene, int viewCount, QSize size)
{
  view.resize(size);
  view.setViewCount(viewCount);
  view.setBackground(QColor(kBackground.r, kBackground.g, kBackground.b));
  view.setPointSize(3.0F);
  view.setPoints(scene.xyzr.data(), scene.size());
  for (int v = 0; v < viewCount; ++v)
  {
    const std::vector<std::uint8_t> rgb = scene.colors(kCarPerView[static_cast<std::size_t>(v % 4)]);
    view.setColors(v, rgb.data(), scene.size());
  }
  view.show();
  view.activateWindow();
  return QTest::qWaitForWindowExposed(&view);
}

void MultiPointCloudViewTest::laysOutViewsInAGrid()
{
  MultiPointCloudView view;
  view.resize(600, 400);
  // Expected grids by hand: 1x1, 2x1, 3x1, 2x2, 3x2, 3x2.
  view.setViewCount(1);
  QCOMPARE(view.viewRect(0), QRect(0, 0, 600, 400));
  view.setViewCount(2);
  QCOMPARE(view.viewRect(1), QRect(300, 0, 300, 400));
  view.setViewCount(3);
  QCOMPARE(view.viewRect(2), QRect(400, 0, 200, 400));
  view.setViewCount(4);
  QCOMPARE(view.viewCount(), 4);
  QCOMPARE(view.viewRect(0), QRect(0, 0, 300, 200));
  QCOMPARE(view.viewRect(3), QRect(300, 200, 300, 200));
  QCOMPARE(view.viewAt(QPoint(310, 10)), 1);
  QCOMPARE(view.viewAt(QPoint(10, 210)), 2);
  view.setViewCount(5);
  QCOMPARE(view.viewRect(4), QRect(200, 200, 200, 200));
  QCOMPARE(view.viewAt(QPoint(500, 300)), -1); // the empty sixth cell
  view.setViewCount(6);
  QCOMPARE(view.viewRect(5), QRect(400, 200, 200, 200));
  QCOMPARE(view.viewAt(QPoint(500, 300)), 5);
  QCOMPARE(view.viewAt(QPoint(-1, 5)), -1);
}

void MultiPointCloudViewTest::drawsEachViewsColors()
{
  const Scene scene = makeScene();
  MultiPointCloudView view;
  QVERIFY(showView(view, scene, 4));
  const QImage whole = view.grabImage();
  QCOMPARE(whole.size(), QSize(640, 480));
  for (int v = 0; v < 4; ++v)
  {
    const QImage image = view.grabView(v);
    QCOMPARE(image.size(), QSize(320, 240));
    const qsizetype total = qsizetype{ image.width() } * image.height();
    const qsizetype road = countColor(image, kRoad);
    const qsizetype car = countColor(image, kCarPerView[static_cast<std::size_t>(v)]);
    const qsizetype background = countColor(image, kBackground);
    qInfo("view %d: road %lld, car %lld, background %lld of %lld pixels", v, static_cast<long long>(road),
      static_cast<long long>(car), static_cast<long long>(background), static_cast<long long>(total));
    QVERIFY2(road > total / 10, "too few road-colored pixels");
    QVERIFY2(car > total / 200, "too few pixels in this view's car color");
    QVERIFY2(background > total / 10, "too few background pixels");
    QVERIFY(countColor(image, kKite) > 0);
    // No other view's car color leaks into this one.
    for (int other = 0; other < 4; ++other)
    {
      if (other != v)
      {
        QCOMPARE(countColor(image, kCarPerView[static_cast<std::size_t>(other)]), qsizetype{ 0 });
      }
    }
  }
}

void MultiPointCloudViewTest::drawsTitlesAndCaptions()
{
  const Scene scene = makeScene();
  MultiPointCloudView view;
  QVERIFY(showView(view, scene, 2));
  const Rgb white{ 255, 255, 255 };
  QCOMPARE(countColor(view.grabView(0), white), qsizetype{ 0 });
  view.setViewTitle(0, QStringLiteral("W4A8"));
  view.setViewCaption(1, QStringLiteral("8,123 points changed"));
  QCOMPARE(view.viewTitle(0), QStringLiteral("W4A8"));
  const QImage first = view.grabView(0);
  const QImage second = view.grabView(1);
  // The title sits in the top-left corner, the caption in the bottom-left.
  const QRect topLeft(0, 0, first.width() / 2, first.height() / 4);
  const QRect bottomLeft(0, second.height() * 3 / 4, second.width() / 2, second.height() / 4);
  QVERIFY(countColor(first.copy(topLeft), white) > 10);
  QVERIFY(countColor(second.copy(bottomLeft), white) > 10);
  QCOMPARE(countColor(second.copy(topLeft), white), qsizetype{ 0 });
}

void MultiPointCloudViewTest::fillsAnEmptyCellWithBackground()
{
  const Scene scene = makeScene();
  MultiPointCloudView view;
  QVERIFY(showView(view, scene, 5, QSize(600, 400)));
  const QImage whole = view.grabImage();
  // 3x2 grid: the sixth cell, bottom right, shows no view.
  const QImage empty = whole.copy(QRect(400, 200, 200, 200));
  QCOMPARE(countColor(empty, kBackground), qsizetype{ 200 * 200 });
  QVERIFY(countColor(view.grabView(4), kRoad) > 0);
}

void MultiPointCloudViewTest::synchronizedCamerasMoveTogether()
{
  const Scene scene = makeScene();
  MultiPointCloudView view;
  QVERIFY(showView(view, scene, 2));
  QVERIFY(view.camerasSynchronized());
  const std::vector<std::uint8_t> same = scene.colors(kCarPerView[0]);
  view.setColors(1, same.data(), scene.size());
  const QImage before = view.grabView(0);
  QVERIFY(countColor(before, kCarPerView[0]) > 0);
  // Same data and camera: pixel-equal views.
  QCOMPARE(differingPixels(before, view.grabView(1)), qsizetype{ 0 });

  QSignalSpy spy(&view, &MultiPointCloudView::cameraChanged);
  const QRect first = view.viewRect(0);
  dragAcross(view, first.center(), first.center() + QPoint(60, 10));
  QVERIFY(spy.count() > 0);
  QVERIFY(view.camera(0) == view.camera(1));
  const QImage after = view.grabView(0);
  QVERIFY2(differingPixels(before, after) > kMoved, "the drag did not rotate the view");
  QCOMPARE(differingPixels(after, view.grabView(1)), qsizetype{ 0 }); // the second view followed
}

void MultiPointCloudViewTest::unsynchronizedCamerasMoveAlone()
{
  const Scene scene = makeScene();
  MultiPointCloudView view;
  QVERIFY(showView(view, scene, 2));
  const std::vector<std::uint8_t> same = scene.colors(kCarPerView[0]);
  view.setColors(1, same.data(), scene.size());
  view.setCamerasSynchronized(false);
  QVERIFY(!view.camerasSynchronized());
  // Each view starts from a copy of the shared camera.
  QCOMPARE(differingPixels(view.grabView(0), view.grabView(1)), qsizetype{ 0 });
  const ViewCamera secondBefore = view.camera(1);

  const QRect first = view.viewRect(0);
  dragAcross(view, first.center(), first.center() + QPoint(60, 10));
  QVERIFY(view.camera(0) != secondBefore);
  QCOMPARE(view.camera(1), secondBefore);
  QVERIFY2(differingPixels(view.grabView(0), view.grabView(1)) > kMoved, "the views still look the same");

  view.rotateAzimuth(1, 30.0);
  QVERIFY(view.camera(1) != secondBefore);

  // Synchronizing again gives every view view 0's camera.
  view.setCamerasSynchronized(true);
  QCOMPARE(view.camera(1), view.camera(0));
  QCOMPARE(differingPixels(view.grabView(0), view.grabView(1)), qsizetype{ 0 });
}

void MultiPointCloudViewTest::setColorsChangesOnlyItsView()
{
  const Scene scene = makeScene();
  MultiPointCloudView view;
  QVERIFY(showView(view, scene, 2));
  const QImage firstBefore = view.grabView(0);
  const QImage secondBefore = view.grabView(1);
  const qsizetype carBefore = countColor(secondBefore, kCarPerView[1]);
  QVERIFY(carBefore > 0);

  const std::vector<std::uint8_t> recolored = scene.colors(kPerson);
  view.setColors(1, recolored.data(), scene.size());
  QCOMPARE(differingPixels(firstBefore, view.grabView(0)), qsizetype{ 0 }); // view 0 untouched
  const QImage secondAfter = view.grabView(1);
  QCOMPARE(countColor(secondAfter, kCarPerView[1]), qsizetype{ 0 });
  // Same geometry, same camera: the car covers the same pixels in its new color.
  QCOMPARE(countColor(secondAfter, kPerson), carBefore);
  QCOMPARE(countColor(secondAfter, kRoad), countColor(secondBefore, kRoad));
  QCOMPARE(view.pointCount(), scene.size());
}

void MultiPointCloudViewTest::visibleMaskHidesPoints()
{
  const Scene scene = makeScene();
  MultiPointCloudView view;
  QVERIFY(showView(view, scene, 2));
  const QImage firstBefore = view.grabView(0);
  const QImage secondBefore = view.grabView(1);
  const qsizetype carBefore = countColor(secondBefore, kCarPerView[1]);
  QVERIFY(carBefore > 0);

  std::vector<std::uint8_t> mask(scene.size(), 1);
  std::fill(mask.begin() + static_cast<std::ptrdiff_t>(scene.carBegin),
    mask.begin() + static_cast<std::ptrdiff_t>(scene.carEnd), std::uint8_t{ 0 });
  view.setVisibleMask(1, mask.data(), mask.size());
  QCOMPARE(view.visibleCount(1), scene.size() - (scene.carEnd - scene.carBegin));
  QCOMPARE(view.visibleCount(0), scene.size());
  const QImage secondMasked = view.grabView(1);
  QCOMPARE(countColor(secondMasked, kCarPerView[1]), qsizetype{ 0 });
  // The road the car hid shows through.
  QVERIFY(countColor(secondMasked, kRoad) > countColor(secondBefore, kRoad));
  QCOMPARE(differingPixels(firstBefore, view.grabView(0)), qsizetype{ 0 }); // view 0 untouched

  view.setVisibleMask(1, nullptr, 0);
  QCOMPARE(view.visibleCount(1), scene.size());
  QCOMPARE(differingPixels(secondBefore, view.grabView(1)), qsizetype{ 0 });
}

void MultiPointCloudViewTest::clickPicksTheClickedPoint()
{
  const Scene scene = makeScene();
  MultiPointCloudView view;
  QVERIFY(showView(view, scene, 4));
  QSignalSpy spy(&view, &MultiPointCloudView::pointPicked);

  const QRect third = view.viewRect(2);
  const QPointF kiteOnScreen = project(view.camera(2), third, scene.point(scene.kite));
  QVERIFY(third.contains(pixelAt(kiteOnScreen)));
  QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, pixelAt(kiteOnScreen));
  QCOMPARE(spy.count(), 1);
  QCOMPARE(spy.at(0).at(0).toInt(), 2);
  QCOMPARE(spy.at(0).at(1).value<qint64>(), static_cast<qint64>(scene.kite));

  // Two pixels off still picks it.
  QCOMPARE(view.pointAt(pixelAt(kiteOnScreen) + QPoint(2, -1)), static_cast<qint64>(scene.kite));

  // The sky at the top of the view holds no point.
  QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, third.topLeft() + QPoint(third.width() / 2, 3));
  QCOMPARE(spy.count(), 2);
  QCOMPARE(spy.at(1).at(0).toInt(), 2);
  QCOMPARE(spy.at(1).at(1).value<qint64>(), qint64{ -1 });

  // A point a view hides cannot be picked there.
  std::vector<std::uint8_t> mask(scene.size(), 1);
  mask[scene.kite] = 0;
  view.setVisibleMask(3, mask.data(), mask.size());
  const QPointF kiteInFourth = project(view.camera(3), view.viewRect(3), scene.point(scene.kite));
  QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, pixelAt(kiteInFourth));
  QCOMPARE(spy.count(), 3);
  QCOMPARE(spy.at(2).at(0).toInt(), 3);
  QCOMPARE(spy.at(2).at(1).value<qint64>(), qint64{ -1 });
}

void MultiPointCloudViewTest::dragDoesNotPick()
{
  const Scene scene = makeScene();
  MultiPointCloudView view;
  QVERIFY(showView(view, scene, 2));
  QSignalSpy picked(&view, &MultiPointCloudView::pointPicked);
  QSignalSpy moved(&view, &MultiPointCloudView::cameraChanged);
  const QPoint kite = pixelAt(project(view.camera(0), view.viewRect(0), scene.point(scene.kite)));
  dragAcross(view, kite, kite + QPoint(40, 0));
  QVERIFY(moved.count() > 0);
  QCOMPARE(picked.count(), 0);
}

void MultiPointCloudViewTest::pickingIsFastOnAFullScan()
{
  // 120k points scattered in front of the sensor, like a scan's worth.
  constexpr std::size_t count = 120000;
  std::mt19937 random(7);
  std::uniform_real_distribution<float> ahead(0.0F, 40.0F);
  std::uniform_real_distribution<float> across(-20.0F, 20.0F);
  std::uniform_real_distribution<float> height(-1.7F, 2.0F);
  std::vector<float> xyzr;
  xyzr.reserve(count * 4);
  for (std::size_t i = 0; i < count; ++i)
  {
    xyzr.insert(xyzr.end(), { ahead(random), across(random), height(random), 0.5F });
  }
  MultiPointCloudView view;
  view.resize(1600, 900);
  view.setViewCount(4);
  view.setPoints(xyzr.data(), count);

  const QRect rect = view.viewRect(3);
  // The first point that lands well inside view 3.
  QPoint click(-1, -1);
  for (std::size_t i = 0; i < count && click.x() < 0; ++i)
  {
    const QPoint at = pixelAt(project(view.camera(3), rect, { xyzr[i * 4], xyzr[i * 4 + 1], xyzr[i * 4 + 2] }));
    if (rect.adjusted(20, 20, -20, -20).contains(at))
    {
      click = at;
    }
  }
  QVERIFY(click.x() >= 0);
  QElapsedTimer timer;
  timer.start();
  qint64 picked = -1;
  constexpr int repeats = 5;
  for (int i = 0; i < repeats; ++i)
  {
    picked = view.pointAt(click);
  }
  const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6 / repeats;
  qInfo("pointAt over %zu points: %.2f ms", count, ms);
  QVERIFY2(ms < 50.0, "picking took 50 ms or more");
  // Some point was found, and it lands within a few pixels of the click.
  QVERIFY(picked >= 0);
  const auto i = static_cast<std::size_t>(picked);
  const QPointF q = project(view.camera(3), rect, { xyzr[i * 4], xyzr[i * 4 + 1], xyzr[i * 4 + 2] });
  const QPointF centre(click.x() + 0.5, click.y() + 0.5);
  QVERIFY(std::hypot(q.x() - centre.x(), q.y() - centre.y()) <= 6.0);
}

void MultiPointCloudViewTest::highlightShowsInEveryView()
{
  const Scene scene = makeScene();
  MultiPointCloudView view;
  QVERIFY(showView(view, scene, 4));
  for (int v = 0; v < 4; ++v)
  {
    QCOMPARE(countColor(view.grabView(v), kMarkerCore), qsizetype{ 0 });
  }
  QCOMPARE(view.highlightedPoint(), qint64{ -1 });

  view.setHighlightedPoint(static_cast<qint64>(scene.kite));
  QCOMPARE(view.highlightedPoint(), static_cast<qint64>(scene.kite));
  for (int v = 0; v < 4; ++v)
  {
    const QImage image = view.grabView(v);
    // A 9-pixel core in a 15-pixel frame, centred on the point.
    QVERIFY(countColor(image, kMarkerCore) >= 60);
    QVERIFY(countColor(image, kMarkerFrame) >= 60);
    const QRect rect = view.viewRect(v);
    const QPointF expected = project(view.camera(v), rect, scene.point(scene.kite)) - QPointF(rect.topLeft());
    const QPointF found = centroidOf(image, kMarkerCore);
    QVERIFY2(std::hypot(found.x() - expected.x(), found.y() - expected.y()) < 1.5,
      "the marker is not where the point is");
  }

  // Drawn over everything: a ground point inside the car still shows.
  view.setHighlightedPoint(static_cast<qint64>(scene.hiddenGroundPoint));
  QVERIFY(countColor(view.grabView(0), kMarkerCore) >= 60);

  view.setHighlightedPoint(-1);
  QCOMPARE(countColor(view.grabImage(), kMarkerCore), qsizetype{ 0 });
}

void MultiPointCloudViewTest::standardViewsLookWhereTheySay()
{
  MultiPointCloudView view;
  view.setViewCount(2);
  view.setCamerasSynchronized(false);
  QSignalSpy spy(&view, &MultiPointCloudView::cameraChanged);
  const auto direction = [](const ViewCamera& c) { return normalized(minus(c.focalPoint, c.position)); };

  view.setStandardView(StandardView::Top);
  QCOMPARE(spy.count(), 1);
  for (int v = 0; v < 2; ++v)
  {
    QVERIFY(direction(view.camera(v))[2] < -0.999); // straight down
    QVERIFY(view.camera(v).viewUp[0] > 0.99);       // x up the screen
  }
  view.setStandardView(StandardView::Side);
  const Vec3 side = direction(view.camera(1));
  QVERIFY(side[1] > 0.99); // from -y towards +y: x runs to the right
  QVERIFY(view.camera(1).viewUp[2] > 0.99);

  view.resetCamera();
  const Vec3 driver = direction(view.camera(0));
  QVERIFY(driver[0] > 0.7); // ahead along +x
  QVERIFY(driver[2] < 0.0); // from above
  QVERIFY(view.camera(0).position[0] < 0.0); // behind the sensor
  QCOMPARE(spy.count(), 3);

  // setCamera is silent and round-trips.
  ViewCamera wanted;
  wanted.position = { 1.0, 2.0, 30.0 };
  wanted.focalPoint = { 1.0, 2.0, 0.0 };
  wanted.viewUp = { 1.0, 0.0, 0.0 };
  wanted.viewAngle = 40.0;
  view.setCamera(1, wanted);
  QCOMPARE(view.camera(1), wanted);
  QVERIFY(view.camera(0) != wanted);
  QCOMPARE(spy.count(), 3);
}

void MultiPointCloudViewTest::rejectsBadViewsAndCounts()
{
  const Scene scene = makeScene();
  const std::vector<std::uint8_t> rgb = scene.colors(kPerson);
  MultiPointCloudView view;
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, view.setViewCount(0));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, view.setViewCount(7));
  view.setViewCount(4);
  view.setPoints(scene.xyzr.data(), scene.size());
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, view.setColors(4, rgb.data(), scene.size()));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, view.setColors(-1, rgb.data(), scene.size()));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, view.setColors(0, rgb.data(), scene.size() - 1));
  const std::vector<std::uint8_t> mask(scene.size() + 1, 1);
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, view.setVisibleMask(1, mask.data(), mask.size()));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, view.setVisibleMask(5, nullptr, 0));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, view.setViewTitle(4, QStringLiteral("W8A8")));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, view.camera(4));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, view.setCamera(-1, ViewCamera{}));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, view.grabView(4));
  QVERIFY_THROWS_EXCEPTION(
    std::invalid_argument, view.setHighlightedPoint(static_cast<qint64>(scene.size())));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, view.setHighlightedPoint(-2));
  // Shrinking the grid retires the views beyond it.
  view.setViewCount(2);
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, view.setColors(2, rgb.data(), scene.size()));
  view.setColors(1, rgb.data(), scene.size());
}

// Not QTEST_MAIN: without a display Qt would abort in its xcb plugin with a
// message about plugins; say plainly what is missing instead.
int main(int argc, char** argv)
{
  const char* display = std::getenv("DISPLAY");
  if (display == nullptr || *display == '\0')
  {
    std::fprintf(stderr, "MultiPointCloudViewTest: FAIL: DISPLAY is not set. These tests draw with OpenGL in "
                         "real windows; run them under X, e.g. xvfb-run -a -s \"-screen 0 1600x900x24\" ctest\n");
    return 1;
  }
  const char* platform = std::getenv("QT_QPA_PLATFORM");
  if (platform != nullptr && *platform != '\0' && std::string(platform) != "xcb")
  {
    std::fprintf(stderr, "MultiPointCloudViewTest: FAIL: QT_QPA_PLATFORM=%s cannot host OpenGL views; unset it "
                         "and run under X (xvfb-run)\n", platform);
    return 1;
  }
  QSurfaceFormat::setDefaultFormat(quantlens::VtkOpenGLWidget::surfaceFormat());
  QApplication app(argc, argv);
  MultiPointCloudViewTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "MultiPointCloudViewTest.moc"
