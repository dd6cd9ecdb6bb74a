#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace quantlens {

using RgbColor = std::array<std::uint8_t, 3>;

/// The label configuration of a SemanticKITTI-style dataset (semantic-kitti.yaml):
/// raw label ids, their names and colors, and the maps between raw ids and the
/// network's training ids (0 = ignored). Colors are stored BGR in the file and
/// exposed RGB here. Raw ids not in learning_map map to 0, as in the reference
/// evaluator.
///
/// A .label file stores the semantic label in the lower 16 bits of each uint32
/// and the instance id in the upper 16; every function taking a raw label uses
/// only the lower 16 bits, so whole .label values can be passed as they are.
///
/// The file needs `labels`, `color_map`, `learning_map` and `learning_map_inv`
/// (maps). `name`, `content` and `learning_ignore` are optional; without
/// `learning_ignore`, train id 0 is ignored and every other id is evaluated.
/// Train ids are 0..255 and learning_map_inv must list every id from 0 to the
/// largest one; every learning_map value must be one of those ids.
class LabelMap
{
public:
  /// The semantic-kitti.yaml shipped with QuantLens (parsed once, then copied).
  static LabelMap semanticKitti();
  /// Throws EngineError naming the file and the problem (with its line where known).
  static LabelMap fromFile(const std::filesystem::path& yamlFile);
  /// `sourceName` is used in error messages (a file name, or "<embedded>").
  static LabelMap fromYaml(std::string_view yamlText, const std::string& sourceName);

  const std::string& name() const noexcept { return name_; }

  /// Number of training classes including 0 (20 for SemanticKITTI).
  int classCount() const noexcept { return classCount_; }

  /// Training id of a raw semantic label (lower 16 bits); unknown ids give 0.
  std::uint8_t toTrainId(std::uint32_t rawLabel) const noexcept;
  /// Raw label id of a training id (learning_map_inv); throws for ids out of range.
  std::uint16_t toRawLabel(int trainId) const;
  /// Whether evaluation ignores this training id (learning_ignore); throws for ids out of range.
  bool isIgnored(int trainId) const;

  /// Name of a raw label ("road"); "unknown" for ids the file does not list.
  std::string rawLabelName(std::uint32_t rawLabel) const;
  /// Name of a training id: the name of its raw label in learning_map_inv; throws
  /// for ids out of range.
  std::string className(int trainId) const;
  /// RGB color of a raw label; black for ids the file does not list.
  RgbColor rawLabelColor(std::uint32_t rawLabel) const;
  /// RGB color of a training id (the color of its raw label); throws for ids out of range.
  RgbColor classColor(int trainId) const;
  /// Fraction of all points with this raw label in the dataset (content); 0 if absent.
  double content(std::uint32_t rawLabel) const;

  const std::map<std::uint32_t, std::string>& rawLabels() const noexcept { return labels_; }

  /// Maps a whole label array to training ids (lower 16 bits of each raw label).
  void toTrainIds(const std::uint32_t* rawLabels, std::size_t count, std::uint8_t* trainIds) const;

private:
  static constexpr std::size_t kLookupSize = 1u << 16;
  static constexpr std::uint32_t kSemanticMask = 0xFFFFu;

  void checkTrainId(int trainId) const;

  std::string name_;
  int classCount_ = 0;
  std::map<std::uint32_t, std::string> labels_;
  std::map<std::uint32_t, RgbColor> colors_;
  std::map<std::uint32_t, double> content_;
  // Always kLookupSize entries, so a default-constructed map (no classes) maps everything to 0.
  std::vector<std::uint8_t> rawToTrain_ = std::vector<std::uint8_t>(kLookupSize, 0);
  std::vector<std::uint16_t> trainToRaw_; // classCount_ entries
  std::vector<bool> ignored_;             // classCount_ entries
};

} // namespace quantlens
