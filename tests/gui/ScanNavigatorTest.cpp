#include "ScanNavigator.h"

#include <QSignalSpy>
#include <QTest>

using quantlens::ScanNavigator;

class ScanNavigatorTest : public QObject
{
  Q_OBJECT

private slots:
  void startsDisabledWithoutScans()
  {
    ScanNavigator navigator;
    QVERIFY(!navigator.isEnabled());
    QSignalSpy spy(&navigator, &ScanNavigator::currentScanChanged);
    navigator.next();
    QCOMPARE(spy.count(), 0);
  }

  void nextAndPreviousClampAndSignalOnce()
  {
    ScanNavigator navigator;
    navigator.setScanCount(3);
    QSignalSpy spy(&navigator, &ScanNavigator::currentScanChanged);
    navigator.next();
    navigator.next();
    navigator.next(); // already at the last scan
    QCOMPARE(navigator.currentScan(), 2);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toInt(), 2);
    navigator.previous();
    QCOMPARE(navigator.currentScan(), 1);
    navigator.setCurrentScan(-5);
    QCOMPARE(navigator.currentScan(), 0);
    QCOMPARE(spy.count(), 4);
  }

  void keysNAndBMoveThroughScans()
  {
    ScanNavigator navigator;
    navigator.setScanCount(5);
    navigator.show();
    navigator.activateWindow(); // Xvfb has no window manager to do it
    QVERIFY(QTest::qWaitForWindowActive(&navigator));
    QSignalSpy spy(&navigator, &ScanNavigator::currentScanChanged);
    QTest::keyClick(navigator.windowHandle(), Qt::Key_N);
    QTest::keyClick(navigator.windowHandle(), Qt::Key_N);
    QTest::keyClick(navigator.windowHandle(), Qt::Key_B);
    QCOMPARE(navigator.currentScan(), 1);
    QCOMPARE(spy.count(), 3);
  }

  void playbackAdvancesAndWraps()
  {
    ScanNavigator navigator;
    navigator.setScanCount(2);
    navigator.setCurrentScan(1);
    QSignalSpy spy(&navigator, &ScanNavigator::currentScanChanged);
    navigator.setPlaying(true);
    QVERIFY(navigator.isPlaying());
    QTRY_VERIFY(spy.count() >= 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 0); // wrapped from the last scan to the first
    navigator.setPlaying(false);
    QVERIFY(!navigator.isPlaying());
  }

  void singleScanCannotPlay()
  {
    ScanNavigator navigator;
    navigator.setScanCount(1);
    navigator.setPlaying(true);
    QVERIFY(!navigator.isPlaying());
  }
};

QTEST_MAIN(ScanNavigatorTest)
#include "ScanNavigatorTest.moc"
