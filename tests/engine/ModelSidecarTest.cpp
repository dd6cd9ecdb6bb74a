#include "TestData.h"

#include "core/EngineError.h"
#include "model/ModelSidecar.h"

#include <gtest/gtest.h>

#include <regex>

using namespace quantlens;

namespace {

const std::string kValid = R"({
  "format": "quantlens-model", "version": 1, "architecture": "salsanext",
  "input_shape": [1, 5, 64, 512], "input_multiple": [16, 16],
  "projection": {"height": 64, "width": 512, "fov_up": 3.0, "fov_down": -25.0},
  "img_means": [12.12, 10.88, 0.23, -1.04, 0.21],
  "img_stds": [12.32, 11.47, 6.91, 0.86, 0.16],
  "num_classes": 20, "labels": "semantic-kitti",
  "knn": {"enabled": true, "knn": 7, "search": 5, "sigma": 1.0, "cutoff": 1.0},
  "output": "softmax"
})";

void expectFieldError(const std::string& json, const std::string& field)
{
  try {
    ModelSidecar::fromJson(json, "model.json");
    FAIL() << "expected an error for " << field;
  } catch (const EngineError& error) {
    EXPECT_NE(std::string(error.what()).find("model.json"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find(field), std::string::npos) << error.what();
  }
}

std::string replaced(const std::string& pattern, const std::string& replacement)
{
  return std::regex_replace(kValid, std::regex(pattern), replacement);
}

} // namespace

TEST(ModelSidecar, ReadsEveryField)
{
  const ModelSidecar sidecar = ModelSidecar::fromJson(kValid, "model.json");
  EXPECT_EQ(sidecar.architecture, "salsanext");
  EXPECT_EQ(sidecar.inputShape, (std::vector<std::int64_t>{1, 5, 64, 512}));
  EXPECT_EQ(sidecar.sensor.height, 64);
  EXPECT_EQ(sidecar.sensor.width, 512);
  EXPECT_FLOAT_EQ(sidecar.sensor.fovDownDegrees, -25.0f);
  EXPECT_FLOAT_EQ(sidecar.sensor.means[3], -1.04f);
  EXPECT_FLOAT_EQ(sidecar.sensor.stds[4], 0.16f);
  EXPECT_EQ(sidecar.classCount, 20);
  EXPECT_TRUE(sidecar.knnEnabled);
  EXPECT_EQ(sidecar.knn.knn, 7);
  EXPECT_TRUE(sidecar.outputIsSoftmax);
}

TEST(ModelSidecar, IsFoundBesideTheModel)
{
  const auto dir = test::freshTempDir("sidecar");
  EXPECT_EQ(ModelSidecar::pathFor(dir / "net.pt"), dir / "net.json");
  EXPECT_FALSE(ModelSidecar::findFor(dir / "net.pt").has_value());
  test::writeText(dir / "net.json", kValid);
  ASSERT_TRUE(ModelSidecar::findFor(dir / "net.pt").has_value());
  test::writeText(dir / "net.json", "{ nope");
  EXPECT_THROW(ModelSidecar::findFor(dir / "net.pt"), EngineError);
  // Another tool's JSON beside the model is not a sidecar.
  test::writeText(dir / "net.json", R"({"input_shape": [1, 5, 8, 16]})");
  EXPECT_FALSE(ModelSidecar::findFor(dir / "net.pt").has_value());
  // A QuantLens sidecar with a wrong value is an error, not ignored.
  test::writeText(dir / "net.json", std::regex_replace(kValid, std::regex(R"("num_classes": 20)"), R"("num_classes": 1)"));
  EXPECT_THROW(ModelSidecar::findFor(dir / "net.pt"), EngineError);
}

TEST(ModelSidecar, NamesTheFieldThatIsWrong)
{
  expectFieldError(replaced(R"("num_classes": 20,)", ""), "num_classes");
  expectFieldError(replaced(R"("fov_up": 3.0)", R"("fov_up": -30.0)"), "projection.fov_up");
  expectFieldError(replaced(R"("height": 64, "width": 512)", R"("height": 60, "width": 512)")
                     .replace(kValid.find("[1, 5, 64, 512]"), 15, "[1, 5, 60, 512]"),
                   "projection.height");
  expectFieldError(replaced(R"("img_stds": \[12.32)", R"("img_stds": [0.0)"), "img_stds");
  expectFieldError(replaced(R"("img_means": \[12.12, )", R"("img_means": [)"), "img_means");
  expectFieldError(replaced(R"("input_shape": \[1, 5, 64, 512\])", R"("input_shape": [1, 5, 32, 512])"), "input_shape");
  expectFieldError(replaced(R"("search": 5)", R"("search": 4)"), "knn");
  expectFieldError(replaced(R"("quantlens-model")", R"("something-else")"), "format");
}
