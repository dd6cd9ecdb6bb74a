// viewer-bench: how fast one PointCloudView redraws a 120k-point scan while
// the camera orbits. Not a test; run under X, e.g.
//   xvfb-run -a -s "-screen 0 1600x900x24" viewer-bench [frames] [points]
#include "viewers/PointCloudView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSurfaceFormat>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <numbers>
#include <vector>

namespace {

// A 64-beam sensor in a 40 m ring of walls over flat ground, about what one
// LiDAR sweep looks like from the viewer's side.
std::vector<float> makeScan(std::size_t count)
{
  std::vector<float> xyzr;
  xyzr.reserve(count * 4);
  const std::size_t beams = 64;
  const std::size_t columns = (count + beams - 1) / beams;
  for (std::size_t i = 0; i < count; ++i)
  {
    const double azimuth = 2.0 * std::numbers::pi * static_cast<double>(i % columns) / static_cast<double>(columns);
    const double elevation = (-25.0 + 28.0 * static_cast<double>(i / columns) / beams) * std::numbers::pi / 180.0;
    const double groundRange = elevation < 0.0 ? 1.73 / std::tan(-elevation) : 1e9;
    const double range = std::min(groundRange, 40.0);
    xyzr.push_back(static_cast<float>(range * std::cos(azimuth)));
    xyzr.push_back(static_cast<float>(range * std::sin(azimuth)));
    xyzr.push_back(static_cast<float>(range == groundRange ? -1.73 : range * std::tan(elevation)));
    xyzr.push_back(0.5F);
  }
  return xyzr;
}

std::vector<std::uint8_t> makeColors(std::size_t count, std::size_t shift)
{
  std::vector<std::uint8_t> rgb(count * 3);
  for (std::size_t i = 0; i < count; ++i)
  {
    rgb[i * 3] = static_cast<std::uint8_t>((i + shift) * 37);
    rgb[i * 3 + 1] = static_cast<std::uint8_t>((i + shift) * 91);
    rgb[i * 3 + 2] = static_cast<std::uint8_t>((i + shift) * 13);
  }
  return rgb;
}

template <typename Step>
double millisecondsPerFrame(int frames, Step step)
{
  QElapsedTimer timer;
  timer.start();
  for (int i = 0; i < frames; ++i)
  {
    step(i);
  }
  return static_cast<double>(timer.nsecsElapsed()) / 1e6 / frames;
}

} // namespace

int main(int argc, char** argv)
{
  if (std::getenv("DISPLAY") == nullptr)
  {
    std::fprintf(stderr, "viewer-bench: DISPLAY is not set; run under xvfb-run\n");
    return 1;
  }
  QSurfaceFormat::setDefaultFormat(quantlens::VtkOpenGLWidget::surfaceFormat());
  QApplication app(argc, argv);
  const int frames = argc > 1 ? std::atoi(argv[1]) : 100;
  const auto count = static_cast<std::size_t>(argc > 2 ? std::atol(argv[2]) : 120000);

  const std::vector<float> scan = makeScan(count);
  const std::vector<std::uint8_t> colors = makeColors(count, 0);
  quantlens::PointCloudView view;
  view.resize(800, 600);
  view.setPoints(scan.data(), count);
  view.setColors(colors.data(), count);
  view.setPointSize(2.0F);
  view.show();
  if (!QTest::qWaitForWindowExposed(&view))
  {
    std::fprintf(stderr, "viewer-bench: the window was never exposed\n");
    return 1;
  }
  view.grabImage(); // first frame compiles shaders and uploads the scan

  int swaps = 0;
  QObject::connect(&view, &QOpenGLWidget::frameSwapped, [&swaps] { ++swaps; });
  // What a user sees: update() and wait until Qt has put the frame on the window.
  const auto showFrame = [&] {
    const int before = swaps;
    view.update();
    while (swaps == before)
    {
      QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
  };
  const double rotateMs = millisecondsPerFrame(frames, [&](int) {
    view.rotateAzimuth(360.0 / frames);
    showFrame();
  });
  // grabImage(): render + read back into a QImage.
  const double grabMs = millisecondsPerFrame(frames, [&](int) {
    view.rotateAzimuth(360.0 / frames);
    static_cast<void>(view.grabImage());
  });
  const std::vector<std::uint8_t> otherColors = makeColors(count, 1);
  const double recolorMs = millisecondsPerFrame(frames, [&](int i) {
    const auto& rgb = i % 2 == 0 ? otherColors : colors;
    view.setColors(rgb.data(), count);
    showFrame();
  });

  std::printf("viewer-bench: %zu points, %dx%d device pixels, %d frames\n", count,
    view.width() * static_cast<int>(view.devicePixelRatio()), view.height() * static_cast<int>(view.devicePixelRatio()), frames);
  std::printf("  rotate + show frame:    %7.2f ms/frame  %6.1f fps\n", rotateMs, 1000.0 / rotateMs);
  std::printf("  rotate + grabImage:     %7.2f ms/frame  %6.1f fps\n", grabMs, 1000.0 / grabMs);
  std::printf("  setColors + show frame: %7.2f ms/frame  %6.1f fps\n", recolorMs, 1000.0 / recolorMs);
  return 0;
}
