#include "ClassIouChart.h"
#include "EncodingsPreviewDialog.h"
#include "EngineController.h"
#include "GuiTestData.h"
#include "MainWindow.h"
#include "MixedPrecisionChart.h"
#include "PointInfoPanel.h"
#include "QuantizerEditor.h"
#include "QuantizerHistogramChart.h"
#include "QuantizerTreeModel.h"
#include "RangeImageView.h"
#include "ScanNavigator.h"
#include "SensitivityChart.h"
#include "VariantMetricsTable.h"
#include "ViewOptionsBar.h"
#include "viewers/MultiPointCloudView.h"
#include "viewers/ViewCamera.h"
#include "viewers/VtkOpenGLWidget.h"

#include "quant/OverridesFile.h"

#include <QApplication>
#include <QFile>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>

#include <cmath>
#include <set>

using namespace quantlens;

class MainWindowTest : public QObject
{
  Q_OBJECT

private:
  QString sequence_;

private slots:
  void initTestCase()
  {
    QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"), "needs an X display: run under xvfb-run (see README)");
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("QuantLensTests"));
    qRegisterMetaType<ScanInferencePtr>();
    sequence_ = test::writeSyntheticSequence(QStringLiteral("main-window"), 3);
  }

  void opensASequenceAndDrawsItsClassColors()
  {
    MainWindow window;
    window.resize(1000, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy shown(&window, &MainWindow::scanShown);
    window.openSequence(sequence_, 1);
    QVERIFY(shown.wait(20000));
    QCOMPARE(shown.at(0).at(0).toInt(), 1);
    QCOMPARE(window.navigator()->scanCount(), 3);
    QCOMPARE(window.navigator()->currentScan(), 1);
    QVERIFY(window.windowTitle().contains(QStringLiteral("sequences")));
    // No model: one view, the ground truth.
    QCOMPARE(window.views()->viewCount(), 1);
    QCOMPARE(window.views()->viewTitle(0), QStringLiteral("Ground truth"));

    // The 3D view shows the road's class color (magenta) in many pixels.
    const QImage image = window.views()->grabImage();
    int magenta = 0;
    for (int y = 0; y < image.height(); ++y)
      for (int x = 0; x < image.width(); ++x)
        magenta += (image.pixel(x, y) & 0xFFFFFF) == 0xFF00FF ? 1 : 0;
    QVERIFY2(magenta > 500, qPrintable(QStringLiteral("magenta pixels: %1").arg(magenta)));
  }

  void aModelAddsOneViewPerVariantWithMetricsAndRangeImage()
  {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy model(&window, &MainWindow::modelShown);
    window.openModel(test::fixture(QStringLiteral("salsanext_script.pt")));
    QVERIFY(model.wait(30000));
    QSignalSpy shown(&window, &MainWindow::scanShown);
    window.openSequence(sequence_, 2);
    QVERIFY(shown.wait(60000));
    QCOMPARE(window.views()->viewCount(), 4);
    QCOMPARE(window.views()->viewTitle(1), QStringLiteral("FP32"));
    QCOMPARE(window.views()->viewTitle(3), QStringLiteral("W4A8"));
    QCOMPARE(window.metricsTable()->rowCount(), 3);
    QCOMPARE(window.metricsTable()->cellText(2, 0), QStringLiteral("W4A8"));
    QVERIFY(window.metricsTable()->cellText(0, 1).endsWith(QLatin1Char('%')));
    // range, 5 input channels, ground truth and one layer per variant
    QCOMPARE(window.rangeImage()->layerCount(), 1 + 5 + 1 + 3);

    // This fixture has random weights: most points are wrong, so red shows.
    window.viewOptions()->setColorMode(ColorMode::ErrorsVsTruth);
    const QImage fp32 = window.views()->grabView(1);
    int red = 0;
    for (int y = 0; y < fp32.height(); ++y)
      for (int x = 0; x < fp32.width(); ++x)
        red += (fp32.pixel(x, y) & 0xFFFFFF) == 0xE61E1E ? 1 : 0;
    QVERIFY2(red > 200, qPrintable(QStringLiteral("red pixels: %1").arg(red)));
    QVERIFY(window.views()->viewCaption(1).contains(QStringLiteral("wrong")));

    // Picking a point fills the info dock and marks it everywhere.
    window.pickPoint(123);
    QVERIFY(window.pointInfo()->hasPoint());
    QCOMPARE(window.views()->highlightedPoint(), qint64{123});
    window.pickPoint(-1);
    QVERIFY(!window.pointInfo()->hasPoint());

    // Sensitivity of W4A8 on this scan fills the chart; a bar selects its layer in the editor.
    QSignalSpy sensitivity(&window, &MainWindow::sensitivityShown);
    window.analyzeSensitivity();
    QVERIFY(sensitivity.wait(180000));
    QVERIFY(window.sensitivityChart()->barCount() > 5);
    const QString mostSensitive = window.sensitivityChart()->moduleAt(0);
    QSignalSpy layerShown(&window, &MainWindow::layerEffectShown);
    emit window.sensitivityChart()->layerClicked(mostSensitive);
    const auto selected = window.quantizerEditor()->selectedQuantizerIds();
    QVERIFY(!selected.empty());
    QCOMPARE(QString::fromStdString(window.quantizerEditor()->model()->quantizers()[selected.front()].module),
             mostSensitive);

    // ...and a fifth view shows the points that quantizing that layer alone changes vs FP32.
    QVERIFY(layerShown.wait(60000));
    QCOMPARE(window.views()->viewCount(), 5);
    QVERIFY2(window.views()->viewTitle(4).contains(mostSensitive), qPrintable(window.views()->viewTitle(4)));
    const auto layer = window.layerEffect();
    QCOMPARE(layer->reference.pointLabels, window.currentScan()->variants[0].pointLabels);
    std::size_t changed = 0;
    for (std::size_t i = 0; i < layer->switched.pointLabels.size(); ++i)
      changed += layer->switched.pointLabels[i] != layer->reference.pointLabels[i] ? 1 : 0;
    QCOMPARE(layer->changedPoints.size(), changed);
    QVERIFY2(window.views()->viewCaption(4).startsWith(QLocale().toString(static_cast<qulonglong>(changed))),
             qPrintable(window.views()->viewCaption(4)));
    window.clearLayerEffect();
    QCOMPARE(window.views()->viewCount(), 4);

    // Selecting one quantizer shows its histogram with its encoding.
    QSignalSpy histogram(&window, &MainWindow::histogramShown);
    auto* tree = window.quantizerEditor()->view();
    tree->selectionModel()->clearSelection();
    window.quantizerEditor()->selectModule(mostSensitive);
    tree->expandAll();
    const QModelIndex firstChild = tree->model()->index(0, 0, tree->selectionModel()->selectedRows().value(0));
    QVERIFY(firstChild.isValid());
    tree->selectionModel()->select(firstChild, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QVERIFY(histogram.wait(60000));
    QVERIFY(window.histogramChart()->insideBinCount() + window.histogramChart()->clippedBinCount() > 0);

    // Evaluating the sequence shows accumulated per-class IoU for every variant.
    QSignalSpy evaluation(&window, &MainWindow::evaluationShown);
    window.evaluateSequence();
    QVERIFY(evaluation.wait(180000));
    QCOMPARE(window.iouChart()->variantCount(), 3);
    QVERIFY(window.iouChart()->legendTexts().first().startsWith(QStringLiteral("FP32 (mIoU")));

    // The report is one self-contained HTML file: views, metrics and charts as embedded PNGs.
    const QString report = test::freshFolder(QStringLiteral("report")) + QStringLiteral("/report.html");
    QVERIFY(window.writeReport(report));
    QFile html(report);
    QVERIFY(html.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(html.readAll());
    QVERIFY(text.startsWith(QStringLiteral("<!DOCTYPE html>")));
    QVERIFY(text.contains(QStringLiteral("salsanext_script.pt")));
    QVERIFY(text.contains(QStringLiteral("<td>W4A8</td>")));
    QVERIFY2(text.count(QStringLiteral("src=\"data:image/png;base64,")) >= 4,
             "views, per-class IoU, sensitivity and histogram as images");

    // The other AIMET mode: everything quantized but one layer.
    sensitivity.clear();
    window.analyzeSensitivity(true);
    QVERIFY(sensitivity.wait(180000));
    QVERIFY(window.sensitivityChart()->title().contains(QStringLiteral("but"), Qt::CaseInsensitive));
  }

  void theDemoOpensItsModelAndSegments()
  {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy shown(&window, &MainWindow::scanShown);
    window.openDemo(3);
    QVERIFY(shown.wait(120000));
    QCOMPARE(shown.at(0).at(0).toInt(), 3);
    QCOMPARE(window.views()->viewCount(), 4);
    const auto scan = window.currentScan();
    QCOMPARE(scan->variants.size(), std::size_t{3});
    // The trained demo model really segments: FP32 gets most classes right.
    QVERIFY2(scan->variants[0].metrics->miouPresent > 0.5,
             qPrintable(QString::number(scan->variants[0].metrics->miouPresent)));
    QVERIFY(window.windowTitle().contains(QStringLiteral("salsanext_demo.pt")));
  }

  void editingQuantizersChangesCustomAndItsEncodingsRoundTrip()
  {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy shown(&window, &MainWindow::scanShown);
    window.openDemo(5);
    QVERIFY(shown.wait(120000));
    QCOMPARE(window.views()->viewCount(), 4);

    // Keep every 4-bit weight of W4A8 at 16 bit: Custom appears as a fifth view and recovers.
    auto* editor = window.quantizerEditor();
    std::vector<int> weights;
    for (std::size_t id = 0; id < editor->settings().size(); ++id) {
      if (editor->settings()[id].enabled && editor->settings()[id].bitwidth == 4)
        weights.push_back(static_cast<int>(id));
    }
    QVERIFY(weights.size() > 20);
    QVERIFY(editor->keepAt16Bit(weights));
    QTRY_VERIFY_WITH_TIMEOUT(window.currentScan()->variants.size() == 4, 60000);
    QCOMPARE(window.views()->viewCount(), 5);
    QCOMPARE(window.views()->viewTitle(4), QStringLiteral("Custom"));
    const auto edited = window.currentScan();
    const double w4a8 = edited->variants[2].metrics->miouPresent;
    const double custom = edited->variants[3].metrics->miouPresent;
    QVERIFY2(custom > w4a8 + 0.02, qPrintable(QStringLiteral("W4A8 %1, Custom %2").arg(w4a8).arg(custom)));

    // Undo brings Custom back to W4A8's table, which removes it.
    editor->undoStack()->undo();
    QTRY_VERIFY_WITH_TIMEOUT(window.currentScan()->variants.size() == 3, 60000);
    editor->undoStack()->redo();
    QTRY_VERIFY_WITH_TIMEOUT(window.currentScan()->variants.size() == 4, 60000);

    // The edits as an override file: exactly the promoted weights, at 16 bit.
    const QString folder = test::freshFolder(QStringLiteral("gui-export"));
    QVERIFY(window.saveOverrides(folder + QStringLiteral("/recipe.json")));
    const auto recipe = OverridesFile::read((folder + QStringLiteral("/recipe.json")).toStdString());
    QCOMPARE(recipe.quantizers.size(), weights.size());
    QCOMPARE(*recipe.quantizers.begin()->second.bitwidth, 16);

    // Export after the preview, then import the file after its preview: the same predictions.
    const QString file = folder + QStringLiteral("/custom.encodings");
    QSignalSpy written(&window, &MainWindow::encodingsWritten);
    QSignalSpy previews(&window, &MainWindow::previewShown);
    QStringList checks;
    const auto confirmer = test::acceptModalDialogs<EncodingsPreviewDialog>(
      this, [&](EncodingsPreviewDialog* dialog) { checks << dialog->matchText(); });
    window.exportEncodingsWithPreview(file);
    QVERIFY(written.wait(60000));
    QCOMPARE(previews.count(), 1);
    const auto exported = previews.at(0).at(0).value<EncodingsPreviewPtr>();
    QFile writtenFile(file);
    QVERIFY(writtenFile.open(QIODevice::ReadOnly));
    QCOMPARE(writtenFile.readAll().toStdString(), exported->text);
    QVERIFY(exported->matchesExactly());
    QVERIFY2(checks.value(0).contains(QStringLiteral("exactly")), qPrintable(checks.value(0)));
    shown.clear();
    window.openCustomVariantWithPreview(file);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 60000);
    QCOMPARE(previews.count(), 2);
    const auto reimported = window.currentScan();
    QCOMPARE(reimported->variants.size(), std::size_t{4});
    QCOMPARE(reimported->variants[3].pointLabels, edited->variants[3].pointLabels);
  }

  void aMixedPrecisionStepGoesIntoTheEditorAsOneUndoStep()
  {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy model(&window, &MainWindow::modelShown);
    window.openModel(test::fixture(QStringLiteral("salsanext_script.pt")));
    QVERIFY(model.wait(30000));
    QSignalSpy shown(&window, &MainWindow::scanShown);
    window.openSequence(sequence_, 1);
    QVERIFY(shown.wait(60000));

    MixedPrecisionRequest request;
    request.scans = {1};
    request.maxDrop = 0.0; // promote down the whole ranking
    QSignalSpy searched(&window, &MainWindow::mixedPrecisionShown);
    window.searchMixedPrecision(request);
    QVERIFY(searched.wait(180000));
    const auto answer = window.mixedPrecision();
    QVERIFY(answer);
    QCOMPARE(window.mixedPrecisionChart()->pointCount(), static_cast<int>(answer->result.points.size()));
    QVERIFY(answer->result.points.size() > 1);

    // Clicking the last point of the curve puts that recipe into the editor.
    const int step = static_cast<int>(answer->result.points.size()) - 1;
    std::set<std::string> promoted;
    for (int i = 1; i <= step; ++i)
      promoted.insert(answer->result.points[static_cast<std::size_t>(i)].module);
    auto* editor = window.quantizerEditor();
    int expected = 0;
    for (const auto& quantizer : editor->model()->quantizers()) {
      const auto& base = editor->model()->baseSettings()[static_cast<std::size_t>(quantizer.id)];
      expected += promoted.count(quantizer.module) && base.enabled && base.bitwidth < 16 ? 1 : 0;
    }
    auto* chart = window.mixedPrecisionChart();
    QTRY_VERIFY_WITH_TIMEOUT(chart->isVisible(), 5000);
    const QPoint point = chart->pointCenter(step);
    QWidget* target = chart->childAt(point);
    QVERIFY(target);
    QTest::mouseClick(target, Qt::LeftButton, {}, target->mapFrom(chart, point));
    QCOMPARE(editor->editCount(), expected);
    QTRY_VERIFY_WITH_TIMEOUT(window.currentScan()->variants.size() == 4, 60000);
    editor->undoStack()->undo();
    QCOMPARE(editor->editCount(), 0);
  }

  void aSavedSessionReopensTheSameScanEditsAndView()
  {
    const QString file = test::freshFolder(QStringLiteral("session")) + QStringLiteral("/inspection.qlens");
    ViewCamera savedCamera;
    int savedBars = 0;
    std::vector<std::uint8_t> savedLabels;
    {
      MainWindow window;
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      QSignalSpy model(&window, &MainWindow::modelShown);
      window.openModel(test::fixture(QStringLiteral("salsanext_script.pt")));
      QVERIFY(model.wait(30000));
      QSignalSpy shown(&window, &MainWindow::scanShown);
      window.openSequence(sequence_, 2);
      QVERIFY(shown.wait(60000));
      QVERIFY(window.quantizerEditor()->keepAt16Bit({0}));
      QTRY_VERIFY_WITH_TIMEOUT(window.currentScan()->variants.size() == 4, 60000);
      QSignalSpy sensitivity(&window, &MainWindow::sensitivityShown);
      window.analyzeSensitivity();
      QVERIFY(sensitivity.wait(180000));
      savedBars = window.sensitivityChart()->barCount();
      savedLabels = window.currentScan()->variants[3].pointLabels;
      window.viewOptions()->setColorMode(ColorMode::ChangesVsFp32);
      window.views()->rotateAzimuth(0, 40.0);
      savedCamera = window.views()->camera(0);
      QSignalSpy saved(&window, &MainWindow::sessionSaved);
      window.saveSession(file);
      QVERIFY(saved.wait(30000));
    }
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy shown(&window, &MainWindow::scanShown);
    QSignalSpy sensitivity(&window, &MainWindow::sensitivityShown);
    QSignalSpy opened(&window, &MainWindow::sessionOpened);
    window.openSession(file);
    QVERIFY(opened.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(window.currentScan() && window.currentScan()->variants.size() == 4, 90000);
    QCOMPARE(window.currentScan()->scanIndex, std::size_t{2});
    QCOMPARE(window.quantizerEditor()->editCount(), 1);
    // Everything came from the session's cached results: no variant ran again.
    for (const auto& variant : window.currentScan()->variants)
      QVERIFY2(variant.inferenceMilliseconds == 0.0, variant.name.c_str());
    QCOMPARE(window.currentScan()->variants[3].pointLabels, savedLabels);
    QTRY_VERIFY_WITH_TIMEOUT(!sensitivity.isEmpty(), 30000); // from the restored cache, quickly
    QCOMPARE(window.sensitivityChart()->barCount(), savedBars);
    QCOMPARE(window.viewOptions()->colorMode(), ColorMode::ChangesVsFp32);
    const ViewCamera camera = window.views()->camera(1);
    for (int i = 0; i < 3; ++i)
      QVERIFY(std::abs(camera.position[i] - savedCamera.position[i]) < 1e-6);

    // A file that is not a session changes nothing and says why.
    QString message;
    QTimer closer;
    connect(&closer, &QTimer::timeout, this, [&] {
      if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
        message = box->text();
        box->accept();
      }
    });
    closer.start(50);
    window.openSession(test::fixture(QStringLiteral("salsanext_script.json")));
    QTRY_VERIFY_WITH_TIMEOUT(!message.isEmpty(), 20000);
    QVERIFY2(message.contains(QStringLiteral("not a QuantLens session")), qPrintable(message));
    QCOMPARE(window.currentScan()->scanIndex, std::size_t{2});
  }

  void keyNShowsTheNextScan()
  {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy shown(&window, &MainWindow::scanShown);
    window.openSequence(sequence_);
    QVERIFY(shown.wait(20000));
    QCOMPARE(shown.at(0).at(0).toInt(), 0);
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_N);
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 20000);
    QCOMPARE(shown.at(1).at(0).toInt(), 1);
    QCOMPARE(window.currentScan()->scanIndex, std::size_t{1});
  }

  // The README's command: quantlens --model M --encodings F --sequence S, all
  // requested at once as main() does. The editor's table arriving with the
  // model used to count as an edit and, 250 ms later, removed the Custom variant.
  void encodingsGivenAtStartupStayTheCustomVariant()
  {
    const QString folder = test::freshFolder(QStringLiteral("startup-encodings"));
    const QString model = test::fixture(QStringLiteral("salsanext_script.pt"));
    const QString file = folder + QStringLiteral("/salsanext_torch.encodings");
    test::writeEncodings(model, file);

    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy shown(&window, &MainWindow::scanShown);
    window.openModel(model);
    window.openCustomVariant(file);
    window.openSequence(sequence_, 0);
    QTRY_VERIFY_WITH_TIMEOUT(window.currentScan() && window.currentScan()->variants.size() == 4, 90000);
    QCOMPARE(window.views()->viewTitle(4), QStringLiteral("Custom"));
    // Whatever the editor would send has been sent once its debounce is idle;
    // the engine answers requests in order, so the next scan shows the outcome.
    auto* debounce = window.findChild<QTimer*>(QStringLiteral("editorDebounce"));
    QVERIFY(debounce);
    QTRY_VERIFY_WITH_TIMEOUT(!debounce->isActive(), 5000);
    shown.clear();
    window.navigator()->setCurrentScan(1);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 90000);
    QCOMPARE(window.currentScan()->scanIndex, std::size_t{1});
    QCOMPARE(window.currentScan()->variants.size(), std::size_t{4});
    QCOMPARE(window.views()->viewTitle(4), QStringLiteral("Custom"));
  }

  void engineErrorsAlsoGoToStandardError()
  {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString log = test::freshFolder(QStringLiteral("gui-stderr")) + QStringLiteral("/stderr.txt");
    QString message;
    QTimer closer;
    connect(&closer, &QTimer::timeout, this, [&] {
      if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
        message = box->text();
        box->accept();
      }
    });
    closer.start(50);
    {
      const test::StandardErrorCapture capture(log);
      window.openSequence(QStringLiteral("/nonexistent/sequence/09"));
      QTRY_VERIFY_WITH_TIMEOUT(!message.isEmpty(), 20000);
    }
    QFile written(log);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(written.readAll());
    QVERIFY2(text.contains(QStringLiteral("quantlens: ")) && text.contains(QStringLiteral("/nonexistent/sequence/09")),
             qPrintable(text));
  }

  void engineErrorsShowAMessageAndKeepTheWindowUsable()
  {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString message;
    // The warning is modal: read and close it from a timer while it runs.
    QTimer closer;
    connect(&closer, &QTimer::timeout, this, [&] {
      if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
        message = box->text();
        box->accept();
      }
    });
    closer.start(50);
    window.openSequence(QStringLiteral("/nonexistent/sequence/08"));
    QTRY_VERIFY_WITH_TIMEOUT(!message.isEmpty(), 20000);
    QVERIFY(message.contains(QStringLiteral("/nonexistent/sequence/08")));

    QSignalSpy shown(&window, &MainWindow::scanShown);
    window.openSequence(sequence_);
    QVERIFY(shown.wait(20000));
  }
};

int main(int argc, char** argv)
{
  QSurfaceFormat::setDefaultFormat(VtkOpenGLWidget::surfaceFormat());
  QApplication app(argc, argv);
  MainWindowTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "MainWindowTest.moc"
