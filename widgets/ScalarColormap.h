#pragma once

#include <QImage>
#include <QRgb>

namespace quantlens {

/// A perceptually uniform colormap (viridis: dark blue-violet -> teal ->
/// yellow) for scalar range-image layers. Our own small LUT, so the widgets
/// need no colormap library; viridis stays readable in grey and for the
/// common kinds of color blindness.
class ScalarColormap
{
public:
  /// Color of `t` in [0, 1]; values outside are clamped, NaN maps to 0.
  static QRgb map(double t);

  /// Color of `value` with [minimum, maximum] stretched to [0, 1]; a span of
  /// zero maps everything to the middle of the LUT.
  static QRgb map(double value, double minimum, double maximum);

  /// A horizontal `width` x 1 strip from 0 (left) to 1 (right), for a color bar.
  static QImage gradient(int width);
};

} // namespace quantlens
