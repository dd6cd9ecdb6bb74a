#pragma once

#include "AnalysisResults.h"
#include "ModelDescription.h"

#include "session/InspectionSession.h"
#include "session/ScanInference.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <mutex>

namespace quantlens {

class Feedback;

/// Lives on the engine thread, owns the InspectionSession and does the work
/// EngineController asks for. Every slot catches engine errors and reports
/// them as a signal, so the thread never dies and the window stays usable.
class EngineWorker : public QObject
{
  Q_OBJECT

public:
  /// `latestScanRequest` is written by the controller: a scan request whose id
  /// is older than it is dropped (the user has moved on).
  explicit EngineWorker(const std::atomic<int>* latestScanRequest, QObject* parent = nullptr);
  ~EngineWorker() override;

  /// Cancels the running long operation, if any. Thread-safe.
  void cancelCurrent();
  /// Cancels the scan being computed when a newer one has been asked for. Thread-safe.
  void cancelStaleScan();

public slots:
  void openSequence(const QString& directory);
  /// `sidecarJson` empty: the sidecar beside the model is used.
  void openModel(const QString& modelFile, const QString& sidecarJson);
  void loadScan(int index, int requestId);
  void prepareDemo(const QString& cacheDirectory);
  /// An override file or an AIMET encodings file becomes the Custom variant.
  void loadCustomVariant(const QString& file);
  void clearCustomVariant();
  /// The quantizer editor's table becomes the Custom variant.
  void setCustomSettings(const quantlens::QuantizerSettingsList& settings, const QString& description);
  void setKnnEnabled(bool enabled);
  /// Per-layer sensitivity of W8A8 (presetKind 1) or W4A8 (2) over `scans`.
  void computeSensitivity(int presetKind, bool allButThisLayer, const QList<int>& scans);
  /// Every variant over `scans`, like the SemanticKITTI evaluator.
  void evaluate(const QList<int>& scans);
  /// Quantizer `id`'s histogram with the encoding of the last variant (Custom, else W4A8).
  void computeHistogram(int id);
  /// Writes the encodings of a variant as AIMET 0.6.1 (or 1.0.0) JSON, when
  /// they match the variant's enabled quantizers exactly.
  void exportEncodings(const QString& variant, const QString& file, bool format100);
  void previewExport(const QString& variant, const QString& file, bool format100);
  void writeExport(const quantlens::EncodingsPreviewPtr& preview);
  void previewCustomVariant(const QString& file);
  /// presetKind 1 = W8A8, 2 = W4A8.
  void computeLayerEffect(int presetKind, bool allButThisLayer, const QString& module, int scan);
  void computeMixedPrecision(const quantlens::MixedPrecisionRequest& request);
  void saveSession(const QString& file, const quantlens::SessionStatePtr& state);
  void openSession(const QString& file);

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
  void sessionOpened(const QString& file, quantlens::SessionStatePtr state, const QString& cacheNote);
  void scanReady(quantlens::ScanInferencePtr scan);
  void progress(double fraction, const QString& message);
  void busyChanged(bool busy);
  void errorOccurred(const QString& message);

private:
  /// Runs `work` with a fresh cancellable Feedback, reporting progress and errors.
  /// Returns false when it failed or was canceled.
  template <typename Work>
  bool runLongOperation(const QString& title, Work work);
  QStringList variantNames() const;
  /// Opens the model and tells the GUI its variants and quantizers.
  void openModelNow(const QString& modelFile, const QString& sidecarJson);
  void openSequenceNow(const QString& directory);
  /// The session's Custom variant: its file when it came from one, else the editor's edits.
  void applySessionCustom(const SessionState& state);
  static QString cacheNote(const CachedResultsRestore& restore);
  /// Writes `text` to `file` through a temporary file, after an exact-match check.
  void writeCheckedExport(const EncodingsPreview& preview);
  std::vector<std::size_t> scanList(const QList<int>& scans) const;

  const std::atomic<int>* latestScanRequest_;
  std::unique_ptr<InspectionSession> session_;
  std::shared_ptr<Feedback> currentFeedback_;
  std::shared_ptr<Feedback> scanFeedback_;
  int scanRequestId_ = 0; ///< the request scanFeedback_ belongs to
  std::mutex feedbackMutex_;
};

} // namespace quantlens
