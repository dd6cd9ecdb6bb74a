#pragma once

#include "ColorMode.h"
#include "ViewContent.h"

#include "session/LayerEffect.h"
#include "session/ScanInference.h"

#include <QCoreApplication>

#include <vector>

namespace quantlens {

class LabelMap;

/// Turns a scan seen through every variant into what the views draw: one
/// view for the ground truth (or the bare points without labels) and one per
/// variant, colored by the chosen mode. Cheap (one pass per view), so the GUI
/// recolors on a mode switch without asking the engine for anything.
class ViewColoring
{
  Q_DECLARE_TR_FUNCTIONS(quantlens::ViewColoring)

public:
  static constexpr std::uint8_t kCorrectGray = 150;
  static constexpr std::uint8_t kIgnoredGray = 55;
  static constexpr std::uint8_t kWrongRed[3] = {230, 30, 30};

  /// `hideUnchanged`: in the diff modes, show only the wrong / changed points.
  static std::vector<ViewContent> build(const ScanInference& scan, const LabelMap& labels, ColorMode mode,
                                        bool hideUnchanged);

  /// The view of one layer switched (a clicked sensitivity bar): the points
  /// the switch changes in their new class's color, the others gray.
  static ViewContent layerEffectView(const LayerEffect& effect, const LabelMap& labels, bool hideUnchanged);

  /// Points per training class in the ground truth (empty without labels).
  static std::vector<std::size_t> truthClassCounts(const ScanInference& scan, int classCount);

private:
  static ViewContent truthView(const ScanInference& scan, const LabelMap& labels, ColorMode mode);
  static ViewContent variantView(const ScanInference& scan, const VariantPrediction& variant,
                                 const LabelMap& labels, ColorMode mode, bool hideUnchanged);
  static void colorByClass(const std::vector<std::uint8_t>& classes, const LabelMap& labels, ViewContent& view);
  static void colorByRemission(const ScanInference& scan, ViewContent& view);
  static void colorByRange(const ScanInference& scan, ViewContent& view);
  static void colorErrors(const ScanInference& scan, const VariantPrediction& variant, const LabelMap& labels,
                          bool hideUnchanged, ViewContent& view);
  static void colorChanges(const VariantPrediction& reference, const VariantPrediction& variant,
                           const LabelMap& labels, bool hideUnchanged, ViewContent& view);
};

} // namespace quantlens
