#pragma once

#include "LoadedScan.h"

#include <QMainWindow>
#include <QStringList>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QToolButton;

namespace quantlens {

class ClassHistogramPlot;
class EngineController;
class LabelMap;
class PointCloudView;
class ScanNavigator;

/// QuantLens's main window: a 3D view of the current scan, scan navigation,
/// and docks with analyses. All engine work goes through EngineController.
class MainWindow : public QMainWindow
{
  Q_OBJECT

public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  /// Opens a SemanticKITTI sequence folder (the one holding velodyne/);
  /// `scan` is shown once it is open.
  void openSequence(const QString& directory, int scan = 0);
  /// Generates (first time only) and opens the synthetic demo sequence.
  void openDemo(int scan = 0);

  EngineController* engine() const { return engine_; }
  ScanNavigator* navigator() const { return navigator_; }
  PointCloudView* view() const { return view_; }
  /// The scan on screen, or null.
  LoadedScanPtr currentScan() const { return currentScan_; }

signals:
  /// Emitted after a scan is drawn (tests and scripts wait on it).
  void scanShown(int index);

protected:
  void closeEvent(QCloseEvent* event) override;
  void changeEvent(QEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

private:
  void createActions();
  void createMenus();
  void createDocks();
  void createStatusBar();
  void connectEngine();
  void retranslateUi();
  void readSettings();
  void writeSettings() const;

  void chooseSequence();
  void addRecentSequence(const QString& directory);
  void updateRecentMenu();
  void onSequenceOpened(const QString& directory, int scanCount, bool hasLabels);
  void onScanReady(const LoadedScanPtr& scan);
  void onEngineError(const QString& message);
  void onProgress(double fraction, const QString& message);
  void onBusyChanged(bool busy);
  void showAbout();

  EngineController* engine_;
  PointCloudView* view_;
  ScanNavigator* navigator_;
  ClassHistogramPlot* histogram_;
  QDockWidget* histogramDock_;
  std::unique_ptr<LabelMap> labels_;

  QMenu* fileMenu_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QMenu* viewMenu_ = nullptr;
  QMenu* helpMenu_ = nullptr;
  QAction* openSequenceAction_ = nullptr;
  QAction* openDemoAction_ = nullptr;
  QAction* quitAction_ = nullptr;
  QAction* resetCameraAction_ = nullptr;
  QAction* aboutAction_ = nullptr;
  QAction* aboutQtAction_ = nullptr;

  QLabel* scanInfoLabel_ = nullptr;
  QProgressBar* progressBar_ = nullptr;
  QToolButton* cancelButton_ = nullptr;

  QString sequenceDirectory_;
  QStringList recentSequences_;
  int pendingScan_ = 0;
  LoadedScanPtr currentScan_;
};

} // namespace quantlens
