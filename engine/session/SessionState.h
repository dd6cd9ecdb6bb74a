#pragma once

#include "quant/Overrides.h"
#include "quant/QuantPreset.h"
#include "quant/QuantScheme.h"

#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace quantlens {

/// A 3D view's camera as VTK describes it, so the GUI can put it back exactly.
struct SessionCamera
{
  std::array<double, 3> position{ 0.0, 0.0, 1.0 };
  std::array<double, 3> focalPoint{ 0.0, 0.0, 0.0 };
  std::array<double, 3> viewUp{ 0.0, 1.0, 0.0 };

  bool operator==(const SessionCamera&) const = default;
};

/// What the GUI shows, beyond what the engine computes. The numbers mean
/// whatever the GUI's enums mean; the session file only keeps them.
struct SessionView
{
  int colorMode = 0;
  bool hideUnchanged = false;
  int pointSize = 2; ///< at least 1
  bool camerasSynchronized = true;
  std::optional<SessionCamera> camera; ///< unset: the GUI resets the camera

  bool operator==(const SessionView&) const = default;
};

/// Everything a `*.qlens` session file holds (see SessionFile): what to open,
/// how to evaluate it, the Custom variant, the view, and cached results.
/// A plain value: the GUI fills it from InspectionSession and its widgets,
/// and applies it back after SessionFile::read.
struct SessionState
{
  std::filesystem::path modelFile;               ///< empty: no model open
  std::optional<std::string> modelSidecarJson;   ///< a hand-entered sidecar (ModelSidecar::toJson text)
  std::filesystem::path sequenceDirectory;       ///< empty: no sequence open
  std::size_t scanIndex = 0;
  std::optional<std::filesystem::path> quantSimConfigFile; ///< unset: the built-in config
  QuantScheme scheme;
  bool knnEnabled = false;
  std::vector<std::size_t> calibrationScans;     ///< empty: the session's default choice
  QuantPreset editorBasePreset;                  ///< the preset the override editor starts from
  std::optional<Overrides> custom;               ///< the Custom variant, when there is one
  SessionView view;
  /// Serialized results (per scan, per variant metrics, ...) as JSON text. The
  /// session file checks that it is JSON and gives it back byte for byte, so
  /// whoever writes it decides its layout (and its own versioning).
  std::optional<std::string> cachedResults;
};

} // namespace quantlens
