#include "ClassLegend.h"

#include <QLabel>
#include <QLocale>
#include <QTest>

#include <set>

using quantlens::ClassLegend;

namespace {

const std::vector<QColor> kColors{QColor(0, 0, 0), QColor(100, 150, 245), QColor(255, 0, 255), QColor(30, 30, 255)};

QStringList classNames()
{
  return {QStringLiteral("unlabeled"), QStringLiteral("car"), QStringLiteral("road"), QStringLiteral("person")};
}

// Texts of the labels a user can see (the legend itself need not be shown).
QStringList visibleTexts(const ClassLegend& legend)
{
  QStringList texts;
  for (const auto* label : legend.findChildren<QLabel*>())
    if (label->isVisibleTo(&legend) && !label->text().isEmpty())
      texts << label->text();
  return texts;
}

std::set<QRgb> visibleSwatchColors(const ClassLegend& legend)
{
  std::set<QRgb> colors;
  for (const auto* label : legend.findChildren<QLabel*>()) {
    if (!label->isVisibleTo(&legend) || label->pixmap().isNull())
      continue;
    const QImage image = label->pixmap().toImage();
    colors.insert(image.pixel(image.width() / 2, image.height() / 2) | 0xff000000U);
  }
  return colors;
}

} // namespace

class ClassLegendTest : public QObject
{
  Q_OBJECT

private slots:
  void initTestCase()
  {
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
  }

  void showsAllClassesWithoutCounts()
  {
    ClassLegend legend;
    legend.setClasses(kColors, classNames());
    QCOMPARE(legend.classCount(), 4);
    const QStringList texts = visibleTexts(legend);
    QCOMPARE(texts, classNames());
    QCOMPARE(visibleSwatchColors(legend).size(), kColors.size());
  }

  void countsShownAndAbsentClassesHidden()
  {
    ClassLegend legend;
    legend.setClasses(kColors, classNames());
    const int fullHeight = legend.sizeHint().height();
    legend.setCounts({0, 1234, 56, 0});
    QVERIFY(!legend.isClassShown(0));
    QVERIFY(legend.isClassShown(1));
    QVERIFY(legend.isClassShown(2));
    QVERIFY(!legend.isClassShown(3));
    const QStringList texts = visibleTexts(legend);
    QVERIFY2(texts.contains(QStringLiteral("car")), qPrintable(texts.join(u'|')));
    QVERIFY2(texts.contains(QStringLiteral("1,234")), qPrintable(texts.join(u'|')));
    QVERIFY(texts.contains(QStringLiteral("road")));
    QVERIFY(texts.contains(QStringLiteral("56")));
    QVERIFY(!texts.contains(QStringLiteral("person")));
    QVERIFY(!texts.contains(QStringLiteral("unlabeled")));
    QCOMPARE(visibleSwatchColors(legend), (std::set<QRgb>{kColors[1].rgb(), kColors[2].rgb()}));
    // Two rows need less room than four.
    QVERIFY(legend.sizeHint().height() < fullHeight);
  }

  void absentClassesShownOnRequest()
  {
    ClassLegend legend;
    legend.setClasses(kColors, classNames());
    legend.setCounts({0, 1234, 56, 0});
    legend.setHideAbsent(false);
    QVERIFY(legend.isClassShown(3));
    const QStringList texts = visibleTexts(legend);
    QVERIFY(texts.contains(QStringLiteral("person")));
    QCOMPARE(texts.count(QStringLiteral("0")), 2);
  }

  void clearingCountsShowsEveryClassAgain()
  {
    ClassLegend legend;
    legend.setClasses(kColors, classNames());
    legend.setCounts({0, 5, 0, 0});
    legend.setCounts({});
    QCOMPARE(visibleTexts(legend), classNames());
  }

  void extraNamesOrColorsAreIgnored()
  {
    ClassLegend legend;
    legend.setClasses(kColors, {QStringLiteral("a"), QStringLiteral("b")});
    QCOMPARE(legend.classCount(), 2);
    QVERIFY(!legend.isClassShown(2));
    legend.setCounts({1}); // shorter than the classes: the rest count as zero
    QVERIFY(legend.isClassShown(0));
    QVERIFY(!legend.isClassShown(1));
  }
};

QTEST_MAIN(ClassLegendTest)
#include "ClassLegendTest.moc"
