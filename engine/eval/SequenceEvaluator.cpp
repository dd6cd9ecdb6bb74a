#include "eval/SequenceEvaluator.h"

#include "core/EngineError.h"
#include "core/FileIO.h"
#include "data/KnnPostprocess.h"
#include "data/RangeProjection.h"
#include "data/SemanticKittiWriter.h"
#include "eval/PointAgreement.h"

#include <algorithm>
#include <utility>

namespace quantlens {

namespace {

FloatTensor inputOf(const ProjectedScan& projected, const ModelSidecar& sidecar)
{
  FloatTensor input;
  input.shape = sidecar.inputShape;
  input.values = projected.input;
  return input;
}

/// Writes raw SemanticKITTI label ids, the submission format any evaluator reads.
void savePredictions(const std::filesystem::path& root, const std::string& variant, const SemanticKittiSequence& sequence,
                     std::size_t scan, const std::vector<std::uint8_t>& predicted, const LabelMap& labels)
{
  const auto folder = root / variant / "sequences" / sequence.directory().filename() / "predictions";
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error)
    throw EngineError("cannot create '" + folder.string() + "': " + error.message());
  std::vector<std::uint32_t> raw(predicted.size());
  for (std::size_t i = 0; i < predicted.size(); ++i)
    raw[i] = labels.toRawLabel(predicted[i]);
  fileio::writeAtomically(folder / (sequence.scanIds()[scan] + ".label"),
                          {reinterpret_cast<const char*>(raw.data()), raw.size() * sizeof(std::uint32_t)});
}

/// Variant name as a folder name: "custom:recipe.json" -> "custom_recipe.json".
std::string folderName(std::string name)
{
  for (char& c : name) {
    if (c == ':' || c == '/' || c == '\\')
      c = '_';
  }
  return name;
}

bool quantizesAnything(const std::vector<QuantizerSettings>& settings)
{
  return std::any_of(settings.begin(), settings.end(), [](const QuantizerSettings& s) { return s.enabled; });
}

std::vector<QuantVariant> prepareVariants(QuantSim& sim, const ModelSidecar& sidecar,
                                          const SemanticKittiSequence& sequence,
                                          const std::vector<EvaluationVariant>& variants,
                                          const EvaluationOptions& options, Feedback& feedback)
{
  const bool anyQuantized = std::any_of(variants.begin(), variants.end(),
                                       [](const EvaluationVariant& v) { return quantizesAnything(v.settings); });
  if (anyQuantized && sim.calibrationPasses() == 0) {
    const RangeProjection projection(sidecar.sensor);
    ProjectedScan projected;
    for (std::size_t i = 0; i < options.calibrationScans.size(); ++i) {
      feedback.throwIfCanceled();
      const Scan scan = sequence.loadScan(options.calibrationScans[i], SemanticKittiSequence::Labels::Skip);
      projection.project(scan.points, projected);
      sim.calibrate(inputOf(projected, sidecar));
      feedback.setProgress(0.2 * static_cast<double>(i + 1) / options.calibrationScans.size(), "calibrating");
    }
  }
  std::vector<QuantVariant> prepared;
  for (const auto& variant : variants) {
    const bool quantized = quantizesAnything(variant.settings);
    prepared.push_back(
      sim.prepare(variant.settings, quantized ? sim.computeEncodings(variant.settings, options.scheme) : EncodingTable{}));
  }
  return prepared;
}

/// Adds one scan's comparison with the first variant to `result`.
void addAgreement(VariantEvaluation& result, const std::vector<std::uint8_t>& predicted,
                  const std::vector<std::uint8_t>& reference, int classCount, bool keepIndices)
{
  PointAgreement agreement = PointAgreement::compare(predicted.data(), reference.data(), predicted.size(), classCount);
  result.changedPoints += agreement.changed;
  result.comparedPoints += agreement.compared;
  result.changes.add(agreement.between);
  if (keepIndices)
    result.flippedIndices.push_back(std::move(agreement.flippedIndices));
}

} // namespace

std::vector<std::uint8_t> SequenceEvaluator::argmax(const FloatTensor& output)
{
  if (output.shape.size() != 4 || output.shape[0] != 1)
    throw EngineError("the model's output must be {1, classes, H, W}, got " + std::to_string(output.shape.size()) +
                      " dimensions");
  const auto classes = static_cast<std::size_t>(output.shape[1]);
  const auto pixels = static_cast<std::size_t>(output.shape[2] * output.shape[3]);
  std::vector<std::uint8_t> labels(pixels, 0);
  std::vector<float> best(output.values.begin(), output.values.begin() + static_cast<std::ptrdiff_t>(pixels));
  // Class-major sweep: each plane is contiguous, so this reads memory in order.
  for (std::size_t c = 1; c < classes; ++c) {
    const float* plane = output.values.data() + c * pixels;
    for (std::size_t p = 0; p < pixels; ++p) {
      if (plane[p] > best[p]) {
        best[p] = plane[p];
        labels[p] = static_cast<std::uint8_t>(c);
      }
    }
  }
  return labels;
}

std::vector<VariantEvaluation> SequenceEvaluator::evaluate(QuantSim& sim, const ModelSidecar& sidecar,
                                                           const SemanticKittiSequence& sequence,
                                                           const LabelMap& labels,
                                                           const std::vector<EvaluationVariant>& variants,
                                                           const EvaluationOptions& options, Feedback& feedback)
{
  if (!sequence.hasLabels())
    throw EngineError("'" + sequence.directory().string() + "' has no labels/ folder: evaluation needs ground truth");
  if (variants.empty() || options.scans.empty())
    throw EngineError("nothing to evaluate: give at least one variant and one scan");
  const int classCount = sidecar.classCount;
  const auto prepared = prepareVariants(sim, sidecar, sequence, variants, options, feedback);
  std::vector<VariantEvaluation> results;
  for (const auto& variant : variants) {
    VariantEvaluation result;
    result.name = variant.name;
    result.confusion = ConfusionMatrix(classCount);
    result.byDistance = DistanceBinnedConfusion(classCount);
    result.changes = ConfusionMatrix(classCount);
    results.push_back(std::move(result));
  }

  const RangeProjection projection(sidecar.sensor);
  const std::optional<KnnPostprocess> knn =
    options.knn ? std::optional<KnnPostprocess>(KnnPostprocess(sidecar.knn, sim.device())) : std::nullopt;
  ProjectedScan projected;
  std::vector<std::uint8_t> truth;
  std::vector<std::uint8_t> reference;
  for (std::size_t s = 0; s < options.scans.size(); ++s) {
    feedback.throwIfCanceled();
    const Scan scan = sequence.loadScan(options.scans[s]);
    truth.resize(scan.labels.size());
    labels.toTrainIds(scan.labels.data(), scan.labels.size(), truth.data());
    projection.project(scan.points, projected);
    const FloatTensor input = inputOf(projected, sidecar);
    for (std::size_t v = 0; v < variants.size(); ++v) {
      const auto pixelLabels = argmax(sim.run(prepared[v], input));
      std::vector<std::uint8_t> predicted;
      if (knn)
        predicted = knn->apply(projected, pixelLabels, classCount);
      else
        RangeProjection::unproject(projected, pixelLabels.data(), predicted, 0);
      VariantEvaluation& result = results[v];
      result.confusion.add(predicted.data(), truth.data(), predicted.size());
      result.byDistance.add(predicted.data(), truth.data(), projected.pointRange.data(), predicted.size());
      ConfusionMatrix scanMatrix(classCount);
      scanMatrix.add(predicted.data(), truth.data(), predicted.size());
      result.perScan.push_back(SegmentationMetrics::compute(scanMatrix, options.convention));
      if (v == 0)
        reference = predicted;
      else
        addAgreement(result, predicted, reference, classCount, options.keepFlippedIndices);
      if (options.savePredictions)
        savePredictions(*options.savePredictions, folderName(variants[v].name), sequence, options.scans[s], predicted,
                        labels);
    }
    feedback.setProgress(0.2 + 0.8 * static_cast<double>(s + 1) / options.scans.size(),
                         "scan " + sequence.scanIds()[options.scans[s]]);
  }
  for (auto& result : results)
    result.metrics = SegmentationMetrics::compute(result.confusion, options.convention);
  return results;
}

} // namespace quantlens
