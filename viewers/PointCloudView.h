#pragma once

#include "viewers/ViewCamera.h"
#include "viewers/VtkOpenGLWidget.h"

#include <QColor>
#include <QImage>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace quantlens {

/// Shows a point cloud with one RGB color per point. The geometry is set once
/// per scan (setPoints); colorings (labels, errors, remission) are swapped with
/// setColors, which touches only the color array.
///
/// The default camera is a driver's view of a LiDAR scan: the sensor at the
/// origin, x forward, z up, seen from behind and above.
class PointCloudView : public VtkOpenGLWidget
{
  Q_OBJECT

public:
  explicit PointCloudView(QWidget* parent = nullptr);
  ~PointCloudView() override;

  /// Replaces the points. `xyzr` holds `count` points of 4 floats each:
  /// x, y, z, remission (remission is not drawn). Colors reset to white.
  void setPoints(const float* xyzr, std::size_t count);
  std::size_t pointCount() const;

  /// Replaces the colors: `count` RGB triples, one per point.
  /// Throws std::invalid_argument when count differs from pointCount().
  void setColors(const std::uint8_t* rgb, std::size_t count);

  /// Point diameter in device pixels.
  void setPointSize(float pixels);
  void setBackground(const QColor& color);

  /// Back to the default driver's view.
  void resetCamera();
  ViewCamera camera() const;
  /// Sets the camera without emitting cameraChanged, so synchronized views
  /// can forward each other's changes without echoing them back.
  void setCamera(const ViewCamera& camera);
  /// Orbits the camera about the focal point around the view-up axis.
  void rotateAzimuth(double degrees);

  /// Renders and returns what the view shows, at device-pixel size.
  QImage grabImage();

signals:
  /// The camera changed by user input, resetCamera() or rotateAzimuth().
  void cameraChanged(const quantlens::ViewCamera& camera);

protected:
  void interactionChangedScene() override;

private:
  void applyCamera(const ViewCamera& camera);
  void notifyCameraChange();

  class Private;
  std::unique_ptr<Private> d;
};

} // namespace quantlens
