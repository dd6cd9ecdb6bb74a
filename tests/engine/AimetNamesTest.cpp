// Quantizer names as AIMET's model preparer makes them, checked against the
// names torch.fx itself gives the fixture model (tests/fixtures/make_fixtures.py,
// aimet_prepared_names), and encodings files round-tripping under them.
#include "TestData.h"

#include "core/EngineError.h"
#include "model/EncodingsExchange.h"
#include "quant/EncodingsFile.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

using namespace quantlens;
using quantlens::test::fixture;

namespace {

const char* const kModels[] = { "aimet_names_scripted.pt", "aimet_names_traced.pt" };

/// "module_add.output[0]" → "module_add"; "stem.weight" → "stem".
std::string moduleOf(const std::string& quantizerName)
{
  const auto dot = quantizerName.rfind('.');
  return quantizerName.substr(0, dot);
}

std::vector<std::string> preparedModules(const char* convention)
{
  std::ifstream file(fixture("aimet_names.prepared.json"));
  const auto json = nlohmann::json::parse(file);
  return json.at(convention).get<std::vector<std::string>>();
}

/// The AIMET modules the quantizers name, each once, in quantizer (graph) order.
std::vector<std::string> modulesInOrder(const QuantSim& sim, bool scoped)
{
  std::vector<std::string> modules;
  std::set<std::string> seen;
  for (const auto& quantizer : sim.quantizers()) {
    const std::string& name = scoped ? quantizer.aimetScopedName : quantizer.aimetName;
    if (!name.empty() && seen.insert(moduleOf(name)).second)
      modules.push_back(moduleOf(name));
  }
  return modules;
}

int idOf(const QuantSim& sim, const std::string& name)
{
  const int id = sim.findQuantizer(name);
  EXPECT_GE(id, 0) << name;
  return id;
}

QuantSim calibrated(const char* model)
{
  QuantSim sim(fixture(model));
  for (unsigned seed = 1; seed <= 2; ++seed)
    sim.calibrate(test::randomTensor({ 1, 5, 16, 32 }, seed));
  return sim;
}

} // namespace

TEST(AimetNames, FlatNamesAreThoseOfAimetsPreparedModel)
{
  for (const char* model : kModels) {
    const QuantSim sim(fixture(model));
    EXPECT_EQ(modulesInOrder(sim, false), preparedModules("flat")) << model;
  }
}

TEST(AimetNames, ScopedNamesAreThoseOfNewerAimetVersions)
{
  for (const char* model : kModels) {
    const QuantSim sim(fixture(model));
    EXPECT_EQ(modulesInOrder(sim, true), preparedModules("scoped")) << model;
  }
}

TEST(AimetNames, AModuleCalledAgainKeepsItsNameForTheFirstCall)
{
  for (const char* model : kModels) {
    const QuantSim sim(fixture(model));
    // The shared ReLU: called after the stem, after down and after the cat.
    const int first = idOf(sim, "act.output[0]");
    const int second = idOf(sim, "act_call1.output[0]");
    const int third = idOf(sim, "act_call2.output[0]");
    EXPECT_LT(first, second) << model;
    EXPECT_LT(second, third) << model;
    EXPECT_EQ(sim.findQuantizer("module_act_1.output[0]"), second) << model;
    EXPECT_EQ(sim.findQuantizer("module_act_2.output[0]"), third) << model;
    // The block's second call: its conv and ReLU are copies in AIMET.
    EXPECT_EQ(sim.findQuantizer("module_block_conv_1.weight"), idOf(sim, "block.conv_call1.weight")) << model;
    EXPECT_EQ(sim.findQuantizer("block.module_conv_1.weight"), idOf(sim, "block.conv_call1.weight")) << model;
    EXPECT_EQ(sim.findQuantizer("module_block_act_1.output[0]"), idOf(sim, "block.act_call1.output[0]")) << model;
  }
}

TEST(AimetNames, FunctionalOpsAreNumberedOverTheWholeModel)
{
  for (const char* model : kModels) {
    const QuantSim sim(fixture(model));
    EXPECT_EQ(sim.findQuantizer("module_add.output[0]"), idOf(sim, "block.add_0.output[0]")) << model;
    EXPECT_EQ(sim.findQuantizer("module_add_1.output[0]"), idOf(sim, "block.add_1.output[0]")) << model;
    EXPECT_EQ(sim.findQuantizer("block.module_add_1.output[0]"), idOf(sim, "block.add_1.output[0]")) << model;
    EXPECT_EQ(sim.findQuantizer("module_cat.output[0]"), idOf(sim, "cat_0.output[0]")) << model;
    EXPECT_EQ(sim.findQuantizer("module_interpolate.output[0]"), idOf(sim, "interpolate_0.output[0]")) << model;
    EXPECT_EQ(sim.findQuantizer("module_softmax.output[0]"), idOf(sim, "softmax_0.output[0]")) << model;
    EXPECT_EQ(sim.findQuantizer("module_add_2.output[0]"), -1) << model; // there are two adds
  }
}

TEST(AimetNames, ScriptedAndTracedExportsGetTheSameNames)
{
  const QuantSim scripted(fixture(kModels[0]));
  const QuantSim traced(fixture(kModels[1]));
  ASSERT_EQ(scripted.quantizers().size(), traced.quantizers().size());
  for (std::size_t i = 0; i < scripted.quantizers().size(); ++i) {
    EXPECT_EQ(scripted.quantizers()[i].name, traced.quantizers()[i].name);
    EXPECT_EQ(scripted.quantizers()[i].aimetName, traced.quantizers()[i].aimetName);
    EXPECT_EQ(scripted.quantizers()[i].aimetScopedName, traced.quantizers()[i].aimetScopedName);
  }
}

// Export under each naming, write, read back, import: the same settings and outputs.
TEST(AimetNames, EncodingsRoundTripUnderEveryNaming)
{
  const auto input = test::randomTensor({ 1, 5, 16, 32 }, 9);
  for (const char* model : kModels) {
    QuantSim sim = calibrated(model);
    const QuantScheme scheme = QuantScheme::parse("tf");
    const auto w8a8 = sim.presetSettings({ QuantPreset::Kind::W8A8 });
    const auto encodings = sim.computeEncodings(w8a8, scheme);
    const auto expected = sim.run(sim.prepare(w8a8, encodings), input);
    for (const auto style :
         { QuantizerNaming::Style::Aimet, QuantizerNaming::Style::AimetScoped, QuantizerNaming::Style::QuantLens }) {
      const auto document = EncodingsExchange::toDocument(sim, w8a8, encodings, scheme, style);
      const std::string text = EncodingsFile::toJson061(document);
      if (style == QuantizerNaming::Style::Aimet) {
        EXPECT_NE(text.find("\"module_act_1\""), std::string::npos);
        EXPECT_EQ(text.find("act_call1"), std::string::npos);
      }
      const auto imported = EncodingsExchange::settingsFrom(sim, EncodingsFile::fromJson(text, "x.encodings"), "x");
      const auto reencoded = sim.computeEncodings(imported, scheme);
      for (std::size_t id = 0; id < w8a8.size(); ++id) {
        ASSERT_EQ(imported[id].enabled, w8a8[id].enabled) << sim.quantizers()[id].name;
        if (w8a8[id].enabled) {
          EXPECT_EQ(reencoded[id], encodings[id]) << sim.quantizers()[id].name;
        }
      }
      const auto output = sim.run(sim.prepare(imported, reencoded), input);
      EXPECT_EQ(output.values, expected.values) << model << " " << QuantizerNaming::toString(style);
    }
  }
}

TEST(AimetNames, TwoNamesOfOneQuantizerInAFileAreAnError)
{
  QuantSim sim = calibrated(kModels[0]);
  const auto w8a8 = sim.presetSettings({ QuantPreset::Kind::W8A8 });
  auto document = EncodingsExchange::toDocument(
    sim, w8a8, sim.computeEncodings(w8a8, QuantScheme::parse("tf")), QuantScheme::parse("tf"));
  document.encodings["cat_0.output[0]"] = document.encodings.at("module_cat.output[0]");
  test::expectEngineError([&] { EncodingsExchange::settingsFrom(sim, document, "'both.encodings'"); },
                          { "'both.encodings'", "cat_0.output[0]", "module_cat.output[0]", "nothing was applied" });
}
