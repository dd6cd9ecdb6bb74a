#include "TestData.h"

#include "core/EmbeddedResources.h"
#include "core/EngineError.h"
#include "model/EncodingsExchange.h"
#include "quant/EncodingsFile.h"
#include "quant/OverridesFile.h"

#include <gtest/gtest.h>


using namespace quantlens;
using quantlens::test::fixture;

namespace {

QuantSim calibratedSalsaNext()
{
  QuantSim sim(fixture("salsanext_script.pt"));
  for (unsigned seed = 1; seed <= 2; ++seed)
    sim.calibrate(test::randomTensor({1, 5, 64, 256}, seed));
  return sim;
}

} // namespace

// The recipe of the AIMET model zoo's SalsaNext W4A8, as one small file.
TEST(EncodingsExchange, SalsaNextW4A8RecipeAppliesToTheExportedModel)
{
  const QuantSim sim(fixture("salsanext_script.pt"));
  const Overrides recipe =
    OverridesFile::fromJson(embeddedResource("overrides/salsanext_w4a8.json"), "salsanext_w4a8.json");
  const auto settings = EncodingsExchange::customSettings(sim, {QuantPreset::Kind::W8A8}, recipe, "salsanext_w4a8.json");
  int activations16 = 0;
  int weights8 = 0;
  for (std::size_t id = 0; id < settings.size(); ++id) {
    const bool parameter = sim.quantizers()[id].kind == QuantizerKind::Parameter;
    activations16 += !parameter && settings[id].enabled && settings[id].bitwidth == 16;
    weights8 += parameter && settings[id].enabled && settings[id].bitwidth == 8;
  }
  EXPECT_EQ(activations16, 9);
  EXPECT_EQ(weights8, 6); // base W4A8: every other weight stays at 4 bits
  EXPECT_EQ(settings[static_cast<std::size_t>(sim.findQuantizer("resBlock2.conv1.weight"))].bitwidth, 4);
}

TEST(EncodingsExchange, UnknownOverrideNamesAreListedAndNothingApplies)
{
  const QuantSim sim(fixture("conv_bn_relu.pt"));
  Overrides overrides;
  overrides.quantizers["relu.output[0]"].bitwidth = 16;
  overrides.quantizers["nope.output[0]"].bitwidth = 16;
  overrides.quantizers["conv.bias"].bitwidth = 8;
  auto settings = sim.presetSettings({QuantPreset::Kind::W8A8});
  const auto before = settings;
  try {
    EncodingsExchange::applyOverrides(sim, overrides, settings, "mine.json");
    FAIL() << "expected an error";
  } catch (const EngineError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("mine.json"), std::string::npos) << message;
    EXPECT_NE(message.find("'nope.output[0]'"), std::string::npos) << message;
    EXPECT_NE(message.find("'conv.bias'"), std::string::npos) << message;
  }
  EXPECT_EQ(settings, before);
}

// Export -> import -> identical quantized outputs, through the file on disk.
TEST(EncodingsExchange, AimetFileRoundTripGivesIdenticalOutputs)
{
  QuantSim sim = calibratedSalsaNext();
  const Overrides recipe =
    OverridesFile::fromJson(embeddedResource("overrides/salsanext_w4a8.json"), "salsanext_w4a8.json");
  const auto settings = EncodingsExchange::customSettings(sim, {QuantPreset::Kind::W8A8}, recipe, "recipe");
  const auto encodings = sim.computeEncodings(settings, QuantScheme{});
  const auto file = test::freshTempDir("exchange") / "salsanext_torch.encodings";
  EncodingsFile::write061(file, EncodingsExchange::toDocument(sim, settings, encodings, QuantScheme{}));

  const auto imported = EncodingsExchange::settingsFrom(sim, EncodingsFile::read(file), file.string());
  const FloatTensor input = test::randomTensor({1, 5, 64, 256}, 9);
  const auto original = sim.run(sim.prepare(settings, encodings), input);
  const auto reloaded = sim.run(sim.prepare(imported, sim.computeEncodings(imported, QuantScheme{})), input);
  EXPECT_EQ(original.values, reloaded.values);
  for (std::size_t id = 0; id < settings.size(); ++id) {
    EXPECT_EQ(imported[id].enabled, settings[id].enabled) << sim.quantizers()[id].name;
    if (settings[id].enabled) {
      EXPECT_EQ(imported[id].bitwidth, settings[id].bitwidth) << sim.quantizers()[id].name;
    }
  }
}

TEST(EncodingsExchange, EncodingsOfAnotherModelAreRejected)
{
  QuantSim salsa = calibratedSalsaNext();
  const auto settings = salsa.presetSettings({QuantPreset::Kind::W8A8});
  const auto document =
    EncodingsExchange::toDocument(salsa, settings, salsa.computeEncodings(settings, QuantScheme{}), QuantScheme{});
  const QuantSim other(fixture("conv_bn_relu.pt"));
  try {
    EncodingsExchange::settingsFrom(other, document, "salsanext.encodings");
    FAIL() << "expected an error";
  } catch (const EngineError& error) {
    EXPECT_NE(std::string(error.what()).find("nothing was applied"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("downCntx"), std::string::npos) << error.what();
  }
}
