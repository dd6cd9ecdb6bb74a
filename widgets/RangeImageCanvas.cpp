#include "RangeImageCanvas.h"

#include <QMouseEvent>
#include <QPainter>

#include <cmath>

namespace quantlens {

namespace {
constexpr int kDefaultRows = 64; // height before the first image: an HDL-64 scan
constexpr int kPreferredWidth = 512;
const QColor kBackground(16, 16, 16);
} // namespace

RangeImageCanvas::RangeImageCanvas(QWidget* parent)
  : QWidget(parent)
{
  setMouseTracking(true);
  setAttribute(Qt::WA_OpaquePaintEvent);
  // Width follows the dock; height follows the number of rows.
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  setCursor(Qt::CrossCursor);
}

void RangeImageCanvas::setImage(const QImage& image)
{
  const bool heightChanged = image.height() != image_.height();
  image_ = image;
  if (markerRow_ >= image_.height() || markerColumn_ >= image_.width())
    markerRow_ = markerColumn_ = -1;
  hovered_ = QPoint(-1, -1);
  if (heightChanged)
    updateGeometry();
  update();
}

void RangeImageCanvas::setMarker(int row, int col)
{
  const bool inside = row >= 0 && col >= 0 && row < image_.height() && col < image_.width();
  markerRow_ = inside ? row : -1;
  markerColumn_ = inside ? col : -1;
  update();
}

QPoint RangeImageCanvas::pixelAt(QPointF pos) const
{
  if (image_.isNull() || width() <= 0 || height() <= 0)
    return {-1, -1};
  const auto col = static_cast<int>(std::floor(pos.x() * image_.width() / width()));
  const auto row = static_cast<int>(std::floor(pos.y() * image_.height() / height()));
  if (col < 0 || row < 0 || col >= image_.width() || row >= image_.height())
    return {-1, -1};
  return {col, row};
}

QSize RangeImageCanvas::sizeHint() const
{
  const int rows = image_.isNull() ? kDefaultRows : image_.height();
  return {kPreferredWidth, rows * kRowPixels};
}

QSize RangeImageCanvas::minimumSizeHint() const
{
  return {64, sizeHint().height()};
}

QRectF RangeImageCanvas::pixelRect(int row, int col) const
{
  const double sx = static_cast<double>(width()) / image_.width();
  const double sy = static_cast<double>(height()) / image_.height();
  return {col * sx, row * sy, sx, sy};
}

void RangeImageCanvas::paintEvent(QPaintEvent* /*event*/)
{
  QPainter painter(this);
  painter.fillRect(rect(), kBackground);
  if (image_.isNull())
    return;
  // No SmoothPixmapTransform: the raster engine then scales nearest-neighbour.
  painter.drawImage(QRectF(rect()), image_);
  drawMarker(painter);
}

void RangeImageCanvas::drawMarker(QPainter& painter) const
{
  if (markerRow_ < 0)
    return;
  const QRectF cell = pixelRect(markerRow_, markerColumn_);
  const QPointF centre = cell.center();
  // White over a dark outline reads on both the dark and the yellow end of the LUT.
  for (const auto& pen : {QPen(QColor(0, 0, 0, 160), 3.0), QPen(Qt::white, 1.0)}) {
    painter.setPen(pen);
    painter.drawLine(QPointF(centre.x(), 0.0), QPointF(centre.x(), cell.top() - 3.0));
    painter.drawLine(QPointF(centre.x(), cell.bottom() + 3.0), QPointF(centre.x(), height()));
    painter.drawLine(QPointF(0.0, centre.y()), QPointF(cell.left() - 3.0, centre.y()));
    painter.drawLine(QPointF(cell.right() + 3.0, centre.y()), QPointF(width(), centre.y()));
    painter.drawRect(cell.adjusted(-2.0, -2.0, 2.0, 2.0));
  }
}

void RangeImageCanvas::mouseMoveEvent(QMouseEvent* event)
{
  updateHover(pixelAt(event->position()));
  QWidget::mouseMoveEvent(event);
}

void RangeImageCanvas::mousePressEvent(QMouseEvent* event)
{
  const QPoint pixel = pixelAt(event->position());
  if (event->button() == Qt::LeftButton && pixel.x() >= 0)
    emit pixelClicked(pixel.y(), pixel.x());
  QWidget::mousePressEvent(event);
}

void RangeImageCanvas::leaveEvent(QEvent* event)
{
  updateHover(QPoint(-1, -1));
  QWidget::leaveEvent(event);
}

void RangeImageCanvas::updateHover(QPoint pixel)
{
  if (pixel == hovered_)
    return;
  hovered_ = pixel;
  if (pixel.x() < 0)
    emit hoverLeft();
  else
    emit pixelHovered(pixel.y(), pixel.x());
}

} // namespace quantlens
