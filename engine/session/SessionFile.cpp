#include "session/SessionFile.h"

#include "core/EngineError.h"
#include "core/FileIO.h"
#include "core/JsonParsing.h"
#include "model/ModelSidecar.h"
#include "quant/OverridesFile.h"
#include "session/CachedResultsJson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <optional>
#include <utility>

namespace quantlens {

namespace {

using Json = nlohmann::json;

/// Reads a session document, reporting problems as "<source>: <field>: <problem>".
class SessionReader
{
public:
  SessionReader(std::string source, std::filesystem::path sessionFolder)
    : source_(std::move(source))
    , sessionFolder_(std::move(sessionFolder))
  {
  }

  SessionState read(std::string_view text) const
  {
    const Json root = jsonparsing::parse(text, source_);
    checkFormat(root);
    const int version = checkVersion(root);
    checkKeys(root, "",
              { "format", "version", "model", "model_sidecar", "sequence", "scan_index", "quantsim_config", "scheme",
                "knn", "calibration_scans", "editor_base_preset", "custom", "custom_file", "view", "analyses",
                "cached_results" });

    SessionState state;
    if (root.contains("model"))
      state.modelFile = location(root.at("model"), "model");
    if (root.contains("model_sidecar"))
      state.modelSidecarJson = sidecar(root.at("model_sidecar"));
    if (root.contains("sequence"))
      state.sequenceDirectory = location(root.at("sequence"), "sequence");
    state.scanIndex = index(required(root, "scan_index"), "scan_index");
    if (root.contains("quantsim_config"))
      state.quantSimConfigFile = location(root.at("quantsim_config"), "quantsim_config");
    state.scheme = scheme(required(root, "scheme"));
    state.knnEnabled = boolean(required(root, "knn"), "knn");
    state.calibrationScans = indices(required(root, "calibration_scans"), "calibration_scans");
    state.editorBasePreset = preset(required(root, "editor_base_preset"), "editor_base_preset");
    if (root.contains("custom"))
      state.custom = custom(root.at("custom"));
    if (root.contains("custom_file"))
      state.customFile = customFile(root.at("custom_file"));
    state.view = view(required(root, "view"));
    if (root.contains("analyses"))
      state.analyses = analyses(root.at("analyses"));
    // Version 1 kept whatever text the GUI gave it: nothing today can read that.
    if (root.contains("cached_results") && version >= 2)
      state.cachedResults = cachedResults(root.at("cached_results"));
    return state;
  }

private:
  [[noreturn]] void fail(const std::string& field, const std::string& problem) const
  {
    jsonparsing::fail(source_, field, problem);
  }

  // A file of another kind is refused before its keys are looked at, so the
  // user hears "this is an overrides file", not "unknown key 'quantizers'".
  void checkFormat(const Json& root) const
  {
    const std::string expected = std::string("(expected \"format\": \"") + SessionFile::kFormat + "\")";
    if (!root.is_object())
      fail("", std::string("is not a QuantLens session (a JSON ") + root.type_name() + ", not an object) " + expected);
    if (!root.contains("format")) {
      const bool aimet = root.contains("activation_encodings") || root.contains("param_encodings");
      fail("", std::string("is not a QuantLens session (format: ") +
                 (aimet ? "AIMET encodings" : "none, the file has no \"format\" field") + ") " + expected);
    }
    if (root.at("format") != SessionFile::kFormat)
      fail("", "is not a QuantLens session (format " + root.at("format").dump() + ") " + expected);
  }

  int checkVersion(const Json& root) const
  {
    const Json& version = required(root, "version");
    if (!version.is_number_integer() || version < 1)
      fail("version", "expected a positive integer, got " + version.dump());
    if (version > SessionFile::kVersion)
      fail("version", "written by a newer QuantLens (session version " + version.dump() + ", this QuantLens reads " +
                        std::to_string(SessionFile::kVersion) + "): open it with a newer QuantLens");
    return version.get<int>();
  }

  void checkKeys(const Json& object, const std::string& path, std::initializer_list<const char*> allowed) const
  {
    jsonparsing::checkKeys(object, source_, path, allowed);
  }

  const Json& required(const Json& object, const std::string& key, const std::string& path = {}) const
  {
    if (!object.contains(key))
      fail(jsonparsing::join(path, key), "missing");
    return object.at(key);
  }

  /// {"path", "relative"}: the relative one when it names something that
  /// exists beside the session, else the absolute one.
  std::filesystem::path location(const Json& value, const std::string& field) const
  {
    if (!value.is_object())
      fail(field, "expected an object {\"path\": ..., \"relative\": ...}, got " + value.dump());
    checkKeys(value, field, { "path", "relative" });
    const std::filesystem::path absolute = nonEmptyText(required(value, "path", field), field + ".path");
    if (!value.contains("relative") || sessionFolder_.empty())
      return absolute;
    const std::filesystem::path relative = nonEmptyText(value.at("relative"), field + ".relative");
    if (relative.is_absolute())
      fail(field + ".relative", "expected a path relative to the session's folder, got " + value.at("relative").dump());
    const auto besideSession = (sessionFolder_ / relative).lexically_normal();
    std::error_code error;
    return std::filesystem::exists(besideSession, error) ? besideSession : absolute;
  }

  std::string nonEmptyText(const Json& value, const std::string& field) const
  {
    if (!value.is_string() || value.get_ref<const std::string&>().empty())
      fail(field, "expected a non-empty string, got " + value.dump());
    return value.get<std::string>();
  }

  std::string jsonText(const Json& value, const std::string& field) const
  {
    if (!value.is_string())
      fail(field, "expected JSON text in a string, got " + value.dump());
    const std::string& text = value.get_ref<const std::string&>();
    if (!Json::accept(text))
      fail(field, "the text is not valid JSON");
    return text;
  }

  double number(const Json& value, const std::string& field) const
  {
    if (!value.is_number() || !std::isfinite(value.get<double>()))
      fail(field, "expected a finite number, got " + value.dump());
    return value.get<double>();
  }

  std::string sidecar(const Json& value) const
  {
    std::string text = jsonText(value, "model_sidecar");
    ModelSidecar::fromJson(text, source_ + ": model_sidecar"); // its errors name the sidecar's field
    return text;
  }

  bool boolean(const Json& value, const std::string& field) const
  {
    return jsonparsing::boolean(value, source_, field);
  }

  int integer(const Json& value, const std::string& field) const
  {
    if (!value.is_number_integer() || value < std::numeric_limits<int>::min() ||
        value > std::numeric_limits<int>::max())
      fail(field, "expected an integer, got " + value.dump());
    return value.get<int>();
  }

  std::size_t index(const Json& value, const std::string& field) const
  {
    if (!value.is_number_unsigned())
      fail(field, "expected a scan index (an integer >= 0), got " + value.dump());
    return value.get<std::size_t>();
  }

  std::vector<std::size_t> indices(const Json& value, const std::string& field) const
  {
    if (!value.is_array())
      fail(field, "expected a list of scan indices, got " + value.dump());
    std::vector<std::size_t> result;
    for (std::size_t i = 0; i < value.size(); ++i)
      result.push_back(index(value[i], field + "[" + std::to_string(i) + "]"));
    return result;
  }

  QuantScheme scheme(const Json& value) const
  {
    if (!value.is_string())
      fail("scheme", "expected a scheme name (\"tf\", \"tf_enhanced\", \"percentile:P\"), got " + value.dump());
    try {
      return QuantScheme::parse(value.get<std::string>());
    } catch (const EngineError& error) {
      fail("scheme", error.what());
    }
  }

  QuantPreset preset(const Json& value, const std::string& field) const
  {
    if (!value.is_string())
      fail(field, "expected a preset name (\"FP32\", \"W8A8\", \"W4A8\"), got " + value.dump());
    try {
      return QuantPreset::parse(value.get<std::string>());
    } catch (const EngineError& error) {
      fail(field, error.what());
    }
  }

  /// The Custom variant is an overrides document, read by OverridesFile itself.
  Overrides custom(const Json& value) const
  {
    if (!value.is_object())
      fail("custom", "expected an overrides object {\"format\": \"quantlens-overrides\", ...}, got " + value.dump());
    return OverridesFile::fromJson(value.dump(), source_ + ": custom");
  }

  SessionCustomFile customFile(const Json& value) const
  {
    if (!value.is_object())
      fail("custom_file", "expected an object {\"file_name\": ..., \"text\": ...}, got " + value.dump());
    checkKeys(value, "custom_file", { "file_name", "text" });
    const Json& fileName = required(value, "file_name", "custom_file");
    if (!fileName.is_string())
      fail("custom_file.file_name", "expected a string, got " + fileName.dump());
    return { fileName.get<std::string>(), jsonText(required(value, "text", "custom_file"), "custom_file.text") };
  }

  SessionAnalyses analyses(const Json& value) const
  {
    if (!value.is_object())
      fail("analyses", "expected an object, got " + value.dump());
    checkKeys(value, "analyses", { "sensitivity", "evaluation", "mixed_precision" });
    SessionAnalyses result;
    if (value.contains("sensitivity"))
      result.sensitivity = sensitivity(value.at("sensitivity"));
    if (value.contains("evaluation")) {
      const Json& evaluation = value.at("evaluation");
      if (!evaluation.is_object())
        fail("analyses.evaluation", "expected an object {\"scans\": [...]}, got " + evaluation.dump());
      checkKeys(evaluation, "analyses.evaluation", { "scans" });
      result.evaluationScans =
        indices(required(evaluation, "scans", "analyses.evaluation"), "analyses.evaluation.scans");
    }
    if (value.contains("mixed_precision"))
      result.mixedPrecision = mixedPrecision(value.at("mixed_precision"));
    return result;
  }

  SessionSensitivity sensitivity(const Json& value) const
  {
    const std::string field = "analyses.sensitivity";
    if (!value.is_object())
      fail(field, "expected an object, got " + value.dump());
    checkKeys(value, field, { "preset", "mode", "scans" });
    SessionSensitivity result;
    result.preset = preset(required(value, "preset", field), field + ".preset");
    const Json& mode = required(value, "mode", field);
    const auto parsed = mode.is_string() ? CachedResultsJson::parseMode(mode.get<std::string>()) : std::nullopt;
    if (!parsed)
      fail(field + ".mode", "expected \"only_this_layer\" or \"all_but_this_layer\", got " + mode.dump());
    result.mode = *parsed;
    result.scans = indices(required(value, "scans", field), field + ".scans");
    return result;
  }

  MixedPrecisionRequest mixedPrecision(const Json& value) const
  {
    const std::string field = "analyses.mixed_precision";
    if (!value.is_object())
      fail(field, "expected an object, got " + value.dump());
    checkKeys(value, field, { "preset", "scans", "max_drop", "promote_to", "metric" });
    MixedPrecisionRequest result;
    result.preset = preset(required(value, "preset", field), field + ".preset");
    result.scans = indices(required(value, "scans", field), field + ".scans");
    result.maxDrop = number(required(value, "max_drop", field), field + ".max_drop");
    if (result.maxDrop < 0.0)
      fail(field + ".max_drop", "expected a drop >= 0, got " + value.at("max_drop").dump());
    result.promoteTo = integer(required(value, "promote_to", field), field + ".promote_to");
    if (result.promoteTo < OverridesFile::kMinBitwidth || result.promoteTo > OverridesFile::kMaxBitwidth)
      fail(field + ".promote_to", "expected a bitwidth 2..32, got " + std::to_string(result.promoteTo));
    const Json& metric = required(value, "metric", field);
    const auto parsed = metric.is_string() ? CachedResultsJson::parseMetric(metric.get<std::string>()) : std::nullopt;
    if (!parsed)
      fail(field + ".metric", "expected \"agreement\" or \"miou\", got " + metric.dump());
    result.metric = *parsed;
    return result;
  }

  /// A CachedResultsJson document, read by CachedResultsJson itself.
  CachedResults cachedResults(const Json& value) const
  {
    if (!value.is_object())
      fail("cached_results",
           std::string("expected an object {\"format\": \"") + CachedResultsJson::kFormat + "\", ...}, got " +
             (value.is_array() ? std::string("a list") : value.dump().substr(0, 60)));
    return CachedResultsJson::fromDocument(value, source_ + ": cached_results");
  }

  SessionView view(const Json& value) const
  {
    if (!value.is_object())
      fail("view", "expected an object, got " + value.dump());
    checkKeys(value, "view", { "color_mode", "hide_unchanged", "point_size", "cameras_synchronized", "camera" });
    SessionView result;
    result.colorMode = integer(required(value, "color_mode", "view"), "view.color_mode");
    result.hideUnchanged = boolean(required(value, "hide_unchanged", "view"), "view.hide_unchanged");
    result.pointSize = integer(required(value, "point_size", "view"), "view.point_size");
    if (result.pointSize < 1)
      fail("view.point_size", "expected at least 1, got " + std::to_string(result.pointSize));
    result.camerasSynchronized = boolean(required(value, "cameras_synchronized", "view"), "view.cameras_synchronized");
    if (value.contains("camera"))
      result.camera = camera(value.at("camera"));
    return result;
  }

  SessionCamera camera(const Json& value) const
  {
    if (!value.is_object())
      fail("view.camera", "expected an object, got " + value.dump());
    checkKeys(value, "view.camera", { "position", "focal_point", "view_up" });
    SessionCamera result;
    result.position = vector3(required(value, "position", "view.camera"), "view.camera.position");
    result.focalPoint = vector3(required(value, "focal_point", "view.camera"), "view.camera.focal_point");
    result.viewUp = vector3(required(value, "view_up", "view.camera"), "view.camera.view_up");
    return result;
  }

  std::array<double, 3> vector3(const Json& value, const std::string& field) const
  {
    if (!value.is_array() || value.size() != 3 ||
        !std::all_of(value.begin(), value.end(), [](const Json& item) { return item.is_number(); }))
      fail(field, "expected a list of 3 numbers, got " + value.dump());
    return { value[0].get<double>(), value[1].get<double>(), value[2].get<double>() };
  }

  std::string source_;
  std::filesystem::path sessionFolder_;
};

/// Builds a session document; problems are "<what>: <field>: <problem>".
class SessionWriter
{
public:
  SessionWriter(std::string what, const std::filesystem::path& sessionFolder)
    : what_(std::move(what))
    , sessionFolder_(sessionFolder.empty() ? sessionFolder : std::filesystem::absolute(sessionFolder).lexically_normal())
  {
  }

  Json write(const SessionState& state) const
  {
    Json root = { { "format", SessionFile::kFormat }, { "version", SessionFile::kVersion } };
    if (!state.modelFile.empty())
      root["model"] = location(state.modelFile);
    if (state.modelSidecarJson)
      root["model_sidecar"] = sidecar(*state.modelSidecarJson);
    if (!state.sequenceDirectory.empty())
      root["sequence"] = location(state.sequenceDirectory);
    root["scan_index"] = state.scanIndex;
    if (state.quantSimConfigFile) {
      if (state.quantSimConfigFile->empty())
        fail("quantsim_config", "an empty path (leave it unset for the built-in config)");
      root["quantsim_config"] = location(*state.quantSimConfigFile);
    }
    root["scheme"] = state.scheme.toString();
    root["knn"] = state.knnEnabled;
    root["calibration_scans"] = state.calibrationScans;
    root["editor_base_preset"] = state.editorBasePreset.toString();
    if (state.custom)
      root["custom"] = custom(*state.custom);
    if (state.customFile) {
      root["custom_file"] = { { "file_name", state.customFile->fileName },
                              { "text", jsonText(state.customFile->text, "custom_file.text") } };
    }
    root["view"] = view(state.view);
    if (Json json = analyses(state.analyses); !json.empty())
      root["analyses"] = std::move(json);
    return root; // without the cached results: see documentText
  }

  /// The cached results' one-line text.
  std::string cachedResults(const CachedResults& results) const
  {
    return CachedResultsJson::toJson(results, what_ + ": cached_results");
  }

private:
  [[noreturn]] void fail(const std::string& field, const std::string& problem) const
  {
    jsonparsing::fail(what_, field, problem);
  }

  Json location(const std::filesystem::path& path) const
  {
    const auto absolute = std::filesystem::absolute(path).lexically_normal();
    Json json = { { "path", absolute.generic_string() } };
    if (!sessionFolder_.empty()) {
      const auto relative = absolute.lexically_relative(sessionFolder_);
      if (!relative.empty())
        json["relative"] = relative.generic_string();
    }
    return json;
  }

  std::string jsonText(const std::string& text, const std::string& field) const
  {
    if (!Json::accept(text))
      fail(field, "the text is not valid JSON");
    return text;
  }

  std::string sidecar(const std::string& text) const
  {
    jsonText(text, "model_sidecar");
    ModelSidecar::fromJson(text, what_ + ": model_sidecar"); // never write what read() would refuse
    return text;
  }

  Json custom(const Overrides& overrides) const
  {
    try {
      return Json::parse(OverridesFile::toJson(overrides));
    } catch (const EngineError& error) {
      fail("custom", error.what());
    }
  }

  Json analyses(const SessionAnalyses& analyses) const
  {
    Json json = Json::object();
    if (analyses.sensitivity) {
      json["sensitivity"] = { { "preset", analyses.sensitivity->preset.toString() },
                              { "mode", CachedResultsJson::modeName(analyses.sensitivity->mode) },
                              { "scans", analyses.sensitivity->scans } };
    }
    if (analyses.evaluationScans)
      json["evaluation"] = { { "scans", *analyses.evaluationScans } };
    if (analyses.mixedPrecision)
      json["mixed_precision"] = mixedPrecision(*analyses.mixedPrecision);
    return json;
  }

  Json mixedPrecision(const MixedPrecisionRequest& request) const
  {
    const std::string field = "analyses.mixed_precision";
    if (!std::isfinite(request.maxDrop) || request.maxDrop < 0.0)
      fail(field + ".max_drop", "expected a finite drop >= 0, got " + std::to_string(request.maxDrop));
    if (request.promoteTo < OverridesFile::kMinBitwidth || request.promoteTo > OverridesFile::kMaxBitwidth)
      fail(field + ".promote_to", "expected a bitwidth 2..32, got " + std::to_string(request.promoteTo));
    return { { "preset", request.preset.toString() },
             { "scans", request.scans },
             { "max_drop", request.maxDrop },
             { "promote_to", request.promoteTo },
             { "metric", CachedResultsJson::metricName(request.metric) } };
  }

  Json view(const SessionView& view) const
  {
    if (view.pointSize < 1)
      fail("view.point_size", "expected at least 1, got " + std::to_string(view.pointSize));
    Json json = { { "color_mode", view.colorMode },
                  { "hide_unchanged", view.hideUnchanged },
                  { "point_size", view.pointSize },
                  { "cameras_synchronized", view.camerasSynchronized } };
    if (view.camera) {
      json["camera"] = { { "position", vector3(view.camera->position, "view.camera.position") },
                         { "focal_point", vector3(view.camera->focalPoint, "view.camera.focal_point") },
                         { "view_up", vector3(view.camera->viewUp, "view.camera.view_up") } };
    }
    return json;
  }

  // JSON has no NaN or infinity (nlohmann would write null), so refuse them here.
  Json vector3(const std::array<double, 3>& value, const std::string& field) const
  {
    if (!std::all_of(value.begin(), value.end(), [](double x) { return std::isfinite(x); }))
      fail(field, "every coordinate must be finite");
    return { value[0], value[1], value[2] };
  }

  std::string what_;
  std::filesystem::path sessionFolder_;
};

/// The document's text; a string that is not UTF-8 (a path, a description) makes nlohmann throw.
std::string documentText(const SessionWriter& writer, const SessionState& state, const std::string& what)
{
  std::string text;
  try {
    text = writer.write(state).dump(2);
  } catch (const Json::exception& error) {
    throw EngineError(what + ": " + error.what());
  }
  // Indented, the cached results would take a line per number: they go last, on one line,
  // before the closing "\n}" of the (never empty) root object.
  if (state.cachedResults)
    text.insert(text.size() - 2, ",\n  \"cached_results\": " + writer.cachedResults(*state.cachedResults));
  return text + "\n";
}

std::filesystem::path folderOf(const std::filesystem::path& file)
{
  return std::filesystem::absolute(file).lexically_normal().parent_path();
}

} // namespace

std::string SessionFile::toJson(const SessionState& state, const std::filesystem::path& sessionFolder)
{
  const std::string what = "cannot write session";
  return documentText(SessionWriter(what, sessionFolder), state, what);
}

SessionState SessionFile::fromJson(std::string_view jsonText, const std::string& sourceName,
                                   const std::filesystem::path& sessionFolder)
{
  return SessionReader(sourceName, sessionFolder).read(jsonText);
}

void SessionFile::write(const std::filesystem::path& file, const SessionState& state)
{
  // The whole text is built before the file is touched, so a bad state leaves the old file as it was.
  const std::string what = "cannot write " + file.string();
  fileio::writeAtomically(file, documentText(SessionWriter(what, folderOf(file)), state, what));
}

SessionState SessionFile::read(const std::filesystem::path& file)
{
  return fromJson(fileio::readText(file), file.string(), folderOf(file));
}

} // namespace quantlens
