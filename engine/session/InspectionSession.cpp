#include "session/InspectionSession.h"

#include "core/EngineError.h"
#include "core/FileFingerprint.h"
#include "core/FileIO.h"
#include "data/KnnPostprocess.h"
#include "data/RangeProjection.h"
#include "model/CustomVariantFile.h"
#include "model/EncodingsExchange.h"
#include "eval/MixedPrecision.h"
#include "session/EncodingsPreviewBuilder.h"
#include "session/MissingSidecarError.h"
#include "session/VariantKey.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <list>
#include <map>

namespace quantlens {

namespace {

constexpr std::size_t kDefaultCalibrationScans = 16;
/// Scans whose predictions stay cached: enough to step back and forth.
constexpr std::size_t kCachedScans = 8;

bool quantizesAnything(const std::vector<QuantizerSettings>& settings)
{
  return std::any_of(settings.begin(), settings.end(), [](const QuantizerSettings& s) { return s.enabled; });
}

std::string scansKey(const std::vector<std::size_t>& scans)
{
  std::string key;
  for (const auto scan : scans)
    key += std::to_string(scan) + ',';
  return key;
}

/// A scan loaded and projected once, with each variant's prediction by key.
struct CachedScan
{
  std::size_t index = 0;
  std::shared_ptr<const ScanInference> base; ///< scan, truth, projection; no variants
  std::map<std::string, VariantPrediction> predictions;
};

} // namespace

struct InspectionSession::Impl
{
  // Model
  std::optional<QuantSim> sim;
  std::optional<ModelSidecar> sidecar;
  std::filesystem::path modelFile;
  // Sequence
  std::optional<SemanticKittiSequence> sequence;
  LabelMap labels = LabelMap::semanticKitti();
  // Variants and settings
  std::optional<EvaluationVariant> custom;
  std::string customDescription;
  std::optional<SessionCustomFile> customFile;
  std::string modelFingerprint; ///< of the open model, for cached results in session files
  QuantScheme scheme;
  bool knn = false;
  std::optional<std::vector<std::size_t>> calibrationScans;
  std::string calibratedOn; ///< scansKey of the calibration, empty when not calibrated
  // Caches
  std::map<std::string, QuantVariant> prepared;
  std::list<CachedScan> scans; ///< most recent first
  std::map<std::string, std::vector<VariantEvaluation>> evaluations;
  std::map<std::string, SensitivityResult> sensitivities;
  std::map<std::string, MixedPrecisionResult> mixedPrecision;
  std::size_t computed = 0;

  void requireModel() const
  {
    if (!sim)
      throw EngineError("no model is open: open a TorchScript model first");
  }

  void requireSequence() const
  {
    if (!sequence)
      throw EngineError("no sequence is open: open a SemanticKITTI sequence folder first");
  }

  /// Everything computed from the model's outputs.
  void dropModelResults()
  {
    prepared.clear();
    evaluations.clear();
    sensitivities.clear();
    mixedPrecision.clear();
    for (auto& cached : scans)
      cached.predictions.clear();
  }

  /// Everything that depends on calibration or the scheme (FP32 results stay).
  void dropQuantizedResults()
  {
    prepared.clear();
    evaluations.clear();
    sensitivities.clear();
    mixedPrecision.clear();
    for (auto& cached : scans) {
      for (auto it = cached.predictions.begin(); it != cached.predictions.end();)
        it = VariantKey::isFloat(it->first) ? std::next(it) : cached.predictions.erase(it);
    }
  }

  std::vector<std::size_t> effectiveCalibrationScans() const
  {
    if (calibrationScans)
      return *calibrationScans;
    if (!sequence)
      return {};
    const std::size_t count = std::min(kDefaultCalibrationScans, sequence->scanCount());
    std::vector<std::size_t> spread;
    for (std::size_t i = 0; i < count; ++i)
      spread.push_back(i * sequence->scanCount() / count);
    return spread;
  }

  FloatTensor inputOf(const ProjectedScan& projected) const
  {
    FloatTensor input;
    input.shape = sidecar->inputShape;
    input.values = projected.input;
    return input;
  }

  void calibrate(Feedback& feedback)
  {
    requireModel();
    const auto scanList = effectiveCalibrationScans();
    if (calibratedOn == scansKey(scanList) && sim->calibrationPasses() > 0)
      return;
    requireSequence();
    if (scanList.empty())
      throw EngineError("no calibration scans: the sequence is empty");
    sim->resetCalibration();
    calibratedOn.clear();
    dropQuantizedResults();
    const RangeProjection projection(sidecar->sensor);
    ProjectedScan projected;
    for (std::size_t i = 0; i < scanList.size(); ++i) {
      feedback.throwIfCanceled();
      const Scan scan = sequence->loadScan(scanList[i], SemanticKittiSequence::Labels::Skip);
      projection.project(scan.points, projected);
      sim->calibrate(inputOf(projected));
      feedback.setProgress(static_cast<double>(i + 1) / scanList.size(), "calibrating");
    }
    calibratedOn = scansKey(scanList);
  }

  const QuantVariant& preparedVariant(const std::string& key, const std::vector<QuantizerSettings>& settings,
                                      Feedback& feedback)
  {
    if (const auto it = prepared.find(key); it != prepared.end())
      return it->second;
    const bool needsStatistics = std::any_of(settings.begin(), settings.end(), [](const QuantizerSettings& s) {
      return s.enabled && s.fixedEncodings.empty();
    });
    if (needsStatistics)
      calibrate(feedback);
    EncodingTable encodings = quantizesAnything(settings) ? sim->computeEncodings(settings, scheme) : EncodingTable{};
    return prepared.emplace(key, sim->prepare(settings, encodings)).first->second;
  }

  CachedScan& cachedScan(std::size_t index)
  {
    const auto it = std::find_if(scans.begin(), scans.end(), [&](const CachedScan& c) { return c.index == index; });
    if (it != scans.end()) {
      scans.splice(scans.begin(), scans, it);
      return scans.front();
    }
    scans.push_front(loadScan(index));
    if (scans.size() > kCachedScans)
      scans.pop_back();
    return scans.front();
  }

  CachedScan loadScan(std::size_t index) const
  {
    requireSequence();
    if (index >= sequence->scanCount())
      throw EngineError("scan " + std::to_string(index) + " is out of range: '" + sequence->directory().string() +
                        "' has " + std::to_string(sequence->scanCount()) + " scans");
    auto inference = std::make_shared<ScanInference>();
    inference->scanIndex = index;
    inference->scanId = sequence->scanIds()[index];
    inference->scan = sequence->loadScan(index);
    if (inference->scan.hasLabels()) {
      inference->truth.resize(inference->scan.labels.size());
      labels.toTrainIds(inference->scan.labels.data(), inference->scan.labels.size(), inference->truth.data());
    }
    if (sidecar)
      inference->projected = RangeProjection(sidecar->sensor).project(inference->scan.points);
    CachedScan cached;
    cached.index = index;
    cached.base = std::move(inference);
    return cached;
  }

  VariantPrediction predict(const ScanInference& base, const EvaluationVariant& variant, const std::string& key,
                            Feedback& feedback)
  {
    const QuantVariant& runnable = preparedVariant(key, variant.settings, feedback);
    feedback.throwIfCanceled();
    const auto start = std::chrono::steady_clock::now();
    VariantPrediction prediction;
    prediction.name = variant.name;
    prediction.pixelLabels = SequenceEvaluator::argmax(sim->run(runnable, inputOf(base.projected)));
    if (knn)
      prediction.pointLabels = KnnPostprocess(sidecar->knn, sim->device())
                                 .apply(base.projected, prediction.pixelLabels, sidecar->classCount);
    else
      RangeProjection::unproject(base.projected, prediction.pixelLabels.data(), prediction.pointLabels, 0);
    prediction.inferenceMilliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (base.hasTruth()) {
      ConfusionMatrix matrix(sidecar->classCount);
      matrix.add(prediction.pointLabels.data(), base.truth.data(), prediction.pointLabels.size());
      prediction.metrics = SegmentationMetrics::compute(matrix);
    }
    ++computed;
    return prediction;
  }

  /// The variant's prediction for a cached scan, computed only when it is not cached yet.
  const VariantPrediction& prediction(CachedScan& cached, const EvaluationVariant& variant, Feedback& feedback)
  {
    const std::string key = VariantKey::of(variant.settings);
    auto it = cached.predictions.find(key);
    if (it == cached.predictions.end())
      it = cached.predictions.emplace(key, predict(*cached.base, variant, key, feedback)).first;
    else
      it->second.inferenceMilliseconds = 0.0;
    return it->second;
  }

  std::vector<FloatTensor> inputsOf(const std::vector<std::size_t>& scanList, Feedback& feedback) const
  {
    std::vector<FloatTensor> inputs;
    const RangeProjection projection(sidecar->sensor);
    ProjectedScan projected;
    for (const auto scan : scanList) {
      feedback.throwIfCanceled();
      projection.project(sequence->loadScan(scan, SemanticKittiSequence::Labels::Skip).points, projected);
      inputs.push_back(inputOf(projected));
    }
    return inputs;
  }

  std::string sequenceFingerprint() const
  {
    if (!sequence || sequence->scanCount() == 0)
      return {};
    return std::to_string(sequence->scanCount()) + " scans, " + sequence->scanIds().front() + ".." +
           sequence->scanIds().back();
  }

  /// A cached scan put back from a session file: the scan is read and projected
  /// again (cheap); its predictions are taken only when they fit it.
  bool restoreScan(const CachedScanResults& saved)
  {
    if (saved.index >= sequence->scanCount() || sequence->scanIds()[saved.index] != saved.scanId)
      return false;
    CachedScan loaded = loadScan(saved.index);
    if (loaded.base->scan.points.size() != saved.pointCount)
      return false;
    for (const auto& [key, prediction] : saved.predictions) {
      if (prediction.pointLabels.size() != saved.pointCount ||
          prediction.pixelLabels.size() != loaded.base->projected.pixelCount())
        return false;
    }
    loaded.predictions = saved.predictions;
    scans.remove_if([&](const CachedScan& c) { return c.index == saved.index; });
    scans.push_back(std::move(loaded));
    return true;
  }

  EvaluationVariant variantNamed(const std::string& name) const
  {
    requireModel();
    for (auto& variant : variants()) {
      if (variant.name == name)
        return variant;
    }
    throw EngineError("no variant called '" + name + "'");
  }

  /// The encodings `variant` uses, ready for EncodingsFile (calibrates if needed).
  EncodingsDocument encodingsOf(const EvaluationVariant& variant, Feedback& feedback)
  {
    if (!quantizesAnything(variant.settings))
      throw EngineError("variant " + variant.name + " quantizes nothing: there are no encodings to export");
    const bool needsStatistics = std::any_of(variant.settings.begin(), variant.settings.end(),
                                             [](const QuantizerSettings& s) { return s.enabled && s.fixedEncodings.empty(); });
    if (needsStatistics)
      calibrate(feedback);
    return EncodingsExchange::toDocument(*sim, variant.settings, sim->computeEncodings(variant.settings, scheme),
                                         scheme);
  }

  std::vector<EvaluationVariant> variants() const
  {
    if (!sim)
      return {};
    std::vector<EvaluationVariant> list;
    for (const auto kind : {QuantPreset::Kind::Fp32, QuantPreset::Kind::W8A8, QuantPreset::Kind::W4A8}) {
      const QuantPreset preset{kind};
      list.push_back({preset.toString(), sim->presetSettings(preset)});
    }
    if (custom)
      list.push_back(*custom);
    return list;
  }

  std::string evaluationKey(const std::vector<std::size_t>& scanList) const
  {
    std::string key = scansKey(scanList) + (knn ? "|knn|" : "|nn|") + scheme.toString() + '|' + calibratedOn;
    for (const auto& variant : variants())
      key += '|' + variant.name + '=' + VariantKey::of(variant.settings);
    return key;
  }
};

InspectionSession::InspectionSession()
  : impl_(std::make_unique<Impl>())
{
}

InspectionSession::~InspectionSession() = default;
InspectionSession::InspectionSession(InspectionSession&&) noexcept = default;
InspectionSession& InspectionSession::operator=(InspectionSession&&) noexcept = default;

void InspectionSession::openModel(const std::filesystem::path& modelFile, const QuantSimOptions& options,
                                  const std::optional<ModelSidecar>& sidecar)
{
  std::optional<ModelSidecar> found = sidecar ? sidecar : ModelSidecar::findFor(modelFile);
  if (!found)
    throw MissingSidecarError(modelFile);
  found->validate("the sidecar of '" + modelFile.string() + "'");
  QuantSim loaded(modelFile, options);
  // Only now that everything loaded does the session switch models.
  impl_->sim.emplace(std::move(loaded));
  impl_->sidecar = std::move(found);
  impl_->modelFile = modelFile;
  impl_->knn = impl_->sidecar->knnEnabled;
  impl_->custom.reset();
  impl_->customDescription.clear();
  impl_->customFile.reset();
  impl_->modelFingerprint = FileFingerprint::of(modelFile) + ", " + std::to_string(impl_->sim->quantizers().size()) +
                            " quantizers";
  impl_->calibratedOn.clear();
  impl_->dropModelResults();
  // Projections depend on the sidecar's sensor: reload scans when next asked.
  impl_->scans.clear();
}

bool InspectionSession::hasModel() const noexcept
{
  return impl_->sim.has_value();
}

const std::filesystem::path& InspectionSession::modelFile() const
{
  impl_->requireModel();
  return impl_->modelFile;
}

const ModelSidecar& InspectionSession::sidecar() const
{
  impl_->requireModel();
  return *impl_->sidecar;
}

QuantSim& InspectionSession::sim()
{
  impl_->requireModel();
  return *impl_->sim;
}

const QuantSim& InspectionSession::sim() const
{
  impl_->requireModel();
  return *impl_->sim;
}

void InspectionSession::openSequence(const std::filesystem::path& directory)
{
  SemanticKittiSequence opened(directory);
  impl_->sequence.emplace(std::move(opened));
  impl_->scans.clear();
  impl_->evaluations.clear();
  impl_->sensitivities.clear();
  impl_->calibrationScans.reset();
  // Calibration came from the old sequence's scans: recalibrate on the new one.
  impl_->calibratedOn.clear();
  impl_->prepared.clear();
}

bool InspectionSession::hasSequence() const noexcept
{
  return impl_->sequence.has_value();
}

const SemanticKittiSequence& InspectionSession::sequence() const
{
  impl_->requireSequence();
  return *impl_->sequence;
}

const LabelMap& InspectionSession::labels() const
{
  return impl_->labels;
}

std::vector<EvaluationVariant> InspectionSession::variants() const
{
  return impl_->variants();
}

bool InspectionSession::hasCustomVariant() const noexcept
{
  return impl_->custom.has_value();
}

void InspectionSession::setCustomSettings(std::vector<QuantizerSettings> settings, std::string description)
{
  impl_->requireModel();
  if (settings.size() != impl_->sim->quantizers().size())
    throw EngineError("custom settings list " + std::to_string(settings.size()) + " quantizers, the model has " +
                      std::to_string(impl_->sim->quantizers().size()));
  impl_->custom = EvaluationVariant{kCustomName, std::move(settings)};
  impl_->customDescription = std::move(description);
  impl_->customFile.reset();
}

void InspectionSession::clearCustomVariant()
{
  impl_->custom.reset();
  impl_->customDescription.clear();
  impl_->customFile.reset();
}

void InspectionSession::loadVariantFile(const std::filesystem::path& file)
{
  loadVariantText(fileio::readText(file), file.string());
}

void InspectionSession::loadVariantText(std::string_view text, const std::string& fileName)
{
  impl_->requireModel();
  CustomVariant variant = CustomVariantFile::fromText(*impl_->sim, text, fileName);
  setCustomSettings(std::move(variant.settings), variant.description);
  impl_->customFile = SessionCustomFile{fileName, std::string(text)};
}

const std::optional<SessionCustomFile>& InspectionSession::customFile() const
{
  return impl_->customFile;
}

const std::string& InspectionSession::customDescription() const
{
  return impl_->customDescription;
}

EncodingsDocument InspectionSession::encodingsOf(const std::string& variantName, Feedback& feedback)
{
  return impl_->encodingsOf(impl_->variantNamed(variantName), feedback);
}

EncodingsPreview InspectionSession::previewExport(const std::string& variantName, bool format100,
                                                  const std::filesystem::path& file, Feedback& feedback)
{
  const EvaluationVariant variant = impl_->variantNamed(variantName);
  return EncodingsPreviewBuilder::forExport(*impl_->sim, variant.settings, impl_->encodingsOf(variant, feedback),
                                            format100, file, variantName);
}

EncodingsPreview InspectionSession::previewVariantFile(const std::filesystem::path& file) const
{
  impl_->requireModel();
  return EncodingsPreviewBuilder::forImport(*impl_->sim, fileio::readText(file), file);
}

void InspectionSession::setScheme(const QuantScheme& scheme)
{
  if (scheme == impl_->scheme)
    return;
  impl_->scheme = scheme;
  impl_->dropQuantizedResults();
}

const QuantScheme& InspectionSession::scheme() const noexcept
{
  return impl_->scheme;
}

void InspectionSession::setKnnEnabled(bool enabled)
{
  if (enabled == impl_->knn)
    return;
  impl_->knn = enabled;
  // Per-point labels change; the cheap way to stay right is to recompute.
  impl_->evaluations.clear();
  for (auto& cached : impl_->scans)
    cached.predictions.clear();
}

bool InspectionSession::knnEnabled() const noexcept
{
  return impl_->knn;
}

void InspectionSession::setCalibrationScans(std::vector<std::size_t> scans)
{
  impl_->requireSequence();
  if (scans.empty())
    throw EngineError("give at least one calibration scan");
  for (const auto scan : scans) {
    if (scan >= impl_->sequence->scanCount())
      throw EngineError("calibration scan " + std::to_string(scan) + " is out of range: the sequence has " +
                        std::to_string(impl_->sequence->scanCount()) + " scans");
  }
  impl_->calibrationScans = std::move(scans);
}

std::vector<std::size_t> InspectionSession::calibrationScans() const
{
  return impl_->effectiveCalibrationScans();
}

void InspectionSession::ensureCalibrated(Feedback& feedback)
{
  impl_->calibrate(feedback);
}

bool InspectionSession::isCalibrated() const noexcept
{
  return !impl_->calibratedOn.empty();
}

ScanInferencePtr InspectionSession::inferScan(std::size_t index, Feedback& feedback)
{
  CachedScan& cached = impl_->cachedScan(index);
  auto result = std::make_shared<ScanInference>(*cached.base);
  const auto variantList = impl_->variants();
  for (std::size_t v = 0; v < variantList.size(); ++v) {
    const auto& variant = variantList[v];
    VariantPrediction prediction = impl_->prediction(cached, variant, feedback);
    prediction.name = variant.name;
    result->variants.push_back(std::move(prediction));
    feedback.setProgress(static_cast<double>(v + 1) / variantList.size(), variant.name);
  }
  return result;
}

std::vector<VariantEvaluation> InspectionSession::evaluate(const std::vector<std::size_t>& scans, Feedback& feedback)
{
  impl_->requireModel();
  impl_->requireSequence();
  const auto variantList = impl_->variants();
  const bool anyNeedsStatistics = std::any_of(variantList.begin(), variantList.end(), [](const EvaluationVariant& v) {
    return std::any_of(v.settings.begin(), v.settings.end(),
                       [](const QuantizerSettings& s) { return s.enabled && s.fixedEncodings.empty(); });
  });
  if (anyNeedsStatistics)
    impl_->calibrate(feedback);
  const std::string key = impl_->evaluationKey(scans);
  if (const auto it = impl_->evaluations.find(key); it != impl_->evaluations.end())
    return it->second;
  EvaluationOptions options;
  options.scans = scans;
  options.calibrationScans = impl_->effectiveCalibrationScans();
  options.scheme = impl_->scheme;
  options.knn = impl_->knn;
  auto results = SequenceEvaluator::evaluate(*impl_->sim, *impl_->sidecar, *impl_->sequence, impl_->labels,
                                             variantList, options, feedback);
  ++impl_->computed;
  return impl_->evaluations.emplace(key, std::move(results)).first->second;
}

SensitivityResult InspectionSession::sensitivity(QuantPreset preset, SensitivityMode mode,
                                                 const std::vector<std::size_t>& scans, Feedback& feedback)
{
  impl_->requireModel();
  if (!preset.quantizes())
    throw EngineError("sensitivity needs a quantized preset (W8A8 or W4A8), not FP32");
  if (scans.empty())
    throw EngineError("sensitivity needs at least one scan");
  impl_->calibrate(feedback);
  const std::string key = preset.toString() + (mode == SensitivityMode::OnlyThisLayer ? "|only|" : "|allbut|") +
                          scansKey(scans) + impl_->scheme.toString() + '|' + impl_->calibratedOn;
  if (const auto it = impl_->sensitivities.find(key); it != impl_->sensitivities.end())
    return it->second;
  auto result = LayerSensitivity::analyze(*impl_->sim, impl_->sim->presetSettings(preset), impl_->scheme,
                                          impl_->inputsOf(scans, feedback), mode, feedback);
  ++impl_->computed;
  return impl_->sensitivities.emplace(key, std::move(result)).first->second;
}

LayerEffect InspectionSession::layerEffect(QuantPreset preset, SensitivityMode mode, const std::string& module,
                                           std::size_t index, Feedback& feedback)
{
  impl_->requireModel();
  if (!preset.quantizes())
    throw EngineError("a layer's effect needs a quantized preset (W8A8 or W4A8), not FP32");
  const auto presetSettings = impl_->sim->presetSettings(preset);
  const auto groups = LayerSensitivity::layers(*impl_->sim, presetSettings);
  const auto layer =
    std::find_if(groups.begin(), groups.end(), [&](const LayerGroup& group) { return group.module == module; });
  if (layer == groups.end())
    throw EngineError("'" + module + "' is not a layer " + preset.toString() + " quantizes");
  const bool onlyThisLayer = mode == SensitivityMode::OnlyThisLayer;
  const EvaluationVariant reference{onlyThisLayer ? "FP32" : preset.toString(),
                                    onlyThisLayer ? impl_->sim->presetSettings({QuantPreset::Kind::Fp32})
                                                  : presetSettings};
  const EvaluationVariant switched{(onlyThisLayer ? "only " : "all but ") + module,
                                   LayerSensitivity::switchedSettings(presetSettings, *layer, mode)};
  CachedScan& cached = impl_->cachedScan(index);
  LayerEffect effect;
  effect.module = module;
  effect.preset = preset;
  effect.mode = mode;
  effect.scanIndex = index;
  effect.reference = impl_->prediction(cached, reference, feedback);
  effect.reference.name = reference.name;
  effect.switched = impl_->prediction(cached, switched, feedback);
  effect.switched.name = switched.name;
  const auto& before = effect.reference.pointLabels;
  const auto& after = effect.switched.pointLabels;
  for (std::size_t i = 0; i < before.size() && i < after.size(); ++i) {
    if (before[i] != after[i])
      effect.changedPoints.push_back(static_cast<std::uint32_t>(i));
  }
  return effect;
}

MixedPrecisionResult InspectionSession::mixedPrecision(const MixedPrecisionRequest& request, Feedback& feedback)
{
  impl_->requireModel();
  impl_->requireSequence();
  if (!request.preset.quantizes())
    throw EngineError("mixed precision starts from a quantized preset (W8A8 or W4A8), not FP32");
  if (request.scans.empty())
    throw EngineError("mixed precision needs at least one scan");
  const bool miou = request.metric == SensitivityMetric::MeanIou;
  if (miou && !impl_->sequence->hasLabels())
    throw EngineError("'" + impl_->sequence->directory().string() + "' has no labels/ folder: the mIoU score needs them");
  impl_->calibrate(feedback);
  char budget[64];
  std::snprintf(budget, sizeof(budget), "|%.17g|%d|", request.maxDrop, request.promoteTo);
  const std::string key = request.preset.toString() + (miou ? "|miou|" : "|agreement|") + scansKey(request.scans) +
                          budget + impl_->scheme.toString() + '|' + impl_->calibratedOn;
  if (const auto it = impl_->mixedPrecision.find(key); it != impl_->mixedPrecision.end())
    return it->second;
  std::vector<std::string> ranking;
  for (const auto& layer : sensitivity(request.preset, SensitivityMode::OnlyThisLayer, request.scans, feedback).layers)
    ranking.push_back(layer.module);
  const SettingsScore score =
    miou ? MixedPrecision::miouScore(*impl_->sim, *impl_->sidecar, *impl_->sequence, impl_->labels, request.scans,
                                     impl_->scheme)
         : MixedPrecision::agreementScore(*impl_->sim, impl_->scheme, impl_->inputsOf(request.scans, feedback));
  MixedPrecisionOptions options;
  options.maxDrop = request.maxDrop;
  options.promoteTo = request.promoteTo;
  options.metric = miou ? "miou" : "agreement";
  auto result = MixedPrecision::search(*impl_->sim, request.preset, ranking, score, options, feedback);
  ++impl_->computed;
  return impl_->mixedPrecision.emplace(key, std::move(result)).first->second;
}

CachedResults InspectionSession::cachedResults() const
{
  CachedResults results;
  if (!impl_->sim)
    return results;
  results.modelFingerprint = impl_->modelFingerprint;
  results.sequenceFingerprint = impl_->sequenceFingerprint();
  results.scheme = impl_->scheme.toString();
  results.knn = impl_->knn;
  if (!impl_->calibratedOn.empty()) {
    results.calibratedOn = impl_->calibratedOn;
    results.calibrationPasses = impl_->sim->calibrationPasses();
    for (const auto& quantizer : impl_->sim->quantizers())
      results.activationStatistics.push_back(quantizer.kind == QuantizerKind::Parameter
                                               ? TensorStatistics{}
                                               : impl_->sim->activationStatistics(quantizer.id));
  }
  for (const auto& cached : impl_->scans) {
    if (cached.predictions.empty())
      continue;
    results.scans.push_back({cached.index, cached.base->scanId, cached.base->scan.points.size(), cached.predictions});
  }
  results.evaluations = impl_->evaluations;
  results.sensitivities = impl_->sensitivities;
  results.mixedPrecision = impl_->mixedPrecision;
  return results;
}

CachedResultsRestore InspectionSession::restoreCachedResults(const CachedResults& results)
{
  CachedResultsRestore restore;
  const auto refuse = [&restore](std::string reason) {
    restore.reason = std::move(reason);
    return restore;
  };
  if (!impl_->sim || !impl_->sequence)
    return refuse("no model or no sequence is open");
  if (results.modelFingerprint != impl_->modelFingerprint)
    return refuse("they were computed with another version of the model file");
  if (results.sequenceFingerprint != impl_->sequenceFingerprint())
    return refuse("they were computed on another sequence");
  if (results.scheme != impl_->scheme.toString() || results.knn != impl_->knn)
    return refuse("they were computed with another scheme or KNN setting");
  if (!results.calibratedOn.empty()) {
    try {
      impl_->sim->restoreCalibration(results.activationStatistics, results.calibrationPasses);
    } catch (const EngineError& error) {
      return refuse(std::string("their calibration does not fit the model: ") + error.what());
    }
    impl_->calibratedOn = results.calibratedOn;
    impl_->prepared.clear();
  }
  for (const auto& scan : results.scans)
    restore.scans += impl_->restoreScan(scan) ? 1 : 0;
  while (impl_->scans.size() > kCachedScans)
    impl_->scans.pop_back();
  // Keyed by scans, variants, scheme and calibration: a stale entry is never looked up.
  impl_->evaluations.insert(results.evaluations.begin(), results.evaluations.end());
  impl_->sensitivities.insert(results.sensitivities.begin(), results.sensitivities.end());
  impl_->mixedPrecision.insert(results.mixedPrecision.begin(), results.mixedPrecision.end());
  restore.evaluations = results.evaluations.size();
  restore.sensitivities = results.sensitivities.size();
  restore.mixedPrecision = results.mixedPrecision.size();
  restore.restored = true;
  return restore;
}

std::size_t InspectionSession::computedResults() const noexcept
{
  return impl_->computed;
}

} // namespace quantlens
