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
class MixedPrecisionChart;
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
  MixedPrecisionChart* mixedPrecisionChart() const { return ampChart_; }
  /// Writes the editor's edits as a QuantLens override file; false (and a message) on failure.
  bool saveOverrides(const QString& file);
  /// Writes what is open, the editor's edits, the view, the analyses shown and
  /// every cached result as a .qlens session (sessionSaved when written).
  void saveSession(const QString& file);
  /// Opens a .qlens session: model, sequence and scan, Custom and the edits,
  /// the view, and the analyses it showed, from its cached results where it
  /// has them (sessionOpened once everything is applied).
  void openSession(const QString& file);
  /// Automatic mixed precision from the editor's preset on the scan on
  /// screen (mixedPrecisionShown when done).
  void searchMixedPrecision(const MixedPrecisionRequest& request);
  /// Puts step `step` of the last mixed-precision search into the editor.
  bool applyMixedPrecisionStep(int step);
  /// Shows, in an extra view, the points switching `module` changes (the way
  /// the last sensitivity sweep switched it); layerEffectShown when drawn.
  void showLayerEffect(const QString& module);
  void clearLayerEffect();
  /// The layer effect drawn, or null.
  LayerEffectPtr layerEffect() const { return layerEffect_; }
  /// The last mixed-precision search shown, or null.
  MixedPrecisionAnswerPtr mixedPrecision() const { return ampAnswer_; }
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
  /// The same, after showing what will be written and its check against the
  /// enabled quantizers; written only when the user confirms.
  void exportEncodingsWithPreview(const QString& file, bool format100 = false);
  /// openCustomVariant after showing the file's contents and how they fit the model.
  void openCustomVariantWithPreview(const QString& file);
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
  void sessionSaved(const QString& file);
  void sessionOpened(const QString& file);
  void layerEffectShown(const QString& module);
  void mixedPrecisionShown();
  /// An export or import preview is about to be shown (tests answer the dialog).
  void previewShown(const quantlens::EncodingsPreviewPtr& preview);

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
  /// A message box, and the same line on stderr.
  void showError(const QString& message);
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
  void onSessionOpened(const QString& file, const SessionStatePtr& state, const QString& cacheNote);
  void applySessionEdits(const SessionState& state);
  void showSessionAnalyses(const SessionAnalyses& analyses);
  void applyPendingSessionCamera();
  void onExportPreview(const EncodingsPreviewPtr& preview);
  void onImportPreview(const EncodingsPreviewPtr& preview);
  /// Shows the preview; true when the user confirms.
  bool confirmPreview(const EncodingsPreviewPtr& preview);
  void chooseMixedPrecision();
  void onMixedPrecisionReady(const MixedPrecisionAnswerPtr& answer);
  void onLayerEffectReady(const LayerEffectPtr& effect);
  void onQuantizerSelected();
  void onHistogramReady(const QuantizerHistogramPtr& histogram);
  /// "Export Chart…" in the chart's context menu: PNG or PDF.
  template <typename Chart>
  void addChartExport(Chart* chart);
  QString exportedVariant() const;

  void updateViewCount();
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
  MixedPrecisionChart* ampChart_;
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
  QAction* ampAction_ = nullptr;
  QAction* clearLayerEffectAction_ = nullptr;
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
  /// What an opened session still has to apply once its scan is drawn.
  std::optional<SessionCamera> pendingSessionCamera_;
  bool awaitingSession_ = false; ///< a session is being opened: it decides the scan
  /// The analyses on screen, so a saved session can show them again.
  SessionAnalyses shownAnalyses_;
  MixedPrecisionAnswerPtr ampAnswer_;
  LayerEffectPtr layerEffect_;
  QString layerEffectModule_; ///< the layer whose effect is shown; kept across scans
};

} // namespace quantlens
