#include "EngineController.h"
#include "GuiTestData.h"

#include "core/Feedback.h"
#include "quant/EncodingsFile.h"
#include "session/InspectionSession.h"

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
    qRegisterMetaType<ScanInferencePtr>();
    qRegisterMetaType<ModelDescriptionPtr>();
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
    const auto scan = ready.at(0).at(0).value<ScanInferencePtr>();
    QVERIFY(scan);
    QCOMPARE(scan->scanIndex, std::size_t{1});
    // The point count comes from the file size: 16 bytes per point.
    const auto bytes = std::filesystem::file_size(sequence_.toStdString() + "/velodyne/000001.bin");
    QCOMPARE(scan->scan.points.size(), static_cast<std::size_t>(bytes / 16));
    QCOMPARE(scan->truth.size(), scan->scan.points.size());
    // Without a model there is nothing but the ground truth.
    QVERIFY(scan->variants.empty());
  }

  void opensAModelAndDeliversEveryVariant()
  {
    EngineController engine;
    QSignalSpy model(&engine, &EngineController::modelOpened);
    engine.openModel(test::fixture(QStringLiteral("salsanext_script.pt")));
    QVERIFY(model.wait(30000));
    QCOMPARE(model.at(0).at(1).toStringList(),
             (QStringList{QStringLiteral("FP32"), QStringLiteral("W8A8"), QStringLiteral("W4A8")}));
    QVERIFY(model.at(0).at(2).toInt() > 10);
    openTestSequence(engine);

    QSignalSpy ready(&engine, &EngineController::scanReady);
    engine.requestScan(2);
    QVERIFY(ready.wait(60000));
    const auto scan = ready.at(0).at(0).value<ScanInferencePtr>();
    QCOMPARE(scan->variants.size(), std::size_t{3});
    for (const auto& variant : scan->variants) {
      QCOMPARE(variant.pointLabels.size(), scan->scan.points.size());
      QVERIFY(variant.metrics.has_value());
    }
  }

  void aModelWithoutSidecarAsksForOneAndOpensWithIt()
  {
    const auto folder = std::filesystem::path(test::freshFolder(QStringLiteral("no-sidecar")).toStdString());
    std::filesystem::copy_file(test::fixture(QStringLiteral("salsanext_script.pt")).toStdString(), folder / "bare.pt");
    const QString bare = QString::fromStdString((folder / "bare.pt").string());
    EngineController engine;
    QSignalSpy needed(&engine, &EngineController::sidecarNeeded);
    QSignalSpy model(&engine, &EngineController::modelOpened);
    engine.openModel(bare);
    QVERIFY(needed.wait(30000));
    QCOMPARE(needed.at(0).at(0).toString(), bare);
    QVERIFY(needed.at(0).at(1).toString().contains(QStringLiteral("bare.json")));
    QCOMPARE(model.count(), 0);

    const auto sidecar = ModelSidecar::read(test::fixture(QStringLiteral("salsanext_script.json")).toStdString());
    engine.openModel(bare, QString::fromStdString(sidecar.toJson()));
    QVERIFY(model.wait(30000));
    QCOMPARE(model.at(0).at(0).toString(), bare);
  }

  void editedSettingsSensitivityEvaluationAndExportGoThroughTheEngine()
  {
    EngineController engine;
    QSignalSpy described(&engine, &EngineController::modelDescribed);
    engine.openModel(test::fixture(QStringLiteral("salsanext_script.pt")));
    QVERIFY(described.wait(30000));
    const auto description = described.at(0).at(0).value<ModelDescriptionPtr>();
    QVERIFY(description->quantizers.size() > 10);
    QCOMPARE(description->w4a8.size(), description->quantizers.size());
    openTestSequence(engine);

    // The editor's table: W4A8 with every 4-bit weight at 8 bits is W8A8's
    // weights; the custom variant must then predict like W8A8.
    QuantizerSettingsList edited = description->w4a8;
    for (auto& setting : edited) {
      if (setting.enabled && setting.bitwidth == 4)
        setting.bitwidth = 8;
    }
    QCOMPARE(edited, description->w8a8);
    QSignalSpy variants(&engine, &EngineController::variantsChanged);
    engine.setCustomSettings(edited, QStringLiteral("all weights at 8 bit"));
    QVERIFY(variants.wait(30000));
    QCOMPARE(variants.at(0).at(0).toStringList().last(), QStringLiteral("Custom"));
    QSignalSpy ready(&engine, &EngineController::scanReady);
    engine.requestScan(1);
    QVERIFY(ready.wait(60000));
    const auto scan = ready.at(0).at(0).value<ScanInferencePtr>();
    QCOMPARE(scan->variants.size(), std::size_t{4});
    QCOMPARE(scan->variants[3].pointLabels, scan->variants[1].pointLabels);

    QSignalSpy evaluated(&engine, &EngineController::evaluationReady);
    engine.evaluate({0, 1});
    QVERIFY(evaluated.wait(60000));
    const auto results = evaluated.at(0).at(0).value<EvaluationResultsPtr>();
    QCOMPARE(results->size(), std::size_t{4});
    QCOMPARE((*results)[3].metrics.miou, (*results)[1].metrics.miou);

    QSignalSpy sensitivity(&engine, &EngineController::sensitivityReady);
    engine.computeSensitivity(2, false, {0});
    QVERIFY(sensitivity.wait(120000));
    QVERIFY(!sensitivity.at(0).at(0).value<SensitivityResultPtr>()->layers.empty());

    const QString file = test::freshFolder(QStringLiteral("export")) + QStringLiteral("/custom.encodings");
    QSignalSpy exported(&engine, &EngineController::encodingsExported);
    engine.exportEncodings(QStringLiteral("Custom"), file);
    QVERIFY(exported.wait(30000));
    QCOMPARE(EncodingsFile::read(file.toStdString()).encodings.size(),
             static_cast<std::size_t>(std::count_if(edited.begin(), edited.end(),
                                                    [](const QuantizerSettings& s) { return s.enabled; })));
  }

  void encodingsBecomeTheCustomVariant()
  {
    // Encodings written by the engine itself, as a user would export them.
    const QString file = test::freshFolder(QStringLiteral("custom-encodings")) + QStringLiteral("/w4a8.encodings");
    {
      InspectionSession session;
      session.openSequence(sequence_.toStdString());
      session.openModel(test::fixture(QStringLiteral("salsanext_script.pt")).toStdString());
      Feedback feedback;
      EncodingsFile::write061(file.toStdString(), session.encodingsOf("W4A8", feedback));
    }
    EngineController engine;
    QSignalSpy model(&engine, &EngineController::modelOpened);
    engine.openModel(test::fixture(QStringLiteral("salsanext_script.pt")));
    QVERIFY(model.wait(30000));
    openTestSequence(engine);
    QSignalSpy variants(&engine, &EngineController::variantsChanged);
    engine.loadCustomVariant(file);
    QVERIFY(variants.wait(30000));
    QCOMPARE(variants.at(0).at(0).toStringList().size(), 4);
    QCOMPARE(variants.at(0).at(1).toString(), QStringLiteral("encodings w4a8.encodings"));

    QSignalSpy ready(&engine, &EngineController::scanReady);
    engine.requestScan(0);
    QVERIFY(ready.wait(60000));
    const auto scan = ready.at(0).at(0).value<ScanInferencePtr>();
    QCOMPARE(scan->variants.size(), std::size_t{4});
    // The same encodings give the same predictions as the W4A8 preset (calibrated on the same scans).
    QCOMPARE(scan->variants[3].pointLabels, scan->variants[2].pointLabels);

    QSignalSpy errors(&engine, &EngineController::errorOccurred);
    engine.loadCustomVariant(QStringLiteral("/nonexistent/recipe.json"));
    QVERIFY(errors.wait(10000));
    QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("/nonexistent/recipe.json")));
  }

  void newerRequestsSupersedeOlderOnes()
  {
    EngineController engine;
    openTestSequence(engine);
    QSignalSpy ready(&engine, &EngineController::scanReady);
    constexpr int kRequests = 60;
    for (int i = 0; i < kRequests; ++i)
      engine.requestScan(i % 3);
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() && ready.last().at(0).value<ScanInferencePtr>()->scanIndex == (kRequests - 1) % 3,
                             10000);
    QTest::qWait(200);
    // Without superseding every request would be answered.
    QVERIFY2(ready.count() < 10, qPrintable(QStringLiteral("%1 answers for %2 requests").arg(ready.count()).arg(kRequests)));
    QCOMPARE(ready.last().at(0).value<ScanInferencePtr>()->scanIndex, (kRequests - 1) % 3);
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
    QCOMPARE(ready.at(0).at(0).value<ScanInferencePtr>()->scanIndex, 2);
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
