#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace quantlens {

/// One H x W image of a spherical projection (a range image), row-major: pixel
/// (row, col) is element `row * width + col`. Plain data, so the engine side
/// can fill it without knowing about the widget that shows it.
struct RangeImageLayer
{
  enum class Kind
  {
    Scalar, ///< `values` holds one float per pixel; NaN or negative = no return
    Labels  ///< `labels` holds one class id per pixel
  };

  QString name;
  int width = 0;
  int height = 0;
  Kind kind = Kind::Scalar;
  std::vector<float> values;
  std::vector<std::uint8_t> labels;

  std::size_t pixelCount() const
  {
    return width > 0 && height > 0 ? static_cast<std::size_t>(width) * static_cast<std::size_t>(height) : 0;
  }

  /// True when the sizes agree with the kind: a layer that is not valid is
  /// never drawn.
  bool isValid() const
  {
    if (pixelCount() == 0)
      return false;
    return kind == Kind::Scalar ? values.size() == pixelCount() : labels.size() == pixelCount();
  }
};

} // namespace quantlens
