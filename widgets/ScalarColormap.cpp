#include "ScalarColormap.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace quantlens {

namespace {

// viridis sampled at t = 0, 1/8, ..., 1 (matplotlib's _viridis_data); linear
// interpolation between nine stops stays within a few levels of the full LUT.
constexpr std::array<std::array<int, 3>, 9> kViridisStops{{
  {68, 1, 84},
  {71, 44, 122},
  {59, 81, 139},
  {44, 113, 142},
  {33, 144, 141},
  {39, 173, 129},
  {92, 200, 99},
  {170, 220, 50},
  {253, 231, 37},
}};

int lerp(int a, int b, double f)
{
  return static_cast<int>(std::lround(a + (b - a) * f));
}

} // namespace

QRgb ScalarColormap::map(double t)
{
  if (std::isnan(t))
    t = 0.0;
  t = std::clamp(t, 0.0, 1.0);
  const double position = t * static_cast<double>(kViridisStops.size() - 1);
  const auto lower = std::min(static_cast<std::size_t>(position), kViridisStops.size() - 2);
  const double f = position - static_cast<double>(lower);
  const auto& a = kViridisStops[lower];
  const auto& b = kViridisStops[lower + 1];
  return qRgb(lerp(a[0], b[0], f), lerp(a[1], b[1], f), lerp(a[2], b[2], f));
}

QRgb ScalarColormap::map(double value, double minimum, double maximum)
{
  const double span = maximum - minimum;
  if (!(span > 0.0))
    return map(0.5);
  return map((value - minimum) / span);
}

QImage ScalarColormap::gradient(int width)
{
  width = std::max(width, 2);
  QImage strip(width, 1, QImage::Format_RGB32);
  for (int x = 0; x < width; ++x)
    strip.setPixel(x, 0, map(static_cast<double>(x) / (width - 1)));
  return strip;
}

} // namespace quantlens
