#pragma once

#include "AnalysisResults.h"
#include "ModelDescription.h"

#include "session/ScanInference.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include <atomic>

Q_DECLARE_METATYPE(quantlens::ScanInferencePtr)

namespace quantlens {

class EngineWorker;

/// The GUI's one door to the engine. It owns a QThread with an EngineWorker
/// (which owns the InspectionSession); requests go over as queued signals,
/// results and errors come back as signals on the GUI thread. The GUI thread
/// never loads or computes. A newer scan request cancels the one running.
class EngineController : public QObject
{
  Q_OBJECT

public:
  explicit EngineController(QObject* parent = nullptr);
  ~EngineController() override;

  /// Asynchronous: answered by sequenceOpened or errorOccurred.
  void openSequence(const QString& directory);
  /// Asynchronous: answered by modelOpened, sidecarNeeded (no model.json
  /// beside it and `sidecarJson` empty) or errorOccurred.
  void openModel(const QString& modelFile, const QString& sidecarJson = {});
  /// Asynchronous: answered by scanReady (only for the latest request) or errorOccurred.
  void requestScan(int index);
  /// Generates the demo sequence in `cacheDirectory` if needed, then opens it with the demo model.
  void openDemo(const QString& cacheDirectory);
  /// An override file or AIMET encodings file becomes the Custom variant (variantsChanged).
  void loadCustomVariant(const QString& file);
  void clearCustomVariant();
  /// The quantizer editor's table becomes the Custom variant (variantsChanged).
  void setCustomSettings(const QuantizerSettingsList& settings, const QString& description);
  void setKnnEnabled(bool enabled);
  /// Answered by sensitivityReady: presetKind 1 = W8A8, 2 = W4A8.
  void computeSensitivity(int presetKind, bool allButThisLayer, const QList<int>& scans);
  /// Answered by evaluationReady.
  void evaluate(const QList<int>& scans);
  /// Answered by histogramReady: quantizer `id` under Custom (else W4A8).
  void computeHistogram(int id);
  /// Answered by encodingsExported or errorOccurred; refuses to write a file
  /// that does not match the variant's enabled quantizers exactly.
  void exportEncodings(const QString& variant, const QString& file, bool format100 = false);
  /// Answered by exportPreviewReady: what exportEncodings would write.
  void previewExport(const QString& variant, const QString& file, bool format100 = false);
  /// Writes a previewed export as it was shown (encodingsExported).
  void writeExport(const quantlens::EncodingsPreviewPtr& preview);
  /// Answered by importPreviewReady: what loading the file as Custom would do.
  void previewCustomVariant(const QString& file);
  /// Answered by layerEffectReady: what switching `module` does on scan `scan`.
  void computeLayerEffect(int presetKind, bool allButThisLayer, const QString& module, int scan);
  /// Answered by mixedPrecisionReady.
  void computeMixedPrecision(const quantlens::MixedPrecisionRequest& request);
  /// Adds the engine's part (scheme, calibration, Custom's file, cached
  /// results) to `state` and writes the session (sessionSaved or errorOccurred).
  void saveSession(const QString& file, const quantlens::SessionStatePtr& state);
  /// Opens everything a session names and restores its cached results;
  /// answered by the usual model/sequence signals, then sessionOpened. A
  /// file that cannot be read changes nothing (errorOccurred).
  void openSession(const QString& file);
  /// Cancels the running long operation (demo generation, ...). Thread-safe.
  void cancel();

signals:
  void sequenceOpened(const QString& directory, int scanCount, bool hasLabels);
  void modelOpened(const QString& modelFile, const QStringList& variants, int quantizerCount);
  void sidecarNeeded(const QString& modelFile, const QString& message);
  void variantsChanged(const QStringList& variants, const QString& customDescription);
  void modelDescribed(quantlens::ModelDescriptionPtr description);
  void sensitivityReady(quantlens::SensitivityResultPtr result);
  void evaluationReady(quantlens::EvaluationResultsPtr results);
  void encodingsExported(const QString& file);
  void histogramReady(quantlens::QuantizerHistogramPtr histogram);
  void exportPreviewReady(quantlens::EncodingsPreviewPtr preview);
  void importPreviewReady(quantlens::EncodingsPreviewPtr preview);
  void layerEffectReady(quantlens::LayerEffectPtr effect);
  void mixedPrecisionReady(quantlens::MixedPrecisionAnswerPtr answer);
  void sessionSaved(const QString& file);
  /// `cacheNote` says what cached results came back, or why none did.
  void sessionOpened(const QString& file, quantlens::SessionStatePtr state, const QString& cacheNote);
  void scanReady(quantlens::ScanInferencePtr scan);
  void progress(double fraction, const QString& message);
  void busyChanged(bool busy);
  void errorOccurred(const QString& message);

  // Internal: carry requests to the worker's thread.
  void openSequenceRequested(const QString& directory);
  void openModelRequested(const QString& modelFile, const QString& sidecarJson);
  void scanRequested(int index, int requestId);
  void demoRequested(const QString& cacheDirectory);
  void customVariantRequested(const QString& file);
  void clearCustomVariantRequested();
  void knnRequested(bool enabled);
  void customSettingsRequested(const quantlens::QuantizerSettingsList& settings, const QString& description);
  void sensitivityRequested(int presetKind, bool allButThisLayer, const QList<int>& scans);
  void evaluationRequested(const QList<int>& scans);
  void exportRequested(const QString& variant, const QString& file, bool format100);
  void histogramRequested(int id);
  void exportPreviewRequested(const QString& variant, const QString& file, bool format100);
  void writeExportRequested(const quantlens::EncodingsPreviewPtr& preview);
  void importPreviewRequested(const QString& file);
  void layerEffectRequested(int presetKind, bool allButThisLayer, const QString& module, int scan);
  void mixedPrecisionRequested(const quantlens::MixedPrecisionRequest& request);
  void saveSessionRequested(const QString& file, const quantlens::SessionStatePtr& state);
  void openSessionRequested(const QString& file);

private:
  QThread thread_;
  EngineWorker* worker_;
  std::atomic<int> latestScanRequest_{0};
};

} // namespace quantlens
