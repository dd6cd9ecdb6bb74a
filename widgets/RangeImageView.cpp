#include "RangeImageView.h"

#include "RangeImageCanvas.h"
#include "ScalarColormap.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace quantlens {

namespace {

const QColor kUnknownClassColor(128, 128, 128);
constexpr int kGradientSteps = 256;
constexpr int kColorBarHeight = 10;

bool isEmptyValue(float value)
{
  return !std::isfinite(value) || value < 0.0F;
}

QString formatValue(double value)
{
  return QLocale().toString(value, 'g', 5);
}

} // namespace

RangeImageView::RangeImageView(QWidget* parent)
  : QWidget(parent)
  , layerCombo_(new QComboBox(this))
  , canvas_(new RangeImageCanvas(this))
  , colorBar_(new QWidget(this))
  , minimumLabel_(new QLabel(colorBar_))
  , gradientLabel_(new QLabel(colorBar_))
  , maximumLabel_(new QLabel(colorBar_))
  , statusLabel_(new QLabel(this))
{
  canvas_->setObjectName(QStringLiteral("rangeImageCanvas"));
  minimumLabel_->setObjectName(QStringLiteral("colorBarMinimum"));
  maximumLabel_->setObjectName(QStringLiteral("colorBarMaximum"));
  statusLabel_->setObjectName(QStringLiteral("rangeImageStatus"));
  layerCombo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  gradientLabel_->setPixmap(QPixmap::fromImage(ScalarColormap::gradient(kGradientSteps)));
  gradientLabel_->setScaledContents(true);
  gradientLabel_->setFixedHeight(kColorBarHeight);
  gradientLabel_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  statusLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* barLayout = new QHBoxLayout(colorBar_);
  barLayout->setContentsMargins(0, 0, 0, 0);
  barLayout->addWidget(minimumLabel_);
  barLayout->addWidget(gradientLabel_, 1);
  barLayout->addWidget(maximumLabel_);

  auto* top = new QHBoxLayout;
  top->addWidget(layerCombo_);
  top->addWidget(colorBar_, 1);
  // Takes the room of a hidden color bar, so the combo box keeps its size.
  top->addStretch(0);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(canvas_);
  layout->addWidget(statusLabel_);
  layout->addStretch(1);

  connect(layerCombo_, qOverload<int>(&QComboBox::currentIndexChanged), this, &RangeImageView::setCurrentLayer);
  connect(canvas_, &RangeImageCanvas::pixelHovered, this, &RangeImageView::showPixel);
  connect(canvas_, &RangeImageCanvas::pixelHovered, this, &RangeImageView::pixelHovered);
  connect(canvas_, &RangeImageCanvas::pixelClicked, this, &RangeImageView::pixelClicked);
  connect(canvas_, &RangeImageCanvas::hoverLeft, this, &RangeImageView::showHint);

  retranslateUi();
  render();
}

void RangeImageView::setLayers(std::vector<RangeImageLayer> layers)
{
  const int previous = currentLayer();
  layers_.clear();
  for (auto& layer : layers) {
    if (layer.isValid()) {
      layers_.push_back(std::move(layer));
      continue;
    }
    const auto entries = layer.kind == RangeImageLayer::Kind::Scalar ? layer.values.size() : layer.labels.size();
    qWarning("RangeImageView: layer \"%s\" ignored: %zu entries for %d x %d pixels",
             qUtf8Printable(layer.name), entries, layer.height, layer.width);
  }
  {
    const QSignalBlocker blocker(layerCombo_);
    layerCombo_->clear();
    for (const auto& layer : layers_)
      layerCombo_->addItem(layer.name);
    layerCombo_->setCurrentIndex(layers_.empty() ? -1 : std::clamp(previous, 0, layerCount() - 1));
  }
  layerCombo_->setEnabled(!layers_.empty());
  render();
  if (currentLayer() != previous)
    emit currentLayerChanged(currentLayer());
}

int RangeImageView::currentLayer() const
{
  return layerCombo_->currentIndex();
}

void RangeImageView::setCurrentLayer(int index)
{
  if (index < 0 || index >= layerCount())
    return;
  const bool changed = index != currentLayer() || sender() == layerCombo_;
  {
    const QSignalBlocker blocker(layerCombo_);
    layerCombo_->setCurrentIndex(index);
  }
  render();
  if (changed)
    emit currentLayerChanged(index);
}

void RangeImageView::setClassPalette(std::vector<QColor> classColors, QStringList classNames)
{
  classColors_ = std::move(classColors);
  classNames_ = std::move(classNames);
  render();
}

void RangeImageView::setMarker(int row, int col)
{
  canvas_->setMarker(row, col);
}

QString RangeImageView::statusText() const
{
  return statusLabel_->text();
}

void RangeImageView::render()
{
  const int index = currentLayer();
  const RangeImageLayer* layer = index >= 0 ? &layers_[static_cast<std::size_t>(index)] : nullptr;
  if (layer == nullptr)
    image_ = QImage();
  else if (layer->kind == RangeImageLayer::Kind::Scalar)
    image_ = renderScalar(*layer);
  else
    image_ = renderLabels(*layer);
  const bool scalar = layer != nullptr && layer->kind == RangeImageLayer::Kind::Scalar;
  colorBar_->setVisible(scalar);
  minimumLabel_->setText(formatValue(minimum_));
  maximumLabel_->setText(formatValue(maximum_));
  // The marker is a pixel position: it stays valid across layers of one scan.
  const int markerRow = canvas_->markerRow();
  const int markerColumn = canvas_->markerColumn();
  canvas_->setImage(image_);
  canvas_->setMarker(markerRow, markerColumn);
  showHint();
}

QImage RangeImageView::renderScalar(const RangeImageLayer& layer)
{
  // Stretch the colormap over this layer's own finite range: range (m),
  // remission (0..1) and error layers have nothing in common.
  double minimum = std::numeric_limits<double>::infinity();
  double maximum = -std::numeric_limits<double>::infinity();
  for (const float value : layer.values) {
    if (isEmptyValue(value))
      continue;
    minimum = std::min(minimum, static_cast<double>(value));
    maximum = std::max(maximum, static_cast<double>(value));
  }
  if (minimum > maximum)
    minimum = maximum = 0.0; // no pixel has a return
  minimum_ = minimum;
  maximum_ = maximum;

  QImage image(layer.width, layer.height, QImage::Format_RGB32);
  const QRgb empty = emptyPixelColor().rgb();
  for (int row = 0; row < layer.height; ++row) {
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
    const float* values = layer.values.data() + static_cast<std::size_t>(row) * layer.width;
    for (int col = 0; col < layer.width; ++col)
      line[col] = isEmptyValue(values[col]) ? empty : ScalarColormap::map(values[col], minimum, maximum);
  }
  return image;
}

QImage RangeImageView::renderLabels(const RangeImageLayer& layer) const
{
  std::vector<QRgb> lut(256, kUnknownClassColor.rgb());
  for (std::size_t id = 0; id < std::min<std::size_t>(classColors_.size(), lut.size()); ++id)
    lut[id] = classColors_[id].rgb();

  QImage image(layer.width, layer.height, QImage::Format_RGB32);
  for (int row = 0; row < layer.height; ++row) {
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
    const std::uint8_t* labels = layer.labels.data() + static_cast<std::size_t>(row) * layer.width;
    for (int col = 0; col < layer.width; ++col)
      line[col] = lut[labels[col]];
  }
  return image;
}

void RangeImageView::showPixel(int row, int col)
{
  const int index = currentLayer();
  if (index < 0)
    return;
  const auto& layer = layers_[static_cast<std::size_t>(index)];
  const auto offset = static_cast<std::size_t>(row) * layer.width + static_cast<std::size_t>(col);
  QString value;
  if (layer.kind == RangeImageLayer::Kind::Labels)
    value = className(layer.labels[offset]);
  else if (isEmptyValue(layer.values[offset]))
    value = tr("no return");
  else
    value = formatValue(layer.values[offset]);
  statusLabel_->setText(tr("Row %1, column %2: %3").arg(row).arg(col).arg(value));
}

void RangeImageView::showHint()
{
  statusLabel_->setText(layers_.empty() ? tr("No range image") : tr("Hover over the image to read a pixel"));
}

QString RangeImageView::className(int classId) const
{
  if (classId < classNames_.size() && !classNames_[classId].isEmpty())
    return tr("%1 (class %2)").arg(classNames_[classId]).arg(classId);
  return tr("class %1").arg(classId);
}

void RangeImageView::changeEvent(QEvent* event)
{
  if (event->type() == QEvent::LanguageChange)
    retranslateUi();
  QWidget::changeEvent(event);
}

void RangeImageView::retranslateUi()
{
  layerCombo_->setToolTip(tr("Range image layer"));
  colorBar_->setToolTip(tr("Colors from the layer's smallest to its largest value"));
  showHint();
}

} // namespace quantlens
