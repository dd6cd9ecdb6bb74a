#include "viewers/ScreenSpacePicker.h"

#include <limits>

namespace quantlens {

ScreenSpacePicker::ScreenSpacePicker(const std::array<double, 16>& worldToClip, const QRectF& viewport)
  : m_(worldToClip)
  , viewport_(viewport)
{
}

void ScreenSpacePicker::setRadii(double pickRadius, double coverRadius)
{
  pickRadius_ = pickRadius;
  coverRadius_ = coverRadius;
}

std::optional<QPointF> ScreenSpacePicker::project(float x, float y, float z) const
{
  const double w = m_[12] * x + m_[13] * y + m_[14] * z + m_[15];
  if (w <= 0.0)
  {
    return std::nullopt;
  }
  const double depth = (m_[8] * x + m_[9] * y + m_[10] * z + m_[11]) / w;
  if (depth < -1.0 || depth > 1.0)
  {
    return std::nullopt;
  }
  const double ndcX = (m_[0] * x + m_[1] * y + m_[2] * z + m_[3]) / w;
  const double ndcY = (m_[4] * x + m_[5] * y + m_[6] * z + m_[7]) / w;
  // Normalized device coordinates run -1..1 with y up; pixels run y down.
  return QPointF(viewport_.left() + (ndcX + 1.0) * 0.5 * viewport_.width(),
    viewport_.top() + (1.0 - ndcY) * 0.5 * viewport_.height());
}

std::int64_t ScreenSpacePicker::pick(
  const float* xyz, std::size_t count, const std::uint8_t* visible, const QPointF& click) const
{
  const double pickSquared = pickRadius_ * pickRadius_;
  const double coverSquared = coverRadius_ * coverRadius_;
  std::int64_t nearest = -1;
  double nearestSquared = std::numeric_limits<double>::max();
  std::int64_t front = -1;
  double frontW = std::numeric_limits<double>::max();
  for (std::size_t i = 0; i < count; ++i)
  {
    if (visible != nullptr && visible[i] == 0)
    {
      continue;
    }
    const float* p = xyz + i * 3;
    const double w = m_[12] * p[0] + m_[13] * p[1] + m_[14] * p[2] + m_[15];
    if (w <= 0.0)
    {
      continue;
    }
    const double depth = (m_[8] * p[0] + m_[9] * p[1] + m_[10] * p[2] + m_[11]) / w;
    if (depth < -1.0 || depth > 1.0)
    {
      continue;
    }
    const double sx = viewport_.left() + ((m_[0] * p[0] + m_[1] * p[1] + m_[2] * p[2] + m_[3]) / w + 1.0) * 0.5 *
      viewport_.width();
    const double sy = viewport_.top() + (1.0 - (m_[4] * p[0] + m_[5] * p[1] + m_[6] * p[2] + m_[7]) / w) * 0.5 *
      viewport_.height();
    const double dx = sx - click.x();
    const double dy = sy - click.y();
    const double squared = dx * dx + dy * dy;
    if (squared > pickSquared)
    {
      continue;
    }
    // For a perspective camera w grows with the distance from the eye.
    if (squared <= coverSquared && w < frontW)
    {
      frontW = w;
      front = static_cast<std::int64_t>(i);
    }
    if (squared < nearestSquared)
    {
      nearestSquared = squared;
      nearest = static_cast<std::int64_t>(i);
    }
  }
  return front >= 0 ? front : nearest;
}

} // namespace quantlens
