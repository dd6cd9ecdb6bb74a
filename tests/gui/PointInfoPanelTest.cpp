#include "PointInfoPanel.h"

#include <QLabel>
#include <QLocale>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

using quantlens::PickedPointInfo;
using quantlens::PointInfoPanel;
using quantlens::VariantClass;

namespace {

const QColor kCarColor(100, 150, 245);
const QColor kRoadColor(255, 0, 255);

PickedPointInfo samplePoint()
{
  PickedPointInfo info;
  info.index = 12345;
  info.x = 1.25F;
  info.y = -3.5F;
  info.z = 0.75F;
  info.range = 3.87F;
  info.remission = 0.42F;
  info.truthClass = QStringLiteral("car");
  info.truthColor = kCarColor;
  info.variants = {
    VariantClass{QStringLiteral("FP32"), QStringLiteral("car"), kCarColor},
    VariantClass{QStringLiteral("W8A8"), QStringLiteral("car"), kCarColor},
    VariantClass{QStringLiteral("W4A8"), QStringLiteral("road"), kRoadColor},
  };
  return info;
}

struct Fragment
{
  QString text;
  QTextCharFormat format;
};

// The panel's text as Qt lays it out: fragments with their character formats.
std::vector<Fragment> fragments(const QString& html)
{
  QTextDocument document;
  document.setHtml(html);
  std::vector<Fragment> result;
  for (QTextBlock block = document.begin(); block.isValid(); block = block.next())
    for (auto it = block.begin(); !it.atEnd(); ++it)
      result.push_back({it.fragment().text(), it.fragment().charFormat()});
  return result;
}

QString plainText(const QString& html)
{
  QTextDocument document;
  document.setHtml(html);
  return document.toPlainText();
}

const Fragment* fragmentContaining(const std::vector<Fragment>& all, const QString& needle)
{
  for (const auto& fragment : all)
    if (fragment.text.contains(needle))
      return &fragment;
  return nullptr;
}

bool isHighlighted(const QTextCharFormat& format)
{
  const QColor color = format.foreground().color();
  return format.fontWeight() >= QFont::Bold && color.red() > 150 && color.green() < 100 && color.blue() < 100;
}

} // namespace

class PointInfoPanelTest : public QObject
{
  Q_OBJECT

private slots:
  void initTestCase()
  {
    QLocale::setDefault(QLocale::c());
  }

  void emptyPanelTellsHowToPick()
  {
    PointInfoPanel panel;
    QVERIFY(!panel.hasPoint());
    QVERIFY(plainText(panel.text()).contains(QStringLiteral("Click a point in a 3D view")));
  }

  void showsThePointsValues()
  {
    PointInfoPanel panel;
    panel.setPoint(samplePoint());
    QVERIFY(panel.hasPoint());
    const QString text = plainText(panel.text());
    for (const char* expected : {"12345", "1.25", "-3.50", "0.75", "3.87", "0.42", "Ground truth: car", "FP32: car",
                                 "W8A8: car", "W4A8: road"})
      QVERIFY2(text.contains(QLatin1String(expected)), qPrintable(QStringLiteral("%1 missing in: %2")
                                                                      .arg(QLatin1String(expected), text)));
    QVERIFY(!text.contains(QStringLiteral("Click a point")));
  }

  void variantsThatDifferFromFp32AreMarked()
  {
    PointInfoPanel panel;
    panel.setPoint(samplePoint());
    const auto all = fragments(panel.text());
    const auto* w4 = fragmentContaining(all, QStringLiteral("W4A8"));
    const auto* w8 = fragmentContaining(all, QStringLiteral("W8A8"));
    const auto* fp32 = fragmentContaining(all, QStringLiteral("FP32"));
    QVERIFY(w4 && w8 && fp32);
    QVERIFY(isHighlighted(w4->format));
    QVERIFY(!isHighlighted(w8->format));
    QVERIFY(w8->format.fontWeight() < QFont::Bold);
    QVERIFY(!isHighlighted(fp32->format));
  }

  void classSwatchesUseTheClassColors()
  {
    PointInfoPanel panel;
    panel.setPoint(samplePoint());
    const auto all = fragments(panel.text());
    int carSwatches = 0;
    int roadSwatches = 0;
    for (const auto& fragment : all) {
      if (!fragment.text.contains(QChar(0x25A0)))
        continue;
      const QColor color = fragment.format.foreground().color();
      carSwatches += color == kCarColor ? 1 : 0;
      roadSwatches += color == kRoadColor ? 1 : 0;
    }
    QCOMPARE(carSwatches, 3); // ground truth, FP32, W8A8
    QCOMPARE(roadSwatches, 1);
  }

  void textIsSelectableAndClears()
  {
    PointInfoPanel panel;
    panel.setPoint(samplePoint());
    const auto* label = panel.findChild<QLabel*>();
    QVERIFY(label);
    QVERIFY(label->textInteractionFlags().testFlag(Qt::TextSelectableByMouse));
    panel.clear();
    QVERIFY(!panel.hasPoint());
    QVERIFY(plainText(panel.text()).contains(QStringLiteral("Click a point in a 3D view")));
  }
};

QTEST_MAIN(PointInfoPanelTest)
#include "PointInfoPanelTest.moc"
