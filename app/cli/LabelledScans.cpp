#include "LabelledScans.h"

#include "ScanRange.h"

#include "core/EngineError.h"
#include "data/LabelMap.h"
#include "data/RangeProjection.h"
#include "data/SemanticKittiSequence.h"

namespace quantlens::cli {

LabelledInputs LabelledScans::load(const ModelArguments& model, const CommandLine& options, Feedback& feedback)
{
  if (!options.has("sequence") || options.has("calibration"))
    throw UsageError("labels come from a sequence: give --sequence DIR [--scans A:B] (not --calibration)");
  if (!model.sidecar)
    throw UsageError("using a sequence needs the model's sidecar (" + ModelSidecar::pathFor(model.model).string() +
                     ") for the projection and normalization");
  const SemanticKittiSequence sequence(options.required("sequence"));
  if (!sequence.hasLabels())
    throw EngineError("'" + sequence.directory().string() + "' has no labels/ folder: the mIoU metric needs labels");
  const auto scans = ScanRange::parse(options.valueOr("scans", "0:"), sequence.scanCount());
  const RangeProjection projection(model.sidecar->sensor);
  const LabelMap labelMap = LabelMap::semanticKitti();
  ProjectedScan projected;
  LabelledInputs result;
  for (std::size_t i = 0; i < scans.size(); ++i) {
    feedback.throwIfCanceled();
    const Scan scan = sequence.loadScan(scans[i], SemanticKittiSequence::Labels::Load);
    projection.project(scan.points, projected);
    result.inputs.push_back({model.sidecar->inputShape, projected.input});
    std::vector<std::uint8_t> pixelLabels(projected.pixelCount(), 0);
    for (std::size_t pixel = 0; pixel < projected.pixelCount(); ++pixel) {
      if (projected.isFilled(pixel))
        pixelLabels[pixel] = labelMap.toTrainId(scan.labels[static_cast<std::size_t>(projected.pixelPoint[pixel])]);
    }
    result.labels.push_back(std::move(pixelLabels));
    feedback.setProgress(0.5 * static_cast<double>(i + 1) / scans.size(), "scan " + sequence.scanIds()[scans[i]]);
  }
  return result;
}

} // namespace quantlens::cli
