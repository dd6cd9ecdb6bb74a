#pragma once

#include "session/SessionState.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace quantlens {

/// The `*.qlens` session file (JSON):
///
///   { "format": "quantlens-session", "version": 2,
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
///     "custom_file":     { "file_name": "model.encodings", "text": "{ ... }" }, // optional: the file's JSON text
///     "view": { "color_mode": 1, "hide_unchanged": false, "point_size": 2, "cameras_synchronized": true,
///               "camera": { "position": [x, y, z], "focal_point": [x, y, z], "view_up": [x, y, z] } }, // camera optional
///     "analyses": {                                                      // optional, and so is each of its three
///       "sensitivity":     { "preset": "W4A8", "mode": "only_this_layer" | "all_but_this_layer", "scans": [ 0, 5 ] },
///       "evaluation":      { "scans": [ 0, 1, 2 ] },
///       "mixed_precision": { "preset": "W4A8", "scans": [ 0, 5 ], "max_drop": 0.01, "promote_to": 16,
///                            "metric": "agreement" | "miou" } },
///     "cached_results":  { "format": "quantlens-results", ... } }   // optional: a CachedResultsJson document
///
/// Paths are stored absolute ("path", as given, made absolute) and relative to
/// the session file's folder ("relative"); reading prefers the relative one
/// when it exists, so a folder holding the session, the model and the data can
/// be moved or copied. Unknown keys are errors, so a hand edit with a typo is
/// caught. Every error is an EngineError "<file>: <field>: <problem>"; a JSON
/// file of another kind says it "is not a QuantLens session"; a newer version
/// says it was "written by a newer QuantLens". Reading never changes the file.
///
/// The file is indented for people, except "cached_results", written last on
/// one line: it holds thousands of numbers. Version 1 files (no custom_file or
/// analyses; "cached_results" a JSON string with no defined layout) still read;
/// their cached results are dropped.
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
  /// a sidecar or custom file that is not valid JSON, a bad override, cached
  /// results CachedResultsJson refuses).
  static std::string toJson(const SessionState& state, const std::filesystem::path& sessionFolder = {});
  /// `sourceName` names the text in error messages; `sessionFolder` resolves
  /// the relative paths (empty: the absolute ones are used).
  static SessionState fromJson(std::string_view jsonText, const std::string& sourceName,
                               const std::filesystem::path& sessionFolder = {});

  static constexpr const char* kFormat = "quantlens-session";
  static constexpr int kVersion = 2;
  static constexpr const char* kExtension = ".qlens";
};

} // namespace quantlens
