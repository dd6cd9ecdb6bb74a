#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace quantlens {

/// What one 3D view draws for the current scan: a title, one RGB color per
/// point, which points are shown, and a caption with the view's count.
struct ViewContent
{
  QString title;
  std::vector<std::uint8_t> rgb;     ///< 3 per point
  std::vector<std::uint8_t> visible; ///< 1 per point; empty = all visible
  QString caption;
  std::size_t highlightedPoints = 0; ///< points counted in the caption (wrong / changed)
};

} // namespace quantlens
