#include "quant/EncodingsFile.h"

#include "TestData.h"
#include "core/EngineError.h"
#include "core/FileIO.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <functional>
#include <ostream>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

namespace quantlens {

// So a failed EXPECT_EQ on encodings shows the values, not bytes.
void PrintTo(const Encoding& encoding, std::ostream* out)
{
  *out << "{bw " << encoding.bitwidth << (encoding.dtype == QuantDtype::Float ? " float" : " int")
       << (encoding.symmetric ? " sym" : " asym") << " scale " << encoding.scale << " offset " << encoding.offset
       << " min " << encoding.min << " max " << encoding.max << "}";
}

namespace {

using Json = nlohmann::json;

Encoding intEncoding(int bitwidth, bool symmetric, double scale, std::int64_t offset)
{
  Encoding encoding;
  encoding.bitwidth = bitwidth;
  encoding.symmetric = symmetric;
  encoding.scale = scale;
  encoding.offset = offset;
  // The non-strict grid: [scale·offset, scale·(offset + 2^bw − 1)].
  encoding.min = scale * static_cast<double>(offset);
  encoding.max = scale * (static_cast<double>(offset) + std::pow(2.0, bitwidth) - 1.0);
  return encoding;
}

Encoding floatEncoding()
{
  Encoding encoding;
  encoding.bitwidth = 16;
  encoding.dtype = QuantDtype::Float;
  return encoding;
}

/// A document with the reference's worked numbers (aimet-quantization.md):
/// [−1, 3] at 8 bit → scale 0.01568627450980392, offset −64, min −1.003921568627451, max 2.996078431372549;
/// at 16 bit → scale 6.103608758678569e-05, offset −16384; weights [−0.5, 0.4] 8-bit symmetric →
/// scale 0.003937007874015748, offset −128, range [−0.5039370078740157, 0.5].
EncodingsDocument sampleDocument()
{
  EncodingsDocument document;
  Encoding act8;
  act8.bitwidth = 8;
  act8.scale = 0.01568627450980392;
  act8.offset = -64;
  act8.min = -1.003921568627451;
  act8.max = 2.996078431372549;
  Encoding weight8;
  weight8.bitwidth = 8;
  weight8.symmetric = true;
  weight8.scale = 0.003937007874015748;
  weight8.offset = -128;
  weight8.min = -0.5039370078740157;
  weight8.max = 0.5;
  document.encodings["downCntx.conv1.input[0]"] = { intEncoding(16, false, 6.103608758678569e-05, -16384) };
  document.encodings["downCntx.conv1.output[0]"] = { act8 };
  document.encodings["block.cat_1.input[1]"] = { intEncoding(8, false, 0.02, -10) };
  document.encodings["add_0.output[0]"] = { floatEncoding() };
  document.encodings["downCntx.conv1.weight"] = { weight8,
                                                  intEncoding(8, true, 0.001, -128),
                                                  intEncoding(8, true, 0.25, -128) };
  document.encodings["head.weight"] = { intEncoding(4, true, 0.125, -8) };
  document.excludedLayers = { "skipped.layer" };
  EncodingsQuantizerArgs args;
  args.activationBitwidth = 8;
  args.paramBitwidth = 4;
  args.isSymmetric = true;
  args.perChannel = true;
  args.quantScheme = "post_training_tf_enhanced";
  document.quantizerArgs = args;
  return document;
}

QuantizerInfo quantizer(const std::string& name)
{
  QuantizerInfo info;
  info.name = name;
  return info;
}

TEST(EncodingsFileTest, Write061ThenReadGivesTheSameDocument)
{
  const auto dir = test::freshTempDir("EncodingsWrite061");
  const auto file = dir / "model_torch.encodings";
  EncodingsDocument document = sampleDocument();
  EncodingsFile::write061(file, document);
  const EncodingsDocument read = EncodingsFile::read(file);
  document.version = "0.6.1";
  EXPECT_EQ(read, document);
  EXPECT_FALSE(std::filesystem::exists(file.string() + ".tmp-" + std::to_string(::getpid())));
}

TEST(EncodingsFileTest, Written061HasAimetStructure)
{
  const std::string text = EncodingsFile::toJson061(sampleDocument());
  const Json root = Json::parse(text);
  std::set<std::string> keys;
  for (const auto& item : root.items())
    keys.insert(item.key());
  EXPECT_EQ(keys,
            (std::set<std::string>{
              "activation_encodings", "excluded_layers", "param_encodings", "quantizer_args", "version" }));
  EXPECT_EQ(root["version"], "0.6.1");

  // Sorted keys, indent 4 (json.dump(sort_keys=True, indent=4)).
  EXPECT_LT(text.find("\"activation_encodings\""), text.find("\"excluded_layers\""));
  EXPECT_LT(text.find("\"param_encodings\""), text.find("\"quantizer_args\""));
  EXPECT_LT(text.find("\"quantizer_args\""), text.find("\"version\""));
  EXPECT_NE(text.find("\n    \"activation_encodings\": {"), std::string::npos);

  const Json& activations = root["activation_encodings"];
  ASSERT_TRUE(activations.is_object());
  EXPECT_EQ(activations.size(), 3u); // downCntx.conv1, block.cat_1, add_0
  const Json& input = activations["downCntx.conv1"]["input"]["0"];
  ASSERT_TRUE(input.is_object());
  EXPECT_EQ(input["bitwidth"], 16);
  EXPECT_EQ(input["dtype"], "int");
  ASSERT_TRUE(input["is_symmetric"].is_string());
  EXPECT_EQ(input["is_symmetric"], "False");
  EXPECT_EQ(input["offset"], -16384);
  EXPECT_TRUE(input["offset"].is_number_integer());
  EXPECT_EQ(input["scale"].get<double>(), 6.103608758678569e-05);
  const Json& output = activations["downCntx.conv1"]["output"]["0"];
  EXPECT_EQ(output["min"].get<double>(), -1.003921568627451);
  EXPECT_EQ(output["max"].get<double>(), 2.996078431372549);
  EXPECT_TRUE(activations["block.cat_1"]["input"]["1"].is_object());
  EXPECT_FALSE(activations["block.cat_1"].contains("output"));
  EXPECT_EQ(activations["add_0"]["output"]["0"], (Json{ { "bitwidth", 16 }, { "dtype", "float" } }));

  const Json& params = root["param_encodings"];
  ASSERT_TRUE(params.is_object());
  EXPECT_EQ(params.size(), 2u);
  const Json& weight = params["downCntx.conv1.weight"];
  ASSERT_TRUE(weight.is_array());
  ASSERT_EQ(weight.size(), 3u);
  for (const Json& channel : weight) {
    EXPECT_EQ(channel["is_symmetric"], "True");
    EXPECT_LE(channel["offset"].get<long long>(), 0);
    for (const char* key : { "bitwidth", "dtype", "is_symmetric", "max", "min", "offset", "scale" })
      EXPECT_TRUE(channel.contains(key)) << key;
  }
  EXPECT_EQ(weight[0]["min"].get<double>(), -0.5039370078740157);
  EXPECT_EQ(weight[0]["max"].get<double>(), 0.5);
  ASSERT_TRUE(params["head.weight"].is_array());
  EXPECT_EQ(params["head.weight"].size(), 1u);
  EXPECT_EQ(params["head.weight"][0]["bitwidth"], 4);
  EXPECT_EQ(params["head.weight"][0]["offset"], -8);

  EXPECT_EQ(root["excluded_layers"], Json::array({ "skipped.layer" }));
  const Json& args = root["quantizer_args"];
  EXPECT_EQ(args["activation_bitwidth"], 8);
  EXPECT_EQ(args["param_bitwidth"], 4);
  EXPECT_EQ(args["dtype"], "int");
  EXPECT_TRUE(args["is_symmetric"].is_boolean());
  EXPECT_EQ(args["per_channel_quantization"], true);
  EXPECT_EQ(args["quant_scheme"], "post_training_tf_enhanced");
}

TEST(EncodingsFileTest, Written100HasAimetStructureAndReadsBack)
{
  const auto dir = test::freshTempDir("EncodingsWrite100");
  const auto file = dir / "model.encodings";
  EncodingsFile::write100(file, sampleDocument());
  const Json root = Json::parse(fileio::readText(file));
  EXPECT_EQ(root["version"], "1.0.0");
  ASSERT_TRUE(root["activation_encodings"].is_array());
  ASSERT_TRUE(root["param_encodings"].is_array());
  EXPECT_EQ(root["activation_encodings"].size(), 4u);
  EXPECT_EQ(root["param_encodings"].size(), 2u);
  for (const Json& entry : root["activation_encodings"]) {
    EXPECT_EQ(entry["enc_type"], "PER_TENSOR");
    if (entry["name"] == "add_0.output[0]") {
      EXPECT_EQ(
        entry,
        (Json{ { "name", "add_0.output[0]" }, { "dtype", "FLOAT" }, { "enc_type", "PER_TENSOR" }, { "bw", 16 } }));
      continue;
    }
    EXPECT_EQ(entry["dtype"], "INT");
    EXPECT_TRUE(entry["is_sym"].is_boolean());
    EXPECT_EQ(entry["scale"].size(), 1u);
    EXPECT_EQ(entry["offset"].size(), 1u);
    EXPECT_FALSE(entry.contains("min"));
  }
  const Json& first = root["activation_encodings"][0]; // sorted by name: add_0, block.cat_1, downCntx.conv1.input, ...
  EXPECT_EQ(first["name"], "add_0.output[0]");
  const Json& input = root["activation_encodings"][2];
  EXPECT_EQ(input["name"], "downCntx.conv1.input[0]");
  EXPECT_EQ(input["bw"], 16);
  EXPECT_EQ(input["is_sym"], false);
  EXPECT_EQ(input["offset"][0], -16384);
  for (const Json& entry : root["param_encodings"]) {
    if (entry["name"] == "downCntx.conv1.weight") {
      EXPECT_EQ(entry["enc_type"], "PER_CHANNEL");
      EXPECT_EQ(entry["scale"].size(), 3u);
      EXPECT_EQ(entry["offset"], Json::array({ -128, -128, -128 }));
      EXPECT_EQ(entry["is_sym"], true);
    } else {
      EXPECT_EQ(entry["name"], "head.weight");
      EXPECT_EQ(entry["enc_type"], "PER_TENSOR");
      EXPECT_EQ(entry["bw"], 4);
    }
  }

  // Reading 1.0.0: scale/offset as written, min/max derived on the non-strict grid.
  const EncodingsDocument read = EncodingsFile::read(file);
  EXPECT_EQ(read.version, "1.0.0");
  EXPECT_EQ(read.encodings.size(), 6u);
  const Encoding& output = read.encodings.at("downCntx.conv1.output[0]").at(0);
  EXPECT_EQ(output.scale, 0.01568627450980392);
  EXPECT_EQ(output.offset, -64);
  EXPECT_DOUBLE_EQ(output.min, -1.003921568627451);
  EXPECT_DOUBLE_EQ(output.max, 2.996078431372549);
  const auto& weight = read.encodings.at("downCntx.conv1.weight");
  ASSERT_EQ(weight.size(), 3u);
  EXPECT_DOUBLE_EQ(weight[0].min, -0.5039370078740157);
  EXPECT_DOUBLE_EQ(weight[0].max, 0.003937007874015748 * 127);
  EXPECT_TRUE(weight[2].symmetric);
  EXPECT_EQ(read.encodings.at("add_0.output[0]").at(0).dtype, QuantDtype::Float);
  EXPECT_EQ(read.quantizerArgs, sampleDocument().quantizerArgs);
  EXPECT_EQ(read.excludedLayers, sampleDocument().excludedLayers);
}

TEST(EncodingsFileTest, ReadsAimetStyleVariants)
{
  // Activation ENC wrapped in a one-element list (newer aimet_torch), an offset stored as a float,
  // no dtype (older files), and no quantizer_args.
  const std::string text = R"({
    "version": "0.6.1",
    "activation_encodings": { "m": { "output": { "0": [ { "bitwidth": 8, "is_symmetric": "False",
        "min": -0.5, "max": 1.5, "scale": 0.00784313725490196, "offset": -64.0 } ] } } },
    "param_encodings": { "m.weight": [ { "bitwidth": 8, "dtype": "int", "is_symmetric": "True",
        "min": -1.0, "max": 0.9921875, "scale": 0.0078125, "offset": -128 } ] },
    "excluded_layers": [] })";
  const EncodingsDocument document = EncodingsFile::fromJson(text, "aimet.encodings");
  ASSERT_EQ(document.encodings.size(), 2u);
  const Encoding& output = document.encodings.at("m.output[0]").at(0);
  EXPECT_EQ(output.offset, -64);
  EXPECT_EQ(output.min, -0.5);
  EXPECT_EQ(output.max, 1.5);
  EXPECT_FALSE(output.symmetric);
  EXPECT_EQ(output.dtype, QuantDtype::Int);
  EXPECT_TRUE(document.encodings.at("m.weight").at(0).symmetric);
  EXPECT_FALSE(document.quantizerArgs.has_value());
}

std::string readError(const std::string& text)
{
  return test::engineErrorOf([&] { EncodingsFile::fromJson(text, "x.encodings"); });
}

const char* const kGood061 = R"({ "version": "0.6.1",
  "activation_encodings": { "downCntx.conv1": { "output": { "0": { "bitwidth": 8, "dtype": "int",
      "is_symmetric": "False", "min": -1.0, "max": 3.0, "scale": 0.0156862745, "offset": -64 } } } },
  "param_encodings": { "conv.weight": [
      { "bitwidth": 8, "dtype": "int", "is_symmetric": "True", "min": -1.0, "max": 0.99, "scale": 0.0078, "offset": -128 },
      { "bitwidth": 8, "dtype": "int", "is_symmetric": "True", "min": -2.0, "max": 1.98, "scale": 0.0156, "offset": -128 } ] },
  "excluded_layers": [] })";

std::string good061With(const std::string& from, const std::string& to)
{
  std::string text = kGood061;
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "test setup: " << from;
  return text.replace(at, from.size(), to);
}

TEST(EncodingsFileTest, BadEntriesNameTheKey)
{
  EXPECT_NO_THROW(EncodingsFile::fromJson(kGood061, "x.encodings"));
  EXPECT_EQ(readError(good061With(R"("scale": 0.0156862745, )", "")),
            "x.encodings: activation_encodings.downCntx.conv1.output.0: missing 'scale'");
  EXPECT_EQ(readError(good061With(R"("min": -2.0, )", "")),
            "x.encodings: param_encodings.conv.weight[1]: missing 'min'");
  EXPECT_NE(readError(good061With(R"("offset": -64)", R"("offset": 3)"))
              .find("activation_encodings.downCntx.conv1.output.0.offset: expected an integer offset <= 0, got 3"),
            std::string::npos);
  EXPECT_NE(readError(good061With(R"("offset": -64)", R"("offset": -6.5)")).find("output.0.offset"), std::string::npos);
  EXPECT_NE(readError(good061With(R"("is_symmetric": "False")", R"("is_symmetric": "no")"))
              .find("output.0.is_symmetric: expected \"True\" or \"False\", got \"no\""),
            std::string::npos);
  EXPECT_NE(readError(good061With(R"("bitwidth": 8, "dtype": "int",
      "is_symmetric": "False")",
                                  R"("bitwidth": 40, "dtype": "int",
      "is_symmetric": "False")"))
              .find("output.0.bitwidth: expected an integer bitwidth in 2..32, got 40"),
            std::string::npos);
  EXPECT_NE(readError(good061With(R"("dtype": "int",
      "is_symmetric": "False")",
                                  R"("dtype": "fixed",
      "is_symmetric": "False")"))
              .find("output.0.dtype"),
            std::string::npos);
  EXPECT_NE(readError(good061With(R"("scale": 0.0078,)", R"("scale": "0.0078",)")).find("conv.weight[0].scale"),
            std::string::npos);
  EXPECT_NE(readError(good061With(R"("scale": 0.0078,)", R"("scale": 0,)")).find("conv.weight[0].scale: must be > 0"),
            std::string::npos);
  EXPECT_NE(readError(good061With(R"("max": 3.0)", R"("max": -3.0)")).find("is larger than max"), std::string::npos);
  EXPECT_EQ(readError(R"({"version": "0.6.1", "activation_encodings": {}, "param_encodings": {"w": {"bitwidth": 8}}})"),
            "x.encodings: param_encodings.w: expected a non-empty list of encodings, got {\"bitwidth\":8}");
  EXPECT_NE(readError(good061With(R"({ "output": {)", R"({ "outputs": {)"))
              .find("activation_encodings.downCntx.conv1.outputs: unknown key"),
            std::string::npos);
  EXPECT_NE(readError(good061With(R"("output": { "0":)", R"("output": { "first":)"))
              .find("activation_encodings.downCntx.conv1.output.first: expected a tensor index"),
            std::string::npos);
  EXPECT_EQ(readError(R"({"version": "0.6.1", "activation_encodings": {}, "param_encodings": []})"),
            "x.encodings: param_encodings: expected an object, got []");
  EXPECT_EQ(readError(R"({"version": "0.6.1", "activation_encodings": {"m": 3}, "param_encodings": {}})"),
            "x.encodings: activation_encodings.m: expected an object with \"input\" and/or \"output\", got 3");
}

TEST(EncodingsFileTest, BadDocumentsAreErrors)
{
  // No version (save_encodings_to_json() writes none): read by its layout, the same as with one.
  const auto versionless = EncodingsFile::fromJson(good061With(R"("version": "0.6.1",)", ""), "x.json");
  const auto versioned = EncodingsFile::fromJson(kGood061, "x.encodings");
  EXPECT_EQ(versionless.encodings, versioned.encodings);
  EXPECT_EQ(versionless.layout, EncodingsLayout::ModuleDict);
  EXPECT_EQ(versionless.encodings.size(), 2u); // one activation, one weight of two channels
  EXPECT_NE(readError(good061With(R"("0.6.1")", R"("0.7.0")")).find("x.encodings: version: unsupported"),
            std::string::npos);
  // Keys a later AIMET may add are ignored.
  EXPECT_EQ(readError(good061With(R"("excluded_layers": [] })", R"("excluded_layers": [], "x": 1 })")), "");
  EXPECT_EQ(readError(good061With(R"(,
  "param_encodings": { "conv.weight": [)",
                                  R"(,
  "param_encodings_": { "conv.weight": [)")),
            "x.encodings: missing 'param_encodings'");
  EXPECT_NE(readError(good061With(R"("excluded_layers": [])", R"("excluded_layers": [3])")).find("excluded_layers[0]"),
            std::string::npos);
  const std::string invalid = readError("{ \"version\": \"0.6.1\",\n \"activation_encodings\": { ");
  EXPECT_EQ(invalid.rfind("x.encodings: invalid JSON", 0), 0u) << invalid;
  EXPECT_NE(invalid.find("line 2"), std::string::npos) << invalid;

  const std::string missing = test::engineErrorOf([] { EncodingsFile::read("/nonexistent/dir/y.encodings"); });
  EXPECT_NE(missing.find("y.encodings"), std::string::npos) << missing;
}

TEST(EncodingsFileTest, Bad100EntriesNameTheKey)
{
  const std::string good = R"({ "version": "1.0.0",
    "activation_encodings": [ { "name": "a.output[0]", "dtype": "INT", "enc_type": "PER_TENSOR", "bw": 8,
                                "is_sym": false, "scale": [0.1], "offset": [-10] } ],
    "param_encodings": [ { "name": "a.weight", "dtype": "INT", "enc_type": "PER_CHANNEL", "bw": 4,
                           "is_sym": true, "scale": [0.1, 0.2], "offset": [-8, -8] } ] })";
  const EncodingsDocument document = EncodingsFile::fromJson(good, "x.encodings");
  ASSERT_EQ(document.encodings.at("a.weight").size(), 2u);
  EXPECT_DOUBLE_EQ(document.encodings.at("a.weight")[1].min, -1.6);
  EXPECT_DOUBLE_EQ(document.encodings.at("a.weight")[1].max, 0.2 * 7);
  EXPECT_DOUBLE_EQ(document.encodings.at("a.output[0]")[0].max, 0.1 * 245);

  auto with = [&good](const std::string& from, const std::string& to) {
    std::string text = good;
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return readError(text.replace(at, from.size(), to));
  };
  EXPECT_EQ(with(R"("scale": [0.1], )", ""), "x.encodings: activation_encodings[0] (a.output[0]): missing 'scale'");
  EXPECT_NE(with(R"("offset": [-8, -8])", R"("offset": [-8])").find("param_encodings[0] (a.weight).offset"),
            std::string::npos);
  EXPECT_NE(with(R"("is_sym": false)", R"("is_sym": "False")").find("(a.output[0]).is_sym"), std::string::npos);
  EXPECT_NE(with(R"("enc_type": "PER_TENSOR")", R"("enc_type": "PER_CHANNEL")").find("(a.output[0]).enc_type"),
            std::string::npos);
  EXPECT_NE(with(R"("enc_type": "PER_CHANNEL")", R"("enc_type": "PER_BLOCK")").find("not supported"),
            std::string::npos);
  EXPECT_NE(with(R"("name": "a.weight")", R"("name": "a.output[0]")").find("a second encoding"), std::string::npos);
  EXPECT_NE(with(R"("name": "a.weight", )", "").find("param_encodings[0]: missing 'name'"), std::string::npos);
}

TEST(EncodingsFileTest, WriterRejectsWhatAimetCannotHold)
{
  EncodingsDocument document;
  document.encodings["m.output[0]"] = { intEncoding(8, false, 0.1, -3), intEncoding(8, false, 0.1, -3) };
  EXPECT_NE(test::engineErrorOf([&] { EncodingsFile::toJson061(document); }).find("'m.output[0]' has 2 encodings"),
            std::string::npos);
  document.encodings["m.output[0]"] = {};
  EXPECT_NE(test::engineErrorOf([&] { EncodingsFile::toJson100(document); }).find("'m.output[0]' has no encoding"),
            std::string::npos);
}

TEST(EncodingsFileTest, UnmatchedAndMissingNames)
{
  const EncodingsDocument document = sampleDocument();
  const std::vector<QuantizerInfo> model = { quantizer("downCntx.conv1.weight"),
                                             quantizer("downCntx.conv1.output[0]"),
                                             quantizer("resBlock1.pool.output[0]"),
                                             quantizer("head.weight"),
                                             quantizer("new.input[0]") };
  EXPECT_EQ(EncodingsFile::unmatchedNames(document, model),
            (std::vector<std::string>{ "add_0.output[0]", "block.cat_1.input[1]", "downCntx.conv1.input[0]" }));
  EXPECT_EQ(EncodingsFile::missingNames(document, model),
            (std::vector<std::string>{ "resBlock1.pool.output[0]", "new.input[0]" }));
  EXPECT_TRUE(EncodingsFile::unmatchedNames(EncodingsDocument{}, model).empty());
}

TEST(EncodingsFileTest, SingleEncodingJsonRoundTrip)
{
  const Encoding encoding = intEncoding(6, true, 0.03125, -32);
  const std::string text = EncodingsFile::encodingToJson(encoding);
  EXPECT_EQ(Json::parse(text)["is_symmetric"], "True");
  EXPECT_EQ(EncodingsFile::encodingFromJson(text, "s", "enc"), encoding);
  EXPECT_EQ(test::engineErrorOf([] { EncodingsFile::encodingFromJson(R"({"bitwidth": 8})", "s", "enc"); }),
            "s: enc: missing 'min'");
}

// ---- Layouts AIMET writes: each test writes its own small file in that shape. ----

/// An encoding exactly as a 0.6.1 ENC states it (min and max as written, not derived).
Encoding stated(int bitwidth, bool symmetric, double min, double max, double scale, std::int64_t offset)
{
  Encoding encoding;
  encoding.bitwidth = bitwidth;
  encoding.symmetric = symmetric;
  encoding.min = min;
  encoding.max = max;
  encoding.scale = scale;
  encoding.offset = offset;
  return encoding;
}

std::set<std::string> namesOf(const EncodingsDocument& document)
{
  std::set<std::string> names;
  for (const auto& entry : document.encodings)
    names.insert(entry.first);
  return names;
}

EncodingsDocument readFile(const std::string& testName, const std::string& fileName, const std::string& text)
{
  const auto file = test::freshTempDir(testName) / fileName;
  test::writeText(file, text);
  return EncodingsFile::read(file);
}

TEST(EncodingsFileTest, ReadsTorch061ModuleKeyedFile)
{
  // aimet_torch 1.x sim.export(): "<prefix>_torch.encodings", per-channel weights, a 16-bit input.
  const EncodingsDocument document = readFile("EncodingsTorch061", "salsanext_torch.encodings", R"({
    "activation_encodings": {
        "downCntx.conv1": {
            "input": { "0": { "bitwidth": 16, "dtype": "int", "is_symmetric": "False",
                              "max": 2.5463899999999997, "min": -2.04106, "offset": -29158, "scale": 7e-05 } },
            "output": { "0": { "bitwidth": 8, "dtype": "int", "is_symmetric": "False",
                               "max": 2.996078431372549, "min": -1.003921568627451, "offset": -64,
                               "scale": 0.01568627450980392 } }
        },
        "module_softmax": { "output": { "0": { "bitwidth": 16, "dtype": "float" } } }
    },
    "excluded_layers": [],
    "param_encodings": {
        "downCntx.conv1.weight": [
            { "bitwidth": 8, "dtype": "int", "is_symmetric": "True", "max": 0.5, "min": -0.5039370078740157,
              "offset": -128, "scale": 0.003937007874015748 },
            { "bitwidth": 8, "dtype": "int", "is_symmetric": "True", "max": 0.127, "min": -0.128,
              "offset": -128, "scale": 0.001 }
        ]
    },
    "quantizer_args": { "activation_bitwidth": 8, "dtype": "int", "is_symmetric": true, "param_bitwidth": 8,
                        "per_channel_quantization": true, "quant_scheme": "post_training_tf_enhanced" },
    "version": "0.6.1"
})");
  EXPECT_EQ(document.layout, EncodingsLayout::ModuleDict);
  EXPECT_EQ(document.version, "0.6.1");
  EXPECT_EQ(
    namesOf(document),
    (std::set<std::string>{
      "downCntx.conv1.input[0]", "downCntx.conv1.output[0]", "downCntx.conv1.weight", "module_softmax.output[0]" }));
  EXPECT_EQ(document.encodings.at("downCntx.conv1.input[0]"),
            (std::vector{ stated(16, false, -2.04106, 2.5463899999999997, 7e-05, -29158) }));
  EXPECT_EQ(document.encodings.at("downCntx.conv1.output[0]"),
            (std::vector{ stated(8, false, -1.003921568627451, 2.996078431372549, 0.01568627450980392, -64) }));
  EXPECT_EQ(document.encodings.at("module_softmax.output[0]"), (std::vector{ floatEncoding() }));
  EXPECT_EQ(document.encodings.at("downCntx.conv1.weight"),
            (std::vector{ stated(8, true, -0.5039370078740157, 0.5, 0.003937007874015748, -128),
                          stated(8, true, -0.128, 0.127, 0.001, -128) }));
  ASSERT_TRUE(document.quantizerArgs.has_value());
  EXPECT_EQ(document.quantizerArgs->quantScheme, "post_training_tf_enhanced");
  EXPECT_TRUE(document.quantizerArgs->perChannel);
}

TEST(EncodingsFileTest, ReadsOldTorchFilesWithoutDtypeAndWith32BitBiases)
{
  // aimet_torch of the 0.4.0 era: no "dtype", float offsets, no quantizer_args or
  // excluded_layers, and a disabled bias quantizer exported as a 32-bit symmetric encoding.
  const std::string text = R"({
    "activation_encodings": {
        "conv1": { "output": { "0": { "bitwidth": 8, "is_symmetric": "False", "max": 2.6086959838867188,
                                      "min": -2.109158515930176, "offset": -114.0, "scale": 0.018501389771699905 } } }
    },
    "param_encodings": {
        "conv1.bias": [ { "bitwidth": 32, "is_symmetric": "True", "max": 0.8125, "min": -0.8125000003783498,
                          "offset": -2147483648, "scale": 3.78349796113721e-10 } ],
        "conv1.weight": [ { "bitwidth": 8, "is_symmetric": "True", "max": 0.06318144500255585,
                            "min": -0.06268782913684845, "offset": -127.0, "scale": 0.0004936049808748066 } ]
    },
    "version": "0.4.0"
})";
  const EncodingsDocument document = EncodingsFile::fromJson(text, "resnet_torch.encodings");
  EXPECT_EQ(document.layout, EncodingsLayout::ModuleDict);
  EXPECT_EQ(document.version, "0.4.0");
  EXPECT_EQ(namesOf(document), (std::set<std::string>{ "conv1.output[0]", "conv1.bias", "conv1.weight" }));
  EXPECT_EQ(document.encodings.at("conv1.output[0]"),
            (std::vector{ stated(8, false, -2.109158515930176, 2.6086959838867188, 0.018501389771699905, -114) }));
  EXPECT_EQ(document.encodings.at("conv1.bias"),
            (std::vector{ stated(32, true, -0.8125000003783498, 0.8125, 3.78349796113721e-10, -2147483648LL) }));
  EXPECT_EQ(document.encodings.at("conv1.weight"),
            (std::vector{ stated(8, true, -0.06268782913684845, 0.06318144500255585, 0.0004936049808748066, -127) }));
  EXPECT_FALSE(document.quantizerArgs.has_value());
  EXPECT_TRUE(document.excludedLayers.empty());

  // 0.5.0 added "dtype" and nothing else a reader needs.
  std::string with050 = text;
  with050.replace(with050.find("\"0.4.0\""), 7, "\"0.5.0\"");
  with050.replace(with050.find("\"bitwidth\": 8, \"is_symmetric\": \"False\""),
                  38,
                  "\"bitwidth\": 8, \"dtype\": \"int\", \"is_symmetric\": \"False\"");
  const EncodingsDocument document050 = EncodingsFile::fromJson(with050, "resnet_torch.encodings");
  EXPECT_EQ(document050.version, "0.5.0");
  EXPECT_EQ(document050.encodings, document.encodings);
}

TEST(EncodingsFileTest, ReadsDictShapedFileThatSays100ByItsLayout)
{
  // aimet_torch 2.x exports with encoding_version 1.0.0 still write the module-keyed
  // "_torch.encodings" with 0.6.1-style entries (some activations wrapped in a list) and say "1.0.0".
  const std::string text = R"({
    "activation_encodings": {
        "downCntx.act1": { "output": { "0": [ { "bitwidth": 8, "dtype": "int", "is_symmetric": "False",
                                                "max": 1.5, "min": -0.5, "offset": -64,
                                                "scale": 0.00784313725490196 } ] } },
        "resBlock1.pool": { "output": { "0": { "bitwidth": 16, "dtype": "int", "is_symmetric": "False",
                                               "max": 2.5463899999999997, "min": -2.04106, "offset": -29158,
                                               "scale": 7e-05 } } }
    },
    "excluded_layers": [],
    "param_encodings": {
        "downCntx.conv1.weight": [ { "bitwidth": 4, "dtype": "int", "is_symmetric": "True", "max": 0.875,
                                     "min": -1.0, "offset": -8, "scale": 0.125 } ]
    },
    "quantizer_args": { "activation_bitwidth": 8, "dtype": "int", "is_symmetric": true, "param_bitwidth": 4,
                        "per_channel_quantization": false, "quant_scheme": "post_training_tf" },
    "version": "1.0.0"
})";
  const EncodingsDocument document = EncodingsFile::fromJson(text, "model_torch.encodings");
  EXPECT_EQ(document.layout, EncodingsLayout::ModuleDict);
  EXPECT_EQ(document.version, "1.0.0");
  EXPECT_EQ(document.encodings.at("downCntx.act1.output[0]"),
            (std::vector{ stated(8, false, -0.5, 1.5, 0.00784313725490196, -64) }));
  EXPECT_EQ(document.encodings.at("resBlock1.pool.output[0]"),
            (std::vector{ stated(16, false, -2.04106, 2.5463899999999997, 7e-05, -29158) }));
  EXPECT_EQ(document.encodings.at("downCntx.conv1.weight"), (std::vector{ stated(4, true, -1.0, 0.875, 0.125, -8) }));
  EXPECT_EQ(document.quantizerArgs->paramBitwidth, 4);

  // The same layout with "2.0.0", as the "_torch.encodings" of a 2.0.0 export.
  std::string text200 = text;
  text200.replace(text200.find("\"1.0.0\""), 7, "\"2.0.0\"");
  EXPECT_EQ(EncodingsFile::fromJson(text200, "model_torch.encodings").encodings, document.encodings);
}

TEST(EncodingsFileTest, ReadsDictShapedFileWith100StyleEntries)
{
  // Exports where the module-keyed file holds 1.0.0-style objects (no "name", scale/offset lists).
  const EncodingsDocument document = EncodingsFile::fromJson(R"({
    "activation_encodings": {
        "head.conv": { "input": { "0": { "bw": 16, "dtype": "INT", "enc_type": "PER_TENSOR", "is_sym": false,
                                         "offset": [ -29158 ], "scale": [ 7e-05 ] } },
                       "output": { "0": { "bw": 16, "dtype": "FLOAT", "enc_type": "PER_TENSOR" } } }
    },
    "param_encodings": {
        "head.conv.weight": { "bw": 4, "dtype": "INT", "enc_type": "PER_CHANNEL", "is_sym": true,
                              "offset": [ -8, -8 ], "scale": [ 0.125, 0.25 ] },
        "head.conv.bias": [ { "bw": 8, "dtype": "INT", "enc_type": "PER_TENSOR", "is_sym": true,
                              "offset": [ -128 ], "scale": [ 0.5 ] } ]
    },
    "version": "1.0.0"
})",
                                                             "head_torch.encodings");
  EXPECT_EQ(document.layout, EncodingsLayout::ModuleDict);
  EXPECT_EQ(document.encodings.at("head.conv.input[0]"), (std::vector{ intEncoding(16, false, 7e-05, -29158) }));
  EXPECT_EQ(document.encodings.at("head.conv.input[0]").at(0).min, 7e-05 * -29158);
  EXPECT_EQ(document.encodings.at("head.conv.output[0]"), (std::vector{ floatEncoding() }));
  EXPECT_EQ(document.encodings.at("head.conv.weight"),
            (std::vector{ intEncoding(4, true, 0.125, -8), intEncoding(4, true, 0.25, -8) }));
  EXPECT_EQ(document.encodings.at("head.conv.weight").at(1).max, 0.25 * 7);
  EXPECT_EQ(document.encodings.at("head.conv.bias"), (std::vector{ intEncoding(8, true, 0.5, -128) }));
}

TEST(EncodingsFileTest, ReadsNamedListFileWithEverythingAimet100Writes)
{
  // A 1.0.0 list as QuantLens writes it, with the keys aimet_torch adds: "producer",
  // "quantizer_args", "excluded_layers", a FLOAT entry and a zero "zero_point_shift".
  const EncodingsDocument document = EncodingsFile::fromJson(R"({
    "activation_encodings": [
        { "bw": 16, "dtype": "INT", "enc_type": "PER_TENSOR", "is_sym": false, "name": "downCntx.conv1.input[0]",
          "offset": [ -29158 ], "scale": [ 7e-05 ] },
        { "bw": 16, "dtype": "FLOAT", "enc_type": "PER_TENSOR", "name": "module_softmax.output[0]" }
    ],
    "excluded_layers": [ "logits" ],
    "param_encodings": [
        { "bw": 8, "dtype": "INT", "enc_type": "PER_CHANNEL", "is_sym": true, "name": "downCntx.conv1.weight",
          "offset": [ -128, -128 ], "scale": [ 0.003937007874015748, 0.001 ], "zero_point_shift": [ 0.0, 0.0 ] }
    ],
    "producer": { "package": "aimet-torch", "version": "2.3.0" },
    "quantizer_args": { "activation_bitwidth": 16, "dtype": "int", "is_symmetric": "True", "param_bitwidth": 8,
                        "per_channel_quantization": "True", "quant_scheme": "post_training_percentile" },
    "version": "1.0.0"
})",
                                                             "salsanext.encodings");
  EXPECT_EQ(document.layout, EncodingsLayout::NamedList);
  EXPECT_EQ(document.version, "1.0.0");
  EXPECT_EQ(namesOf(document),
            (std::set<std::string>{ "downCntx.conv1.input[0]", "downCntx.conv1.weight", "module_softmax.output[0]" }));
  EXPECT_EQ(document.encodings.at("downCntx.conv1.input[0]"), (std::vector{ intEncoding(16, false, 7e-05, -29158) }));
  EXPECT_EQ(document.encodings.at("module_softmax.output[0]"), (std::vector{ floatEncoding() }));
  EXPECT_EQ(document.encodings.at("downCntx.conv1.weight"),
            (std::vector{ intEncoding(8, true, 0.003937007874015748, -128), intEncoding(8, true, 0.001, -128) }));
  EXPECT_EQ(document.excludedLayers, (std::vector<std::string>{ "logits" }));
  ASSERT_TRUE(document.quantizerArgs.has_value());
  EXPECT_EQ(document.quantizerArgs->activationBitwidth, 16);
  EXPECT_TRUE(document.quantizerArgs->isSymmetric); // the string "True", as AIMET's format description has it
  EXPECT_EQ(document.quantizerArgs->quantScheme, "post_training_percentile");
}

TEST(EncodingsFileTest, ReadsAdaRoundParameterFiles)
{
  // aimet_torch ≥ 1.32 AdaRound: {"param_encodings": {...}} and nothing else; libpymo float offsets.
  const EncodingsDocument current = readFile("EncodingsAdaRound", "adaround.encodings", R"({
    "param_encodings": {
        "conv1.weight": [
            { "bitwidth": 4, "dtype": "int", "is_symmetric": "True", "max": 0.875, "min": -1.0, "offset": -8.0,
              "scale": 0.125 },
            { "bitwidth": 4, "dtype": "int", "is_symmetric": "True", "max": 1.75, "min": -2.0, "offset": -8.0,
              "scale": 0.25 }
        ],
        "fc.weight": [ { "bitwidth": 8, "dtype": "int", "is_symmetric": "True", "max": 0.5,
                         "min": -0.5039370078740157, "offset": -128.0, "scale": 0.003937007874015748 } ]
    }
})");
  EXPECT_EQ(current.layout, EncodingsLayout::ParamsOnly);
  EXPECT_EQ(current.version, "");
  EXPECT_EQ(namesOf(current), (std::set<std::string>{ "conv1.weight", "fc.weight" }));
  EXPECT_EQ(current.encodings.at("conv1.weight"),
            (std::vector{ stated(4, true, -1.0, 0.875, 0.125, -8), stated(4, true, -2.0, 1.75, 0.25, -8) }));
  EXPECT_EQ(current.encodings.at("fc.weight"),
            (std::vector{ stated(8, true, -0.5039370078740157, 0.5, 0.003937007874015748, -128) }));

  // Before 1.32 the file was the bare dict, with no top-level keys at all.
  const EncodingsDocument bare = EncodingsFile::fromJson(R"({
    "conv1.weight": [ { "bitwidth": 4, "dtype": "int", "is_symmetric": "True", "max": 0.875, "min": -1.0,
                        "offset": -8.0, "scale": 0.125 },
                      { "bitwidth": 4, "dtype": "int", "is_symmetric": "True", "max": 1.75, "min": -2.0,
                        "offset": -8.0, "scale": 0.25 } ],
    "fc.weight": [ { "bitwidth": 8, "dtype": "int", "is_symmetric": "True", "max": 0.5, "min": -0.5039370078740157,
                     "offset": -128.0, "scale": 0.003937007874015748 } ]
})",
                                                         "adaround.encodings");
  EXPECT_EQ(bare.layout, EncodingsLayout::ParamsOnly);
  EXPECT_EQ(bare.encodings, current.encodings);

  // Something else without either section is no AdaRound file.
  EXPECT_EQ(readError(R"({"conv1.weight": 3})"),
            "x.encodings: conv1.weight: expected a list of encodings, got 3 (without \"activation_encodings\" or "
            "\"param_encodings\", the file must be AdaRound's parameter encodings)");
  EXPECT_EQ(readError("{}"), "x.encodings: is an empty JSON object, not an AIMET encodings file");
  EXPECT_EQ(readError(R"({"format": "quantlens-session", "version": 2})"),
            "x.encodings: is not an AIMET encodings file (\"format\": \"quantlens-session\")");
}

/// Checks the one-line ONNX refusal for `text` read as `source`.
void expectOnnxRefusal(const std::string& text,
                       const std::string& source,
                       const std::string& torchFile,
                       const std::string& entry)
{
  const std::string message = test::engineErrorOf([&] { EncodingsFile::fromJson(text, source); });
  SCOPED_TRACE(message);
  EXPECT_EQ(message.rfind(source + ": " + entry + ": ", 0), 0u);
  EXPECT_NE(message.find("ONNX tensor name"), std::string::npos);
  EXPECT_NE(message.find("open " + torchFile + " beside it"), std::string::npos);
  EXPECT_EQ(message.find('\n'), std::string::npos);
}

TEST(EncodingsFileTest, RefusesOnnxKeyedFilesAndNamesTheTorchFile)
{
  // AIMET's "<prefix>.encodings" for the ONNX model: activations keyed by tensor, each a list of ENC.
  const std::string enc = R"([ { "bitwidth": 8, "dtype": "int", "is_symmetric": "False", "max": 1.5, "min": -0.5,
                                  "offset": -64, "scale": 0.00784313725490196 } ])";
  for (const std::string tensor : { "100", "/conv1/Conv_output_0", "t.1", "input.1", "onnx::Conv_123" }) {
    const std::string text = R"({ "version": "0.6.1", "activation_encodings": { ")" + tensor + "\": " + enc +
                             R"( }, "param_encodings": { "conv1.weight": )" + enc + " } }";
    expectOnnxRefusal(text, "salsanext.encodings", "salsanext_torch.encodings", "activation_encodings." + tensor);
  }
  // Through read(), the message names the file as given and the one beside it.
  const auto dir = test::freshTempDir("EncodingsOnnx");
  test::writeText(dir / "model.encodings",
                  R"({ "version": "0.6.1", "activation_encodings": { "input.1": )" + enc +
                    R"( }, "param_encodings": {} })");
  const std::string message = test::engineErrorOf([&] { EncodingsFile::read(dir / "model.encodings"); });
  EXPECT_EQ(message.rfind((dir / "model.encodings").string() + ": activation_encodings.input.1: ", 0), 0u) << message;
  EXPECT_NE(message.find("open model_torch.encodings beside it"), std::string::npos) << message;

  // AIMET's 1.0.0 list files name ONNX tensors as well (the session quotes the file name).
  const std::string list = R"({ "version": "1.0.0",
    "activation_encodings": [ { "bw": 8, "dtype": "INT", "enc_type": "PER_TENSOR", "is_sym": false,
                                "name": "/downCntx/conv1/Conv_output_0", "offset": [ -64 ], "scale": [ 0.0156 ] } ],
    "param_encodings": [] })";
  expectOnnxRefusal(list,
                    "'/runs/w8a8/salsanext.encodings'",
                    "salsanext_torch.encodings",
                    "activation_encodings[0] (/downCntx/conv1/Conv_output_0)");
  // ONNX initializer names in parameters, with no activation to tell by.
  expectOnnxRefusal(R"({ "version": "0.6.1", "activation_encodings": {},
                         "param_encodings": { "onnx::Conv_123": )" +
                      enc + " } }",
                    "m.encodings",
                    "m_torch.encodings",
                    "param_encodings.onnx::Conv_123");
  // A name that does not end in ".encodings" gets the pattern, not a guess.
  expectOnnxRefusal(R"({ "version": "0.6.1", "activation_encodings": { "t.1": )" + enc +
                      R"( }, "param_encodings": {} })",
                    "export.json",
                    "the <prefix>_torch.encodings file",
                    "activation_encodings.t.1");

  // QuantLens's own list names are quantizer names and keep reading.
  EXPECT_EQ(EncodingsFile::fromJson(R"({ "version": "1.0.0",
    "activation_encodings": [ { "bw": 8, "dtype": "INT", "enc_type": "PER_TENSOR", "is_sym": false,
                                "name": "downCntx.conv1.output[0]", "offset": [ -64 ], "scale": [ 0.0156 ] } ],
    "param_encodings": [] })",
                                    "salsanext.encodings")
              .encodings.count("downCntx.conv1.output[0]"),
            1u);
}

TEST(EncodingsFileTest, RefusesLayoutsItCannotHoldInOneLine)
{
  // AIMET's 2.x format: one "encodings" list of ONNX tensors.
  const std::string v2 = readError(R"({ "version": "2.0.0", "encodings": [ { "name": "/conv1/Conv_output_0",
      "output_dtype": "uint8", "y_scale": 0.0156, "y_zero_point": 64 } ] })");
  EXPECT_EQ(v2.rfind("x.encodings: encodings: AIMET's 2.x layout", 0), 0u) << v2;
  EXPECT_NE(v2.find("open x_torch.encodings beside it"), std::string::npos) << v2;

  const std::string good = R"({ "version": "1.0.0", "activation_encodings": [],
    "param_encodings": [ { "name": "a.weight", "dtype": "INT", "enc_type": "PER_CHANNEL", "bw": 4,
                           "is_sym": true, "scale": [0.1, 0.2], "offset": [-8, -8] } ] })";
  auto with = [&good](const std::string& from, const std::string& to) {
    std::string text = good;
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return readError(text.replace(at, from.size(), to));
  };
  EXPECT_EQ(with(R"("enc_type": "PER_CHANNEL")", R"("enc_type": "LPBQ", "compressed_bw": 4)"),
            "x.encodings: param_encodings[0] (a.weight).enc_type: expected \"PER_TENSOR\" or \"PER_CHANNEL\", got "
            "\"LPBQ\" (per-block, LPBQ and vector encodings are not supported)");
  EXPECT_EQ(with(R"("offset": [-8, -8])", R"("offset": [-2, -2], "zero_point_shift": [0.5, 0.5])"),
            "x.encodings: param_encodings[0] (a.weight).zero_point_shift: a shifted zero point ([0.5,0.5]) is not "
            "supported");
  EXPECT_EQ(with(R"("version": "1.0.0")", R"("version": 1)"),
            "x.encodings: version: expected a version string (one of 0.4.0, 0.5.0, 0.6.1, 1.0.0, 2.0.0, 2.1.0), got 1");
}

TEST(EncodingsFileTest, ErrorsQuoteAnExcerptNotTheWholeValue)
{
  // A dict-shaped section where a list belongs, holding a large object.
  Json big = Json::object();
  for (int i = 0; i < 200; ++i)
    big["module" + std::to_string(i)] = { { "output", { { "0", { { "bitwidth", 8 }, { "offset", -64 } } } } } };
  const Json root = { { "version", "1.0.0" }, { "activation_encodings", Json::array() }, { "param_encodings", big } };
  const std::string message = readError(root.dump(4));
  EXPECT_EQ(message.rfind("x.encodings: param_encodings: expected a list, got {\"module0\":{\"output\":", 0), 0u)
    << message;
  EXPECT_LT(message.size(), 140u) << message;
  EXPECT_EQ(message.substr(message.size() - 3), "…");
  EXPECT_EQ(message.find('\n'), std::string::npos);

  // The same for a big list where one encoding belongs, and for a whole document that is a list.
  const Json list(500, Json{ { "bitwidth", 8 }, { "dtype", "int" } });
  const Json activation = { { "version", "0.6.1" },
                            { "activation_encodings", { { "m", { { "output", list } } } } },
                            { "param_encodings", Json::object() } };
  const std::string listMessage = readError(activation.dump());
  EXPECT_EQ(listMessage.rfind("x.encodings: activation_encodings.m.output: expected an object of tensor index", 0), 0u)
    << listMessage;
  EXPECT_LT(listMessage.size(), 200u) << listMessage;
  EXPECT_LT(readError(list.dump()).size(), 200u);

  // A key with a line break or a megabyte of text still makes one short line.
  const Json oddKeys = { { "version", "0.6.1" },
                         { "activation_encodings", { { "a\nb", 3 } } },
                         { "param_encodings", Json::object() } };
  EXPECT_EQ(readError(oddKeys.dump()),
            "x.encodings: activation_encodings.\"a\\nb\": expected an object with \"input\" and/or \"output\", got 3");
  const Json longKey = { { "version", "0.6.1" },
                         { "activation_encodings", { { std::string(1 << 20, 'm'), 3 } } },
                         { "param_encodings", Json::object() } };
  EXPECT_LT(readError(longKey.dump()).size(), 200u);
}

TEST(EncodingsFileTest, AnyInputGivesADocumentOrAnEngineError)
{
  // Mutations of good files and hostile shapes: the reader must neither crash nor throw anything
  // but EngineError (huge numbers, negative and overlong indices, deep nesting, truncation).
  std::vector<std::string> inputs = {
    std::string(100000, '[') + std::string(100000, ']'),
    R"({"version": "0.6.1", "activation_encodings": )" + std::string(50000, '[') + std::string(50000, ']') + "}",
    R"({"version": "0.6.1", "activation_encodings": {"m": {"input": {"99999999999999999999": {}}}}, "param_encodings": {}})",
    R"({"version": "0.6.1", "activation_encodings": {"m": {"input": {"-1": {}}}}, "param_encodings": {}})",
    R"({"version": "0.6.1", "activation_encodings": {}, "param_encodings": {}, "quantizer_args": {"param_bitwidth": 9223372036854775807}})",
    R"({"version": "1.0.0", "activation_encodings": [], "param_encodings": [{"name": "w", "dtype": "INT", "enc_type": "PER_TENSOR", "bw": 18446744073709551615, "is_sym": true, "scale": [1], "offset": [0]}]})",
    R"({"w.weight": [{"bitwidth": 8, "min": -1, "max": 1, "scale": 1e-320, "offset": -9223372036854775808}]})",
    R"({"w.weight": [{"bitwidth": 8, "min": -1, "max": 1, "scale": 0.1, "offset": -1e300}]})",
  };
  const std::vector<std::string> seeds = { kGood061,
                                           EncodingsFile::toJson100(sampleDocument()),
                                           EncodingsFile::toJson061(sampleDocument()) };
  const std::vector<std::string> replacements = { "18446744073709551615",
                                                  "-9223372036854775809",
                                                  "1e308",
                                                  "-1e308",
                                                  "\"True\"",
                                                  "null",
                                                  "[]",
                                                  "{}",
                                                  "[[[[]]]]",
                                                  "\"\"",
                                                  "-0.5" };
  for (const std::string& seed : seeds) {
    for (std::size_t at = 0; at < seed.size(); at += 7)
      inputs.push_back(seed.substr(0, at)); // truncated
    // Every number and string value replaced in turn.
    for (std::size_t at = 0; at < seed.size(); ++at) {
      const char c = seed[at];
      if (!(c == '-' || (c >= '0' && c <= '9') || c == '"') || (at > 0 && seed[at - 1] != ' '))
        continue;
      std::size_t end = at + 1;
      if (c == '"')
        end = seed.find('"', at + 1) + 1;
      else
        while (end < seed.size() && std::string("0123456789.eE+-").find(seed[end]) != std::string::npos)
          ++end;
      for (const std::string& replacement : replacements)
        inputs.push_back(seed.substr(0, at) + replacement + seed.substr(end));
    }
  }
  std::size_t read = 0;
  for (const std::string& input : inputs) {
    try {
      EncodingsFile::fromJson(input, "fuzz.encodings");
      ++read;
    } catch (const EngineError& error) {
      EXPECT_EQ(std::string(error.what()).find('\n'), std::string::npos) << error.what();
    } catch (const std::exception& error) {
      ADD_FAILURE() << "not an EngineError: " << error.what() << "\n  for input: " << input.substr(0, 200);
    }
  }
  EXPECT_GT(read, 0u); // some replacements (e.g. another scale) are still good files
}

} // namespace
} // namespace quantlens
