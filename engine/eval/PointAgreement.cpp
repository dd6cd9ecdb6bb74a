#include "eval/PointAgreement.h"

#include "core/EngineError.h"

#include <limits>
#include <string>

namespace quantlens {

namespace {

void validateLabels(const std::uint8_t* labels, std::size_t count, int classCount, const char* what)
{
  for (std::size_t i = 0; i < count; ++i) {
    if (labels[i] >= classCount)
      throw EngineError(std::string("point agreement: ") + what + " label " + std::to_string(labels[i]) +
                        " at point " + std::to_string(i) + " is not below classCount " + std::to_string(classCount));
  }
}

} // namespace

PointAgreement PointAgreement::compare(const std::uint8_t* variant, const std::uint8_t* reference, std::size_t count,
                                       int classCount, const std::uint8_t* truth)
{
  PointAgreement agreement;
  agreement.between = ConfusionMatrix(classCount);
  if (count == 0)
    return agreement;
  if (variant == nullptr || reference == nullptr)
    throw EngineError("point agreement: null label array for " + std::to_string(count) + " points");
  if (count > std::numeric_limits<std::uint32_t>::max())
    throw EngineError("point agreement: " + std::to_string(count) + " points are more than a uint32 index can name");
  validateLabels(variant, count, classCount, "variant");
  validateLabels(reference, count, classCount, "reference");

  for (std::size_t i = 0; i < count; ++i) {
    if (truth != nullptr && truth[i] == 0)
      continue;
    ++agreement.compared;
    agreement.between.addPoint(variant[i], reference[i]);
    if (variant[i] != reference[i]) {
      ++agreement.changed;
      agreement.flippedIndices.push_back(static_cast<std::uint32_t>(i));
    }
  }
  if (agreement.compared > 0)
    agreement.changedFraction = static_cast<double>(agreement.changed) / static_cast<double>(agreement.compared);
  return agreement;
}

} // namespace quantlens
