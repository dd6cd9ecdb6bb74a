#include "ViewColoring.h"

#include "data/LabelMap.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace quantlens {

namespace {

void setColor(std::vector<std::uint8_t>& rgb, std::size_t point, std::uint8_t r, std::uint8_t g, std::uint8_t b)
{
  rgb[3 * point] = r;
  rgb[3 * point + 1] = g;
  rgb[3 * point + 2] = b;
}

void setGray(std::vector<std::uint8_t>& rgb, std::size_t point, std::uint8_t gray)
{
  setColor(rgb, point, gray, gray, gray);
}

QString percentOf(std::size_t part, std::size_t whole)
{
  const double percent = whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  return QLocale().toString(percent, 'f', 1);
}

/// A blue -> cyan -> green -> yellow -> red ramp over t in [0, 1].
void rampColor(double t, std::uint8_t* rgb)
{
  static constexpr double kStops[5][3] = {{40, 40, 200}, {0, 190, 220}, {40, 200, 60}, {240, 220, 30}, {220, 40, 30}};
  t = std::clamp(t, 0.0, 1.0) * 4.0;
  const int low = std::min(static_cast<int>(t), 3);
  const double f = t - low;
  for (int c = 0; c < 3; ++c)
    rgb[c] = static_cast<std::uint8_t>(kStops[low][c] + f * (kStops[low + 1][c] - kStops[low][c]));
}

} // namespace

std::vector<ViewContent> ViewColoring::build(const ScanInference& scan, const LabelMap& labels, ColorMode mode,
                                             bool hideUnchanged)
{
  std::vector<ViewContent> views;
  views.push_back(truthView(scan, labels, mode));
  for (const auto& variant : scan.variants)
    views.push_back(variantView(scan, variant, labels, mode, hideUnchanged));
  return views;
}

ViewContent ViewColoring::layerEffectView(const LayerEffect& effect, const LabelMap& labels, bool hideUnchanged)
{
  ViewContent view;
  const QString module = QString::fromStdString(effect.module);
  const QString preset = QString::fromStdString(effect.preset.toString());
  view.title = effect.mode == SensitivityMode::OnlyThisLayer ? tr("Only %1 in %2").arg(module, preset)
                                                             : tr("%1 with %2 in FP32").arg(preset, module);
  view.rgb.resize(3 * effect.switched.pointLabels.size());
  colorChanges(effect.reference, effect.switched, labels, hideUnchanged, view);
  return view;
}

std::vector<std::size_t> ViewColoring::truthClassCounts(const ScanInference& scan, int classCount)
{
  if (!scan.hasTruth())
    return {};
  std::vector<std::size_t> counts(static_cast<std::size_t>(classCount), 0);
  for (const auto label : scan.truth) {
    if (label < counts.size())
      ++counts[label];
  }
  return counts;
}

ViewContent ViewColoring::truthView(const ScanInference& scan, const LabelMap& labels, ColorMode mode)
{
  ViewContent view;
  view.title = scan.hasTruth() ? tr("Ground truth") : tr("Points");
  view.rgb.resize(3 * scan.scan.points.size());
  if (mode == ColorMode::Range)
    colorByRange(scan, view);
  else if (mode == ColorMode::Remission || !scan.hasTruth())
    colorByRemission(scan, view);
  else
    colorByClass(scan.truth, labels, view);
  view.caption = tr("%1 points").arg(QLocale().toString(static_cast<qulonglong>(scan.scan.points.size())));
  return view;
}

ViewContent ViewColoring::variantView(const ScanInference& scan, const VariantPrediction& variant,
                                      const LabelMap& labels, ColorMode mode, bool hideUnchanged)
{
  ViewContent view;
  view.title = QString::fromStdString(variant.name);
  view.rgb.resize(3 * scan.scan.points.size());
  const VariantPrediction* reference = scan.variants.empty() ? nullptr : &scan.variants.front();
  if (mode == ColorMode::Range) {
    colorByRange(scan, view);
  } else if (mode == ColorMode::Remission) {
    colorByRemission(scan, view);
  } else if (mode == ColorMode::ErrorsVsTruth && scan.hasTruth()) {
    colorErrors(scan, variant, labels, hideUnchanged, view);
  } else if (mode == ColorMode::ChangesVsFp32 && reference && reference != &variant) {
    colorChanges(*reference, variant, labels, hideUnchanged, view);
  } else {
    colorByClass(variant.pointLabels, labels, view);
  }
  if (view.caption.isEmpty() && variant.metrics)
    view.caption = tr("mIoU %1%").arg(QLocale().toString(100.0 * variant.metrics->miouPresent, 'f', 1));
  return view;
}

void ViewColoring::colorByClass(const std::vector<std::uint8_t>& classes, const LabelMap& labels, ViewContent& view)
{
  // One lookup per class, not per point.
  std::vector<RgbColor> palette;
  for (int c = 0; c < labels.classCount(); ++c)
    palette.push_back(labels.classColor(c));
  for (std::size_t i = 0; i < classes.size(); ++i) {
    const auto& color = palette[std::min<std::size_t>(classes[i], palette.size() - 1)];
    setColor(view.rgb, i, color[0], color[1], color[2]);
  }
}

void ViewColoring::colorByRemission(const ScanInference& scan, ViewContent& view)
{
  const auto& points = scan.scan.points;
  for (std::size_t i = 0; i < points.size(); ++i) {
    // Remission is mostly below 0.5: stretch it so the scan is not all dark.
    const float remission = std::clamp(points.remission(i) * 2.0f, 0.0f, 1.0f);
    setGray(view.rgb, i, static_cast<std::uint8_t>(60.0f + 195.0f * remission));
  }
}

void ViewColoring::colorByRange(const ScanInference& scan, ViewContent& view)
{
  constexpr double kFarthest = 60.0; // metres; farther points share the last color
  const auto& points = scan.scan.points;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double range = std::sqrt(static_cast<double>(points.x(i)) * points.x(i) +
                                   static_cast<double>(points.y(i)) * points.y(i) +
                                   static_cast<double>(points.z(i)) * points.z(i));
    rampColor(std::isfinite(range) ? range / kFarthest : 1.0, view.rgb.data() + 3 * i);
  }
}

void ViewColoring::colorErrors(const ScanInference& scan, const VariantPrediction& variant, const LabelMap& labels,
                               bool hideUnchanged, ViewContent& view)
{
  const std::size_t count = scan.truth.size();
  if (hideUnchanged)
    view.visible.assign(count, 0);
  std::size_t wrong = 0;
  std::size_t labelled = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (labels.isIgnored(scan.truth[i])) {
      setGray(view.rgb, i, kIgnoredGray);
      continue;
    }
    ++labelled;
    if (variant.pointLabels[i] == scan.truth[i]) {
      setGray(view.rgb, i, kCorrectGray);
      continue;
    }
    ++wrong;
    setColor(view.rgb, i, kWrongRed[0], kWrongRed[1], kWrongRed[2]);
    if (hideUnchanged)
      view.visible[i] = 1;
  }
  view.highlightedPoints = wrong;
  view.caption = tr("%1 wrong (%2%)").arg(QLocale().toString(static_cast<qulonglong>(wrong)), percentOf(wrong, labelled));
}

void ViewColoring::colorChanges(const VariantPrediction& reference, const VariantPrediction& variant,
                                const LabelMap& labels, bool hideUnchanged, ViewContent& view)
{
  const std::size_t count = variant.pointLabels.size();
  colorByClass(variant.pointLabels, labels, view);
  if (hideUnchanged)
    view.visible.assign(count, 0);
  std::size_t changed = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (variant.pointLabels[i] == reference.pointLabels[i]) {
      setGray(view.rgb, i, kCorrectGray);
      continue;
    }
    ++changed;
    if (hideUnchanged)
      view.visible[i] = 1;
  }
  view.highlightedPoints = changed;
  view.caption = tr("%1 changed vs %2 (%3%)")
                   .arg(QLocale().toString(static_cast<qulonglong>(changed)), QString::fromStdString(reference.name),
                        percentOf(changed, count));
}

} // namespace quantlens
