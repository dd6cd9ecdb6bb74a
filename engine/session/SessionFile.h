#pragma once

#include "session/SessionState.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace quantlens {

/// The `*.qlens` session file (JSON):
///
///   { "format": "quantlens-session", "version": 1,
///     "model":           { "path": "/data/salsanext/model.pt", "relative": "salsanext/model.pt" }, // optional
///     "model_sidecar":   "{ \"format\": \"quantlens-model\", ... }",  // optional: a hand-entered sidecar
///     "sequence":        { "path": "/data/kitti/08", "relative": "kitti/08" },           // optional
///     "scan_index":      12,
///     "quantsim_config": { "path": "...", "relative": "..." },                           // optional
///     "scheme":          "tf_enhanced",
///     "knn":             true,
///     "calibration_scans": [ 0, 100, 200 ],
///     "editor_base_preset": "W4A8",
///     "custom":          { "format": "quantlens-overrides", ... },  // optional: an OverridesFile document
///     "view": { "color_mode": 1, "hide_unchanged": false, "point_size": 2, "cameras_synchronized": true,
///               "camera": { "position": [x, y, z], "focal_point": [x, y, z], "view_up": [x, y, z] } }, // camera optional
///     "cached_results":  "{ ... }" }                                 // optional: kept verbatim
///
/// Paths are stored absolute ("path", as given, made absolute) and relative to
/// the session file's folder ("relative"); reading prefers the relative one
/// when it exists, so a folder holding the session, the model and the data can
/// be moved or copied. Unknown keys are errors, so a hand edit with a typo is
/// caught. Every error is an EngineError "<file>: <field>: <problem>"; a JSON
/// file of another kind says it "is not a QuantLens session"; a newer version
/// says it was "written by a newer QuantLens". Reading never changes the file.
class SessionFile
{
public:
  /// Writes through a temporary file and an atomic rename: on any error the
  /// previous file at `file` is left as it was.
  static void write(const std::filesystem::path& file, const SessionState& state);
  static SessionState read(const std::filesystem::path& file);

  /// The file's text. `sessionFolder` (the folder the file will be in) adds the
  /// relative paths; empty: absolute paths only. Throws EngineError for a state
  /// that could not be read back (point size < 1, a camera that is not finite,
  /// cached results or sidecar that are not valid JSON, a bad override).
  static std::string toJson(const SessionState& state, const std::filesystem::path& sessionFolder = {});
  /// `sourceName` names the text in error messages; `sessionFolder` resolves
  /// the relative paths (empty: the absolute ones are used).
  static SessionState fromJson(std::string_view jsonText, const std::string& sourceName,
                               const std::filesystem::path& sessionFolder = {});

  static constexpr const char* kFormat = "quantlens-session";
  static constexpr int kVersion = 1;
  static constexpr const char* kExtension = ".qlens";
};

} // namespace quantlens
