#include "MainWindow.h"

#include "ClassHistogramPlot.h"
#include "EngineController.h"
#include "viewers/PointCloudView.h"
#include "ScanNavigator.h"

#include "data/LabelMap.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace quantlens {

namespace {
constexpr int kMaxRecentSequences = 8;
const QString kSettingsGeometry = QStringLiteral("mainWindow/geometry");
const QString kSettingsState = QStringLiteral("mainWindow/state");
const QString kSettingsLastDirectory = QStringLiteral("paths/lastSequenceParent");
const QString kSettingsRecent = QStringLiteral("paths/recentSequences");
} // namespace

MainWindow::MainWindow(QWidget* parent)
  : QMainWindow(parent)
  , engine_(new EngineController(this))
  , view_(new PointCloudView)
  , navigator_(new ScanNavigator)
  , histogram_(new ClassHistogramPlot)
  , histogramDock_(new QDockWidget(this))
  , labels_(std::make_unique<LabelMap>(LabelMap::semanticKitti()))
{
  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(view_, 1);
  layout->addWidget(navigator_);
  setCentralWidget(central);
  setAcceptDrops(true);

  createActions();
  createMenus();
  createDocks();
  createStatusBar();
  connectEngine();
  retranslateUi();
  readSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
  openSequenceAction_ = new QAction(this);
  openSequenceAction_->setShortcut(QKeySequence::Open);
  connect(openSequenceAction_, &QAction::triggered, this, &MainWindow::chooseSequence);

  openDemoAction_ = new QAction(this);
  openDemoAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
  connect(openDemoAction_, &QAction::triggered, this, [this] { openDemo(); });

  quitAction_ = new QAction(this);
  quitAction_->setShortcut(QKeySequence::Quit);
  quitAction_->setMenuRole(QAction::QuitRole);
  connect(quitAction_, &QAction::triggered, this, &QWidget::close);

  resetCameraAction_ = new QAction(this);
  resetCameraAction_->setShortcut(QKeySequence(Qt::Key_R));
  connect(resetCameraAction_, &QAction::triggered, view_, &PointCloudView::resetCamera);

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
  fileMenu_->addAction(openSequenceAction_);
  recentMenu_ = fileMenu_->addMenu(QString());
  fileMenu_->addAction(openDemoAction_);
  fileMenu_->addSeparator();
  fileMenu_->addAction(quitAction_);
  viewMenu_ = menuBar()->addMenu(QString());
  viewMenu_->addAction(resetCameraAction_);
  viewMenu_->addSeparator();
  helpMenu_ = menuBar()->addMenu(QString());
  helpMenu_->addAction(aboutAction_);
  helpMenu_->addAction(aboutQtAction_);
}

void MainWindow::createDocks()
{
  histogramDock_->setObjectName(QStringLiteral("classHistogramDock"));
  histogramDock_->setWidget(histogram_);
  addDockWidget(Qt::RightDockWidgetArea, histogramDock_);
  viewMenu_->addAction(histogramDock_->toggleViewAction());
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
  connect(engine_, &EngineController::scanReady, this, &MainWindow::onScanReady);
  connect(engine_, &EngineController::errorOccurred, this, &MainWindow::onEngineError);
  connect(engine_, &EngineController::progress, this, &MainWindow::onProgress);
  connect(engine_, &EngineController::busyChanged, this, &MainWindow::onBusyChanged);
  connect(navigator_, &ScanNavigator::currentScanChanged, engine_, &EngineController::requestScan);
}

void MainWindow::openSequence(const QString& directory, int scan)
{
  pendingScan_ = scan;
  engine_->openSequence(directory);
}

void MainWindow::openDemo(int scan)
{
  pendingScan_ = scan;
  const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/demo");
  engine_->openDemo(cache);
}

void MainWindow::chooseSequence()
{
  QSettings settings;
  const QString start = settings.value(kSettingsLastDirectory, QDir::homePath()).toString();
  const QString directory = QFileDialog::getExistingDirectory(
    this, tr("Open SemanticKITTI Sequence (the folder holding velodyne/)"), start);
  if (directory.isEmpty())
    return;
  settings.setValue(kSettingsLastDirectory, QFileInfo(directory).absolutePath());
  openSequence(directory);
}

void MainWindow::addRecentSequence(const QString& directory)
{
  recentSequences_.removeAll(directory);
  recentSequences_.prepend(directory);
  while (recentSequences_.size() > kMaxRecentSequences)
    recentSequences_.removeLast();
  QSettings().setValue(kSettingsRecent, recentSequences_);
  updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
  recentMenu_->clear();
  for (int i = 0; i < recentSequences_.size(); ++i) {
    const QString& directory = recentSequences_[i];
    auto* action = recentMenu_->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(directory)));
    connect(action, &QAction::triggered, this, [this, directory] { openSequence(directory); });
  }
  recentMenu_->setEnabled(!recentSequences_.isEmpty());
}

void MainWindow::onSequenceOpened(const QString& directory, int scanCount, bool hasLabels)
{
  sequenceDirectory_ = directory;
  setWindowTitle(tr("%1 — QuantLens").arg(QDir::toNativeSeparators(directory)));
  addRecentSequence(directory);
  histogramDock_->setEnabled(hasLabels);
  if (!hasLabels)
    histogram_->clear();
  navigator_->setScanCount(scanCount);
  const int scan = std::clamp(pendingScan_, 0, std::max(scanCount - 1, 0));
  pendingScan_ = 0;
  // setCurrentScan only signals on a change; scan 0 after opening needs an explicit request.
  if (scan == navigator_->currentScan())
    engine_->requestScan(scan);
  else
    navigator_->setCurrentScan(scan);
  statusBar()->showMessage(tr("Opened %n scan(s)", nullptr, scanCount), 4000);
}

void MainWindow::onScanReady(const LoadedScanPtr& scan)
{
  const bool firstScan = !currentScan_;
  currentScan_ = scan;
  view_->setPoints(scan->points.xyzr.data(), scan->points.size());
  view_->setColors(scan->colors.data(), scan->points.size());
  if (firstScan)
    view_->resetCamera();
  if (scan->hasLabels)
    histogram_->setCounts(*labels_, scan->classCounts);
  QString info = tr("Scan %1: %n point(s)", nullptr, static_cast<int>(scan->points.size())).arg(scan->index);
  if (scan->nonFinitePoints > 0)
    info += tr(" (%n with NaN/inf coordinates, not shown)", nullptr, static_cast<int>(scan->nonFinitePoints));
  scanInfoLabel_->setText(info);
  emit scanShown(scan->index);
}

void MainWindow::onEngineError(const QString& message)
{
  // The window stays as it was; the message says what to fix.
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
  const auto urls = event->mimeData()->urls();
  if (urls.isEmpty() || !urls.first().isLocalFile())
    return;
  const QFileInfo dropped(urls.first().toLocalFile());
  // A dropped folder is a sequence; a dropped scan file opens its sequence.
  openSequence(dropped.isDir() ? dropped.absoluteFilePath()
                              : QDir::cleanPath(dropped.dir().absolutePath() + QStringLiteral("/..")));
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
  if (sequenceDirectory_.isEmpty())
    setWindowTitle(tr("QuantLens"));
  fileMenu_->setTitle(tr("&File"));
  recentMenu_->setTitle(tr("Open &Recent"));
  viewMenu_->setTitle(tr("&View"));
  helpMenu_->setTitle(tr("&Help"));
  openSequenceAction_->setText(tr("Open &Sequence…"));
  openSequenceAction_->setStatusTip(tr("Open a SemanticKITTI sequence folder"));
  openDemoAction_->setText(tr("Open &Demo"));
  openDemoAction_->setStatusTip(tr("Open the synthetic demo sequence (generated on first use)"));
  quitAction_->setText(tr("&Quit"));
  resetCameraAction_->setText(tr("&Reset Camera"));
  aboutAction_->setText(tr("&About QuantLens"));
  aboutQtAction_->setText(tr("About &Qt"));
  histogramDock_->setWindowTitle(tr("Classes"));
  cancelButton_->setText(tr("Cancel"));
  cancelButton_->setToolTip(tr("Cancel the running operation (Esc)"));
}

void MainWindow::readSettings()
{
  QSettings settings;
  if (!restoreGeometry(settings.value(kSettingsGeometry).toByteArray()))
    resize(1400, 860);
  restoreState(settings.value(kSettingsState).toByteArray());
  recentSequences_ = settings.value(kSettingsRecent).toStringList();
  updateRecentMenu();
}

void MainWindow::writeSettings() const
{
  QSettings settings;
  settings.setValue(kSettingsGeometry, saveGeometry());
  settings.setValue(kSettingsState, saveState());
}

} // namespace quantlens
