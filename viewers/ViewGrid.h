#pragma once

#include <QPoint>
#include <QRect>
#include <QSize>

#include <array>

namespace quantlens {

/// Where each of up to six views goes in a widget: a grid filled row by row
/// from the top left. 1 view: 1x1, 2: 2x1, 3: 3x1, 4: 2x2, 5 and 6: 3x2 (the
/// sixth cell stays empty for five). Cell edges are whole pixels, so
/// neighbouring cells neither overlap nor leave a gap, and cells of one grid
/// differ in size by at most one pixel.
class ViewGrid
{
public:
  static constexpr int kMaxViews = 6;

  /// Throws std::invalid_argument unless 1 <= viewCount <= kMaxViews.
  explicit ViewGrid(int viewCount);

  int viewCount() const { return viewCount_; }
  int columns() const { return columns_; }
  int rows() const { return rows_; }
  int cellCount() const { return columns_ * rows_; }

  /// Cell `index` of an area of `size` pixels, y down (Qt's convention).
  QRect cellRect(int index, const QSize& size) const;
  /// The same cell as VTK viewport fractions: xmin, ymin, xmax, ymax, y up.
  /// VTK rounds fraction * size to the nearest pixel, which gives back
  /// exactly cellRect's edges.
  std::array<double, 4> normalizedViewport(int index, const QSize& size) const;
  /// The cell holding `point`, or -1 outside the area.
  int cellAt(const QPoint& point, const QSize& size) const;

private:
  int viewCount_;
  int columns_;
  int rows_;
};

} // namespace quantlens
