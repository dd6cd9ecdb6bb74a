#include "quant/EncodingsFile.h"

#include "TestData.h"
#include "core/EngineError.h"
#include "core/FileIO.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <functional>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

namespace quantlens {
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
  EXPECT_EQ(readError(good061With(R"("version": "0.6.1",)", "")),
            "x.encodings: missing 'version' (expected \"0.6.1\" or \"1.0.0\")");
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

} // namespace
} // namespace quantlens
