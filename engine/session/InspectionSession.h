#pragma once

#include "core/Feedback.h"
#include "data/LabelMap.h"
#include "data/SemanticKittiSequence.h"
#include "eval/LayerSensitivity.h"
#include "eval/SequenceEvaluator.h"
#include "model/ModelSidecar.h"
#include "model/QuantSim.h"
#include "quant/EncodingsDocument.h"
#include "session/CachedResults.h"
#include "session/EncodingsPreview.h"
#include "session/LayerEffect.h"
#include "session/MixedPrecisionRequest.h"
#include "session/ScanInference.h"
#include "session/SessionState.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quantlens {

/// What InspectionSession::restoreCachedResults took from a session file.
struct CachedResultsRestore
{
  bool restored = false;
  std::string reason; ///< why nothing was restored (the results belong to another model, ...)
  std::size_t scans = 0;
  std::size_t evaluations = 0;
  std::size_t sensitivities = 0;
  std::size_t mixedPrecision = 0;
};

/// The one facade the GUI (through EngineController) and tools use: a model,
/// a sequence, the variants to compare (FP32, W8A8, W4A8 and an optional
/// Custom), calibration, and every result cached so nothing is computed twice.
///
/// Caching: a variant is identified by its settings, not its name, so editing
/// Custom re-runs only Custom; a scan keeps its predictions per variant; an
/// evaluation or sensitivity sweep is kept by (variants, scans, scheme, KNN).
/// Opening another model, changing the scheme or the calibration scans drops
/// what depended on them.
///
/// Not thread-safe: one thread (the engine thread) drives a session. Long
/// calls take a Feedback for progress and cancellation. Errors are EngineError
/// with a message the user can act on; MissingSidecarError asks for a sidecar.
class InspectionSession
{
public:
  static constexpr const char* kCustomName = "Custom";

  InspectionSession();
  ~InspectionSession();
  InspectionSession(const InspectionSession&) = delete;
  InspectionSession& operator=(const InspectionSession&) = delete;
  InspectionSession(InspectionSession&&) noexcept;
  InspectionSession& operator=(InspectionSession&&) noexcept;

  // --- model -------------------------------------------------------------
  /// Loads a TorchScript model. The sidecar comes from `sidecar` when given,
  /// else from model.json beside the model; with neither, throws
  /// MissingSidecarError. On any error the previous model stays open.
  void openModel(const std::filesystem::path& modelFile, const QuantSimOptions& options = {},
                 const std::optional<ModelSidecar>& sidecar = std::nullopt);
  bool hasModel() const noexcept;
  const std::filesystem::path& modelFile() const;
  const ModelSidecar& sidecar() const;
  QuantSim& sim();
  const QuantSim& sim() const;

  // --- sequence ----------------------------------------------------------
  /// Opens a SemanticKITTI sequence folder; the previous one stays open on error.
  void openSequence(const std::filesystem::path& directory);
  bool hasSequence() const noexcept;
  const SemanticKittiSequence& sequence() const;
  const LabelMap& labels() const;

  // --- variants ----------------------------------------------------------
  /// FP32, W8A8, W4A8 and the custom variant when set, in that order. Empty
  /// without a model.
  std::vector<EvaluationVariant> variants() const;
  bool hasCustomVariant() const noexcept;
  /// Sets the custom variant's settings (one per quantizer of the model).
  void setCustomSettings(std::vector<QuantizerSettings> settings, std::string description = {});
  void clearCustomVariant();
  /// A file as the custom variant, told apart by its "format" field: an
  /// override file applied to its base preset (W8A8 when it names none), or
  /// AIMET encodings, whose quantizers get its encodings as AIMET's strict
  /// loader gives them (every other quantizer is off); names the model lacks
  /// are an error.
  void loadVariantFile(const std::filesystem::path& file);
  /// The same from a file's text (a session keeps it); `fileName` names it.
  void loadVariantText(std::string_view text, const std::string& fileName);
  /// The file the custom variant came from; unset when it came from
  /// setCustomSettings (the editor) or there is none.
  const std::optional<SessionCustomFile>& customFile() const;
  /// Where the custom variant came from ("overrides recipe.json", ...).
  const std::string& customDescription() const;

  /// The encodings a variant uses, ready for EncodingsFile (calibrates if needed).
  EncodingsDocument encodingsOf(const std::string& variantName, Feedback& feedback);
  /// What exporting a variant to `file` would write (AIMET 0.6.1, or 1.0.0
  /// with `format100`), read back and checked against the variant's enabled
  /// quantizers. Write `text` to get exactly the file previewed.
  EncodingsPreview previewExport(const std::string& variantName, bool format100, const std::filesystem::path& file,
                                 Feedback& feedback);
  /// What loading an override or encodings file as Custom would do, checked
  /// against the model's quantizers; nothing is loaded.
  EncodingsPreview previewVariantFile(const std::filesystem::path& file) const;

  // --- evaluation settings -----------------------------------------------
  void setScheme(const QuantScheme& scheme);
  const QuantScheme& scheme() const noexcept;
  /// KNN clean-up of per-point predictions; defaults to the sidecar's choice.
  void setKnnEnabled(bool enabled);
  bool knnEnabled() const noexcept;
  /// Scans calibration runs on; default: up to 16 spread evenly over the sequence.
  void setCalibrationScans(std::vector<std::size_t> scans);
  std::vector<std::size_t> calibrationScans() const;
  /// Runs calibration once (no-op when already calibrated on these scans).
  void ensureCalibrated(Feedback& feedback);
  bool isCalibrated() const noexcept;

  // --- work --------------------------------------------------------------
  /// Loads scan `index` and runs every variant on it (only those not cached).
  /// Without a model the result holds the scan and its ground truth only.
  ScanInferencePtr inferScan(std::size_t index, Feedback& feedback);
  /// Every variant over `scans`, like the SemanticKITTI evaluator (cached).
  std::vector<VariantEvaluation> evaluate(const std::vector<std::size_t>& scans, Feedback& feedback);
  /// Per-layer sensitivity of a preset on `scans` (cached).
  SensitivityResult sensitivity(QuantPreset preset, SensitivityMode mode, const std::vector<std::size_t>& scans,
                                Feedback& feedback);

  /// What switching `module` (a layer of `preset`) does on scan `index`, the
  /// way `mode` switches it (see LayerEffect). Predictions are cached per scan.
  LayerEffect layerEffect(QuantPreset preset, SensitivityMode mode, const std::string& module, std::size_t index,
                          Feedback& feedback);
  /// Automatic mixed precision on the request's scans: the layers ranked by
  /// sensitivity (each alone, cached), then MixedPrecision::search (cached).
  MixedPrecisionResult mixedPrecision(const MixedPrecisionRequest& request, Feedback& feedback);

  // --- sessions ----------------------------------------------------------
  /// A snapshot of everything computed so far, for a session file; empty
  /// (no fingerprints) without a model.
  CachedResults cachedResults() const;
  /// Puts back what cachedResults() gave, when it belongs to the open model
  /// (same file contents and quantizers), sequence (same scans), scheme and
  /// KNN choice; otherwise restores nothing and says why. Scans whose file
  /// changed since are skipped. Calibration comes back without a data pass.
  CachedResultsRestore restoreCachedResults(const CachedResults& results);

  /// How many results the session has computed rather than taken from a
  /// cache: one per variant run on a scan, per evaluation, per sensitivity sweep.
  std::size_t computedResults() const noexcept;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace quantlens
