#pragma once

#include "RangeImageLayer.h"

#include <QColor>
#include <QImage>
#include <QStringList>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;

namespace quantlens {

class RangeImageCanvas;

/// Range images of one scan (range, remission, labels of each model, ...):
/// a combo box picks the layer, the image fills the width and is stretched so
/// each row is a few screen pixels tall, scalar layers come with a color bar,
/// and the pixel under the mouse is read out below.
class RangeImageView : public QWidget
{
  Q_OBJECT

public:
  explicit RangeImageView(QWidget* parent = nullptr);

  /// Replaces all layers. A layer whose buffer does not hold width x height
  /// entries is dropped with a warning; the current layer is kept by index
  /// where it still exists.
  void setLayers(std::vector<RangeImageLayer> layers);
  int layerCount() const { return static_cast<int>(layers_.size()); }
  /// Current layer index, -1 without layers.
  int currentLayer() const;

  /// Colors and names of class ids for label layers; an id beyond the
  /// palette is drawn grey. Named so it does not hide QWidget::setPalette.
  void setClassPalette(std::vector<QColor> classColors, QStringList classNames);

  /// The current layer as drawn, one image pixel per range-image pixel (W x H).
  QImage renderedImage() const { return image_; }
  /// The read-out line under the image.
  QString statusText() const;

  /// Color of pixels without a return.
  static QColor emptyPixelColor() { return {20, 20, 20}; }

public slots:
  void setCurrentLayer(int index);
  /// Crosshair on the picked point; (-1, -1) removes it.
  void setMarker(int row, int col);

signals:
  void currentLayerChanged(int index);
  void pixelHovered(int row, int col);
  void pixelClicked(int row, int col);

protected:
  void changeEvent(QEvent* event) override;

private:
  void retranslateUi();
  void render();
  QImage renderScalar(const RangeImageLayer& layer);
  QImage renderLabels(const RangeImageLayer& layer) const;
  void showPixel(int row, int col);
  void showHint();
  QString className(int classId) const;

  std::vector<RangeImageLayer> layers_;
  std::vector<QColor> classColors_;
  QStringList classNames_;
  QImage image_;
  double minimum_ = 0.0;
  double maximum_ = 0.0;

  QComboBox* layerCombo_;
  RangeImageCanvas* canvas_;
  QWidget* colorBar_;
  QLabel* minimumLabel_;
  QLabel* gradientLabel_;
  QLabel* maximumLabel_;
  QLabel* statusLabel_;
};

} // namespace quantlens
