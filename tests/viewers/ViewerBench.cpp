// viewer-bench: how fast the 3D views redraw a 120k-point scan while the
// camera orbits. Not a test; run under X, e.g.
//   xvfb-run -a -s "-screen 0 1920x1280x24" viewer-bench [frames] [points] [mode]
// mode: single (one PointCloudView), multi (MultiPointCloudView with 4 views,
// and 4 separate PointCloudViews for comparison) or all (the default).
#include "viewers/MultiPointCloudView.h"
#include "viewers/PointCloudView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QGridLayout>
#include <QSurfaceFormat>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
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

/// Wall-clock and CPU milliseconds per frame. The CPU time (all threads of
/// this process, llvmpipe's included; not the X server's) varies less than
/// the wall clock on a shared machine.
struct FrameTime
{
  double wallMs = 0.0;
  double cpuMs = 0.0;
};

double processCpuMs()
{
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

template <typename Step>
FrameTime millisecondsPerFrame(int frames, Step step)
{
  QElapsedTimer timer;
  const double cpuStart = processCpuMs();
  timer.start();
  for (int i = 0; i < frames; ++i)
  {
    step(i);
  }
  return { static_cast<double>(timer.nsecsElapsed()) / 1e6 / frames, (processCpuMs() - cpuStart) / frames };
}

/// What a user sees: update() the widgets and wait until Qt has put every
/// one's frame on the window.
class FrameWaiter
{
public:
  explicit FrameWaiter(std::vector<QOpenGLWidget*> widgets)
    : widgets_(std::move(widgets))
  {
    for (QOpenGLWidget* widget : widgets_)
    {
      QObject::connect(widget, &QOpenGLWidget::frameSwapped, [this] { ++swaps_; });
    }
  }

  void showFrame()
  {
    const int wanted = swaps_ + static_cast<int>(widgets_.size());
    for (QOpenGLWidget* widget : widgets_)
    {
      widget->update();
    }
    while (swaps_ < wanted)
    {
      QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
  }

private:
  std::vector<QOpenGLWidget*> widgets_;
  int swaps_ = 0;
};

bool exposed(QWidget& widget)
{
  widget.show();
  if (!QTest::qWaitForWindowExposed(&widget))
  {
    std::fprintf(stderr, "viewer-bench: the window was never exposed\n");
    return false;
  }
  return true;
}

void printRow(const char* what, FrameTime time)
{
  std::printf("  %-36s %7.1f ms/frame  %5.1f fps  (CPU %7.1f ms/frame)\n", what, time.wallMs, 1000.0 / time.wallMs,
    time.cpuMs);
}

bool benchSingle(int frames, std::size_t count, const std::vector<float>& scan)
{
  const std::vector<std::uint8_t> colors = makeColors(count, 0);
  const std::vector<std::uint8_t> otherColors = makeColors(count, 1);
  quantlens::PointCloudView view;
  view.resize(800, 600);
  view.setPoints(scan.data(), count);
  view.setColors(colors.data(), count);
  view.setPointSize(2.0F);
  if (!exposed(view))
  {
    return false;
  }
  view.grabImage(); // first frame compiles shaders and uploads the scan
  FrameWaiter waiter({ &view });

  const FrameTime rotateMs = millisecondsPerFrame(frames, [&](int) {
    view.rotateAzimuth(360.0 / frames);
    waiter.showFrame();
  });
  // grabImage(): render + read back into a QImage.
  const FrameTime grabMs = millisecondsPerFrame(frames, [&](int) {
    view.rotateAzimuth(360.0 / frames);
    static_cast<void>(view.grabImage());
  });
  const FrameTime recolorMs = millisecondsPerFrame(frames, [&](int i) {
    const auto& rgb = i % 2 == 0 ? otherColors : colors;
    view.setColors(rgb.data(), count);
    waiter.showFrame();
  });

  const qreal ratio = view.devicePixelRatio();
  std::printf("PointCloudView: %zu points, %dx%d device pixels, %d frames\n", count,
    static_cast<int>(view.width() * ratio), static_cast<int>(view.height() * ratio), frames);
  printRow("rotate + show frame:", rotateMs);
  printRow("rotate + grabImage:", grabMs);
  printRow("setColors + show frame:", recolorMs);
  return true;
}

/// One MultiPointCloudView with `views` viewports in a `size` widget.
bool benchMultiView(int frames, std::size_t count, const std::vector<float>& scan, int views, QSize size)
{
  const std::vector<std::uint8_t> colors = makeColors(count, 0);
  const std::vector<std::uint8_t> otherColors = makeColors(count, 1);
  quantlens::MultiPointCloudView view;
  view.resize(size);
  view.setViewCount(views);
  view.setPoints(scan.data(), count);
  view.setPointSize(2.0F);
  for (int v = 0; v < views; ++v)
  {
    view.setColors(v, makeColors(count, static_cast<std::size_t>(v) * 7).data(), count);
    view.setViewTitle(v, QStringLiteral("View %1").arg(v));
  }
  if (!exposed(view))
  {
    return false;
  }
  view.grabImage();
  FrameWaiter waiter({ &view });

  // Synchronized cameras: rotating view 0 moves all of them.
  const FrameTime rotateMs = millisecondsPerFrame(frames, [&](int) {
    view.rotateAzimuth(0, 360.0 / frames);
    waiter.showFrame();
  });
  const FrameTime grabMs = millisecondsPerFrame(frames, [&](int) {
    view.rotateAzimuth(0, 360.0 / frames);
    static_cast<void>(view.grabImage());
  });
  const FrameTime recolorOneMs = millisecondsPerFrame(frames, [&](int i) {
    view.setColors(views - 1, (i % 2 == 0 ? otherColors : colors).data(), count);
    waiter.showFrame();
  });
  const FrameTime recolorAllMs = millisecondsPerFrame(frames, [&](int i) {
    for (int v = 0; v < views; ++v)
    {
      view.setColors(v, (i % 2 == 0 ? otherColors : colors).data(), count);
    }
    waiter.showFrame();
  });
  const QRect cell = view.viewRect(0);
  std::printf("MultiPointCloudView: %d views x %zu points, %dx%d widget (%dx%d per view), %d frames\n", views,
    count, size.width(), size.height(), cell.width(), cell.height(), frames);
  printRow("rotate + show frame:", rotateMs);
  printRow("rotate + grabImage:", grabMs);
  printRow("setColors (one view) + show frame:", recolorOneMs);
  printRow("setColors (all views) + show frame:", recolorAllMs);
  return true;
}

/// The alternative to one multi-view widget: one PointCloudView per view in
/// a grid layout, each with its own copy of the points.
bool benchSeparateViews(int frames, std::size_t count, const std::vector<float>& scan, int views, QSize size)
{
  QWidget window;
  auto* layout = new QGridLayout(&window);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  std::vector<quantlens::PointCloudView*> pointViews;
  std::vector<QOpenGLWidget*> widgets;
  for (int v = 0; v < views; ++v)
  {
    auto* view = new quantlens::PointCloudView;
    view->setPoints(scan.data(), count);
    view->setColors(makeColors(count, static_cast<std::size_t>(v) * 7).data(), count);
    view->setPointSize(2.0F);
    layout->addWidget(view, v / 2, v % 2);
    pointViews.push_back(view);
    widgets.push_back(view);
  }
  window.resize(size);
  if (!exposed(window))
  {
    return false;
  }
  FrameWaiter waiter(widgets);
  waiter.showFrame();
  const FrameTime rotateMs = millisecondsPerFrame(frames, [&](int) {
    // What a synchronized group of views does: every view moves.
    for (auto* view : pointViews)
    {
      view->rotateAzimuth(360.0 / frames);
    }
    waiter.showFrame();
  });
  std::printf("%d separate PointCloudViews x %zu points, %dx%d window (%dx%d per view), %d frames\n", views, count,
    size.width(), size.height(), pointViews[0]->width(), pointViews[0]->height(), frames);
  printRow("rotate all + show frames:", rotateMs);
  return true;
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
  const char* mode = argc > 3 ? argv[3] : "all";
  const bool single = std::strcmp(mode, "single") == 0 || std::strcmp(mode, "all") == 0;
  const bool multi = std::strcmp(mode, "multi") == 0 || std::strcmp(mode, "all") == 0;
  if (frames <= 0 || count == 0 || (!single && !multi))
  {
    std::fprintf(stderr, "usage: viewer-bench [frames > 0] [points > 0] [single|multi|all]\n");
    return 2;
  }

  const std::vector<float> scan = makeScan(count);
  bool ok = true;
  if (single)
  {
    ok = ok && benchSingle(frames, count, scan);
  }
  if (multi)
  {
    // 4 views of 800x450 (a 16:9 screen) and of 800x600 (as the single view).
    ok = ok && benchMultiView(frames, count, scan, 1, QSize(800, 600));
    ok = ok && benchMultiView(frames, count, scan, 4, QSize(1600, 900));
    ok = ok && benchMultiView(frames, count, scan, 4, QSize(1600, 1200));
    ok = ok && benchSeparateViews(frames, count, scan, 4, QSize(1600, 900));
  }
  return ok ? 0 : 1;
}
