#include "MainWindow.h"

#include "ClassHistogramPlot.h"
#include "ClassIouChart.h"
#include "ClassLegend.h"
#include "EncodingsPreviewDialog.h"
#include "EngineController.h"
#include "HtmlReport.h"
#include "MixedPrecisionChart.h"
#include "MixedPrecisionDialog.h"
#include "MixedPrecisionRecipe.h"
#include "PointInfoPanel.h"
#include "QuantizerEditor.h"
#include "QuantizerHistogramChart.h"
#include "QuantizerTreeModel.h"
#include "RangeImageView.h"
#include "ScanNavigator.h"
#include "SensitivityChart.h"
#include "SidecarDialog.h"
#include "VariantMetricsTable.h"
#include "ViewColoring.h"
#include "ViewOptionsBar.h"
#include "viewers/MultiPointCloudView.h"

#include "core/EngineError.h"
#include "data/LabelMap.h"
#include "quant/OverridesFile.h"
#include "session/SessionFile.h"
#include "viewers/ViewCamera.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSignalBlocker>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QItemSelectionModel>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>
#include <cstdio>
#include <numeric>

namespace quantlens {

namespace {
constexpr int kMaxRecentFiles = 10;
const QString kSettingsGeometry = QStringLiteral("mainWindow/geometry");
const QString kSettingsState = QStringLiteral("mainWindow/state");
const QString kSettingsRecent = QStringLiteral("paths/recentFiles");
const QString kSettingsColorMode = QStringLiteral("view/colorMode");
const QString kSettingsPointSize = QStringLiteral("view/pointSize");
const QString kRecentModel = QStringLiteral("model");
const QString kRecentSequence = QStringLiteral("sequence");

QColor qColor(const RgbColor& color)
{
  return QColor(color[0], color[1], color[2]);
}

/// Brings the dock holding `widget` to the front of its tab group.
void raiseDockOf(QWidget* widget)
{
  if (auto* dock = qobject_cast<QDockWidget*>(widget->parentWidget()))
    dock->raise();
}

/// Scan indices as the engine controller's requests take them.
QList<int> scanRequest(const std::vector<std::size_t>& scans)
{
  QList<int> request;
  for (const auto scan : scans)
    request << static_cast<int>(scan);
  return request;
}

/// A variant's per-class IoU as the chart draws it (mIoU over the classes present).
VariantIou variantIou(const std::string& name, const SegmentationMetrics& metrics)
{
  return {QString::fromStdString(name), metrics.iou, metrics.present, metrics.miouPresent};
}
} // namespace

MainWindow::MainWindow(QWidget* parent)
  : QMainWindow(parent)
  , engine_(new EngineController(this))
  , views_(new MultiPointCloudView)
  , navigator_(new ScanNavigator)
  , viewOptions_(new ViewOptionsBar(this))
  , histogram_(new ClassHistogramPlot)
  , legend_(new ClassLegend)
  , pointInfo_(new PointInfoPanel)
  , rangeImage_(new RangeImageView)
  , metricsTable_(new VariantMetricsTable)
  , editor_(new QuantizerEditor)
  , sensitivityChart_(new SensitivityChart)
  , iouChart_(new ClassIouChart)
  , histogramChart_(new QuantizerHistogramChart)
  , ampChart_(new MixedPrecisionChart)
  , editorDebounce_(new QTimer(this))
  , labels_(std::make_unique<LabelMap>(LabelMap::semanticKitti()))
{
  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(views_, 1);
  layout->addWidget(navigator_);
  setCentralWidget(central);
  setAcceptDrops(true);
  setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

  std::vector<QColor> colors;
  for (int c = 0; c < labels_->classCount(); ++c) {
    colors.push_back(qColor(labels_->classColor(c)));
    classNames_ << QString::fromStdString(labels_->className(c));
  }
  legend_->setClasses(colors, classNames_);
  rangeImage_->setClassPalette(colors, classNames_);

  createActions();
  createMenus();
  createToolBars();
  createDocks();
  createStatusBar();
  connectEngine();
  connectViews();
  retranslateUi();
  readSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
  openModelAction_ = new QAction(this);
  openModelAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
  connect(openModelAction_, &QAction::triggered, this, &MainWindow::chooseModel);

  openSequenceAction_ = new QAction(this);
  openSequenceAction_->setShortcut(QKeySequence::Open);
  connect(openSequenceAction_, &QAction::triggered, this, &MainWindow::chooseSequence);

  openCustomAction_ = new QAction(this);
  openCustomAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  connect(openCustomAction_, &QAction::triggered, this, &MainWindow::chooseCustomVariant);
  clearCustomAction_ = new QAction(this);
  clearCustomAction_->setEnabled(false);
  connect(clearCustomAction_, &QAction::triggered, engine_, &EngineController::clearCustomVariant);

  openDemoAction_ = new QAction(this);
  openDemoAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
  connect(openDemoAction_, &QAction::triggered, this, [this] { openDemo(); });

  knnAction_ = new QAction(this);
  knnAction_->setCheckable(true);
  connect(knnAction_, &QAction::toggled, this, [this](bool enabled) {
    engine_->setKnnEnabled(enabled);
    requestCurrentScan();
  });

  sensitivityAction_ = new QAction(this);
  sensitivityAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
  connect(sensitivityAction_, &QAction::triggered, this, [this] { analyzeSensitivity(false); });
  sensitivityAllButAction_ = new QAction(this);
  connect(sensitivityAllButAction_, &QAction::triggered, this, [this] { analyzeSensitivity(true); });
  reportAction_ = new QAction(this);
  reportAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
  connect(reportAction_, &QAction::triggered, this, &MainWindow::chooseReportFile);
  evaluateAction_ = new QAction(this);
  evaluateAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
  connect(evaluateAction_, &QAction::triggered, this, &MainWindow::evaluateSequence);
  ampAction_ = new QAction(this);
  ampAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
  connect(ampAction_, &QAction::triggered, this, &MainWindow::chooseMixedPrecision);
  clearLayerEffectAction_ = new QAction(this);
  clearLayerEffectAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
  clearLayerEffectAction_->setEnabled(false);
  connect(clearLayerEffectAction_, &QAction::triggered, this, &MainWindow::clearLayerEffect);
  exportEncodingsAction_ = new QAction(this);
  exportEncodingsAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
  connect(exportEncodingsAction_, &QAction::triggered, this, &MainWindow::chooseEncodingsExport);
  openSessionAction_ = new QAction(this);
  openSessionAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
  connect(openSessionAction_, &QAction::triggered, this, &MainWindow::chooseSessionToOpen);
  saveSessionAction_ = new QAction(this);
  saveSessionAction_->setShortcut(QKeySequence::Save);
  connect(saveSessionAction_, &QAction::triggered, this, &MainWindow::chooseSessionToSave);
  saveOverridesAction_ = new QAction(this);
  connect(saveOverridesAction_, &QAction::triggered, this, &MainWindow::chooseOverridesFile);

  quitAction_ = new QAction(this);
  quitAction_->setShortcut(QKeySequence::Quit);
  quitAction_->setMenuRole(QAction::QuitRole);
  connect(quitAction_, &QAction::triggered, this, &QWidget::close);

  resetCameraAction_ = new QAction(this);
  resetCameraAction_->setShortcut(QKeySequence(Qt::Key_R));
  connect(resetCameraAction_, &QAction::triggered, views_, &MultiPointCloudView::resetCamera);

  // Ctrl+1..5 switch what the colors show, mirroring the toolbar's combo box.
  colorModeGroup_ = new QActionGroup(this);
  for (int mode = 0; mode < 5; ++mode) {
    auto* action = new QAction(colorModeGroup_);
    action->setCheckable(true);
    action->setData(mode);
    action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + mode)));
    connect(action, &QAction::triggered, this,
            [this, mode] { viewOptions_->setColorMode(static_cast<ColorMode>(mode)); });
  }

  aboutAction_ = new QAction(this);
  aboutAction_->setMenuRole(QAction::AboutRole);
  connect(aboutAction_, &QAction::triggered, this, &MainWindow::showAbout);
  aboutQtAction_ = new QAction(this);
  aboutQtAction_->setMenuRole(QAction::AboutQtRole);
  connect(aboutQtAction_, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
  fileMenu_ = menuBar()->addMenu(QString());
  fileMenu_->addAction(openModelAction_);
  fileMenu_->addAction(openSequenceAction_);
  fileMenu_->addAction(openCustomAction_);
  recentMenu_ = fileMenu_->addMenu(QString());
  fileMenu_->addAction(openDemoAction_);
  fileMenu_->addSeparator();
  fileMenu_->addAction(openSessionAction_);
  fileMenu_->addAction(saveSessionAction_);
  fileMenu_->addSeparator();
  fileMenu_->addAction(exportEncodingsAction_);
  fileMenu_->addAction(saveOverridesAction_);
  fileMenu_->addAction(reportAction_);
  fileMenu_->addSeparator();
  fileMenu_->addAction(quitAction_);

  editMenu_ = menuBar()->addMenu(QString());
  editMenu_->addAction(editor_->undoAction());
  editMenu_->addAction(editor_->redoAction());

  viewMenu_ = menuBar()->addMenu(QString());
  colorMenu_ = viewMenu_->addMenu(QString());
  colorMenu_->addActions(colorModeGroup_->actions());
  viewMenu_->addAction(viewOptions_->hideUnchangedAction());
  viewMenu_->addAction(clearLayerEffectAction_);
  viewMenu_->addSeparator();
  viewMenu_->addAction(resetCameraAction_);
  viewMenu_->addAction(viewOptions_->driverViewAction());
  viewMenu_->addAction(viewOptions_->topViewAction());
  viewMenu_->addAction(viewOptions_->sideViewAction());
  viewMenu_->addAction(viewOptions_->syncCamerasAction());
  viewMenu_->addSeparator();

  modelMenu_ = menuBar()->addMenu(QString());
  modelMenu_->addAction(knnAction_);
  modelMenu_->addAction(openCustomAction_);
  modelMenu_->addAction(clearCustomAction_);

  analysisMenu_ = menuBar()->addMenu(QString());
  analysisMenu_->addAction(sensitivityAction_);
  analysisMenu_->addAction(sensitivityAllButAction_);
  analysisMenu_->addAction(evaluateAction_);
  analysisMenu_->addAction(ampAction_);

  helpMenu_ = menuBar()->addMenu(QString());
  helpMenu_->addAction(aboutAction_);
  helpMenu_->addAction(aboutQtAction_);
}

void MainWindow::createToolBars()
{
  fileToolBar_ = addToolBar(QString());
  fileToolBar_->setObjectName(QStringLiteral("fileToolBar"));
  fileToolBar_->addAction(openModelAction_);
  fileToolBar_->addAction(openSequenceAction_);
  fileToolBar_->addAction(openCustomAction_);
  addToolBar(viewOptions_);
  viewMenu_->addAction(fileToolBar_->toggleViewAction());
  viewMenu_->addAction(viewOptions_->toggleViewAction());
}

QDockWidget* MainWindow::addDock(QWidget* widget, const QString& objectName, Qt::DockWidgetArea area)
{
  auto* dock = new QDockWidget(this);
  dock->setObjectName(objectName);
  dock->setWidget(widget);
  addDockWidget(area, dock);
  viewMenu_->addAction(dock->toggleViewAction());
  docks_ << dock;
  return dock;
}

void MainWindow::createDocks()
{
  auto* metrics = addDock(metricsTable_, QStringLiteral("metricsDock"), Qt::RightDockWidgetArea);
  auto* point = addDock(pointInfo_, QStringLiteral("pointDock"), Qt::RightDockWidgetArea);
  auto* legend = addDock(legend_, QStringLiteral("legendDock"), Qt::RightDockWidgetArea);
  auto* classes = addDock(histogram_, QStringLiteral("classHistogramDock"), Qt::RightDockWidgetArea);
  auto* range = addDock(rangeImage_, QStringLiteral("rangeImageDock"), Qt::BottomDockWidgetArea);
  auto* quantizers = addDock(editor_, QStringLiteral("quantizerDock"), Qt::BottomDockWidgetArea);
  auto* sensitivity = addDock(sensitivityChart_, QStringLiteral("sensitivityDock"), Qt::BottomDockWidgetArea);
  auto* iou = addDock(iouChart_, QStringLiteral("classIouDock"), Qt::BottomDockWidgetArea);
  auto* histogram = addDock(histogramChart_, QStringLiteral("quantizerHistogramDock"), Qt::BottomDockWidgetArea);
  auto* amp = addDock(ampChart_, QStringLiteral("mixedPrecisionDock"), Qt::BottomDockWidgetArea);
  tabifyDockWidget(legend, classes);
  tabifyDockWidget(range, quantizers);
  tabifyDockWidget(range, sensitivity);
  tabifyDockWidget(range, iou);
  tabifyDockWidget(range, histogram);
  tabifyDockWidget(range, amp);
  addChartExport(sensitivityChart_);
  addChartExport(iouChart_);
  addChartExport(histogramChart_);
  addChartExport(ampChart_);
  legend->raise();
  range->raise();
  resizeDocks({metrics, point}, {320, 320}, Qt::Horizontal);
}

void MainWindow::createStatusBar()
{
  scanInfoLabel_ = new QLabel(this);
  progressBar_ = new QProgressBar(this);
  progressBar_->setRange(0, 1000);
  progressBar_->setMaximumWidth(220);
  progressBar_->setTextVisible(false);
  progressBar_->hide();
  cancelButton_ = new QToolButton(this);
  cancelButton_->setShortcut(QKeySequence(Qt::Key_Escape));
  cancelButton_->hide();
  connect(cancelButton_, &QToolButton::clicked, engine_, &EngineController::cancel);
  statusBar()->addWidget(scanInfoLabel_, 1);
  statusBar()->addPermanentWidget(progressBar_);
  statusBar()->addPermanentWidget(cancelButton_);
}

void MainWindow::connectEngine()
{
  connect(engine_, &EngineController::sequenceOpened, this, &MainWindow::onSequenceOpened);
  connect(engine_, &EngineController::modelOpened, this, &MainWindow::onModelOpened);
  connect(engine_, &EngineController::sidecarNeeded, this, &MainWindow::onSidecarNeeded);
  connect(engine_, &EngineController::variantsChanged, this, &MainWindow::onVariantsChanged);
  connect(engine_, &EngineController::scanReady, this, &MainWindow::onScanReady);
  connect(engine_, &EngineController::errorOccurred, this, &MainWindow::onEngineError);
  connect(engine_, &EngineController::progress, this, &MainWindow::onProgress);
  connect(engine_, &EngineController::busyChanged, this, &MainWindow::onBusyChanged);
  connect(navigator_, &ScanNavigator::currentScanChanged, engine_, &EngineController::requestScan);
  connect(engine_, &EngineController::modelDescribed, this, &MainWindow::onModelDescribed);
  connect(engine_, &EngineController::sensitivityReady, this, &MainWindow::onSensitivityReady);
  connect(engine_, &EngineController::evaluationReady, this, &MainWindow::onEvaluationReady);
  connect(engine_, &EngineController::histogramReady, this, &MainWindow::onHistogramReady);
  connect(engine_, &EngineController::exportPreviewReady, this, &MainWindow::onExportPreview);
  connect(engine_, &EngineController::importPreviewReady, this, &MainWindow::onImportPreview);
  connect(engine_, &EngineController::mixedPrecisionReady, this, &MainWindow::onMixedPrecisionReady);
  connect(engine_, &EngineController::layerEffectReady, this, &MainWindow::onLayerEffectReady);
  connect(engine_, &EngineController::sessionOpened, this, &MainWindow::onSessionOpened);
  connect(engine_, &EngineController::sessionSaved, this, [this](const QString& file) {
    statusBar()->showMessage(tr("Saved session %1").arg(QDir::toNativeSeparators(file)), 6000);
    emit sessionSaved(file);
  });
  connect(engine_, &EngineController::encodingsExported, this, [this](const QString& file) {
    statusBar()->showMessage(tr("Wrote %1").arg(QDir::toNativeSeparators(file)), 6000);
    emit encodingsWritten(file);
  });
}

void MainWindow::connectViews()
{
  connect(viewOptions_, &ViewOptionsBar::colorModeChanged, this, [this](ColorMode mode) {
    for (auto* action : colorModeGroup_->actions())
      action->setChecked(action->data().toInt() == static_cast<int>(mode));
    recolor();
  });
  connect(viewOptions_, &ViewOptionsBar::hideUnchangedChanged, this, &MainWindow::recolor);
  connect(viewOptions_, &ViewOptionsBar::pointSizeChanged, this,
          [this](int pixels) { views_->setPointSize(static_cast<float>(pixels)); });
  connect(viewOptions_, &ViewOptionsBar::camerasSynchronizedChanged, views_,
          &MultiPointCloudView::setCamerasSynchronized);
  connect(viewOptions_, &ViewOptionsBar::standardViewRequested, this,
          [this](int view) { views_->setStandardView(static_cast<StandardView>(view)); });
  connect(views_, &MultiPointCloudView::pointPicked, this, [this](int, qint64 index) { pickPoint(index); });
  connect(rangeImage_, &RangeImageView::pixelClicked, this, &MainWindow::pickPixel);
  // Edits come in bursts (a spin box, undo held down): send the table once they settle.
  editorDebounce_->setObjectName(QStringLiteral("editorDebounce"));
  editorDebounce_->setSingleShot(true);
  editorDebounce_->setInterval(250);
  connect(editorDebounce_, &QTimer::timeout, this, &MainWindow::applyEditorSettings);
  connect(editor_, &QuantizerEditor::settingsChanged, this, &MainWindow::onEditorChanged);
  connect(editor_->view()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &MainWindow::onQuantizerSelected);
  connect(sensitivityChart_, &SensitivityChart::layerClicked, this, [this](const QString& module) {
    editor_->selectModule(module);
    showLayerEffect(module);
  });
  connect(ampChart_, &MixedPrecisionChart::stepClicked, this, &MainWindow::applyMixedPrecisionStep);
}

// --- opening things ---------------------------------------------------------

void MainWindow::openSequence(const QString& directory, int scan)
{
  pendingScan_ = scan;
  engine_->openSequence(directory);
}

void MainWindow::openModel(const QString& modelFile)
{
  engine_->openModel(modelFile);
}

void MainWindow::openCustomVariant(const QString& file)
{
  engine_->loadCustomVariant(file);
}

void MainWindow::openDemo(int scan)
{
  pendingScan_ = scan;
  const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/demo");
  engine_->openDemo(cache);
}

QString MainWindow::chooseFile(const QString& caption, const QString& filter, const QString& settingsKey)
{
  QSettings settings;
  const QString start = settings.value(settingsKey, QDir::homePath()).toString();
  const QString file = QFileDialog::getOpenFileName(this, caption, start, filter);
  if (!file.isEmpty())
    settings.setValue(settingsKey, QFileInfo(file).absolutePath());
  return file;
}

void MainWindow::chooseModel()
{
  const QString file = chooseFile(tr("Open TorchScript Model"), tr("TorchScript models (*.pt *.pth *.ts);;All files (*)"),
                                  QStringLiteral("paths/lastModelFolder"));
  if (!file.isEmpty())
    openModel(file);
}

void MainWindow::chooseSequence()
{
  QSettings settings;
  const QString start = settings.value(QStringLiteral("paths/lastSequenceParent"), QDir::homePath()).toString();
  const QString directory = QFileDialog::getExistingDirectory(
    this, tr("Open SemanticKITTI Sequence (the folder holding velodyne/)"), start);
  if (directory.isEmpty())
    return;
  settings.setValue(QStringLiteral("paths/lastSequenceParent"), QFileInfo(directory).absolutePath());
  openSequence(directory);
}

void MainWindow::chooseCustomVariant()
{
  if (modelFile_.isEmpty()) {
    QMessageBox::information(this, tr("QuantLens"), tr("Open a model first."));
    return;
  }
  const QString file = chooseFile(tr("Open Encodings or Overrides"),
                                  tr("AIMET encodings or QuantLens overrides (*.json *.encodings);;All files (*)"),
                                  QStringLiteral("paths/lastEncodingsFolder"));
  // Loaded once the user has seen what the file holds and how it fits the model.
  if (!file.isEmpty())
    openCustomVariantWithPreview(file);
}

void MainWindow::addRecent(const QString& kind, const QString& path)
{
  const QString entry = kind + QLatin1Char(':') + path;
  recentFiles_.removeAll(entry);
  recentFiles_.prepend(entry);
  while (recentFiles_.size() > kMaxRecentFiles)
    recentFiles_.removeLast();
  QSettings().setValue(kSettingsRecent, recentFiles_);
  updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
  recentMenu_->clear();
  for (int i = 0; i < recentFiles_.size(); ++i) {
    const QString entry = recentFiles_[i];
    const QString path = entry.section(QLatin1Char(':'), 1);
    const QString label = entry.startsWith(kRecentModel + QLatin1Char(':')) ? tr("Model") : tr("Sequence");
    auto* action =
      recentMenu_->addAction(QStringLiteral("&%1 %2: %3").arg(i + 1).arg(label, QDir::toNativeSeparators(path)));
    connect(action, &QAction::triggered, this, [this, entry] { openRecent(entry); });
  }
  recentMenu_->setEnabled(!recentFiles_.isEmpty());
}

void MainWindow::openRecent(const QString& entry)
{
  const QString path = entry.section(QLatin1Char(':'), 1);
  if (entry.startsWith(kRecentModel + QLatin1Char(':')))
    openModel(path);
  else
    openSequence(path);
}

void MainWindow::updateWindowTitle()
{
  QStringList parts;
  if (!modelFile_.isEmpty())
    parts << QFileInfo(modelFile_).fileName();
  if (!sequenceDirectory_.isEmpty())
    parts << QDir::toNativeSeparators(sequenceDirectory_);
  setWindowTitle(parts.isEmpty() ? tr("QuantLens") : tr("%1 — QuantLens").arg(parts.join(QStringLiteral(" · "))));
}

void MainWindow::requestCurrentScan()
{
  if (!sequenceDirectory_.isEmpty())
    engine_->requestScan(navigator_->currentScan());
}

// --- engine answers ---------------------------------------------------------

void MainWindow::onSequenceOpened(const QString& directory, int scanCount, bool hasLabels)
{
  sequenceDirectory_ = directory;
  updateWindowTitle();
  addRecent(kRecentSequence, directory);
  if (!hasLabels)
    histogram_->clear();
  navigator_->setScanCount(scanCount);
  if (awaitingSession_)
    return; // the session names the scan once everything it holds is in place
  const int scan = std::clamp(pendingScan_, 0, std::max(scanCount - 1, 0));
  pendingScan_ = 0;
  // setCurrentScan only signals on a change; the same index after opening needs an explicit request.
  if (scan == navigator_->currentScan())
    engine_->requestScan(scan);
  else
    navigator_->setCurrentScan(scan);
  statusBar()->showMessage(tr("Opened %n scan(s)", nullptr, scanCount), 4000);
}

void MainWindow::onModelOpened(const QString& modelFile, const QStringList& variants, int quantizerCount)
{
  modelFile_ = modelFile;
  customDescription_.clear();
  clearCustomAction_->setEnabled(false);
  updateWindowTitle();
  if (!modelFile.startsWith(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)))
    addRecent(kRecentModel, modelFile);
  statusBar()->showMessage(tr("Model %1: %n quantizer(s), variants %2", nullptr, quantizerCount)
                             .arg(QFileInfo(modelFile).fileName(), variants.join(QStringLiteral(", "))),
                           6000);
  requestCurrentScan();
  emit modelShown(modelFile);
}

void MainWindow::onSidecarNeeded(const QString& modelFile, const QString& message)
{
  statusBar()->showMessage(message, 8000);
  SidecarDialog dialog(modelFile, this);
  if (dialog.exec() != QDialog::Accepted)
    return;
  const ModelSidecar sidecar = dialog.sidecar();
  if (dialog.saveBesideModel()) {
    try {
      sidecar.write(ModelSidecar::pathFor(modelFile.toStdString()));
    } catch (const EngineError& error) {
      // Not fatal: the model still opens with the values, only not remembered.
      showError(QString::fromStdString(error.what()));
    }
  }
  engine_->openModel(modelFile, QString::fromStdString(sidecar.toJson()));
}

void MainWindow::onVariantsChanged(const QStringList& variants, const QString& customDescription)
{
  customDescription_ = customDescription;
  clearCustomAction_->setEnabled(!customDescription.isEmpty());
  statusBar()->showMessage(customDescription.isEmpty() ? tr("Variants: %1").arg(variants.join(QStringLiteral(", ")))
                                                       : tr("Custom variant: %1").arg(customDescription),
                           6000);
  requestCurrentScan();
}

void MainWindow::onScanReady(const ScanInferencePtr& scan)
{
  const bool firstScan = !currentScan_;
  const bool sameScan = currentScan_ && currentScan_->scanIndex == scan->scanIndex &&
                        currentScan_->scan.points.size() == scan->scan.points.size();
  currentScan_ = scan;
  if (layerEffect_ && layerEffect_->scanIndex != scan->scanIndex) {
    // The layer stays under the magnifier as the user steps through scans.
    layerEffect_.reset();
    showLayerEffect(layerEffectModule_);
  }
  updateViewCount();
  if (!sameScan)
    views_->setPoints(scan->scan.points.xyzr.data(), scan->scan.points.size());
  recolor();
  if (firstScan)
    views_->resetCamera();
  showScanDetails();
  showRangeImage();
  showMetrics();
  showScanIou();
  pickPoint(sameScan ? views_->highlightedPoint() : -1);
  statusBar()->clearMessage(); // the scan's progress messages are done
  applyPendingSessionCamera();
  emit scanShown(static_cast<int>(scan->scanIndex));
}

void MainWindow::onEngineError(const QString& message)
{
  // The window stays as it was; the message says what to fix.
  awaitingSession_ = false;
  showError(message);
}

void MainWindow::showError(const QString& message)
{
  // Also on stderr: a scripted or headless run (--screenshot, a test) sees why it failed.
  std::fprintf(stderr, "quantlens: %s\n", qPrintable(message));
  std::fflush(stderr);
  QMessageBox::warning(this, tr("QuantLens"), message);
}

void MainWindow::onProgress(double fraction, const QString& message)
{
  progressBar_->setValue(static_cast<int>(fraction * 1000.0));
  statusBar()->showMessage(message);
}

void MainWindow::onBusyChanged(bool busy)
{
  progressBar_->setVisible(busy);
  cancelButton_->setVisible(busy);
  if (!busy)
    statusBar()->clearMessage();
}

// --- what the views and docks show ------------------------------------------

void MainWindow::updateViewCount()
{
  // Ground truth, every variant, and the clicked layer's effect when there is one.
  const int views = 1 + static_cast<int>(currentScan_->variants.size()) + (layerEffect_ ? 1 : 0);
  views_->setViewCount(std::min(views, MultiPointCloudView::kMaxViews));
}

void MainWindow::recolor()
{
  if (!currentScan_)
    return;
  auto contents =
    ViewColoring::build(*currentScan_, *labels_, viewOptions_->colorMode(), viewOptions_->hideUnchanged());
  if (layerEffect_ && layerEffect_->scanIndex == currentScan_->scanIndex &&
      layerEffect_->switched.pointLabels.size() == currentScan_->scan.points.size())
    contents.push_back(ViewColoring::layerEffectView(*layerEffect_, *labels_, viewOptions_->hideUnchanged()));
  const std::size_t points = currentScan_->scan.points.size();
  for (int v = 0; v < views_->viewCount() && v < static_cast<int>(contents.size()); ++v) {
    const ViewContent& view = contents[static_cast<std::size_t>(v)];
    views_->setViewTitle(v, view.title);
    views_->setViewCaption(v, view.caption);
    views_->setColors(v, view.rgb.data(), points);
    views_->setVisibleMask(v, view.visible.empty() ? nullptr : view.visible.data(), points);
  }
  views_->update();
}

void MainWindow::showScanDetails()
{
  const auto& scan = *currentScan_;
  QString info = tr("Scan %1 (%2): %n point(s)", nullptr, static_cast<int>(scan.scan.points.size()))
                   .arg(scan.scanIndex)
                   .arg(QString::fromStdString(scan.scanId));
  if (scan.scan.nonFinitePoints > 0)
    info += tr(" (%n with NaN/inf coordinates, not shown)", nullptr, static_cast<int>(scan.scan.nonFinitePoints));
  if (!customDescription_.isEmpty())
    info += tr(" · Custom: %1").arg(customDescription_);
  scanInfoLabel_->setText(info);
  const auto counts = ViewColoring::truthClassCounts(scan, labels_->classCount());
  legend_->setCounts(counts);
  if (!counts.empty())
    histogram_->setCounts(*labels_, counts);
  else
    histogram_->clear();
}

void MainWindow::showRangeImage()
{
  const auto& scan = *currentScan_;
  const ProjectedScan& projected = scan.projected;
  std::vector<RangeImageLayer> layers;
  if (projected.pixelCount() == 0) {
    rangeImage_->setLayers(std::move(layers));
    return;
  }
  const auto scalarLayer = [&](const QString& name, const float* values) {
    RangeImageLayer layer{name, projected.width, projected.height, RangeImageLayer::Kind::Scalar, {}, {}};
    layer.values.assign(values, values + projected.pixelCount());
    for (std::size_t p = 0; p < projected.pixelCount(); ++p) {
      if (!projected.isFilled(p))
        layer.values[p] = std::nanf("");
    }
    layers.push_back(std::move(layer));
  };
  const auto labelLayer = [&](const QString& name, std::vector<std::uint8_t> labels) {
    layers.push_back({name, projected.width, projected.height, RangeImageLayer::Kind::Labels, {}, std::move(labels)});
  };
  scalarLayer(tr("Range (m)"), projected.range.data());
  const QString channels[] = {tr("Range (input)"), tr("x (input)"), tr("y (input)"), tr("z (input)"),
                              tr("Remission (input)")};
  for (int c = 0; c < SensorConfig::kChannels; ++c)
    scalarLayer(channels[c], projected.input.data() + static_cast<std::size_t>(c) * projected.pixelCount());
  if (scan.hasTruth()) {
    std::vector<std::uint8_t> truth(projected.pixelCount(), 0);
    for (std::size_t p = 0; p < truth.size(); ++p) {
      if (projected.isFilled(p))
        truth[p] = scan.truth[static_cast<std::size_t>(projected.pixelPoint[p])];
    }
    labelLayer(tr("Ground truth"), std::move(truth));
  }
  for (const auto& variant : scan.variants)
    labelLayer(QString::fromStdString(variant.name), variant.pixelLabels);
  rangeImage_->setLayers(std::move(layers)); // keeps the chosen layer
}

void MainWindow::showMetrics()
{
  const auto& scan = *currentScan_;
  std::vector<VariantMetricsRow> rows;
  const VariantPrediction* reference = scan.variants.empty() ? nullptr : &scan.variants.front();
  for (const auto& variant : scan.variants) {
    VariantMetricsRow row;
    row.variant = QString::fromStdString(variant.name);
    if (variant.metrics) {
      row.miou = variant.metrics->miouPresent;
      row.accuracy = variant.metrics->accuracy;
    }
    if (&variant != reference) {
      std::size_t changed = 0;
      for (std::size_t i = 0; i < variant.pointLabels.size(); ++i)
        changed += variant.pointLabels[i] != reference->pointLabels[i] ? 1 : 0;
      row.changedPoints = changed;
      row.changedFraction =
        variant.pointLabels.empty() ? 0.0 : static_cast<double>(changed) / static_cast<double>(variant.pointLabels.size());
    }
    row.milliseconds = variant.inferenceMilliseconds;
    rows.push_back(row);
  }
  metricsTable_->setRows(rows);
}

void MainWindow::pickPoint(qint64 index)
{
  if (!currentScan_ || index < 0 || static_cast<std::size_t>(index) >= currentScan_->scan.points.size()) {
    views_->setHighlightedPoint(-1);
    pointInfo_->clear();
    rangeImage_->setMarker(-1, -1);
    return;
  }
  const auto& scan = *currentScan_;
  const auto i = static_cast<std::size_t>(index);
  PickedPointInfo info;
  info.index = index;
  info.x = scan.scan.points.x(i);
  info.y = scan.scan.points.y(i);
  info.z = scan.scan.points.z(i);
  info.range = std::sqrt(info.x * info.x + info.y * info.y + info.z * info.z);
  info.remission = scan.scan.points.remission(i);
  if (scan.hasTruth()) {
    info.truthClass = QString::fromStdString(labels_->className(scan.truth[i]));
    info.truthColor = qColor(labels_->classColor(scan.truth[i]));
  }
  for (const auto& variant : scan.variants) {
    const int label = variant.pointLabels[i];
    info.variants.push_back({QString::fromStdString(variant.name), QString::fromStdString(labels_->className(label)),
                             qColor(labels_->classColor(label))});
  }
  pointInfo_->setPoint(info);
  views_->setHighlightedPoint(index);
  if (i < scan.projected.pointCount() && scan.projected.pointU[i] >= 0)
    rangeImage_->setMarker(scan.projected.pointV[i], scan.projected.pointU[i]);
  else
    rangeImage_->setMarker(-1, -1);
}

void MainWindow::pickPixel(int row, int col)
{
  if (!currentScan_)
    return;
  const ProjectedScan& projected = currentScan_->projected;
  if (row < 0 || col < 0 || row >= projected.height || col >= projected.width)
    return;
  pickPoint(projected.pixelPoint[static_cast<std::size_t>(row) * projected.width + col]);
}

// --- quantizer editor and analyses ------------------------------------------

void MainWindow::onModelDescribed(const ModelDescriptionPtr& description)
{
  // The editor starts from W4A8: the preset whose damage a user comes to repair.
  editor_->setQuantizers(description->quantizers, description->w4a8, QuantPreset{QuantPreset::Kind::W4A8});
  sensitivityChart_->clear();
  ampChart_->clear();
  ampAnswer_.reset();
  shownAnalyses_ = {};
  layerEffectModule_.clear();
  layerEffect_.reset();
  clearLayerEffectAction_->setEnabled(false);
}

void MainWindow::onEditorChanged()
{
  editorDebounce_->start();
}

void MainWindow::applyEditorSettings()
{
  if (editor_->editCount() == 0) {
    engine_->clearCustomVariant();
    return;
  }
  engine_->setCustomSettings(editor_->settings(),
                             tr("editor: %n edit(s) vs %1", nullptr, editor_->editCount())
                               .arg(QString::fromStdString(editor_->preset().toString())));
}

void MainWindow::analyzeSensitivity(bool allButOneLayer)
{
  if (modelFile_.isEmpty() || !currentScan_) {
    QMessageBox::information(this, tr("QuantLens"), tr("Open a model and a sequence first."));
    return;
  }
  engine_->computeSensitivity(2, allButOneLayer, {static_cast<int>(currentScan_->scanIndex)});
  // Kept for the session file; the mode comes back with the result.
  shownAnalyses_.sensitivity =
    SessionSensitivity{QuantPreset{QuantPreset::Kind::W4A8},
                       allButOneLayer ? SensitivityMode::AllButThisLayer : SensitivityMode::OnlyThisLayer,
                       {currentScan_->scanIndex}};
}

void MainWindow::onSensitivityReady(const SensitivityResultPtr& result)
{
  sensitivityChart_->setResult(*result);
  std::map<std::string, double> byModule;
  for (const auto& layer : result->layers)
    byModule[layer.module] = layer.sensitivity;
  editor_->setSensitivity(std::move(byModule));
  raiseDockOf(sensitivityChart_);
  emit sensitivityShown();
}

void MainWindow::evaluateSequence()
{
  if (modelFile_.isEmpty() || sequenceDirectory_.isEmpty()) {
    QMessageBox::information(this, tr("QuantLens"), tr("Open a model and a sequence first."));
    return;
  }
  std::vector<std::size_t> scans(static_cast<std::size_t>(navigator_->scanCount()));
  std::iota(scans.begin(), scans.end(), std::size_t{0});
  engine_->evaluate(scanRequest(scans));
  shownAnalyses_.evaluationScans = scans;
}

void MainWindow::onEvaluationReady(const EvaluationResultsPtr& results)
{
  std::vector<VariantIou> variants;
  for (const auto& evaluation : *results)
    variants.push_back(variantIou(evaluation.name, evaluation.metrics));
  iouChart_->setData(classNames_, variants);
  iouChart_->setScope(IouScope::Accumulated, results->empty() ? 0 : static_cast<int>(results->front().perScan.size()));
  raiseDockOf(iouChart_);
  emit evaluationShown();
}

void MainWindow::showScanIou()
{
  std::vector<VariantIou> variants;
  for (const auto& variant : currentScan_->variants) {
    if (variant.metrics)
      variants.push_back(variantIou(variant.name, *variant.metrics));
  }
  iouChart_->setData(classNames_, variants);
  iouChart_->setScope(IouScope::Scan);
}

QString MainWindow::exportedVariant() const
{
  return customDescription_.isEmpty() ? QStringLiteral("W4A8") : QStringLiteral("Custom");
}

void MainWindow::exportEncodings(const QString& file, bool format100)
{
  engine_->exportEncodings(exportedVariant(), file, format100);
}

void MainWindow::exportEncodingsWithPreview(const QString& file, bool format100)
{
  engine_->previewExport(exportedVariant(), file, format100);
}

void MainWindow::openCustomVariantWithPreview(const QString& file)
{
  engine_->previewCustomVariant(file);
}

bool MainWindow::confirmPreview(const EncodingsPreviewPtr& preview)
{
  EncodingsPreviewDialog dialog(*preview, this);
  emit previewShown(preview);
  return dialog.exec() == QDialog::Accepted;
}

void MainWindow::onExportPreview(const EncodingsPreviewPtr& preview)
{
  if (confirmPreview(preview))
    engine_->writeExport(preview);
}

void MainWindow::onImportPreview(const EncodingsPreviewPtr& preview)
{
  if (confirmPreview(preview))
    openCustomVariant(QString::fromStdString(preview->file));
}

void MainWindow::chooseEncodingsExport()
{
  if (modelFile_.isEmpty()) {
    QMessageBox::information(this, tr("QuantLens"), tr("Open a model first."));
    return;
  }
  QSettings settings;
  const QString start = settings.value(QStringLiteral("paths/lastEncodingsFolder"), QDir::homePath()).toString() +
                        QStringLiteral("/") + QFileInfo(modelFile_).completeBaseName() + QStringLiteral(".encodings");
  QString filter;
  const QString file = QFileDialog::getSaveFileName(
    this, customDescription_.isEmpty() ? tr("Export W4A8 Encodings") : tr("Export Custom Encodings"), start,
    tr("AIMET encodings 0.6.1 (*.encodings *.json);;AIMET encodings 1.0.0 (*.json)"), &filter);
  if (file.isEmpty())
    return;
  settings.setValue(QStringLiteral("paths/lastEncodingsFolder"), QFileInfo(file).absolutePath());
  // Written once the user has seen the file and its check against the model.
  exportEncodingsWithPreview(file, filter.contains(QLatin1String("1.0.0")));
}

void MainWindow::onQuantizerSelected()
{
  const auto ids = editor_->selectedQuantizerIds();
  if (ids.size() == 1 && !modelFile_.isEmpty() && !sequenceDirectory_.isEmpty())
    engine_->computeHistogram(ids.front());
}

void MainWindow::onHistogramReady(const QuantizerHistogramPtr& histogram)
{
  histogramChart_->setHistogram(histogram->statistics, histogram->encoding, QString::fromStdString(histogram->name));
  emit histogramShown(histogram->id);
}

bool MainWindow::saveOverrides(const QString& file)
{
  Overrides overrides = editor_->overrides();
  overrides.description = tr("QuantLens editor, %1").arg(QFileInfo(modelFile_).fileName()).toStdString();
  try {
    OverridesFile::write(file.toStdString(), overrides);
  } catch (const EngineError& error) {
    showError(QString::fromStdString(error.what()));
    return false;
  }
  statusBar()->showMessage(tr("Wrote %1").arg(QDir::toNativeSeparators(file)), 6000);
  return true;
}

void MainWindow::chooseOverridesFile()
{
  if (modelFile_.isEmpty()) {
    QMessageBox::information(this, tr("QuantLens"), tr("Open a model first."));
    return;
  }
  QSettings settings;
  const QString start = settings.value(QStringLiteral("paths/lastEncodingsFolder"), QDir::homePath()).toString() +
                        QStringLiteral("/") + QFileInfo(modelFile_).completeBaseName() + QStringLiteral("_recipe.json");
  const QString file =
    QFileDialog::getSaveFileName(this, tr("Save Overrides"), start, tr("QuantLens overrides (*.json)"));
  if (file.isEmpty())
    return;
  settings.setValue(QStringLiteral("paths/lastEncodingsFolder"), QFileInfo(file).absolutePath());
  saveOverrides(file);
}

void MainWindow::saveSession(const QString& file)
{
  auto state = std::make_shared<SessionState>();
  state->modelFile = modelFile_.toStdString();
  state->sequenceDirectory = sequenceDirectory_.toStdString();
  state->scanIndex = static_cast<std::size_t>(std::max(navigator_->currentScan(), 0));
  state->knnEnabled = knnAction_->isChecked();
  state->editorBasePreset = editor_->preset();
  if (editor_->editCount() > 0)
    state->custom = editor_->overrides();
  state->view.colorMode = static_cast<int>(viewOptions_->colorMode());
  state->view.hideUnchanged = viewOptions_->hideUnchanged();
  state->view.pointSize = viewOptions_->pointSize();
  state->view.camerasSynchronized = viewOptions_->camerasSynchronized();
  if (currentScan_) {
    const ViewCamera camera = views_->camera(0);
    state->view.camera = SessionCamera{camera.position, camera.focalPoint, camera.viewUp};
  }
  state->analyses = shownAnalyses_;
  // The engine adds the scheme, Custom's file and the cached results, then writes.
  engine_->saveSession(file, state);
}

void MainWindow::openSession(const QString& file)
{
  // Nothing changes here until the engine has read the file and opened what it names.
  awaitingSession_ = true;
  engine_->openSession(file);
}

void MainWindow::onSessionOpened(const QString& file, const SessionStatePtr& state, const QString& cacheNote)
{
  awaitingSession_ = false;
  viewOptions_->setColorMode(static_cast<ColorMode>(std::clamp(state->view.colorMode, 0, 4)));
  viewOptions_->hideUnchangedAction()->setChecked(state->view.hideUnchanged);
  viewOptions_->setPointSize(state->view.pointSize);
  viewOptions_->syncCamerasAction()->setChecked(state->view.camerasSynchronized);
  const QSignalBlocker knnBlocker(knnAction_); // the engine already has the session's choice
  knnAction_->setChecked(state->knnEnabled);
  applySessionEdits(*state);
  pendingSessionCamera_ = state->view.camera;
  if (!sequenceDirectory_.isEmpty()) {
    const int scan = std::clamp(static_cast<int>(state->scanIndex), 0, std::max(navigator_->scanCount() - 1, 0));
    if (scan == navigator_->currentScan())
      engine_->requestScan(scan);
    else
      navigator_->setCurrentScan(scan);
  }
  showSessionAnalyses(state->analyses);
  statusBar()->showMessage(cacheNote.isEmpty() ? tr("Opened session %1").arg(QDir::toNativeSeparators(file))
                                               : cacheNote,
                           8000);
  emit sessionOpened(file);
}

void MainWindow::applySessionEdits(const SessionState& state)
{
  if (!state.custom)
    return;
  std::map<std::string, int> ids;
  for (const auto& quantizer : editor_->model()->quantizers())
    ids[quantizer.name] = quantizer.id;
  // One undo step for the whole session, like an imported recipe.
  editor_->undoStack()->beginMacro(tr("Session edits"));
  for (const auto& [name, change] : state.custom->quantizers) {
    if (const auto it = ids.find(name); it != ids.end())
      editor_->model()->changeSettings({it->second}, change, tr("Session edits"));
  }
  editor_->undoStack()->endMacro();
  // The engine already set Custom from the session: from its file, which
  // must not be replaced by the edits, or from these very edits.
  editorDebounce_->stop();
}

void MainWindow::showSessionAnalyses(const SessionAnalyses& analyses)
{
  // Each request finds its answer in the restored caches, so nothing is recomputed.
  shownAnalyses_ = analyses;
  if (analyses.sensitivity)
    engine_->computeSensitivity(analyses.sensitivity->preset.kind == QuantPreset::Kind::W4A8 ? 2 : 1,
                                analyses.sensitivity->mode == SensitivityMode::AllButThisLayer,
                                scanRequest(analyses.sensitivity->scans));
  if (analyses.evaluationScans)
    engine_->evaluate(scanRequest(*analyses.evaluationScans));
  if (analyses.mixedPrecision)
    engine_->computeMixedPrecision(*analyses.mixedPrecision);
}

void MainWindow::applyPendingSessionCamera()
{
  if (!pendingSessionCamera_)
    return;
  const SessionCamera camera = *pendingSessionCamera_;
  pendingSessionCamera_.reset();
  for (int v = 0; v < views_->viewCount(); ++v) {
    ViewCamera restored = views_->camera(v); // keeps the view angle
    restored.position = camera.position;
    restored.focalPoint = camera.focalPoint;
    restored.viewUp = camera.viewUp;
    views_->setCamera(v, restored);
  }
  views_->update();
}

// --- layer effects and mixed precision ----------------------------------------

void MainWindow::showLayerEffect(const QString& module)
{
  if (module.isEmpty() || !currentScan_ || modelFile_.isEmpty())
    return;
  layerEffectModule_ = module;
  const bool allBut =
    shownAnalyses_.sensitivity && shownAnalyses_.sensitivity->mode == SensitivityMode::AllButThisLayer;
  engine_->computeLayerEffect(2, allBut, module, static_cast<int>(currentScan_->scanIndex));
}

void MainWindow::onLayerEffectReady(const LayerEffectPtr& effect)
{
  if (!currentScan_ || effect->scanIndex != currentScan_->scanIndex ||
      QString::fromStdString(effect->module) != layerEffectModule_)
    return; // the user has moved on
  layerEffect_ = effect;
  clearLayerEffectAction_->setEnabled(true);
  updateViewCount();
  recolor();
  emit layerEffectShown(layerEffectModule_);
}

void MainWindow::clearLayerEffect()
{
  layerEffectModule_.clear();
  layerEffect_.reset();
  clearLayerEffectAction_->setEnabled(false);
  if (currentScan_) {
    updateViewCount();
    recolor();
  }
}

void MainWindow::chooseMixedPrecision()
{
  if (modelFile_.isEmpty() || !currentScan_) {
    QMessageBox::information(this, tr("QuantLens"), tr("Open a model and a sequence first."));
    return;
  }
  MixedPrecisionRequest start = shownAnalyses_.mixedPrecision.value_or(MixedPrecisionRequest{});
  start.preset = editor_->preset();
  start.scans = {currentScan_->scanIndex};
  MixedPrecisionDialog dialog(start, currentScan_->hasTruth(),
                              tr("scan %1 (the one on screen)").arg(currentScan_->scanIndex), this);
  if (dialog.exec() == QDialog::Accepted)
    searchMixedPrecision(dialog.request());
}

void MainWindow::searchMixedPrecision(const MixedPrecisionRequest& request)
{
  engine_->computeMixedPrecision(request);
}

void MainWindow::onMixedPrecisionReady(const MixedPrecisionAnswerPtr& answer)
{
  ampAnswer_ = answer;
  shownAnalyses_.mixedPrecision = answer->request;
  const bool miou = answer->request.metric == SensitivityMetric::MeanIou;
  ampChart_->setResult(answer->result, QString::fromStdString(answer->request.preset.toString()),
                       miou ? tr("mIoU") : tr("agreement"), answer->request.maxDrop, answer->request.promoteTo);
  raiseDockOf(ampChart_);
  emit mixedPrecisionShown();
}

bool MainWindow::applyMixedPrecisionStep(int step)
{
  if (!ampAnswer_ || !MixedPrecisionRecipe::apply(*editor_, *ampAnswer_, step))
    return false;
  statusBar()->showMessage(tr("Editor: mixed-precision step %1 (%n layer(s) at %2 bit)", nullptr, step)
                             .arg(step)
                             .arg(ampAnswer_->request.promoteTo),
                           6000);
  return true;
}

bool MainWindow::writeReport(const QString& file)
{
  QStringList subject;
  if (!modelFile_.isEmpty())
    subject << QFileInfo(modelFile_).fileName();
  if (currentScan_)
    subject << tr("scan %1").arg(QString::fromStdString(currentScan_->scanId));
  HtmlReport report(tr("QuantLens report: %1").arg(subject.join(QStringLiteral(", "))));
  report.addParagraph(tr("What was inspected"),
                      tr("Model %1; sequence %2; Custom: %3.")
                        .arg(modelFile_.isEmpty() ? tr("none") : QDir::toNativeSeparators(modelFile_),
                             sequenceDirectory_.isEmpty() ? tr("none") : QDir::toNativeSeparators(sequenceDirectory_),
                             customDescription_.isEmpty() ? tr("none") : customDescription_));
  report.addImage(tr("3D views"), currentScan_ ? views_->grabImage() : QImage());
  QStringList header;
  for (int c = 0; c < metricsTable_->columnCount(); ++c)
    header << metricsTable_->horizontalHeaderItem(c)->text();
  std::vector<QStringList> rows;
  for (int r = 0; r < metricsTable_->rowCount(); ++r) {
    QStringList row;
    for (int c = 0; c < metricsTable_->columnCount(); ++c)
      row << metricsTable_->cellText(r, c);
    rows.push_back(row);
  }
  report.addTable(tr("Scan metrics"), header, rows);
  // Charts render through their own PNG export, whatever size their docks have now.
  QTemporaryDir scratch;
  const auto chartImage = [&scratch](auto* chart, const QString& name) {
    const QString png = scratch.filePath(name + QStringLiteral(".png"));
    return scratch.isValid() && chart->exportTo(png) ? QImage(png) : QImage();
  };
  report.addImage(tr("Per-class IoU"), chartImage(iouChart_, QStringLiteral("iou")));
  report.addImage(tr("Per-layer sensitivity"),
                  sensitivityChart_->barCount() > 0 ? chartImage(sensitivityChart_, QStringLiteral("sensitivity"))
                                                    : QImage());
  report.addImage(tr("Quantizer histogram"), chartImage(histogramChart_, QStringLiteral("histogram")));
  QString error;
  if (!report.save(file, &error)) {
    showError(error);
    return false;
  }
  statusBar()->showMessage(tr("Wrote %1").arg(QDir::toNativeSeparators(file)), 6000);
  return true;
}

void MainWindow::chooseReportFile()
{
  const QString file = QFileDialog::getSaveFileName(
    this, tr("Write Report"), QDir::homePath() + QStringLiteral("/quantlens-report.html"), tr("HTML (*.html)"));
  if (!file.isEmpty())
    writeReport(file);
}

void MainWindow::chooseSessionToSave()
{
  const QString file = QFileDialog::getSaveFileName(
    this, tr("Save Session"), QDir::homePath() + QStringLiteral("/session.qlens"), tr("QuantLens sessions (*.qlens)"));
  if (!file.isEmpty())
    saveSession(file);
}

void MainWindow::chooseSessionToOpen()
{
  const QString file = chooseFile(tr("Open Session"), tr("QuantLens sessions (*.qlens);;All files (*)"),
                                  QStringLiteral("paths/lastSessionFolder"));
  if (!file.isEmpty())
    openSession(file);
}

template <typename Chart>
void MainWindow::addChartExport(Chart* chart)
{
  auto* action = new QAction(tr("Export Chart…"), chart);
  chart->addAction(action);
  chart->setContextMenuPolicy(Qt::ActionsContextMenu);
  connect(action, &QAction::triggered, this, [this, chart] {
    const QString file = QFileDialog::getSaveFileName(this, tr("Export Chart"), QDir::homePath(),
                                                      tr("PNG image (*.png);;PDF document (*.pdf)"));
    QString error;
    if (!file.isEmpty() && !chart->exportTo(file, &error))
      showError(error);
  });
}

// --- window plumbing --------------------------------------------------------

void MainWindow::showAbout()
{
  QMessageBox::about(this, tr("About QuantLens"),
                     tr("<h3>QuantLens %1</h3><p>Inspect what quantization does to perception models: "
                        "FP32 and simulated W8A8 / W4A8 side by side on LiDAR scans.</p>")
                       .arg(QApplication::applicationVersion()));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
  if (event->mimeData()->hasUrls())
    event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
  for (const QUrl& url : event->mimeData()->urls()) {
    if (!url.isLocalFile())
      continue;
    const QFileInfo dropped(url.toLocalFile());
    const QString suffix = dropped.suffix().toLower();
    if (dropped.isDir())
      openSequence(dropped.absoluteFilePath());
    else if (suffix == QLatin1String("pt") || suffix == QLatin1String("pth") || suffix == QLatin1String("ts"))
      openModel(dropped.absoluteFilePath());
    else if (suffix == QLatin1String("qlens"))
      openSession(dropped.absoluteFilePath());
    else if (suffix == QLatin1String("json") || suffix == QLatin1String("encodings"))
      openCustomVariantWithPreview(dropped.absoluteFilePath());
    else // a scan or label file opens its sequence
      openSequence(QDir::cleanPath(dropped.dir().absolutePath() + QStringLiteral("/..")));
  }
  event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
  engine_->cancel();
  writeSettings();
  event->accept();
}

void MainWindow::changeEvent(QEvent* event)
{
  if (event->type() == QEvent::LanguageChange)
    retranslateUi();
  QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi()
{
  updateWindowTitle();
  fileMenu_->setTitle(tr("&File"));
  recentMenu_->setTitle(tr("Open &Recent"));
  viewMenu_->setTitle(tr("&View"));
  colorMenu_->setTitle(tr("&Color By"));
  modelMenu_->setTitle(tr("&Model"));
  editMenu_->setTitle(tr("&Edit"));
  analysisMenu_->setTitle(tr("&Analysis"));
  sensitivityAction_->setText(tr("Per-Layer &Sensitivity (W4A8, This Scan)"));
  sensitivityAction_->setStatusTip(tr("Quantize one layer at a time and rank the layers by the damage they do"));
  sensitivityAllButAction_->setText(tr("Per-Layer Sensitivity, &All but One Layer (W4A8, This Scan)"));
  sensitivityAllButAction_->setStatusTip(
    tr("Quantize everything but one layer and rank the layers by what keeping them in FP32 recovers"));
  reportAction_->setText(tr("Write &Report…"));
  reportAction_->setStatusTip(tr("One HTML file with the views, the scan's metrics and the charts"));
  ampAction_->setText(tr("&Mixed Precision…"));
  ampAction_->setStatusTip(tr("Search which layers to keep at higher precision, with its BitOps / score curve"));
  clearLayerEffectAction_->setText(tr("Hide &Layer Effect"));
  clearLayerEffectAction_->setStatusTip(tr("Remove the view of what the clicked layer changes"));
  evaluateAction_->setText(tr("&Evaluate Sequence"));
  evaluateAction_->setStatusTip(tr("Per-class IoU of every variant over all scans, like the SemanticKITTI evaluator"));
  exportEncodingsAction_->setText(tr("E&xport Encodings…"));
  exportEncodingsAction_->setStatusTip(tr("Write the Custom (or W4A8) encodings as an AIMET encodings file"));
  openSessionAction_->setText(tr("Open Sess&ion…"));
  openSessionAction_->setStatusTip(tr("Open a saved QuantLens session (.qlens)"));
  saveSessionAction_->setText(tr("Save Sessio&n…"));
  saveSessionAction_->setStatusTip(tr("Save the model, sequence, scan, edits and view as a .qlens session"));
  saveOverridesAction_->setText(tr("Save &Overrides…"));
  saveOverridesAction_->setStatusTip(tr("Write the quantizer editor's changes as a QuantLens override file"));
  helpMenu_->setTitle(tr("&Help"));
  fileToolBar_->setWindowTitle(tr("File"));
  openModelAction_->setText(tr("Open &Model…"));
  openModelAction_->setStatusTip(tr("Open a TorchScript model (with its .json sidecar)"));
  openSequenceAction_->setText(tr("Open &Sequence…"));
  openSequenceAction_->setStatusTip(tr("Open a SemanticKITTI sequence folder"));
  openCustomAction_->setText(tr("Open &Encodings…"));
  openCustomAction_->setStatusTip(tr("Open AIMET encodings or a QuantLens override file as the Custom variant"));
  clearCustomAction_->setText(tr("&Remove Custom Variant"));
  openDemoAction_->setText(tr("Open &Demo"));
  openDemoAction_->setStatusTip(tr("Open the demo model on the synthetic demo sequence (generated on first use)"));
  knnAction_->setText(tr("&KNN Post-Processing"));
  knnAction_->setStatusTip(tr("Clean per-point predictions with RangeNet++'s KNN vote"));
  quitAction_->setText(tr("&Quit"));
  resetCameraAction_->setText(tr("&Reset Camera"));
  const QString modeNames[] = {tr("Classes"), tr("Errors vs Ground Truth"), tr("Changes vs FP32"), tr("Range"),
                               tr("Remission")};
  for (auto* action : colorModeGroup_->actions())
    action->setText(modeNames[action->data().toInt()]);
  aboutAction_->setText(tr("&About QuantLens"));
  aboutQtAction_->setText(tr("About &Qt"));
  const QString dockTitles[] = {tr("Scan Metrics"), tr("Picked Point"), tr("Legend"),      tr("Classes"),
                                tr("Range Image"),  tr("Quantizers"),   tr("Sensitivity"), tr("Per-Class IoU"),
                                tr("Quantizer Histogram"), tr("Mixed Precision")};
  for (int i = 0; i < docks_.size(); ++i)
    docks_[i]->setWindowTitle(dockTitles[i]);
  cancelButton_->setText(tr("Cancel"));
  cancelButton_->setToolTip(tr("Cancel the running operation (Esc)"));
}

void MainWindow::readSettings()
{
  QSettings settings;
  if (!restoreGeometry(settings.value(kSettingsGeometry).toByteArray()))
    resize(1600, 900);
  restoreState(settings.value(kSettingsState).toByteArray());
  recentFiles_ = settings.value(kSettingsRecent).toStringList();
  viewOptions_->setColorMode(static_cast<ColorMode>(std::clamp(settings.value(kSettingsColorMode, 0).toInt(), 0, 4)));
  viewOptions_->setPointSize(settings.value(kSettingsPointSize, 2).toInt());
  for (auto* action : colorModeGroup_->actions())
    action->setChecked(action->data().toInt() == static_cast<int>(viewOptions_->colorMode()));
  updateRecentMenu();
}

void MainWindow::writeSettings() const
{
  QSettings settings;
  settings.setValue(kSettingsGeometry, saveGeometry());
  settings.setValue(kSettingsState, saveState());
  settings.setValue(kSettingsColorMode, static_cast<int>(viewOptions_->colorMode()));
  settings.setValue(kSettingsPointSize, viewOptions_->pointSize());
}

} // namespace quantlens
