#include "viewers/ViewGrid.h"

#include <stdexcept>
#include <string>

namespace quantlens {

namespace {

// Edge `i` of `parts` equal parts of `length` pixels, rounded down.
int edge(int i, int parts, int length)
{
  return static_cast<int>(static_cast<long long>(i) * length / parts);
}

} // namespace

ViewGrid::ViewGrid(int viewCount)
  : viewCount_(viewCount)
{
  if (viewCount < 1 || viewCount > kMaxViews)
  {
    throw std::invalid_argument("ViewGrid: " + std::to_string(viewCount) + " views requested; 1 to " +
      std::to_string(kMaxViews) + " are possible");
  }
  // Up to three side by side keeps each view wide, as driver's views are;
  // more go on two rows.
  rows_ = viewCount <= 3 ? 1 : 2;
  columns_ = (viewCount + rows_ - 1) / rows_;
}

QRect ViewGrid::cellRect(int index, const QSize& size) const
{
  const int column = index % columns_;
  const int row = index / columns_;
  const int left = edge(column, columns_, size.width());
  const int top = edge(row, rows_, size.height());
  return { QPoint(left, top),
    QPoint(edge(column + 1, columns_, size.width()) - 1, edge(row + 1, rows_, size.height()) - 1) };
}

std::array<double, 4> ViewGrid::normalizedViewport(int index, const QSize& size) const
{
  if (size.isEmpty())
  {
    return { 0.0, 0.0, 1.0, 1.0 };
  }
  const QRect cell = cellRect(index, size);
  const double width = size.width();
  const double height = size.height();
  return { cell.left() / width, (height - (cell.bottom() + 1)) / height, (cell.right() + 1) / width,
    (height - cell.top()) / height };
}

int ViewGrid::cellAt(const QPoint& point, const QSize& size) const
{
  for (int i = 0; i < cellCount(); ++i)
  {
    if (cellRect(i, size).contains(point))
    {
      return i;
    }
  }
  return -1;
}

} // namespace quantlens
