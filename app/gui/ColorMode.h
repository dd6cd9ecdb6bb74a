#pragma once

namespace quantlens {

/// What the colors of the 3D views show.
enum class ColorMode
{
  Classes,       ///< each view its own labels in the label config's colors
  ErrorsVsTruth, ///< correct gray, wrong red, ignored (unlabeled) dim
  ChangesVsFp32, ///< unchanged gray, changed in the new class's color
  Range,         ///< distance to the sensor, a color ramp (same in every view)
  Remission      ///< a gray ramp (same in every view)
};

} // namespace quantlens
