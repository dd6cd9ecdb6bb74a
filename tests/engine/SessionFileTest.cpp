#include "session/SessionFile.h"

#include "TestData.h"
#include "core/EngineError.h"
#include "core/FileIO.h"
#include "model/ModelSidecar.h"
#include "quant/OverridesFile.h"
#include "session/CachedResults.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <limits>
#include <string>
#include <unistd.h>
#include <vector>

namespace quantlens {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

/// A folder laid out like a user's project: the session sits beside the model,
/// the sequence and the quantsim config it names.
struct Project
{
  fs::path dir;
  fs::path model;
  fs::path sequence;
  fs::path config;
  fs::path session;
};

Project makeProject(const fs::path& dir)
{
  Project project{ dir, dir / "models" / "net.pt", dir / "kitti" / "sequences" / "08", dir / "configs" / "qs.json",
                   dir / "review.qlens" };
  test::writeText(project.model, "not a real model");
  fs::create_directories(project.sequence / "velodyne");
  test::writeText(project.config, "{}");
  return project;
}

std::string sidecarText()
{
  ModelSidecar sidecar;
  sidecar.architecture = "hand-entered";
  sidecar.inputShape = { 1, 5, sidecar.sensor.height, sidecar.sensor.width };
  sidecar.classCount = 20;
  return sidecar.toJson();
}

Overrides customOverrides()
{
  Overrides overrides;
  overrides.base = QuantPreset{ QuantPreset::Kind::W4A8 };
  overrides.description = "keep the head at 16 bits";
  overrides.quantizers["head.output[0]"].bitwidth = 16;
  overrides.quantizers["stem.input[0]"].enabled = false;
  auto& weight = overrides.quantizers["stem.weight"];
  weight.symmetric = true;
  weight.dtype = QuantDtype::Float;
  Encoding encoding;
  encoding.bitwidth = 8;
  encoding.symmetric = false;
  encoding.scale = 0.015625;
  encoding.offset = -64;
  encoding.min = -1.0;
  encoding.max = 0.015625 * 191.0;
  overrides.quantizers["stem.output[0]"].fixedEncodings = std::vector<Encoding>{ encoding };
  return overrides;
}

/// A small but complete CachedResults (CachedResultsJsonTest covers every field's spelling).
CachedResults cachedResults()
{
  CachedResults results;
  results.modelFingerprint = "16:0123456789abcdef";
  results.sequenceFingerprint = "1 scan: 000012";
  results.scheme = "percentile:99.5";
  results.knn = true;
  results.calibratedOn = "scans 0, 7";
  results.calibrationPasses = 2;
  TensorStatistics statistics;
  statistics.count = 10;
  statistics.min = -0.1;
  statistics.max = 1.0 / 3.0;
  statistics.histogramMin = -0.3;
  statistics.histogramMax = 1.0;
  statistics.histogram = { 0.0, 4.0, 6.0, 0.0 };
  results.activationStatistics = { statistics, TensorStatistics{} };
  CachedScanResults scan;
  scan.index = 12;
  scan.scanId = "000012";
  scan.pointCount = 5;
  VariantPrediction prediction;
  prediction.name = "W8A8";
  prediction.pixelLabels = std::vector<std::uint8_t>(64, 3);
  prediction.pointLabels = { 1, 1, 0, 19, 19 };
  prediction.metrics = SegmentationMetrics{ { 0.0, 0.25 }, { false, true }, 0.25, 0.25, 0.5, 4 };
  prediction.inferenceMilliseconds = 12.5;
  scan.predictions["w8a8"] = prediction;
  results.scans = { scan };
  VariantEvaluation evaluation;
  evaluation.name = "FP32";
  evaluation.confusion.addPoint(3, 3, 1000);
  evaluation.metrics = SegmentationMetrics::compute(evaluation.confusion);
  results.evaluations["scans 12"] = { evaluation };
  SensitivityResult sensitivity;
  sensitivity.layers = { { "head", 0.75, 0.25, 3, 0.0 } };
  results.sensitivities["W4A8"] = sensitivity;
  MixedPrecisionResult mixed;
  mixed.points = { { 0, "", 100, 0.5, 0.5, true } };
  mixed.overrides = customOverrides();
  results.mixedPrecision["W4A8 16"] = mixed;
  return results;
}

SessionAnalyses analyses()
{
  SessionAnalyses result;
  result.sensitivity = SessionSensitivity{ QuantPreset{ QuantPreset::Kind::W8A8 }, SensitivityMode::AllButThisLayer,
                                           { 12, 3 } };
  result.evaluationScans = std::vector<std::size_t>{ 0, 12 };
  MixedPrecisionRequest request;
  request.preset = QuantPreset{ QuantPreset::Kind::W4A8 };
  request.scans = { 12 };
  request.maxDrop = 0.025;
  request.promoteTo = 8;
  request.metric = SensitivityMetric::MeanIou;
  result.mixedPrecision = request;
  return result;
}

const std::string kCustomFileText = "{\"version\": \"0.6.1\",  \"activation_encodings\": {}, \"param_encodings\": {}}";

SessionState fullState(const Project& project)
{
  SessionState state;
  state.modelFile = project.model;
  state.modelSidecarJson = sidecarText();
  state.sequenceDirectory = project.sequence;
  state.scanIndex = 12;
  state.quantSimConfigFile = project.config;
  state.scheme = QuantScheme{ QuantScheme::Kind::Percentile, 99.5 };
  state.knnEnabled = true;
  state.calibrationScans = { 0, 7, 12, 4000 };
  state.editorBasePreset = QuantPreset{ QuantPreset::Kind::W4A8 };
  state.custom = customOverrides();
  state.view.colorMode = 3;
  state.view.hideUnchanged = true;
  state.view.pointSize = 5;
  state.view.camerasSynchronized = false;
  state.view.camera = SessionCamera{ { 1.5, -2.25, 30.125 }, { 0.1, 0.2, 0.3 }, { 0.0, 0.0, 1.0 } };
  state.customFile = SessionCustomFile{ "net.encodings", kCustomFileText };
  state.analyses = analyses();
  state.cachedResults = cachedResults();
  return state;
}

void expectSameOverrides(const Overrides& actual, const Overrides& expected)
{
  EXPECT_EQ(actual.base, expected.base);
  EXPECT_EQ(actual.description, expected.description);
  EXPECT_EQ(actual.quantizers, expected.quantizers);
}

void expectSameState(const SessionState& actual, const SessionState& expected)
{
  EXPECT_EQ(actual.modelFile, expected.modelFile);
  EXPECT_EQ(actual.modelSidecarJson, expected.modelSidecarJson);
  EXPECT_EQ(actual.sequenceDirectory, expected.sequenceDirectory);
  EXPECT_EQ(actual.scanIndex, expected.scanIndex);
  EXPECT_EQ(actual.quantSimConfigFile, expected.quantSimConfigFile);
  EXPECT_EQ(actual.scheme, expected.scheme);
  EXPECT_EQ(actual.knnEnabled, expected.knnEnabled);
  EXPECT_EQ(actual.calibrationScans, expected.calibrationScans);
  EXPECT_EQ(actual.editorBasePreset, expected.editorBasePreset);
  ASSERT_EQ(actual.custom.has_value(), expected.custom.has_value());
  if (expected.custom)
    expectSameOverrides(*actual.custom, *expected.custom);
  EXPECT_EQ(actual.customFile, expected.customFile);
  EXPECT_EQ(actual.view, expected.view);
  EXPECT_EQ(actual.analyses.sensitivity, expected.analyses.sensitivity);
  EXPECT_EQ(actual.analyses.evaluationScans, expected.analyses.evaluationScans);
  EXPECT_EQ(actual.analyses.mixedPrecision, expected.analyses.mixedPrecision);
  EXPECT_EQ(actual.cachedResults.has_value(), expected.cachedResults.has_value());
  EXPECT_TRUE(actual.cachedResults == expected.cachedResults) << "cached results differ";
}

/// The full state's document, for tests that damage one field.
Json validDocument(const Project& project)
{
  return Json::parse(SessionFile::toJson(fullState(project), project.dir));
}

TEST(SessionFileTest, FullStateRoundTrip)
{
  const Project project = makeProject(test::freshTempDir("SessionFull"));
  const SessionState written = fullState(project);
  SessionFile::write(project.session, written);
  expectSameState(SessionFile::read(project.session), written);

  // The file as a user sees it, spelled out by hand.
  const Json root = Json::parse(fileio::readText(project.session));
  EXPECT_EQ(root["format"], "quantlens-session");
  EXPECT_EQ(root["version"], 2);
  EXPECT_EQ(root["model"]["path"], project.model.generic_string());
  EXPECT_EQ(root["model"]["relative"], "models/net.pt");
  EXPECT_EQ(root["sequence"]["relative"], "kitti/sequences/08");
  EXPECT_EQ(root["quantsim_config"]["relative"], "configs/qs.json");
  EXPECT_EQ(root["scan_index"], 12);
  EXPECT_EQ(root["scheme"], "percentile:99.5");
  EXPECT_EQ(root["knn"], true);
  EXPECT_EQ(root["calibration_scans"], (Json{ 0, 7, 12, 4000 }));
  EXPECT_EQ(root["editor_base_preset"], "W4A8");
  EXPECT_EQ(root["custom"]["format"], "quantlens-overrides");
  EXPECT_EQ(root["custom"]["quantizers"]["head.output[0]"], (Json{ { "bitwidth", 16 } }));
  EXPECT_EQ(root["view"]["camera"]["position"], (Json{ 1.5, -2.25, 30.125 }));
  EXPECT_EQ(root["view"]["point_size"], 5);
  EXPECT_EQ(root["custom_file"], (Json{ { "file_name", "net.encodings" }, { "text", kCustomFileText } }));
  EXPECT_EQ(root["analyses"], Json::parse(R"({
    "sensitivity": { "preset": "W8A8", "mode": "all_but_this_layer", "scans": [12, 3] },
    "evaluation": { "scans": [0, 12] },
    "mixed_precision": { "preset": "W4A8", "scans": [12], "max_drop": 0.025, "promote_to": 8, "metric": "miou" } })"));
  EXPECT_EQ(root["cached_results"]["format"], "quantlens-results");
  EXPECT_EQ(root["cached_results"]["scans"][0]["predictions"][0]["point_labels"], Json::parse(R"({"size": 5, "runs": [1, 2, 0, 1, 19, 2]})"))
    << "the cached results are a CachedResultsJson document";
  // The Custom variant is an overrides document: OverridesFile reads it as it is.
  expectSameOverrides(OverridesFile::fromJson(root["custom"].dump(), "custom"), customOverrides());
}

TEST(SessionFileTest, MinimalStateRoundTrip)
{
  const auto dir = test::freshTempDir("SessionMinimal");
  const SessionState written;
  SessionFile::write(dir / "empty.qlens", written);
  const SessionState read = SessionFile::read(dir / "empty.qlens");
  expectSameState(read, written);
  EXPECT_TRUE(read.modelFile.empty());
  EXPECT_FALSE(read.custom.has_value());
  EXPECT_FALSE(read.view.camera.has_value());
  EXPECT_FALSE(read.cachedResults.has_value());
  EXPECT_FALSE(read.customFile.has_value());
  EXPECT_EQ(read.analyses, SessionAnalyses{});

  const Json root = Json::parse(fileio::readText(dir / "empty.qlens"));
  for (const char* absent :
       { "model", "model_sidecar", "sequence", "quantsim_config", "custom", "custom_file", "analyses", "cached_results" })
    EXPECT_FALSE(root.contains(absent)) << absent;
  EXPECT_FALSE(root["view"].contains("camera"));
  EXPECT_EQ(root["scheme"], "tf");
  EXPECT_EQ(root["editor_base_preset"], "W8A8");
}

TEST(SessionFileTest, EachAnalysisIsOptional)
{
  const auto dir = test::freshTempDir("SessionAnalyses");
  SessionState state;
  state.analyses.evaluationScans = std::vector<std::size_t>{};
  SessionFile::write(dir / "s.qlens", state);
  EXPECT_EQ(SessionFile::read(dir / "s.qlens").analyses, state.analyses);
  EXPECT_EQ(Json::parse(fileio::readText(dir / "s.qlens"))["analyses"], Json::parse(R"({"evaluation": {"scans": []}})"));

  state.analyses = SessionAnalyses{};
  state.analyses.sensitivity = SessionSensitivity{};
  SessionFile::write(dir / "s.qlens", state);
  const SessionState read = SessionFile::read(dir / "s.qlens");
  EXPECT_EQ(read.analyses, state.analyses);
  EXPECT_FALSE(read.analyses.mixedPrecision.has_value());
}

// Indented, the labels and histograms would take a line per number.
TEST(SessionFileTest, CachedResultsAreOneLineAtTheEnd)
{
  const Project project = makeProject(test::freshTempDir("SessionCachedLine"));
  SessionState state = fullState(project);
  state.cachedResults->scans[0].pointCount = 20000;
  state.cachedResults->scans[0].predictions["w8a8"].pointLabels.assign(20000, 7);
  SessionFile::write(project.session, state);
  const std::string text = fileio::readText(project.session);
  const std::string key = "\n  \"cached_results\": {";
  const auto start = text.find(key);
  ASSERT_NE(start, std::string::npos);
  EXPECT_EQ(text.find('\n', start + 1), text.size() - 3) << "one line, then the closing brace";
  EXPECT_EQ(text.substr(text.size() - 3), "\n}\n");
  EXPECT_LT(text.size(), 20000u) << "20000 equal labels are one run";
  expectSameState(SessionFile::read(project.session), state);
  // The rest of the file is still indented for people.
  EXPECT_NE(text.find("\n  \"scan_index\": 12,\n"), std::string::npos);
}

TEST(SessionFileTest, Version1FilesStillReadWithoutTheirCachedResults)
{
  const Project project = makeProject(test::freshTempDir("SessionVersion1"));
  // What version 1 wrote: no custom_file or analyses; cached_results was any JSON text in a string.
  Json document = validDocument(project);
  document["version"] = 1;
  document.erase("custom_file");
  document.erase("analyses");
  document["cached_results"] = "{\"scans\": {\"12\": {\"W8A8\": {\"miou\": 0.5}}}}";
  test::writeText(project.session, document.dump(2));

  SessionState expected = fullState(project);
  expected.customFile.reset();
  expected.analyses = SessionAnalyses{};
  expected.cachedResults.reset();
  const SessionState read = SessionFile::read(project.session);
  expectSameState(read, expected);
  EXPECT_FALSE(read.cachedResults.has_value());

  // Written again, it becomes a version 2 file.
  SessionFile::write(project.session, read);
  EXPECT_EQ(Json::parse(fileio::readText(project.session))["version"], 2);
}

TEST(SessionFileTest, MovedFolderUsesRelativePaths)
{
  const auto root = test::freshTempDir("SessionMoved");
  const Project original = makeProject(root / "original");
  SessionFile::write(original.session, fullState(original));

  fs::copy(original.dir, root / "copy", fs::copy_options::recursive);
  const Project copy = makeProject(root / "copy"); // the same layout, now under copy/
  const SessionState moved = SessionFile::read(copy.session);
  EXPECT_EQ(moved.modelFile, copy.model);
  EXPECT_EQ(moved.sequenceDirectory, copy.sequence);
  EXPECT_EQ(moved.quantSimConfigFile, copy.config);

  // Only the session moved: what is not beside it is found where it was.
  fs::create_directories(root / "alone");
  fs::copy_file(original.session, root / "alone" / "review.qlens");
  const SessionState alone = SessionFile::read(root / "alone" / "review.qlens");
  EXPECT_EQ(alone.modelFile, original.model);
  EXPECT_EQ(alone.sequenceDirectory, original.sequence);

  // Text with no folder to resolve against uses the absolute paths.
  const SessionState text = SessionFile::fromJson(fileio::readText(copy.session), "copy");
  EXPECT_EQ(text.modelFile, original.model);

  // A relative path given to write() is stored absolute, so the session does not depend on the working folder.
  const fs::path previous = fs::current_path();
  fs::current_path(copy.dir);
  SessionState relativeInput;
  relativeInput.modelFile = "models/net.pt";
  const Json json = Json::parse(SessionFile::toJson(relativeInput));
  fs::current_path(previous);
  EXPECT_EQ(json["model"]["path"], copy.model.generic_string());
  EXPECT_FALSE(json["model"].contains("relative"));
}

TEST(SessionFileTest, CorruptOrTruncatedFilesNameTheFile)
{
  const Project project = makeProject(test::freshTempDir("SessionCorrupt"));
  const std::string text = SessionFile::toJson(fullState(project), project.dir);
  const auto file = project.dir / "broken.qlens";

  test::writeText(file, text.substr(0, text.size() / 2));
  test::expectEngineError([&] { SessionFile::read(file); }, { file.string(), "invalid JSON" });
  test::writeText(file, "");
  test::expectEngineError([&] { SessionFile::read(file); }, { file.string(), "invalid JSON" });
  test::writeText(file, "{\"format\": \"quantlens-session\", \"version\": 1,,}");
  test::expectEngineError([&] { SessionFile::read(file); }, { file.string(), "invalid JSON", "line 1" });
  test::expectEngineError([&] { SessionFile::read(project.dir / "missing.qlens"); },
                          { (project.dir / "missing.qlens").string(), "does not exist" });
}

TEST(SessionFileTest, ForeignFilesAreNotSessions)
{
  const auto dir = test::freshTempDir("SessionForeign");
  OverridesFile::write(dir / "recipe.json", customOverrides());
  test::expectEngineError([&] { SessionFile::read(dir / "recipe.json"); },
                          { (dir / "recipe.json").string(), "is not a QuantLens session", "quantlens-overrides" });

  test::writeText(dir / "model.json", sidecarText());
  test::expectEngineError([&] { SessionFile::read(dir / "model.json"); },
                          { "model.json", "is not a QuantLens session", "quantlens-model" });

  test::writeText(dir / "net.encodings",
                  "{\"version\": \"0.6.1\", \"activation_encodings\": {}, \"param_encodings\": {}}");
  test::expectEngineError([&] { SessionFile::read(dir / "net.encodings"); },
                          { "net.encodings", "is not a QuantLens session", "AIMET encodings" });

  for (const char* text : { "[1, 2]", "\"quantlens-session\"", "null", "{\"version\": 1}" }) {
    SCOPED_TRACE(text);
    test::expectEngineError([&] { SessionFile::fromJson(text, "other.json"); },
                            { "other.json: ", "is not a QuantLens session" });
  }
}

TEST(SessionFileTest, NewerVersionIsRefusedClearly)
{
  const Project project = makeProject(test::freshTempDir("SessionNewer"));
  Json document = validDocument(project);
  document["version"] = 3;
  document["a_field_from_the_future"] = true; // a newer file may have keys this version does not know
  test::writeText(project.session, document.dump());
  test::expectEngineError([&] { SessionFile::read(project.session); },
                          { project.session.string() + ": version: ", "written by a newer QuantLens" });

  for (const Json& version : { Json(0), Json("1"), Json(1.5), Json() }) {
    SCOPED_TRACE(version.dump());
    document["version"] = version;
    test::expectEngineError([&] { SessionFile::fromJson(document.dump(), "s.qlens"); }, "s.qlens: version: ");
  }
  document.erase("version");
  test::expectEngineError([&] { SessionFile::fromJson(document.dump(), "s.qlens"); }, "s.qlens: version: missing");
}

TEST(SessionFileTest, WrongFieldsNameTheFileAndTheField)
{
  const Project project = makeProject(test::freshTempDir("SessionFields"));
  struct Case
  {
    std::function<void(Json&)> damage;
    std::string expected; ///< "<field>: <start of the problem>"
  };
  const std::vector<Case> cases = {
    { [](Json& d) { d["scheme"] = "foo"; }, "scheme: unknown quantization scheme 'foo'" },
    { [](Json& d) { d["scheme"] = "percentile:20"; }, "scheme: " },
    { [](Json& d) { d["scheme"] = 3; }, "scheme: expected a scheme name" },
    { [](Json& d) { d.erase("scheme"); }, "scheme: missing" },
    { [](Json& d) { d["scan_index"] = "12"; }, "scan_index: expected a scan index" },
    { [](Json& d) { d["scan_index"] = -1; }, "scan_index: expected a scan index" },
    { [](Json& d) { d["scan_index"] = 1.5; }, "scan_index: expected a scan index" },
    { [](Json& d) { d["knn"] = 1; }, "knn: expected true or false" },
    { [](Json& d) { d["calibration_scans"] = Json{ 0, "x" }; }, "calibration_scans[1]: expected a scan index" },
    { [](Json& d) { d["calibration_scans"] = 5; }, "calibration_scans: expected a list" },
    { [](Json& d) { d["editor_base_preset"] = "W3A8"; }, "editor_base_preset: " },
    { [](Json& d) { d["model"] = "models/net.pt"; }, "model: expected an object" },
    { [](Json& d) { d["model"]["path"] = 5; }, "model.path: expected a non-empty string" },
    { [](Json& d) { d["sequence"].erase("path"); }, "sequence.path: missing" },
    { [](Json& d) { d["sequence"]["relative"] = "/abs/08"; }, "sequence.relative: expected a path relative" },
    { [](Json& d) { d["quantsim_config"]["file"] = "x"; }, "quantsim_config.file: unknown key" },
    { [](Json& d) { d["colour_mode"] = 1; }, "colour_mode: unknown key" },
    { [](Json& d) { d["view"]["point_size"] = 0; }, "view.point_size: expected at least 1" },
    { [](Json& d) { d["view"]["point_size"] = 1e12; }, "view.point_size: expected an integer" },
    { [](Json& d) { d["view"]["hide_unchanged"] = "no"; }, "view.hide_unchanged: expected true or false" },
    { [](Json& d) { d["view"].erase("color_mode"); }, "view.color_mode: missing" },
    { [](Json& d) { d["view"]["camera"]["position"] = Json{ 1, 2 }; }, "view.camera.position: expected a list of 3" },
    { [](Json& d) { d["view"]["camera"]["view_up"] = Json{ 1, "2", 3 }; }, "view.camera.view_up: expected a list" },
    { [](Json& d) { d.erase("view"); }, "view: missing" },
    { [](Json& d) { d["custom"]["quantizers"]["head.output[0]"]["bitwidth"] = 99; },
      "custom: quantizers[\"head.output[0]\"].bitwidth: 99 is outside" },
    { [](Json& d) { d["custom"]["format"] = "quantlens-session"; }, "custom: format: " },
    { [](Json& d) { d["custom"] = Json::array(); }, "custom: expected an overrides object" },
    { [](Json& d) { d["model_sidecar"] = "{\"format\": \"quantlens-model\", \"version\": 1}"; },
      "model_sidecar: input_shape: missing" },
    { [](Json& d) { d["model_sidecar"] = "{"; }, "model_sidecar: the text is not valid JSON" },
    { [](Json& d) { d["custom_file"] = "net.encodings"; }, "custom_file: expected an object" },
    { [](Json& d) { d["custom_file"].erase("file_name"); }, "custom_file.file_name: missing" },
    { [](Json& d) { d["custom_file"]["file_name"] = 3; }, "custom_file.file_name: expected a string" },
    { [](Json& d) { d["custom_file"]["text"] = "{"; }, "custom_file.text: the text is not valid JSON" },
    { [](Json& d) { d["custom_file"]["text"] = Json::object(); }, "custom_file.text: expected JSON text in a string" },
    { [](Json& d) { d["custom_file"]["path"] = "x"; }, "custom_file.path: unknown key" },
    { [](Json& d) { d["analyses"] = Json::array(); }, "analyses: expected an object" },
    { [](Json& d) { d["analyses"]["amp"] = 1; }, "analyses.amp: unknown key" },
    { [](Json& d) { d["analyses"]["sensitivity"]["mode"] = "only"; }, "analyses.sensitivity.mode: expected \"only_this" },
    { [](Json& d) { d["analyses"]["sensitivity"]["preset"] = "W3A8"; }, "analyses.sensitivity.preset: " },
    { [](Json& d) { d["analyses"]["sensitivity"].erase("scans"); }, "analyses.sensitivity.scans: missing" },
    { [](Json& d) { d["analyses"]["evaluation"]["scans"] = Json{ 1, -2 }; },
      "analyses.evaluation.scans[1]: expected a scan index" },
    { [](Json& d) { d["analyses"]["evaluation"] = Json::array(); }, "analyses.evaluation: expected an object" },
    { [](Json& d) { d["analyses"]["mixed_precision"]["max_drop"] = -0.5; },
      "analyses.mixed_precision.max_drop: expected a drop >= 0" },
    { [](Json& d) { d["analyses"]["mixed_precision"]["max_drop"] = "0.01"; },
      "analyses.mixed_precision.max_drop: expected a finite number" },
    { [](Json& d) { d["analyses"]["mixed_precision"]["promote_to"] = 64; },
      "analyses.mixed_precision.promote_to: expected a bitwidth 2..32, got 64" },
    { [](Json& d) { d["analyses"]["mixed_precision"]["metric"] = "iou"; },
      "analyses.mixed_precision.metric: expected \"agreement\" or \"miou\"" },
    { [](Json& d) { d["cached_results"] = "{}"; }, "cached_results: expected an object" },
    { [](Json& d) { d["cached_results"]["version"] = 5; },
      "cached_results: version: cached results version 5 is not supported" },
    { [](Json& d) { d["cached_results"]["format"] = "quantlens-session"; },
      "cached_results: are not cached QuantLens results" },
    { [](Json& d) { d["cached_results"]["scans"][0]["point_count"] = 4; },
      "cached_results: scans[0].predictions[0].point_labels: 5 labels for a scan of 4 points" },
    { [](Json& d) { d["cached_results"]["scans"][0]["predictions"][0]["point_labels"]["runs"][0] = 300; },
      "cached_results: scans[0].predictions[0].point_labels.runs[0]: expected a label 0..255" },
  };
  const auto file = project.dir / "damaged.qlens";
  for (const Case& c : cases) {
    SCOPED_TRACE(c.expected);
    Json document = validDocument(project);
    c.damage(document);
    test::writeText(file, document.dump(2));
    test::expectEngineError([&] { SessionFile::read(file); }, { file.string() + ": " + c.expected });
  }
  // The undamaged document reads, so every failure above comes from its one damaged field.
  test::writeText(file, validDocument(project).dump(2));
  EXPECT_NO_THROW(SessionFile::read(file));
}

TEST(SessionFileTest, FailedWriteKeepsTheOldFile)
{
  const Project project = makeProject(test::freshTempDir("SessionAtomic"));
  const SessionState old = fullState(project);
  SessionFile::write(project.session, old);
  const std::string oldBytes = fileio::readText(project.session);

  SessionState newer = old;
  newer.scanIndex = 99;

  // The write fails after the text is built, when the temporary file cannot be created
  // (FileIO writes through "<file>.tmp-<pid>"; a folder of that name is in the way).
  const fs::path temporary = project.session.string() + ".tmp-" + std::to_string(::getpid());
  fs::create_directories(temporary);
  test::expectEngineError([&] { SessionFile::write(project.session, newer); },
                          { "cannot write", project.session.string() });
  EXPECT_EQ(fileio::readText(project.session), oldBytes);
  EXPECT_EQ(SessionFile::read(project.session).scanIndex, 12u);
  fs::remove(temporary);

  // A state that cannot be written fails before the file is touched.
  SessionState invalid = newer;
  invalid.view.camera->position[1] = std::numeric_limits<double>::quiet_NaN();
  test::expectEngineError([&] { SessionFile::write(project.session, invalid); },
                          { project.session.string(), "view.camera.position", "finite" });
  invalid = newer;
  invalid.view.pointSize = 0;
  test::expectEngineError([&] { SessionFile::write(project.session, invalid); }, "view.point_size");
  invalid = newer;
  invalid.custom->quantizers["head.output[0]"].bitwidth = 64;
  test::expectEngineError([&] { SessionFile::write(project.session, invalid); }, { "custom", "outside 2..32" });
  invalid = newer;
  invalid.modelSidecarJson = "{\"format\": \"quantlens-model\", \"version\": 1}";
  test::expectEngineError([&] { SessionFile::write(project.session, invalid); }, "model_sidecar: input_shape");
  invalid = newer;
  invalid.customFile->text = "{\"version\": ";
  test::expectEngineError([&] { SessionFile::write(project.session, invalid); },
                          { project.session.string(), "custom_file.text: the text is not valid JSON" });
  invalid = newer;
  invalid.analyses.mixedPrecision->promoteTo = 1;
  test::expectEngineError([&] { SessionFile::write(project.session, invalid); },
                          "analyses.mixed_precision.promote_to: expected a bitwidth");
  invalid = newer;
  invalid.analyses.mixedPrecision->maxDrop = std::numeric_limits<double>::infinity();
  test::expectEngineError([&] { SessionFile::write(project.session, invalid); }, "analyses.mixed_precision.max_drop");
  invalid = newer;
  invalid.cachedResults->scans[0].predictions["w8a8"].pointLabels.pop_back();
  test::expectEngineError([&] { SessionFile::write(project.session, invalid); },
                          { "cannot write", project.session.string(),
                            ": cached_results: scans[0].predictions[0].point_labels: 4 labels for a scan of 5 points" });
  invalid = newer;
  invalid.cachedResults->scans[0].predictions["w8a8"].metrics->miou = std::numeric_limits<double>::quiet_NaN();
  test::expectEngineError([&] { SessionFile::write(project.session, invalid); },
                          "cached_results: scans[0].predictions[0].metrics.miou: expected a finite number");
  EXPECT_EQ(fileio::readText(project.session), oldBytes);

  // A folder that cannot hold the file: its parent is a regular file.
  test::expectEngineError([&] { SessionFile::write(project.model / "inside.qlens", newer); }, "cannot write");
  EXPECT_EQ(fileio::readText(project.model), "not a real model");

  // No temporary file is left behind by any of the failures.
  for (const auto& entry : fs::directory_iterator(project.dir))
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();

  // And the next good write replaces the file.
  SessionFile::write(project.session, newer);
  EXPECT_EQ(SessionFile::read(project.session).scanIndex, 99u);
}

TEST(SessionFileTest, ReadingNeverChangesTheFile)
{
  const Project project = makeProject(test::freshTempDir("SessionReadOnly"));
  SessionFile::write(project.session, fullState(project));
  Json newer = validDocument(project);
  newer["version"] = 7;
  const auto newerFile = project.dir / "newer.qlens";
  test::writeText(newerFile, newer.dump());

  for (const fs::path& file : { project.session, newerFile }) {
    SCOPED_TRACE(file.string());
    const std::string before = fileio::readText(file);
    const auto modified = fs::last_write_time(file);
    try {
      SessionFile::read(file);
    } catch (const EngineError&) {
    }
    EXPECT_EQ(fileio::readText(file), before);
    EXPECT_EQ(fs::last_write_time(file), modified);
  }
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(project.dir))
    ++entries;
  EXPECT_EQ(entries, 5u); // models, kitti, configs, review.qlens, newer.qlens
}

} // namespace
} // namespace quantlens
