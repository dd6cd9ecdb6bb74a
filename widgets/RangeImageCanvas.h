#pragma once

#include <QImage>
#include <QPoint>
#include <QWidget>

namespace quantlens {

/// Paints one W x H range image across its whole rect with nearest-neighbour
/// scaling (a range image pixel is a measurement, blending would invent
/// values), maps the mouse back to image pixels and draws the picked-point
/// crosshair. Part of RangeImageView; kept apart so the view only deals with
/// layers and text.
class RangeImageCanvas : public QWidget
{
  Q_OBJECT

public:
  /// Screen pixels per image row at the preferred height: 64-row scans are
  /// only readable stretched vertically.
  static constexpr int kRowPixels = 3;

  explicit RangeImageCanvas(QWidget* parent = nullptr);

  void setImage(const QImage& image);
  const QImage& image() const { return image_; }

  /// Crosshair on pixel (row, col); (-1, -1) or a pixel outside the image
  /// removes it.
  void setMarker(int row, int col);
  int markerRow() const { return markerRow_; }
  int markerColumn() const { return markerColumn_; }

  /// The image pixel under `pos` (widget coordinates) as (col, row), or
  /// (-1, -1) outside the image.
  QPoint pixelAt(QPointF pos) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

signals:
  /// Emitted when the mouse reaches another pixel, not on every move.
  void pixelHovered(int row, int col);
  void pixelClicked(int row, int col);
  /// The mouse left the image.
  void hoverLeft();

protected:
  void paintEvent(QPaintEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;

private:
  QRectF pixelRect(int row, int col) const;
  void drawMarker(QPainter& painter) const;
  void updateHover(QPoint pixel);

  QImage image_;
  int markerRow_ = -1;
  int markerColumn_ = -1;
  QPoint hovered_{-1, -1};
};

} // namespace quantlens
