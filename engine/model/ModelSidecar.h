#pragma once

#include "data/KnnPostprocess.h"
#include "data/SensorConfig.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace quantlens {

/// What the app needs to feed a range-image network, stored beside the model
/// (model.pt -> model.json) by tools/export_*.py: input shape, projection,
/// normalization, classes, label config, KNN. Without it the app asks the user.
struct ModelSidecar
{
  std::string architecture;
  std::vector<std::int64_t> inputShape;     ///< {1, 5, H, W}
  std::array<int, 2> inputMultiple{1, 1};   ///< H and W must be multiples (the network's strides)
  SensorConfig sensor;                      ///< projection size, fov, means and stds
  int classCount = 20;
  std::string labels = "semantic-kitti";    ///< name of the label config
  bool knnEnabled = false;
  KnnParameters knn;
  bool outputIsSoftmax = true;              ///< else logits

  /// model.pt -> model.json
  static std::filesystem::path pathFor(const std::filesystem::path& modelFile);
  /// The sidecar beside `modelFile`, or nullopt when there is none. Throws
  /// EngineError for a sidecar that exists but is wrong.
  static std::optional<ModelSidecar> findFor(const std::filesystem::path& modelFile);
  /// Throws EngineError naming the file and the field (e.g. "projection.fov_up").
  static ModelSidecar read(const std::filesystem::path& file);
  static ModelSidecar fromJson(const std::string& text, const std::string& sourceName);

  /// The sidecar as JSON, in the format fromJson reads.
  std::string toJson() const;
  /// Writes toJson() atomically (temp file + rename).
  void write(const std::filesystem::path& file) const;

  /// Checks the values fit together; throws EngineError naming the field.
  void validate(const std::string& sourceName) const;
};

} // namespace quantlens
