#include "TestData.h"

#include "data/LabelMap.h"
#include "eval/SequenceEvaluator.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <random>
#include <stdexcept>

using namespace quantlens;

namespace {

// The committed demo model (a small SalsaNext, 64×512 input) with its sidecar.
std::filesystem::path demoModel()
{
  return std::filesystem::path(QUANTLENS_SOURCE_DIR) / "resources/demo/salsanext_demo.pt";
}

struct HandScan
{
  std::vector<float> xyzr;
  std::vector<std::uint32_t> labels;
  std::size_t size() const { return labels.size(); }
};

/// Points 1–70 m around the sensor inside the demo sensor's field of view, with
/// raw labels, plus points the projection must leave out: NaN, infinite, and
/// at the origin, all labelled road (so they count in the evaluation).
HandScan handScan(unsigned seed)
{
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> range(1.0, 70.0), yaw(-M_PI, M_PI), pitch(-0.40, 0.04), remission(0.0, 1.0);
  const std::array<std::uint32_t, 6> raw = {40, 48, 50, 70, 10, 0};
  HandScan scan;
  const auto append = [&](float x, float y, float z, std::uint32_t label) {
    scan.xyzr.insert(scan.xyzr.end(), {x, y, z, static_cast<float>(remission(random))});
    scan.labels.push_back(label);
  };
  for (int i = 0; i < 3000; ++i) {
    const double r = range(random), a = yaw(random), p = pitch(random);
    append(static_cast<float>(r * std::cos(p) * std::cos(a)), static_cast<float>(r * std::cos(p) * std::sin(a)),
           static_cast<float>(r * std::sin(p)), raw[static_cast<std::size_t>(i) % raw.size()]);
    if (i % 500 == 7) {
      append(std::numeric_limits<float>::quiet_NaN(), 1.0f, 0.0f, 40);
      append(0.0f, 0.0f, 0.0f, 40);
      append(std::numeric_limits<float>::infinity(), 0.0f, 0.0f, 40);
    }
  }
  return scan;
}

std::string slurp(const std::filesystem::path& file)
{
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::uint32_t> readLabels(const std::filesystem::path& file)
{
  const std::string bytes = slurp(file);
  std::vector<std::uint32_t> labels(bytes.size() / 4);
  std::memcpy(labels.data(), bytes.data(), labels.size() * 4);
  return labels;
}

/// The point's range as the projection computes it (float32), or NaN when it
/// has none.
float rangeOf(const HandScan& scan, std::size_t i)
{
  const float x = scan.xyzr[4 * i], y = scan.xyzr[4 * i + 1], z = scan.xyzr[4 * i + 2];
  const float r = std::sqrt(x * x + y * y + z * z);
  return std::isfinite(r) && r > 0.0f ? r : std::numeric_limits<float>::quiet_NaN();
}

/// Two hand-made scans evaluated once for the suite (the model runs are the slow part).
struct Evaluated
{
  std::filesystem::path root;
  std::vector<HandScan> scans;
  std::vector<VariantEvaluation> results;
};

Evaluated evaluateOnce()
{
  Evaluated evaluated;
  evaluated.root = test::freshTempDir("SequenceEvaluatorTest");
  const auto sequence = evaluated.root / "sequences" / "00";
  for (unsigned s = 0; s < 2; ++s) {
    evaluated.scans.push_back(handScan(11 + s));
    const HandScan& scan = evaluated.scans.back();
    const std::string id = "00000" + std::to_string(s);
    test::writeBytes(sequence / "velodyne" / (id + ".bin"), scan.xyzr.data(), scan.xyzr.size() * 4);
    test::writeBytes(sequence / "labels" / (id + ".label"), scan.labels.data(), scan.labels.size() * 4);
  }
  QuantSim sim(demoModel());
  const auto sidecar = ModelSidecar::findFor(demoModel());
  if (!sidecar)
    throw std::runtime_error("the demo model has no sidecar");
  EvaluationOptions options;
  options.scans = {0, 1};
  options.calibrationScans = {0};
  options.savePredictions = evaluated.root / "predictions";
  options.keepFlippedIndices = true;
  const std::vector<EvaluationVariant> variants = {
    {"FP32", sim.presetSettings({QuantPreset::Kind::Fp32})},
    {"W4A8", sim.presetSettings({QuantPreset::Kind::W4A8})},
  };
  Feedback feedback;
  evaluated.results = SequenceEvaluator::evaluate(sim, *sidecar, SemanticKittiSequence(sequence),
                                                  LabelMap::semanticKitti(), variants, options, feedback);
  return evaluated;
}

class SequenceEvaluatorTest : public ::testing::Test
{
protected:
  static void SetUpTestSuite()
  {
    if (std::filesystem::exists(demoModel()))
      evaluated_ = std::make_unique<Evaluated>(evaluateOnce());
  }
  static void TearDownTestSuite() { evaluated_.reset(); }

  void SetUp() override
  {
    ASSERT_TRUE(evaluated_) << "missing " << demoModel();
    ASSERT_EQ(results().size(), 2u);
  }

  std::vector<std::uint32_t> predictions(const std::string& variant, unsigned scan) const
  {
    return readLabels(evaluated_->root / "predictions" / variant / "sequences/00/predictions" /
                      ("00000" + std::to_string(scan) + ".label"));
  }

  static std::unique_ptr<Evaluated> evaluated_;
  const std::vector<HandScan>& scans() const { return evaluated_->scans; }
  const std::vector<VariantEvaluation>& results() const { return evaluated_->results; }
  const LabelMap labels_ = LabelMap::semanticKitti();
};

std::unique_ptr<Evaluated> SequenceEvaluatorTest::evaluated_;

} // namespace

TEST_F(SequenceEvaluatorTest, PointsWithoutARangeCountOverallButInNoDistanceBin)
{
  for (const auto& result : results()) {
    // Overall: every point, those left out predicted as class 0 (raw 0 in the files).
    using Pair = std::pair<int, int>;
    std::map<Pair, std::uint64_t> overall;
    std::vector<std::map<Pair, std::uint64_t>> binned(result.byDistance.binCount());
    std::size_t leftOut = 0;
    for (unsigned s = 0; s < scans().size(); ++s) {
      const auto predicted = predictions(result.name, s);
      ASSERT_EQ(predicted.size(), scans()[s].size());
      for (std::size_t i = 0; i < predicted.size(); ++i) {
        const Pair pair{labels_.toTrainId(predicted[i]), labels_.toTrainId(scans()[s].labels[i])};
        ++overall[pair];
        const float r = rangeOf(scans()[s], i);
        if (std::isnan(r)) {
          ++leftOut;
          EXPECT_EQ(predicted[i], 0u) << "scan " << s << " point " << i;
          continue;
        }
        // Default edges 0, 10, …, 50 m.
        std::size_t bin = 0;
        while (bin < 5 && r >= 10.0f * static_cast<float>(bin + 1))
          ++bin;
        if (bin < 5)
          ++binned[bin][pair];
      }
    }
    EXPECT_EQ(leftOut, 2u * 6u * 3u);
    std::uint64_t inBins = 0;
    for (int p = 0; p < 20; ++p) {
      for (int t = 0; t < 20; ++t) {
        const auto count = [&](const std::map<Pair, std::uint64_t>& counts) {
          const auto found = counts.find({p, t});
          return found == counts.end() ? std::uint64_t{0} : found->second;
        };
        EXPECT_EQ(result.confusion.at(p, t), count(overall)) << result.name << " " << p << "," << t;
        for (std::size_t b = 0; b < binned.size(); ++b) {
          EXPECT_EQ(result.byDistance.bin(b).at(p, t), count(binned[b])) << result.name << " bin " << b;
          inBins += result.byDistance.bin(b).at(p, t);
        }
      }
    }
    EXPECT_EQ(result.confusion.total(), scans()[0].size() + scans()[1].size());
    EXPECT_LT(inBins + leftOut, result.confusion.total()); // points beyond 50 m are in no bin either
  }
}

TEST_F(SequenceEvaluatorTest, ChangesAgainstTheFirstVariantMatchTheSavedPredictions)
{
  const VariantEvaluation& fp32 = results()[0];
  const VariantEvaluation& w4a8 = results()[1];
  EXPECT_EQ(fp32.changedPoints, 0u);
  EXPECT_EQ(fp32.changes.total(), 0u);
  ASSERT_EQ(w4a8.flippedIndices.size(), 2u);
  std::size_t changed = 0;
  ConfusionMatrix expected(20);
  for (unsigned s = 0; s < 2; ++s) {
    const auto reference = predictions("FP32", s);
    const auto variant = predictions("W4A8", s);
    std::vector<std::uint32_t> flipped;
    for (std::size_t i = 0; i < reference.size(); ++i) {
      expected.addPoint(labels_.toTrainId(variant[i]), labels_.toTrainId(reference[i]));
      if (variant[i] != reference[i])
        flipped.push_back(static_cast<std::uint32_t>(i));
    }
    EXPECT_EQ(w4a8.flippedIndices[s], flipped) << "scan " << s;
    changed += flipped.size();
  }
  EXPECT_GT(changed, 0u) << "4-bit weights should change some points of the demo model";
  EXPECT_EQ(w4a8.changedPoints, changed);
  EXPECT_EQ(w4a8.comparedPoints, scans()[0].size() + scans()[1].size());
  EXPECT_EQ(w4a8.changes, expected);
  EXPECT_TRUE(fp32.flippedIndices.empty());
}
