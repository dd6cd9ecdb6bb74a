#include "EngineController.h"
#include "GuiTestData.h"

#include <QSignalSpy>
#include <QTest>

#include <filesystem>

using namespace quantlens;

class EngineControllerTest : public QObject
{
  Q_OBJECT

private:
  QString sequence_;

  /// Opens the test sequence and waits for the answer.
  void openTestSequence(EngineController& engine)
  {
    QSignalSpy opened(&engine, &EngineController::sequenceOpened);
    engine.openSequence(sequence_);
    QVERIFY(opened.wait(10000));
  }

private slots:
  void initTestCase()
  {
    qRegisterMetaType<LoadedScanPtr>();
    sequence_ = test::writeSyntheticSequence(QStringLiteral("engine-controller"), 3);
  }

  void opensSequenceAndDeliversScans()
  {
    EngineController engine;
    QSignalSpy opened(&engine, &EngineController::sequenceOpened);
    QSignalSpy ready(&engine, &EngineController::scanReady);
    engine.openSequence(sequence_);
    QVERIFY(opened.wait(10000));
    QCOMPARE(opened.at(0).at(1).toInt(), 3);
    QCOMPARE(opened.at(0).at(2).toBool(), true);

    engine.requestScan(1);
    QVERIFY(ready.wait(10000));
    const auto scan = ready.at(0).at(0).value<LoadedScanPtr>();
    QVERIFY(scan);
    QCOMPARE(scan->index, 1);
    // The point count comes from the file size: 16 bytes per point.
    const auto bytes = std::filesystem::file_size(sequence_.toStdString() + "/velodyne/000001.bin");
    QCOMPARE(scan->points.size(), static_cast<std::size_t>(bytes / 16));
    QCOMPARE(scan->colors.size(), 3 * scan->points.size());
    // Road is magenta (BGR 255,0,255 in semantic-kitti.yaml) and covers much of a street scan.
    std::size_t magenta = 0;
    for (std::size_t i = 0; i < scan->points.size(); ++i)
      magenta += scan->colors[3 * i] == 255 && scan->colors[3 * i + 1] == 0 && scan->colors[3 * i + 2] == 255;
    QVERIFY(magenta > scan->points.size() / 10);
    QVERIFY(scan->hasLabels);
    std::size_t counted = 0;
    for (std::size_t count : scan->classCounts)
      counted += count;
    QCOMPARE(counted, scan->points.size());
  }

  void newerRequestsSupersedeOlderOnes()
  {
    EngineController engine;
    openTestSequence(engine);
    QSignalSpy ready(&engine, &EngineController::scanReady);
    constexpr int kRequests = 60;
    for (int i = 0; i < kRequests; ++i)
      engine.requestScan(i % 3);
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() && ready.last().at(0).value<LoadedScanPtr>()->index == (kRequests - 1) % 3,
                             10000);
    QTest::qWait(200);
    // Without superseding every request would be answered.
    QVERIFY2(ready.count() < 10, qPrintable(QStringLiteral("%1 answers for %2 requests").arg(ready.count()).arg(kRequests)));
    QCOMPARE(ready.last().at(0).value<LoadedScanPtr>()->index, (kRequests - 1) % 3);
  }

  void errorsAreReportedAndTheEngineStaysUsable()
  {
    EngineController engine;
    QSignalSpy errors(&engine, &EngineController::errorOccurred);
    QSignalSpy opened(&engine, &EngineController::sequenceOpened);
    engine.requestScan(0); // nothing open yet
    QVERIFY(errors.wait(10000));
    engine.openSequence(QStringLiteral("/nonexistent/quantlens/sequence"));
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 2, 10000);
    QVERIFY(errors.at(1).at(0).toString().contains(QStringLiteral("/nonexistent/quantlens/sequence")));
    QCOMPARE(opened.count(), 0);

    engine.openSequence(sequence_);
    QVERIFY(opened.wait(10000));
    engine.requestScan(7); // out of range
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 3, 10000);
    QVERIFY(errors.at(2).at(0).toString().contains(QStringLiteral("out of range")));

    QSignalSpy ready(&engine, &EngineController::scanReady);
    engine.requestScan(2);
    QVERIFY(ready.wait(10000));
    QCOMPARE(ready.at(0).at(0).value<LoadedScanPtr>()->index, 2);
  }

  void demoGenerationReportsProgressAndCanBeCanceled()
  {
    const QString cache = QString::fromLocal8Bit(qgetenv("QUANTLENS_TEST_TMP")) + QStringLiteral("/demo-cancel-") +
                          QString::number(QCoreApplication::applicationPid());
    std::filesystem::remove_all(cache.toStdString());
    EngineController engine;
    QSignalSpy busy(&engine, &EngineController::busyChanged);
    QSignalSpy progress(&engine, &EngineController::progress);
    QSignalSpy opened(&engine, &EngineController::sequenceOpened);
    engine.openDemo(cache);
    QVERIFY(busy.wait(10000));
    QCOMPARE(busy.at(0).at(0).toBool(), true);
    engine.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(busy.count() >= 2, 30000);
    QCOMPARE(busy.at(1).at(0).toBool(), false);
    QTest::qWait(100);
    QCOMPARE(opened.count(), 0);
    QVERIFY(!progress.isEmpty());
    // A cancelled demo is not marked complete, so the next start regenerates it.
    QVERIFY(!std::filesystem::exists(cache.toStdString() + "/quantlens-demo.stamp"));
  }
};

QTEST_MAIN(EngineControllerTest)
#include "EngineControllerTest.moc"
