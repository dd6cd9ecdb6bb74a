#include "RangeImageCanvas.h"
#include "RangeImageView.h"

#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <limits>

using quantlens::RangeImageLayer;
using quantlens::RangeImageView;

namespace {

constexpr int kWidth = 16;
constexpr int kHeight = 8;

// Viridis end points as published with matplotlib (_viridis_data[0], [255]).
const QColor kViridisLow(68, 1, 84);
const QColor kViridisHigh(253, 231, 37);

float gradientValue(int row, int col)
{
  return static_cast<float>(row * kWidth + col) + 10.5F;
}

RangeImageLayer scalarLayer()
{
  RangeImageLayer layer;
  layer.name = QStringLiteral("range");
  layer.width = kWidth;
  layer.height = kHeight;
  layer.kind = RangeImageLayer::Kind::Scalar;
  for (int row = 0; row < kHeight; ++row)
    for (int col = 0; col < kWidth; ++col)
      layer.values.push_back(gradientValue(row, col));
  layer.values[2 * kWidth + 3] = std::numeric_limits<float>::quiet_NaN();
  layer.values[5 * kWidth + 7] = -1.0F;
  return layer;
}

int labelAt(int row, int col)
{
  return (row + col) % 3;
}

RangeImageLayer labelLayer()
{
  RangeImageLayer layer;
  layer.name = QStringLiteral("labels");
  layer.width = kWidth;
  layer.height = kHeight;
  layer.kind = RangeImageLayer::Kind::Labels;
  for (int row = 0; row < kHeight; ++row)
    for (int col = 0; col < kWidth; ++col)
      layer.labels.push_back(static_cast<std::uint8_t>(labelAt(row, col)));
  return layer;
}

const std::vector<QColor> kPalette{QColor(255, 0, 0), QColor(0, 200, 0), QColor(0, 0, 255)};

QStringList paletteNames()
{
  return {QStringLiteral("unlabeled"), QStringLiteral("car"), QStringLiteral("road")};
}

bool near(QColor a, QColor b, int tolerance = 3)
{
  return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
         && std::abs(a.blue() - b.blue()) <= tolerance;
}

// Centre of image pixel (row, col) in canvas coordinates, from the canvas size
// alone: the image is stretched over the whole canvas.
QPoint pixelCentre(const QWidget* canvas, int row, int col)
{
  return {static_cast<int>((col + 0.5) * canvas->width() / kWidth),
          static_cast<int>((row + 0.5) * canvas->height() / kHeight)};
}

void showAndWait(QWidget& widget)
{
  widget.resize(640, 300);
  widget.show();
  widget.activateWindow(); // Xvfb has no window manager to do it
  QVERIFY(QTest::qWaitForWindowExposed(&widget));
}

} // namespace

class RangeImageViewTest : public QObject
{
  Q_OBJECT

private slots:
  void initTestCase()
  {
    QLocale::setDefault(QLocale::c());
  }

  void scalarLayerSpansTheColormap()
  {
    RangeImageView view;
    std::vector<RangeImageLayer> layers;
    layers.push_back(scalarLayer());
    view.setLayers(std::move(layers));
    const QImage image = view.renderedImage();
    QCOMPARE(image.size(), QSize(kWidth, kHeight));
    QVERIFY2(near(image.pixelColor(0, 0), kViridisLow), qPrintable(image.pixelColor(0, 0).name()));
    QVERIFY2(near(image.pixelColor(kWidth - 1, kHeight - 1), kViridisHigh),
             qPrintable(image.pixelColor(kWidth - 1, kHeight - 1).name()));
    // Viridis gets lighter from end to end, and so must a rising row.
    for (int col = 1; col < kWidth; ++col)
      QVERIFY(qGray(image.pixel(col, 7)) >= qGray(image.pixel(col - 1, 7)));
    // NaN and negative pixels are empty: dark, and not the dark end of the LUT.
    for (const QColor empty : {image.pixelColor(3, 2), image.pixelColor(7, 5)}) {
      QVERIFY2(std::max({empty.red(), empty.green(), empty.blue()}) <= 40, qPrintable(empty.name()));
      QVERIFY(!near(empty, kViridisLow, 20));
    }
    const auto* minimum = view.findChild<QLabel*>(QStringLiteral("colorBarMinimum"));
    const auto* maximum = view.findChild<QLabel*>(QStringLiteral("colorBarMaximum"));
    QVERIFY(minimum && maximum);
    QCOMPARE(minimum->text(), QStringLiteral("10.5"));
    QCOMPARE(maximum->text(), QStringLiteral("137.5"));
  }

  void labelLayerUsesThePalette()
  {
    RangeImageView view;
    view.setClassPalette(kPalette, paletteNames());
    auto layer = labelLayer();
    layer.labels[4 * kWidth + 9] = 7; // beyond the palette
    std::vector<RangeImageLayer> layers;
    layers.push_back(layer);
    view.setLayers(std::move(layers));
    const QImage image = view.renderedImage();
    QCOMPARE(image.size(), QSize(kWidth, kHeight));
    for (int row = 0; row < kHeight; ++row) {
      for (int col = 0; col < kWidth; ++col) {
        if (row == 4 && col == 9)
          continue;
        QCOMPARE(image.pixelColor(col, row), kPalette[static_cast<std::size_t>(labelAt(row, col))]);
      }
    }
    const QColor unknown = image.pixelColor(9, 4);
    for (const auto& color : kPalette)
      QVERIFY(unknown != color);
  }

  void switchingLayersChangesTheImage()
  {
    RangeImageView view;
    view.setClassPalette(kPalette, paletteNames());
    std::vector<RangeImageLayer> layers;
    layers.push_back(scalarLayer());
    layers.push_back(labelLayer());
    view.setLayers(std::move(layers));
    QCOMPARE(view.layerCount(), 2);
    QCOMPARE(view.currentLayer(), 0);
    const QImage scalarImage = view.renderedImage();
    QSignalSpy spy(&view, &RangeImageView::currentLayerChanged);
    view.setCurrentLayer(1);
    QCOMPARE(view.currentLayer(), 1);
    QCOMPARE(spy.count(), 1);
    QVERIFY(view.renderedImage() != scalarImage);
    QCOMPARE(view.renderedImage().pixelColor(1, 0), kPalette[1]);

    // The combo box is the user's way to switch.
    auto* combo = view.findChild<QComboBox*>();
    QVERIFY(combo);
    QCOMPARE(combo->count(), 2);
    QCOMPARE(combo->currentIndex(), 1);
    combo->setCurrentIndex(0);
    QCOMPARE(view.currentLayer(), 0);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(view.renderedImage(), scalarImage);
  }

  void hoverAndClickReportThePixel()
  {
    RangeImageView view;
    std::vector<RangeImageLayer> layers;
    layers.push_back(scalarLayer());
    view.setLayers(std::move(layers));
    showAndWait(view);
    auto* canvas = view.findChild<QWidget*>(QStringLiteral("rangeImageCanvas"));
    QVERIFY(canvas);
    // Rows are stretched to at least two screen pixels; the width follows the view.
    QVERIFY(canvas->height() >= 2 * kHeight);
    QVERIFY(canvas->width() >= view.width() - 40);

    QSignalSpy hovered(&view, &RangeImageView::pixelHovered);
    QTest::mouseMove(canvas, pixelCentre(canvas, 5, 11));
    QTRY_VERIFY(!hovered.isEmpty());
    QCOMPARE(hovered.last().at(0).toInt(), 5);
    QCOMPARE(hovered.last().at(1).toInt(), 11);
    QVERIFY2(view.statusText().contains(QStringLiteral("101.5")), qPrintable(view.statusText()));
    QVERIFY(view.statusText().contains(QStringLiteral("11")));

    QTest::mouseMove(canvas, pixelCentre(canvas, 2, 3)); // the NaN pixel
    QTRY_COMPARE(hovered.last().at(1).toInt(), 3);
    QCOMPARE(hovered.last().at(0).toInt(), 2);
    QVERIFY(!view.statusText().contains(QStringLiteral("nan"), Qt::CaseInsensitive));

    QSignalSpy clicked(&view, &RangeImageView::pixelClicked);
    QTest::mouseClick(canvas, Qt::LeftButton, {}, pixelCentre(canvas, 7, 0));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toInt(), 7);
    QCOMPARE(clicked.at(0).at(1).toInt(), 0);
  }

  void hoverOverLabelsNamesTheClass()
  {
    RangeImageView view;
    view.setClassPalette(kPalette, paletteNames());
    std::vector<RangeImageLayer> layers;
    layers.push_back(labelLayer());
    view.setLayers(std::move(layers));
    showAndWait(view);
    auto* canvas = view.findChild<QWidget*>(QStringLiteral("rangeImageCanvas"));
    QVERIFY(canvas);
    QSignalSpy hovered(&view, &RangeImageView::pixelHovered);
    QTest::mouseMove(canvas, pixelCentre(canvas, 1, 1)); // (1 + 1) % 3 = 2: road
    QTRY_VERIFY(!hovered.isEmpty());
    QVERIFY2(view.statusText().contains(QStringLiteral("road")), qPrintable(view.statusText()));
  }

  void markerDrawsACrosshair()
  {
    RangeImageView view;
    view.setClassPalette({QColor(0, 0, 255)}, {QStringLiteral("water")});
    auto layer = labelLayer();
    std::fill(layer.labels.begin(), layer.labels.end(), std::uint8_t{0});
    std::vector<RangeImageLayer> layers;
    layers.push_back(layer);
    view.setLayers(std::move(layers));
    showAndWait(view);
    auto* canvas = view.findChild<QWidget*>(QStringLiteral("rangeImageCanvas"));
    QVERIFY(canvas);
    const int lineY = pixelCentre(canvas, 3, 12).y();
    // Far left of the picked pixel, on the crosshair's row.
    const auto whiteNearLine = [&] {
      const QImage grabbed = canvas->grab().toImage();
      for (int y = lineY - 2; y <= lineY + 2; ++y)
        if (grabbed.pixelColor(2, y) == QColor(Qt::white))
          return true;
      return false;
    };
    QVERIFY(!whiteNearLine());
    view.setMarker(3, 12);
    QVERIFY(whiteNearLine());
    view.setMarker(-1, -1);
    QVERIFY(!whiteNearLine());
  }

  void mismatchedLayersAreRejected()
  {
    RangeImageView view;
    auto tooShort = scalarLayer();
    tooShort.name = QStringLiteral("short");
    tooShort.values.resize(100);
    auto noLabels = labelLayer();
    noLabels.labels.clear();
    noLabels.values.assign(static_cast<std::size_t>(kWidth * kHeight), 1.0F);
    auto noSize = scalarLayer();
    noSize.width = 0;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("\"short\" ignored")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("\"labels\" ignored")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("\"range\" ignored")));
    std::vector<RangeImageLayer> layers;
    layers.push_back(tooShort);
    layers.push_back(noLabels);
    layers.push_back(noSize);
    layers.push_back(labelLayer());
    view.setLayers(std::move(layers));
    QCOMPARE(view.layerCount(), 1);
    QCOMPARE(view.renderedImage().size(), QSize(kWidth, kHeight));
    view.setCurrentLayer(3); // no such layer
    QCOMPARE(view.currentLayer(), 0);
    view.setMarker(100, 100); // outside the image
    view.setLayers({});
    QCOMPARE(view.layerCount(), 0);
    QVERIFY(view.renderedImage().isNull());
    QCOMPARE(view.currentLayer(), -1);
  }
};

QTEST_MAIN(RangeImageViewTest)
#include "RangeImageViewTest.moc"
