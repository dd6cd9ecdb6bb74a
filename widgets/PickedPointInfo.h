#pragma once

#include <QColor>
#include <QString>
#include <QtGlobal>

#include <vector>

namespace quantlens {

/// The class one model variant (FP32, W8A8, ...) gives a point.
struct VariantClass
{
  QString variant;
  QString className;
  QColor color;
};

/// Everything the point info panel shows about the point picked in a view.
/// `variants[0]` is the reference (FP32): the others are compared with it.
struct PickedPointInfo
{
  qint64 index = -1;
  float x = 0.0F;
  float y = 0.0F;
  float z = 0.0F;
  float range = 0.0F;
  float remission = 0.0F;
  QString truthClass;
  QColor truthColor;
  std::vector<VariantClass> variants;
};

} // namespace quantlens
