// Renders synthetic clouds in real PointCloudViews under X (xvfb-run) and
// checks the pixels: what is drawn, that it is reproducible, and that
// recoloring reaches the screen.
#include "viewers/PointCloudView.h"

#include <QApplication>
#include <QSignalSpy>
#include <QSurfaceFormat>
#include <QTest>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

using quantlens::PointCloudView;
using quantlens::ViewCamera;

namespace {

struct Rgb
{
  std::uint8_t r, g, b;
};

constexpr Rgb kRoad{ 255, 0, 255 };
constexpr Rgb kCar{ 100, 150, 245 };
constexpr Rgb kPerson{ 255, 30, 30 };
constexpr Rgb kBackground{ 20, 20, 20 };

/// A ground grid ahead of the sensor and a car-sized box on it, as
/// x, y, z, remission floats, with the colors of each point.
struct Scene
{
  std::vector<float> xyzr;
  std::vector<std::uint8_t> rgb;
  std::size_t groundCount = 0;

  void add(float x, float y, float z, Rgb color)
  {
    xyzr.insert(xyzr.end(), { x, y, z, 0.5F });
    rgb.insert(rgb.end(), { color.r, color.g, color.b });
  }
  std::size_t size() const { return xyzr.size() / 4; }
};

Scene makeScene()
{
  Scene scene;
  constexpr float groundZ = -1.7F;
  for (int i = 0; i <= 300; ++i)
  {
    for (int j = -150; j <= 150; ++j)
    {
      scene.add(0.1F * static_cast<float>(i), 0.1F * static_cast<float>(j), groundZ, kRoad);
    }
  }
  scene.groundCount = scene.size();
  // Sides of a 4 m x 2 m x 1.5 m box 10 m ahead.
  for (int i = 0; i <= 40; ++i)
  {
    for (int k = 0; k <= 15; ++k)
    {
      const float x = 8.0F + 0.1F * static_cast<float>(i);
      const float z = groundZ + 0.1F * static_cast<float>(k);
      scene.add(x, -1.0F, z, kCar);
      scene.add(x, 1.0F, z, kCar);
    }
  }
  for (int j = -10; j <= 10; ++j)
  {
    for (int k = 0; k <= 15; ++k)
    {
      const float y = 0.1F * static_cast<float>(j);
      const float z = groundZ + 0.1F * static_cast<float>(k);
      scene.add(8.0F, y, z, kCar);
      scene.add(12.0F, y, z, kCar);
    }
  }
  return scene;
}

qsizetype countColor(const QImage& image, Rgb color)
{
  const QRgb wanted = qRgb(color.r, color.g, color.b);
  const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
  qsizetype count = 0;
  for (int y = 0; y < rgb.height(); ++y)
  {
    const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
    for (int x = 0; x < rgb.width(); ++x)
    {
      count += (line[x] & 0xFFFFFFu) == (wanted & 0xFFFFFFu) ? 1 : 0;
    }
  }
  return count;
}

} // namespace

class PointCloudViewTest : public QObject
{
  Q_OBJECT

private slots:
  void drawsBothClassColors();
  void identicalViewsGiveIdenticalImages();
  void setColorsRecolorsWithoutNewPoints();
  void setColorsRejectsWrongCount();
  void cameraRoundTripsAndSignalsChanges();
  void mouseDragRotatesCamera();
  void survivesMovingToAnotherWindow();

private:
  void showView(PointCloudView& view, const Scene& scene);
};

void PointCloudViewTest::showView(PointCloudView& view, const Scene& scene)
{
  view.resize(640, 480);
  view.setBackground(QColor(kBackground.r, kBackground.g, kBackground.b));
  view.setPointSize(3.0F);
  view.setPoints(scene.xyzr.data(), scene.size());
  view.setColors(scene.rgb.data(), scene.size());
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
}

void PointCloudViewTest::drawsBothClassColors()
{
  const Scene scene = makeScene();
  PointCloudView view;
  showView(view, scene);
  if (QTest::currentTestFailed())
  {
    return;
  }
  const QImage image = view.grabImage();
  QVERIFY(!image.isNull());
  const qsizetype total = qsizetype{ image.width() } * image.height();
  QCOMPARE(total, qsizetype{ 640 * 480 });
  const qsizetype road = countColor(image, kRoad);
  const qsizetype car = countColor(image, kCar);
  const qsizetype background = countColor(image, kBackground);
  qInfo("road %lld, car %lld, background %lld of %lld pixels", static_cast<long long>(road),
    static_cast<long long>(car), static_cast<long long>(background), static_cast<long long>(total));
  // The ground fills the lower part of a driver's view, the box a patch of it,
  // the sky stays background; unlit points without multisampling give exact
  // colors, so almost nothing else may appear.
  QVERIFY2(road > total / 10, "too few road-colored pixels");
  QVERIFY2(car > total / 200, "too few car-colored pixels");
  QVERIFY2(background > total / 10, "too few background pixels");
  QVERIFY2(road + car + background > total * 99 / 100, "unexpected colors in the image");
}

void PointCloudViewTest::identicalViewsGiveIdenticalImages()
{
  const Scene scene = makeScene();
  PointCloudView first;
  PointCloudView second;
  showView(first, scene);
  showView(second, scene);
  if (QTest::currentTestFailed())
  {
    return;
  }
  first.rotateAzimuth(20.0);
  second.setCamera(first.camera());
  const QImage a = first.grabImage();
  const QImage b = second.grabImage();
  QVERIFY(countColor(a, kCar) > 0);
  QCOMPARE(a.size(), b.size());
  QVERIFY2(a.convertToFormat(QImage::Format_RGB32) == b.convertToFormat(QImage::Format_RGB32),
    "same data and camera drew different images");

  // And a different camera must give a different image, or the check above
  // proves nothing.
  second.rotateAzimuth(30.0);
  QVERIFY(a.convertToFormat(QImage::Format_RGB32) != second.grabImage().convertToFormat(QImage::Format_RGB32));
}

void PointCloudViewTest::setColorsRecolorsWithoutNewPoints()
{
  Scene scene = makeScene();
  PointCloudView view;
  showView(view, scene);
  if (QTest::currentTestFailed())
  {
    return;
  }
  const QImage before = view.grabImage();
  const qsizetype carBefore = countColor(before, kCar);
  QVERIFY(carBefore > 0);
  QCOMPARE(countColor(before, kPerson), qsizetype{ 0 });

  std::vector<std::uint8_t> recolored = scene.rgb;
  for (std::size_t i = scene.groundCount; i < scene.size(); ++i)
  {
    recolored[i * 3] = kPerson.r;
    recolored[i * 3 + 1] = kPerson.g;
    recolored[i * 3 + 2] = kPerson.b;
  }
  view.setColors(recolored.data(), scene.size());
  const QImage after = view.grabImage();
  QCOMPARE(view.pointCount(), scene.size());
  QCOMPARE(countColor(after, kCar), qsizetype{ 0 });
  // Same geometry, same camera: the box covers the same pixels in its new color.
  QCOMPARE(countColor(after, kPerson), carBefore);
  QCOMPARE(countColor(after, kRoad), countColor(before, kRoad));
}

void PointCloudViewTest::setColorsRejectsWrongCount()
{
  const Scene scene = makeScene();
  PointCloudView view;
  view.setPoints(scene.xyzr.data(), scene.size());
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, view.setColors(scene.rgb.data(), scene.size() - 1));
}

void PointCloudViewTest::cameraRoundTripsAndSignalsChanges()
{
  PointCloudView view;
  QSignalSpy spy(&view, &PointCloudView::cameraChanged);

  ViewCamera wanted;
  wanted.position = { 1.0, 2.0, 30.0 };
  wanted.focalPoint = { 1.0, 2.0, 0.0 };
  wanted.viewUp = { 1.0, 0.0, 0.0 };
  wanted.viewAngle = 40.0;
  view.setCamera(wanted);
  QCOMPARE(view.camera(), wanted);
  QCOMPARE(spy.count(), 0);

  view.rotateAzimuth(90.0);
  QCOMPARE(spy.count(), 1);
  const auto reported = spy.at(0).at(0).value<ViewCamera>();
  QCOMPARE(reported, view.camera());
  // Orbiting 90 degrees about the view-up axis (x) through the focal point
  // keeps the distance and moves the eye off the z axis.
  QVERIFY(std::abs(reported.position[2]) < 1e-9);
  QVERIFY(std::abs(std::abs(reported.position[1] - 2.0) - 30.0) < 1e-9);

  view.resetCamera();
  QCOMPARE(spy.count(), 2);
  QCOMPARE(view.camera().viewUp, (std::array<double, 3>{ 0.0, 0.0, 1.0 }));
}

void PointCloudViewTest::mouseDragRotatesCamera()
{
  const Scene scene = makeScene();
  PointCloudView view;
  showView(view, scene);
  if (QTest::currentTestFailed())
  {
    return;
  }
  const QImage before = view.grabImage();
  const ViewCamera start = view.camera();
  QSignalSpy spy(&view, &PointCloudView::cameraChanged);
  QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(320, 240));
  QTest::mouseMove(&view, QPoint(360, 240));
  QTest::mouseMove(&view, QPoint(420, 250));
  QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(420, 250));
  QVERIFY(spy.count() > 0);
  QVERIFY(view.camera() != start);
  QVERIFY(before.convertToFormat(QImage::Format_RGB32) != view.grabImage().convertToFormat(QImage::Format_RGB32));
}

void PointCloudViewTest::survivesMovingToAnotherWindow()
{
  const Scene scene = makeScene();
  auto* view = new PointCloudView;
  showView(*view, scene);
  if (QTest::currentTestFailed())
  {
    delete view;
    return;
  }
  const QImage before = view->grabImage();
  // Moving into another top-level window gives the widget a new GL context:
  // VTK must let go of the old one and draw the same in the new one.
  QWidget window;
  window.resize(640, 480);
  view->setParent(&window);
  view->move(0, 0);
  window.show();
  view->show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  const QImage after = view->grabImage();
  QCOMPARE(after.size(), before.size());
  QVERIFY(countColor(after, kCar) > 0);
  QCOMPARE(countColor(after, kCar), countColor(before, kCar));
}

// Not QTEST_MAIN: without a display Qt would abort in its xcb plugin with a
// message about plugins; say plainly what is missing instead. Offscreen
// platforms cannot host these views, so they do not count as a display.
int main(int argc, char** argv)
{
  const char* display = std::getenv("DISPLAY");
  if (display == nullptr || *display == '\0')
  {
    std::fprintf(stderr, "PointCloudViewTest: FAIL: DISPLAY is not set. These tests draw with OpenGL in "
                         "real windows; run them under X, e.g. xvfb-run -a -s \"-screen 0 1600x900x24\" ctest\n");
    return 1;
  }
  const char* platform = std::getenv("QT_QPA_PLATFORM");
  if (platform != nullptr && *platform != '\0' && std::string(platform) != "xcb")
  {
    std::fprintf(stderr, "PointCloudViewTest: FAIL: QT_QPA_PLATFORM=%s cannot host OpenGL views; unset it "
                         "and run under X (xvfb-run)\n", platform);
    return 1;
  }
  QSurfaceFormat::setDefaultFormat(quantlens::VtkOpenGLWidget::surfaceFormat());
  QApplication app(argc, argv);
  PointCloudViewTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "PointCloudViewTest.moc"
