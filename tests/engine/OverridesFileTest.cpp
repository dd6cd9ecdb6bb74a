#include "quant/OverridesFile.h"

#include "TestData.h"
#include "core/EmbeddedResources.h"
#include "core/EngineError.h"
#include "core/FileIO.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace quantlens {
namespace {

using Json = nlohmann::json;
using Names = std::set<std::string>;


/// A shipped recipe: the embedded copy once resources/CMakeLists.txt lists it,
/// else the file in the source tree next to this test.
Overrides shippedRecipe(const std::string& name)
{
  const std::string resource = "overrides/" + name;
  const auto embedded = embeddedResourceNames();
  if (std::find(embedded.begin(), embedded.end(), resource) != embedded.end())
    return OverridesFile::fromJson(embeddedResource(resource), resource);
  const auto file = std::filesystem::path(QUANTLENS_SOURCE_DIR) / "resources" / resource;
  return OverridesFile::fromJson(fileio::readText(file), file.string());
}

Encoding encoding(double scale, std::int64_t offset, bool symmetric)
{
  Encoding result;
  result.bitwidth = 8;
  result.symmetric = symmetric;
  result.scale = scale;
  result.offset = offset;
  result.min = scale * static_cast<double>(offset);
  result.max = scale * (static_cast<double>(offset) + 255.0);
  return result;
}

void expectSame(const QuantizerOverride& actual, const QuantizerOverride& expected, const std::string& name)
{
  SCOPED_TRACE(name);
  EXPECT_EQ(actual.enabled, expected.enabled);
  EXPECT_EQ(actual.bitwidth, expected.bitwidth);
  EXPECT_EQ(actual.symmetric, expected.symmetric);
  EXPECT_EQ(actual.dtype, expected.dtype);
  EXPECT_EQ(actual.fixedEncodings, expected.fixedEncodings);
}

Overrides sampleOverrides()
{
  Overrides overrides;
  overrides.base = QuantPreset{ QuantPreset::Kind::W4A8 };
  overrides.description = "test recipe";
  overrides.quantizers["downCntx.conv1.input[0]"].bitwidth = 16;
  overrides.quantizers["downCntx.conv1.weight"].bitwidth = 8;
  auto& pool = overrides.quantizers["resBlock1.pool.output[0]"];
  pool.enabled = false;
  pool.symmetric = false;
  auto& head = overrides.quantizers["head.output[0]"];
  head.dtype = QuantDtype::Float;
  head.bitwidth = 16;
  overrides.quantizers["stem.input[0]"].fixedEncodings = std::vector<Encoding>{ encoding(0.015625, -64, false) };
  overrides.quantizers["stem.weight"].fixedEncodings =
    std::vector<Encoding>{ encoding(0.001, -128, true), encoding(0.1, -128, true) };
  overrides.quantizers["cleared.weight"].fixedEncodings = std::vector<Encoding>{};
  overrides.quantizers["untouched.output[0]"]; // an entry that changes nothing
  return overrides;
}

TEST(OverridesFileTest, RoundTrip)
{
  const auto dir = test::freshTempDir("OverridesRoundTrip");
  const auto file = dir / "recipe.json";
  const Overrides written = sampleOverrides();
  OverridesFile::write(file, written);
  const Overrides read = OverridesFile::read(file);
  EXPECT_EQ(read.base, written.base);
  EXPECT_EQ(read.description, "test recipe");
  ASSERT_EQ(read.quantizers.size(), written.quantizers.size());
  for (const auto& [name, entry] : written.quantizers) {
    ASSERT_TRUE(read.quantizers.count(name)) << name;
    expectSame(read.quantizers.at(name), entry, name);
  }

  // The file as a user sees it: JSON booleans, a single encoding as an object, several as a list.
  const Json root = Json::parse(fileio::readText(file));
  EXPECT_EQ(root["format"], "quantlens-overrides");
  EXPECT_EQ(root["version"], 1);
  EXPECT_EQ(root["base"], "W4A8");
  EXPECT_EQ(root["quantizers"]["resBlock1.pool.output[0]"], (Json{ { "enabled", false }, { "symmetric", false } }));
  EXPECT_EQ(root["quantizers"]["head.output[0]"], (Json{ { "bitwidth", 16 }, { "dtype", "float" } }));
  EXPECT_TRUE(root["quantizers"]["stem.input[0]"]["encoding"].is_object());
  EXPECT_EQ(root["quantizers"]["stem.input[0]"]["encoding"]["is_symmetric"], "False");
  EXPECT_EQ(root["quantizers"]["stem.weight"]["encoding"].size(), 2u);
  EXPECT_EQ(root["quantizers"]["cleared.weight"]["encoding"], Json::array());
  EXPECT_EQ(root["quantizers"]["untouched.output[0]"], Json::object());

  Overrides noBase;
  noBase.quantizers["a.output[0]"].bitwidth = 4;
  const Overrides readNoBase = OverridesFile::fromJson(OverridesFile::toJson(noBase), "mem");
  EXPECT_FALSE(readNoBase.base.has_value());
  EXPECT_EQ(readNoBase.quantizers.at("a.output[0]").bitwidth, 4);
}

// The recipes of aimet-model-zoo's SalsaNext.md, typed from the reference by hand.
TEST(OverridesFileTest, ShippedSalsaNextW4A8)
{
  const Overrides recipe = shippedRecipe("salsanext_w4a8.json");
  ASSERT_TRUE(recipe.base.has_value());
  EXPECT_EQ(recipe.base->kind, QuantPreset::Kind::W4A8);
  Names activations16;
  Names weights8;
  for (const auto& [name, entry] : recipe.quantizers) {
    EXPECT_FALSE(entry.enabled || entry.symmetric || entry.dtype || entry.fixedEncodings) << name;
    if (entry.bitwidth == 16 && name.back() == ']')
      activations16.insert(name);
    else if (entry.bitwidth == 8 && name.size() > 7 && name.compare(name.size() - 7, 7, ".weight") == 0)
      weights8.insert(name);
    else
      ADD_FAILURE() << "unexpected override " << name;
  }
  EXPECT_EQ(activations16,
            (Names{ "downCntx.conv1.output[0]",
                    "downCntx.conv2.output[0]",
                    "downCntx.conv3.output[0]",
                    "downCntx.conv1.input[0]",
                    "downCntx.act1.output[0]",
                    "downCntx.act2.output[0]",
                    "downCntx2.act2.output[0]",
                    "downCntx3.act2.output[0]",
                    "module_softmax.output[0]" }));
  EXPECT_EQ(activations16.size(), 9u);
  EXPECT_EQ(weights8,
            (Names{ "downCntx.conv1.weight",
                    "downCntx.conv2.weight",
                    "downCntx.conv3.weight",
                    "downCntx2.conv3.weight",
                    "downCntx3.conv3.weight",
                    "downCntx.bn2.weight" }));
  EXPECT_EQ(weights8.size(), 6u);
}

TEST(OverridesFileTest, ShippedSalsaNextW8A8)
{
  const Overrides recipe = shippedRecipe("salsanext_w8a8.json");
  ASSERT_TRUE(recipe.base.has_value());
  EXPECT_EQ(recipe.base->kind, QuantPreset::Kind::W8A8);
  Names names;
  for (const auto& [name, entry] : recipe.quantizers) {
    EXPECT_EQ(entry.bitwidth, 16) << name;
    names.insert(name);
  }
  EXPECT_EQ(names, (Names{ "downCntx.conv1.input[0]", "resBlock1.pool.output[0]", "module_softmax.output[0]" }));
}

std::string readError(const std::string& quantizerJson)
{
  const std::string text =
    R"({ "format": "quantlens-overrides", "version": 1, "quantizers": { "downCntx.conv1.weight": )" + quantizerJson +
    " } }";
  return test::engineErrorOf([&] { OverridesFile::fromJson(text, "recipe.json"); });
}

TEST(OverridesFileTest, BadQuantizerValuesAreRejected)
{
  EXPECT_EQ(readError(R"({ "bitwidth": 8 })"), "");
  EXPECT_EQ(readError(R"({ "bitwidth": 2 })"), "");
  EXPECT_EQ(readError(R"({ "bitwidth": 32 })"), "");
  EXPECT_EQ(readError(R"({ "bitwidth": 0 })"),
            "recipe.json: quantizers[\"downCntx.conv1.weight\"].bitwidth: 0 is outside 2..32");
  EXPECT_EQ(readError(R"({ "bitwidth": 33 })"),
            "recipe.json: quantizers[\"downCntx.conv1.weight\"].bitwidth: 33 is outside 2..32");
  EXPECT_NE(readError(R"({ "bitwidth": -4 })").find("-4 is outside"), std::string::npos);
  EXPECT_NE(readError(R"({ "bitwidth": 8.5 })").find("expected an integer bitwidth, got 8.5"), std::string::npos);
  EXPECT_NE(readError(R"({ "bitwidth": "8" })").find("expected an integer bitwidth"), std::string::npos);
  EXPECT_EQ(readError(R"({ "bits": 8 })"),
            "recipe.json: quantizers[\"downCntx.conv1.weight\"].bits: unknown key (expected one of: enabled, "
            "bitwidth, symmetric, dtype, encoding)");
  EXPECT_NE(readError(R"({ "enabled": "no" })").find(".enabled: expected true or false, got \"no\""),
            std::string::npos);
  EXPECT_NE(readError(R"({ "symmetric": 1 })").find(".symmetric: expected true or false"), std::string::npos);
  EXPECT_NE(readError(R"({ "dtype": "half" })").find(".dtype: expected \"int\" or \"float\""), std::string::npos);
  EXPECT_NE(readError("16").find("quantizers[\"downCntx.conv1.weight\"]: expected an object"), std::string::npos);
  EXPECT_EQ(readError(R"({ "encoding": { "bitwidth": 8, "min": -1, "max": 1, "offset": -128 } })"),
            "recipe.json: quantizers[\"downCntx.conv1.weight\"].encoding: missing 'scale'");
  EXPECT_NE(readError(R"({ "encoding": [ { "bitwidth": 16, "dtype": "float" }, { "bitwidth": 8 } ] })")
              .find("quantizers[\"downCntx.conv1.weight\"].encoding[1]: missing 'min'"),
            std::string::npos);
  EXPECT_NE(readError(R"({ "encoding": 3 })").find(".encoding: expected an encoding object or a list"),
            std::string::npos);
}

std::string documentError(const std::string& text)
{
  return test::engineErrorOf([&] { OverridesFile::fromJson(text, "recipe.json"); });
}

TEST(OverridesFileTest, BadDocumentsAreRejected)
{
  EXPECT_EQ(documentError(R"({ "format": "quantlens-overrides", "version": 1, "quantizers": {} })"), "");
  EXPECT_NE(documentError(R"({ "format": "other", "version": 1, "quantizers": {} })")
              .find("recipe.json: format: expected \"quantlens-overrides\""),
            std::string::npos);
  EXPECT_NE(documentError(R"({ "version": 1, "quantizers": {} })").find("format: "), std::string::npos);
  EXPECT_NE(documentError(R"({ "format": "quantlens-overrides", "version": 2, "quantizers": {} })")
              .find("recipe.json: version: expected 1, got 2"),
            std::string::npos);
  EXPECT_EQ(documentError(R"({ "format": "quantlens-overrides", "version": 1 })"), "recipe.json: missing 'quantizers'");
  EXPECT_NE(documentError(R"({ "format": "quantlens-overrides", "version": 1, "quantizers": {}, "notes": "" })")
              .find("recipe.json: notes: unknown key"),
            std::string::npos);
  const std::string badBase =
    documentError(R"({ "format": "quantlens-overrides", "version": 1, "base": "W2A2", "quantizers": {} })");
  EXPECT_EQ(badBase.rfind("recipe.json: base: ", 0), 0u) << badBase;
  EXPECT_NE(badBase.find("W2A2"), std::string::npos) << badBase;
  EXPECT_NE(documentError(R"({ "format": "quantlens-overrides", "version": 1, "quantizers": { "": {} } })")
              .find("empty quantizer name"),
            std::string::npos);
  const std::string invalid = documentError("{\n\"format\": \"quantlens-overrides\",\n\"version\": 1,,");
  EXPECT_EQ(invalid.rfind("recipe.json: invalid JSON", 0), 0u) << invalid;
  EXPECT_NE(invalid.find("line 3"), std::string::npos) << invalid;
}

TEST(OverridesFileTest, WriterRejectsInvalidBitwidths)
{
  Overrides overrides;
  overrides.quantizers["a.output[0]"].bitwidth = 40;
  EXPECT_NE(test::engineErrorOf([&] { OverridesFile::toJson(overrides); }).find("'a.output[0]' has bitwidth 40"),
            std::string::npos);
  const auto dir = test::freshTempDir("OverridesWriterRejects");
  EXPECT_FALSE(test::engineErrorOf([&] { OverridesFile::write(dir / "bad.json", overrides); }).empty());
  EXPECT_FALSE(std::filesystem::exists(dir / "bad.json"));
}

} // namespace
} // namespace quantlens
