#pragma once

#include "viewers/StandardView.h"
#include "viewers/ViewCamera.h"
#include "viewers/VtkOpenGLWidget.h"

#include <QColor>
#include <QImage>
#include <QPoint>
#include <QRect>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace quantlens {

/// Shows one point cloud in up to six views side by side, each with its own
/// colors and visible points: the same scan as ground truth, FP32, W8A8, ...
/// One widget draws all views (one VTK renderer per viewport, one GL
/// context), and all views share one copy of the points; see
/// docs/benchmarks.md for its cost against one widget per view. Views are
/// laid out by ViewGrid (4 views: 2x2).
///
/// Cameras are synchronized by default: all views show the scene from the
/// same camera and a drag in any view moves them all. A left click without a
/// drag picks the point under the cursor (pointPicked); setHighlightedPoint
/// marks a point in every view.
///
/// Views are numbered 0..viewCount()-1; a bad index throws
/// std::invalid_argument, as do counts that do not match pointCount().
class MultiPointCloudView : public VtkOpenGLWidget
{
  Q_OBJECT

public:
  static constexpr int kMaxViews = 6;

  explicit MultiPointCloudView(QWidget* parent = nullptr);
  ~MultiPointCloudView() override;

  /// 1..kMaxViews views. Views that are hidden and shown again keep their
  /// colors, mask, titles and (unsynchronized) camera.
  void setViewCount(int count);
  int viewCount() const;
  /// Where a view is drawn, in widget pixels.
  QRect viewRect(int view) const;
  /// The view at a widget position, or -1 (outside, or an empty grid cell).
  int viewAt(const QPoint& position) const;

  /// Replaces the points of every view. `xyzr` holds `count` points of 4
  /// floats: x, y, z, remission (remission is not drawn). All views' colors
  /// reset to white, all points become visible, the highlight goes away.
  void setPoints(const float* xyzr, std::size_t count);
  std::size_t pointCount() const;

  /// Replaces one view's colors: `count` RGB triples, one per point. Only
  /// that view's color array changes; the geometry is not touched.
  void setColors(int view, const std::uint8_t* rgb, std::size_t count);

  /// Shows in one view only the points whose mask byte is not 0 (e.g. "hide
  /// unchanged points"); `mask == nullptr` shows all (count is then ignored).
  void setVisibleMask(int view, const std::uint8_t* mask, std::size_t count);
  std::size_t visibleCount(int view) const;

  /// Drawn in the view's top-left corner, e.g. "W4A8".
  void setViewTitle(int view, const QString& title);
  QString viewTitle(int view) const;
  /// Drawn in the view's bottom-left corner, e.g. "8,123 points changed".
  void setViewCaption(int view, const QString& caption);
  QString viewCaption(int view) const;

  /// Point diameter in device pixels, in every view.
  void setPointSize(float pixels);
  void setBackground(const QColor& color);

  /// On (the default): every view uses one camera. Turning it on gives every
  /// view view 0's camera; turning it off gives each view its own copy.
  void setCamerasSynchronized(bool synchronized);
  bool camerasSynchronized() const;
  /// Every view back to the driver's view (StandardView::Driver).
  void resetCamera();
  /// Every view to a preset camera.
  void setStandardView(StandardView view);
  ViewCamera camera(int view) const;
  /// Sets one view's camera (all views' when synchronized) without emitting
  /// cameraChanged, so callers can restore saved cameras silently.
  void setCamera(int view, const ViewCamera& camera);
  /// Orbits one view's camera (all views' when synchronized) about its focal
  /// point around the view-up axis.
  void rotateAzimuth(int view, double degrees);

  /// The point a click at a widget position would pick: the nearest visible
  /// point within a few pixels of it (in front when several cover it), or -1.
  qint64 pointAt(const QPoint& position) const;

  /// Marks one point in every view with a yellow square in a black frame,
  /// drawn over everything else; -1 removes the mark. Throws
  /// std::invalid_argument for an index outside -1..pointCount()-1.
  void setHighlightedPoint(qint64 index);
  qint64 highlightedPoint() const;

  /// Renders and returns the whole widget, at device-pixel size.
  QImage grabImage();
  /// Renders and returns one view's rectangle, at device-pixel size.
  QImage grabView(int view);

signals:
  /// A camera changed by user input, resetCamera(), setStandardView(),
  /// rotateAzimuth() or setCamerasSynchronized().
  void cameraChanged();
  /// A left click without a drag in `view`; `index` is -1 when no point is
  /// near the click.
  void pointPicked(int view, qint64 index);

protected:
  void interactionChangedScene() override;
  void resizeGL(int width, int height) override;
  void paintGL() override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

private:
  void layoutViews();
  QSize deviceSize() const;
  void checkView(const char* function, int view) const;
  void checkCount(const char* function, const char* what, std::size_t count) const;
  void afterCameraMove();
  void notifyCameraChange();
  void paintLabels();

  class Private;
  std::unique_ptr<Private> d;
};

} // namespace quantlens
