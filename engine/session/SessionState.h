#pragma once

#include "eval/LayerSensitivity.h"
#include "quant/Overrides.h"
#include "quant/QuantPreset.h"
#include "quant/QuantScheme.h"
#include "session/CachedResults.h"
#include "session/MixedPrecisionRequest.h"

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

/// The Custom variant when it came from a file (an override file or AIMET
/// encodings) rather than from the editor: the file's text is kept, so the
/// session does not depend on the file staying where it was.
struct SessionCustomFile
{
  std::string fileName; ///< for the description ("encodings model.encodings")
  std::string text;     ///< the file's JSON, verbatim

  bool operator==(const SessionCustomFile&) const = default;
};

/// A sensitivity sweep the window showed.
struct SessionSensitivity
{
  QuantPreset preset{QuantPreset::Kind::W4A8};
  SensitivityMode mode = SensitivityMode::OnlyThisLayer;
  std::vector<std::size_t> scans;

  bool operator==(const SessionSensitivity&) const = default;
};

/// The analyses the window showed, so reopening shows them again (taken from
/// the cached results when they are there).
struct SessionAnalyses
{
  std::optional<SessionSensitivity> sensitivity;
  std::optional<std::vector<std::size_t>> evaluationScans;
  std::optional<MixedPrecisionRequest> mixedPrecision;

  bool operator==(const SessionAnalyses&) const = default;
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
  std::optional<Overrides> custom;               ///< the editor's edits against editorBasePreset
  /// Set when Custom came from a file: it wins over `custom` as the Custom
  /// variant (the edits are still restored into the editor).
  std::optional<SessionCustomFile> customFile;
  SessionView view;
  SessionAnalyses analyses;
  /// What the engine had computed (see CachedResults and InspectionSession::cachedResults).
  std::optional<CachedResults> cachedResults;
};

} // namespace quantlens
