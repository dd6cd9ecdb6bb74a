#pragma once

#include "AnalysisResults.h"
#include "ColorMode.h"
#include "ModelDescription.h"

#include "session/ScanInference.h"

#include "session/SessionState.h"

#include <QMainWindow>
#include <QStringList>

#include <memory>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QToolBar;
class QTimer;
class QToolButton;

namespace quantlens {

class ClassHistogramPlot;
class ClassIouChart;
class ClassLegend;
class EngineController;
class LabelMap;
class MultiPointCloudView;
class PointInfoPanel;
class QuantizerEditor;
class QuantizerHistogramChart;
class RangeImageView;
class ScanNavigator;
class SensitivityChart;
class VariantMetricsTable;
class ViewOptionsBar;

/// QuantLens's main window: the current scan seen through ground truth, FP32,
/// W8A8, W4A8 (and Custom) side by side in synchronized 3D views, scan
/// navigation, and docks with the picked point, the range image, the scan's
/// metrics and its classes. All engine work goes through EngineController.
class MainWindow : public QMainWindow
{
  Q_OBJECT

public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  /// Opens a SemanticKITTI sequence folder (the one holding velodyne/);
  /// `scan` is shown once it is open.
  void openSequence(const QString& directory, int scan = 0);
  /// Opens a TorchScript model; asks for its input settings when it has no sidecar.
  void openModel(const QString& modelFile);
  /// An AIMET encodings file or a QuantLens override file as the Custom variant.
  void openCustomVariant(const QString& file);
  /// Generates (first time only) and opens the synthetic demo sequence with the demo model.
  void openDemo(int scan = 0);

  EngineController* engine() const { return engine_; }
  ScanNavigator* navigator() const { return navigator_; }
  MultiPointCloudView* views() const { return views_; }
  ViewOptionsBar* viewOptions() const { return viewOptions_; }
  PointInfoPanel* pointInfo() const { return pointInfo_; }
  RangeImageView* rangeImage() const { return rangeImage_; }
  VariantMetricsTable* metricsTable() const { return metricsTable_; }
  QuantizerEditor* quantizerEditor() const { return editor_; }
  SensitivityChart* sensitivityChart() const { return sensitivityChart_; }
  ClassIouChart* iouChart() const { return iouChart_; }
  QuantizerHistogramChart* histogramChart() const { return histogramChart_; }
  /// Writes the editor's edits as a QuantLens override file; false (and a message) on failure.
  bool saveOverrides(const QString& file);
  /// Writes what is open, the editor's edits and the view as a .qlens session.
  bool saveSession(const QString& file);
  /// Opens a .qlens session: model, sequence and scan, the edits, the view.
  bool openSession(const QString& file);
  /// Per-layer sensitivity of W4A8 on the scan on screen (sensitivityShown when
  /// done): each layer alone quantized, or everything but that layer.
  void analyzeSensitivity(bool allButOneLayer = false);
  /// One HTML file with the views, the scan's metrics and every chart.
  bool writeReport(const QString& file);
  /// Evaluates every variant over the whole sequence (evaluationShown when done).
  void evaluateSequence();
  /// Writes the encodings of Custom (or W4A8 without it) to `file` as AIMET
  /// 0.6.1 JSON (1.0.0 with format100); encodingsWritten when done.
  void exportEncodings(const QString& file, bool format100 = false);
  /// The scan on screen, or null.
  ScanInferencePtr currentScan() const { return currentScan_; }
  /// Shows the point in the info dock and marks it in every view (-1: none).
  void pickPoint(qint64 index);

signals:
  /// Emitted after a scan is drawn (tests and scripts wait on it).
  void scanShown(int index);
  /// Emitted when a model is open and its variants are known.
  void modelShown(const QString& modelFile);
  void sensitivityShown();
  void evaluationShown();
  void encodingsWritten(const QString& file);
  void histogramShown(int quantizerId);

protected:
  void closeEvent(QCloseEvent* event) override;
  void changeEvent(QEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

private:
  void createActions();
  void createMenus();
  void createToolBars();
  void createDocks();
  QDockWidget* addDock(QWidget* widget, const QString& objectName, Qt::DockWidgetArea area);
  void createStatusBar();
  void connectEngine();
  void connectViews();
  void retranslateUi();
  void readSettings();
  void writeSettings() const;

  QString chooseFile(const QString& caption, const QString& filter, const QString& settingsKey);
  void chooseModel();
  void chooseSequence();
  void chooseCustomVariant();
  void addRecent(const QString& kind, const QString& path);
  void updateRecentMenu();
  void openRecent(const QString& entry);
  void updateWindowTitle();
  void requestCurrentScan();

  void onSequenceOpened(const QString& directory, int scanCount, bool hasLabels);
  void onModelOpened(const QString& modelFile, const QStringList& variants, int quantizerCount);
  void onSidecarNeeded(const QString& modelFile, const QString& message);
  void onVariantsChanged(const QStringList& variants, const QString& customDescription);
  void onScanReady(const ScanInferencePtr& scan);
  void onEngineError(const QString& message);
  void onProgress(double fraction, const QString& message);
  void onBusyChanged(bool busy);
  void showAbout();
  void onModelDescribed(const ModelDescriptionPtr& description);
  void onEditorChanged();
  void applyEditorSettings();
  void onSensitivityReady(const SensitivityResultPtr& result);
  void onEvaluationReady(const EvaluationResultsPtr& results);
  void showScanIou();
  void chooseEncodingsExport();
  void chooseOverridesFile();
  void chooseSessionToSave();
  void chooseReportFile();
  void chooseSessionToOpen();
  void applyPendingSessionEdits();
  void applyPendingSessionCamera();
  void onQuantizerSelected();
  void onHistogramReady(const QuantizerHistogramPtr& histogram);
  /// "Export Chart…" in the chart's context menu: PNG or PDF.
  template <typename Chart>
  void addChartExport(Chart* chart);
  QString exportedVariant() const;

  void recolor();
  void showScanDetails();
  void showRangeImage();
  void showMetrics();
  void pickPixel(int row, int col);

  EngineController* engine_;
  MultiPointCloudView* views_;
  ScanNavigator* navigator_;
  ViewOptionsBar* viewOptions_;
  ClassHistogramPlot* histogram_;
  ClassLegend* legend_;
  PointInfoPanel* pointInfo_;
  RangeImageView* rangeImage_;
  VariantMetricsTable* metricsTable_;
  QuantizerEditor* editor_;
  SensitivityChart* sensitivityChart_;
  ClassIouChart* iouChart_;
  QuantizerHistogramChart* histogramChart_;
  QTimer* editorDebounce_;
  std::unique_ptr<LabelMap> labels_;
  QStringList classNames_; ///< by training class id, from labels_
  QList<QDockWidget*> docks_;

  QToolBar* fileToolBar_ = nullptr;
  QMenu* fileMenu_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QMenu* viewMenu_ = nullptr;
  QMenu* colorMenu_ = nullptr;
  QMenu* modelMenu_ = nullptr;
  QMenu* editMenu_ = nullptr;
  QMenu* analysisMenu_ = nullptr;
  QAction* sensitivityAction_ = nullptr;
  QAction* sensitivityAllButAction_ = nullptr;
  QAction* reportAction_ = nullptr;
  QAction* evaluateAction_ = nullptr;
  QAction* exportEncodingsAction_ = nullptr;
  QAction* saveOverridesAction_ = nullptr;
  QAction* saveSessionAction_ = nullptr;
  QAction* openSessionAction_ = nullptr;
  QMenu* helpMenu_ = nullptr;
  QAction* openModelAction_ = nullptr;
  QAction* openSequenceAction_ = nullptr;
  QAction* openCustomAction_ = nullptr;
  QAction* clearCustomAction_ = nullptr;
  QAction* openDemoAction_ = nullptr;
  QAction* knnAction_ = nullptr;
  QAction* quitAction_ = nullptr;
  QAction* resetCameraAction_ = nullptr;
  QActionGroup* colorModeGroup_ = nullptr;
  QAction* aboutAction_ = nullptr;
  QAction* aboutQtAction_ = nullptr;

  QLabel* scanInfoLabel_ = nullptr;
  QProgressBar* progressBar_ = nullptr;
  QToolButton* cancelButton_ = nullptr;

  QString sequenceDirectory_;
  QString modelFile_;
  QString customDescription_;
  QStringList recentFiles_; ///< "model:<path>" or "sequence:<path>", newest first
  int pendingScan_ = 0;
  ScanInferencePtr currentScan_;
  /// What an opened session still has to apply once the engine answers.
  std::optional<Overrides> pendingSessionEdits_;
  std::optional<SessionCamera> pendingSessionCamera_;
};

} // namespace quantlens
