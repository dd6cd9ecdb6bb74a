#pragma once

#include <QPointF>
#include <QRectF>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace quantlens {

/// Finds the point a click on a view means, by projecting every visible point
/// with the view's camera and searching in screen space. One pass over the
/// points, no GPU read-back: about a millisecond for a 120k-point scan.
class ScreenSpacePicker
{
public:
  /// `worldToClip`: the camera's composite projection for the viewport's
  /// aspect ratio, row-major, applied to column vectors (x, y, z, 1).
  /// `viewport`: where the view is drawn, in device pixels, y down.
  ScreenSpacePicker(const std::array<double, 16>& worldToClip, const QRectF& viewport);

  /// `pickRadius`: how far from the click a point may land and still be
  /// picked. `coverRadius`: how far a drawn point reaches (half its size);
  /// a point that covers the click is what the user sees there.
  void setRadii(double pickRadius, double coverRadius);

  /// Where a point lands in device pixels, or nothing when it lies behind the
  /// camera or outside the depth range.
  std::optional<QPointF> project(float x, float y, float z) const;

  /// Of the points within the pick radius of `click`: the front-most of those
  /// covering it, else the nearest on screen; -1 when none. `xyz` holds
  /// `count` points of 3 floats; `visible` (may be null) one byte per point,
  /// 0 for points that are not drawn.
  std::int64_t pick(const float* xyz, std::size_t count, const std::uint8_t* visible, const QPointF& click) const;

private:
  std::array<double, 16> m_;
  QRectF viewport_;
  double pickRadius_ = 5.0;
  double coverRadius_ = 1.0;
};

} // namespace quantlens
