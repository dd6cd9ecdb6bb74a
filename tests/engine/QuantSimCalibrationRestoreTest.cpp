#include "TestData.h"

#include "core/EngineError.h"
#include "model/QuantSim.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

namespace quantlens {
namespace {

using test::expectEngineError;
using test::fixture;

std::vector<std::int64_t> inputShape(const std::string& model)
{
  std::ifstream meta(fixture(model + ".json"));
  return nlohmann::json::parse(meta)["input_shape"].get<std::vector<std::int64_t>>();
}

/// What a session file keeps of a calibration: every quantizer's activation statistics.
std::vector<TensorStatistics> statisticsOf(const QuantSim& sim)
{
  std::vector<TensorStatistics> statistics;
  for (std::size_t id = 0; id < sim.quantizers().size(); ++id)
    statistics.push_back(sim.activationStatistics(static_cast<int>(id)));
  return statistics;
}

int firstOfKind(const QuantSim& sim, bool parameter)
{
  for (const auto& quantizer : sim.quantizers()) {
    if ((quantizer.kind == QuantizerKind::Parameter) == parameter)
      return quantizer.id;
  }
  return -1;
}

// A session reopened from its file must quantize exactly like the one that calibrated.
TEST(QuantSimCalibrationRestore, RestoredStatisticsGiveTheSameEncodingsAndOutputs)
{
  for (const std::string model : { "nested_scripted", "conv_bn_relu" }) {
    SCOPED_TRACE(model);
    const auto shape = inputShape(model);
    QuantSim calibrated(fixture(model + ".pt"));
    for (unsigned seed = 1; seed <= 3; ++seed)
      calibrated.calibrate(test::randomTensor(shape, seed));
    QuantSim restored(fixture(model + ".pt"));
    restored.restoreCalibration(statisticsOf(calibrated), calibrated.calibrationPasses());
    EXPECT_EQ(restored.calibrationPasses(), 3u);
    EXPECT_TRUE(statisticsOf(restored) == statisticsOf(calibrated));

    const FloatTensor input = test::randomTensor(shape, 99);
    for (const QuantPreset::Kind kind : { QuantPreset::Kind::W8A8, QuantPreset::Kind::W4A8 }) {
      for (const QuantScheme& scheme : { QuantScheme{}, QuantScheme{ QuantScheme::Kind::TfEnhanced } }) {
        const auto settings = calibrated.presetSettings({ kind });
        const EncodingTable encodings = calibrated.computeEncodings(settings, scheme);
        ASSERT_EQ(restored.computeEncodings(settings, scheme), encodings) << scheme.toString();
        const FloatTensor expected = calibrated.run(calibrated.prepare(settings, encodings), input);
        EXPECT_EQ(restored.run(restored.prepare(settings, encodings), input).values, expected.values);
      }
    }
  }
}

TEST(QuantSimCalibrationRestore, StatisticsThatCalibrationCouldNotGiveAreRefusedAndChangeNothing)
{
  const std::string model = "nested_scripted";
  QuantSim source(fixture(model + ".pt"));
  source.calibrate(test::randomTensor(inputShape(model), 1));
  const std::vector<TensorStatistics> good = statisticsOf(source);
  const int activation = firstOfKind(source, false);
  const int parameter = firstOfKind(source, true);
  ASSERT_GE(activation, 0);
  ASSERT_GE(parameter, 0);
  ASSERT_FALSE(good[static_cast<std::size_t>(activation)].empty()) << "the first activation quantizer observed values";
  const std::string activationName = source.quantizers()[static_cast<std::size_t>(activation)].name;

  QuantSim sim(fixture(model + ".pt"));
  sim.restoreCalibration(good, 1);
  const auto damaged = [&](const std::function<void(TensorStatistics&)>& damage, int id = -1) {
    std::vector<TensorStatistics> statistics = good;
    damage(statistics[static_cast<std::size_t>(id < 0 ? activation : id)]);
    return statistics;
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  struct Case
  {
    std::vector<TensorStatistics> statistics;
    std::size_t passes;
    std::vector<std::string> fragments;
  };
  std::vector<TensorStatistics> shorter = good;
  shorter.pop_back();
  const std::vector<Case> cases = {
    { shorter, 1, { "cannot restore calibration", std::to_string(good.size() - 1) + " entries", "quantizers" } },
    { damaged([](TensorStatistics& s) { s.count = 3; }, parameter), 1, { "statistics for a parameter quantizer" } },
    { damaged([](TensorStatistics& s) {
        s = TensorStatistics{};
        s.histogram = { 1.0 };
      }),
      1,
      { activationName, "a histogram but no values observed" } },
    { damaged([&](TensorStatistics& s) { s.max = nan; }), 1, { activationName, "not a finite range" } },
    { damaged([](TensorStatistics& s) { s.min = s.max + 1.0; }), 1, { activationName, "not a finite range" } },
    { damaged([](TensorStatistics& s) { s.histogramMax = s.histogramMin; }), 1, { "histogram range" } },
    { damaged([](TensorStatistics& s) { s.histogram.assign(std::size_t{ 1 } << 17, 0.0); }),
      1,
      { "131072 histogram bins" } },
    { damaged([](TensorStatistics& s) { s.histogram.resize(1); }), 1, { "1 histogram bins (2 to 65536)" } },
    { damaged([](TensorStatistics& s) { s.histogram[5] = -1.0; }), 1, { "share -1", "is not a number in [0, 1]" } },
    { damaged([](TensorStatistics& s) { s.histogram[5] = 1.5; }), 1, { "share 1.5", "is not a number in [0, 1]" } },
    { damaged([](TensorStatistics& s) { s.histogram[5] = s.histogram[6] = 0.75; }), 1, { "add up to", "more than 1" } },
    // What a session file of a QuantLens before AIMET's averaged histogram gives (no "histogram_batches").
    { damaged([](TensorStatistics& s) { s.histogramBatches = 0; }),
      1,
      { activationName, "bin counts of an older QuantLens", "calibrate again" } },
    { damaged([](TensorStatistics& s) { s.histogram.clear(); }), 1, { "histogram batches but no histogram" } },
    { good, 0, { "0 calibration passes" } },
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.fragments.back());
    const std::string message = test::engineErrorOf([&] { sim.restoreCalibration(c.statistics, c.passes); });
    for (const std::string& fragment : c.fragments)
      EXPECT_NE(message.find(fragment), std::string::npos) << "message '" << message << "' lacks '" << fragment << "'";
    // Nothing changed: the earlier restore still holds.
    EXPECT_EQ(sim.calibrationPasses(), 1u);
    EXPECT_TRUE(statisticsOf(sim) == good);
  }

  // Empty statistics with no passes are a valid restore: an uncalibrated sim.
  sim.restoreCalibration(std::vector<TensorStatistics>(good.size()), 0);
  EXPECT_EQ(sim.calibrationPasses(), 0u);
  expectEngineError([&] { sim.computeEncodings(sim.presetSettings({ QuantPreset::Kind::W8A8 }), QuantScheme{}); },
                    "calibrat");
}

} // namespace
} // namespace quantlens
