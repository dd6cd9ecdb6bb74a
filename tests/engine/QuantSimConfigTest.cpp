#include "quant/QuantSimConfig.h"

#include "TestData.h"
#include "core/EmbeddedResources.h"
#include "core/EngineError.h"
#include "quant/Calibrator.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace quantlens {
namespace {

using Groups = std::vector<std::vector<std::string>>;


std::string configError(const std::string& json)
{
  return test::engineErrorOf([&] { QuantSimConfig::fromJson(json, "config.json"); });
}

// A small valid config exercising every precedence level; expectations below are read off it by hand.
const char* const kCustomConfig = R"({
  "defaults": {
    "ops": { "is_output_quantized": "True", "is_input_quantized": "False", "is_symmetric": "False" },
    "params": { "is_quantized": "True", "is_symmetric": "True" },
    "strict_symmetric": "True",
    "unsigned_symmetric": "False",
    "per_channel_quantization": "False",
    "supported_kernels": [ { "activation": { "bitwidth": 16, "dtype": "int" },
                             "param": { "bitwidth": 8, "dtype": "int" } } ],
    "hw_version": "V73"
  },
  "params": { "bias": { "is_quantized": "False" }, "weight": { "is_symmetric": "False" } },
  "op_type": {
    "Conv": { "per_channel_quantization": "True", "params": { "bias": { "is_quantized": "True" } } },
    "Concat": { "is_input_quantized": "True", "is_output_quantized": "False", "is_symmetric": "True" },
    "Softmax": { "encoding_constraints": { "min": 0.0, "max": 1.0 },
                 "supported_kernels": [ { "activation": { "bitwidth": 16, "dtype": "float" } } ] }
  },
  "supergroups": [ { "op_list": ["Conv", "LeakyRelu"] }, { "op_list": ["Add", "Relu", "MaxPool"] } ],
  "model_input": { "is_input_quantized": "True" },
  "model_output": { "is_output_quantized": "True" }
})";

TEST(QuantSimConfigTest, ShippedPerChannelConfig)
{
  const QuantSimConfig config = QuantSimConfig::defaultPerChannel();
  EXPECT_TRUE(config.perChannel("Conv"));
  EXPECT_TRUE(config.perChannel("ConvTranspose"));
  EXPECT_TRUE(config.outputQuantized("Conv"));
  EXPECT_TRUE(config.outputQuantized("LeakyRelu"));
  EXPECT_FALSE(config.outputQuantized("Squeeze"));
  EXPECT_FALSE(config.outputQuantized("Pad"));
  EXPECT_FALSE(config.outputQuantized("Mean"));
  EXPECT_FALSE(config.inputQuantized("Conv"));
  EXPECT_TRUE(config.paramQuantized("Conv", "weight"));
  EXPECT_FALSE(config.paramQuantized("Conv", "bias"));
  EXPECT_TRUE(config.paramSymmetric("Conv", "weight"));
  EXPECT_FALSE(config.activationSymmetric("Conv"));
  EXPECT_FALSE(config.strictSymmetric());
  EXPECT_TRUE(config.unsignedSymmetric());
  EXPECT_TRUE(config.modelInputQuantized());
  EXPECT_FALSE(config.modelOutputQuantized());
  EXPECT_FALSE(config.modelOutputFlag().has_value());
  EXPECT_EQ(config.supergroups(),
            (Groups{ { "Conv", "Relu" },
                     { "Conv", "Clip" },
                     { "Conv", "BatchNormalization", "Relu" },
                     { "Add", "Relu" },
                     { "Gemm", "Relu" } }));
  EXPECT_EQ(config.opTypes().size(), 3u);
}

/// A weight's 8-bit tf and tf_enhanced encodings with the symmetry flags a config gives Conv weights.
std::vector<Encoding> weightEncodings(const QuantSimConfig& config, int bitwidth)
{
  const std::vector<float> weights{ -0.5f, 0.4f, 0.1f, -0.2f, 0.3f };
  TensorStatistics statistics;
  Calibrator::accumulate(statistics, weights.data(), weights.size());
  const bool symmetric = config.paramSymmetric("Conv", "weight");
  std::vector<Encoding> encodings;
  for (const QuantScheme scheme : { QuantScheme{}, QuantScheme{ QuantScheme::Kind::TfEnhanced } })
    encodings.push_back(Calibrator::encoding(
      statistics, scheme, bitwidth, symmetric, config.unsignedSymmetric(), config.strictSymmetric()));
  return encodings;
}

// AIMET's built-in default_config.json (quic/aimet a548d95, the aimet 1.24 era).
TEST(QuantSimConfigTest, ShippedPerTensorConfigIsAimets)
{
  const QuantSimConfig config = QuantSimConfig::defaultPerTensor();
  EXPECT_EQ(config.defaults().perChannel, false);
  EXPECT_FALSE(config.perChannel("Conv"));
  EXPECT_EQ(config.defaults().params.symmetric, true);
  EXPECT_TRUE(config.paramSymmetric("Conv", "weight"));
  EXPECT_TRUE(config.paramSymmetric("Gemm", "weight"));
  EXPECT_FALSE(config.activationSymmetric("Conv"));
  EXPECT_TRUE(config.paramQuantized("Gemm", "weight"));
  EXPECT_FALSE(config.paramQuantized("Gemm", "bias"));
  EXPECT_TRUE(config.outputQuantized("Conv"));
  EXPECT_FALSE(config.outputQuantized("Squeeze"));
  EXPECT_FALSE(config.outputQuantized("Pad"));
  EXPECT_FALSE(config.outputQuantized("Mean"));
  EXPECT_EQ(config.defaults().strictSymmetric, false);
  EXPECT_FALSE(config.defaults().unsignedSymmetric.has_value());
  EXPECT_FALSE(config.unsignedSymmetric());
  EXPECT_TRUE(config.modelInputQuantized());
  EXPECT_FALSE(config.modelOutputFlag().has_value());
  EXPECT_EQ(config.opTypes().size(), 3u);
  EXPECT_EQ(config.supergroups(),
            (Groups{ { "Conv", "Relu" }, { "Conv", "Clip" }, { "Add", "Relu" }, { "Gemm", "Relu" } }));

  // Per-tensor weights are signed symmetric: offset -2^(b-1), whatever the scheme.
  for (const Encoding& e : weightEncodings(config, 8)) {
    EXPECT_TRUE(e.symmetric);
    EXPECT_EQ(e.offset, -128);
  }
  for (const Encoding& e : weightEncodings(config, 4))
    EXPECT_EQ(e.offset, -8);
}

// aimet_torch v1 starts every quantizer asymmetric and changes that only where
// the config says is_symmetric: a config without it quantizes weights
// asymmetrically too (and leaves strict and unsigned symmetric off).
TEST(QuantSimConfigTest, UnsetSymmetryIsAsymmetricAsInAimetTorch)
{
  const QuantSimConfig config = QuantSimConfig::fromJson(R"({
    "defaults": { "ops": { "is_output_quantized": "True" }, "params": { "is_quantized": "True" } },
    "params": { "bias": { "is_quantized": "False" } },
    "op_type": { "Conv": { "params": { "weight": { "is_quantized": "True" } } } },
    "supergroups": [], "model_input": { "is_input_quantized": "True" }, "model_output": {} })",
                                                         "unset.json");
  EXPECT_FALSE(config.paramSymmetric("Conv", "weight"));
  EXPECT_FALSE(config.paramSymmetric("Gemm", "weight"));
  EXPECT_FALSE(config.activationSymmetric("Conv"));
  EXPECT_FALSE(config.strictSymmetric());
  EXPECT_FALSE(config.unsignedSymmetric());
  const std::vector<Encoding> encodings = weightEncodings(config, 8);
  // tf: [-0.5, 0.4] asymmetric, delta 0.9/255, offset -round(141.67) = -142.
  EXPECT_FALSE(encodings[0].symmetric);
  EXPECT_EQ(encodings[0].offset, -142);
  EXPECT_NEAR(encodings[0].scale, 0.9 / 255.0, 1e-9);
  // tf_enhanced: the asymmetric grid search, not the symmetric -128 grid.
  EXPECT_FALSE(encodings[1].symmetric);
  EXPECT_NE(encodings[1].offset, -128);
}

// Later AIMET default configs name op types QuantLens never meets and
// parameters it has no quantizer for; they are accepted, not errors.
TEST(QuantSimConfigTest, OpTypesQuantLensNeverSeesAreAccepted)
{
  const QuantSimConfig config = QuantSimConfig::fromJson(R"({
    "defaults": { "ops": { "is_output_quantized": "True" },
                  "params": { "is_quantized": "True", "is_symmetric": "True" },
                  "strict_symmetric": "False", "per_channel_quantization": "False" },
    "params": { "bias": { "is_quantized": "False" } },
    "op_type": {
      "BatchNormalization": { "params": { "running_mean": { "is_quantized": "False" },
                                          "running_var": { "is_quantized": "False" } } },
      "Cast": { "is_output_quantized": "False" }, "Mean": { "is_output_quantized": "False" },
      "Shape": { "is_output_quantized" : "False" }, "If": { "is_output_quantized" : "False" } },
    "supergroups": [ { "op_list": ["Conv", "Relu"] }, { "op_list": ["ConvTranspose", "Relu"] },
                     { "op_list": ["Conv", "Clip"] }, { "op_list": ["Add", "Relu"] }, { "op_list": ["Gemm", "Relu"] } ],
    "model_input": { "is_input_quantized": "True" }, "model_output": {} })",
                                                         "later_default.json");
  EXPECT_EQ(config.opTypes().size(), 5u);
  EXPECT_FALSE(config.outputQuantized("Shape"));
  EXPECT_FALSE(config.outputQuantized("If"));
  EXPECT_FALSE(config.paramQuantized("BatchNormalization", "running_mean"));
  EXPECT_TRUE(config.paramQuantized("BatchNormalization", "weight"));
  EXPECT_EQ(config.supergroups().size(), 5u);
}

TEST(QuantSimConfigTest, FromFileMatchesEmbeddedAndNamesTheFile)
{
  const auto dir = test::freshTempDir("QuantSimConfigFromFile");
  const auto file = dir / "per_channel.json";
  test::writeText(file, std::string(embeddedResource("quantsim/aimet_default_config_per_channel.json")));
  const QuantSimConfig config = QuantSimConfig::fromFile(file);
  EXPECT_EQ(config.sourceName(), file.string());
  EXPECT_EQ(config.supergroups(), QuantSimConfig::defaultPerChannel().supergroups());
  EXPECT_TRUE(config.perChannel("Conv"));

  const std::string missing = test::engineErrorOf([&] { QuantSimConfig::fromFile(dir / "nope.json"); });
  EXPECT_NE(missing.find("nope.json"), std::string::npos) << missing;
}

TEST(QuantSimConfigTest, PrecedenceDefaultsParamsOpType)
{
  const QuantSimConfig config = QuantSimConfig::fromJson(kCustomConfig, "custom.json");
  // bias: defaults say quantized, params say no, op_type Conv says yes again.
  EXPECT_TRUE(config.paramQuantized("Conv", "bias"));
  EXPECT_FALSE(config.paramQuantized("Gemm", "bias"));
  EXPECT_TRUE(config.paramQuantized("Gemm", "weight"));
  // weight symmetry: defaults True, params.weight False; bias keeps the default.
  EXPECT_FALSE(config.paramSymmetric("Conv", "weight"));
  EXPECT_TRUE(config.paramSymmetric("Conv", "bias"));
  EXPECT_TRUE(config.perChannel("Conv"));
  EXPECT_FALSE(config.perChannel("Gemm"));
  EXPECT_TRUE(config.outputQuantized("Relu"));
  EXPECT_FALSE(config.outputQuantized("Concat"));
  EXPECT_TRUE(config.inputQuantized("Concat"));
  EXPECT_FALSE(config.inputQuantized("Add"));
  EXPECT_TRUE(config.activationSymmetric("Concat"));
  EXPECT_FALSE(config.activationSymmetric("Add"));
  EXPECT_TRUE(config.strictSymmetric());
  EXPECT_FALSE(config.unsignedSymmetric());
  EXPECT_TRUE(config.modelOutputQuantized());
  ASSERT_TRUE(config.encodingConstraints("Softmax").has_value());
  EXPECT_EQ(config.encodingConstraints("Softmax")->min, 0.0);
  EXPECT_EQ(config.encodingConstraints("Softmax")->max, 1.0);
  EXPECT_FALSE(config.encodingConstraints("Conv").has_value());
  ASSERT_EQ(config.defaults().supportedKernels.size(), 1u);
  EXPECT_EQ(config.defaults().supportedKernels[0].activationBitwidth, 16);
  EXPECT_EQ(config.defaults().supportedKernels[0].paramBitwidth, 8);
  ASSERT_EQ(config.opTypes().at("Softmax").supportedKernels.size(), 1u);
  EXPECT_EQ(config.opTypes().at("Softmax").supportedKernels[0].activationDtype, QuantDtype::Float);
  EXPECT_FALSE(config.opTypes().at("Softmax").supportedKernels[0].paramBitwidth.has_value());
  EXPECT_EQ(config.defaults().hwVersion, "V73");
  EXPECT_EQ(config.supergroups(), (Groups{ { "Conv", "LeakyRelu" }, { "Add", "Relu", "MaxPool" } }));
}

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "test setup: '" << from << "' not in the config";
  return text.replace(at, from.size(), to);
}

/// Expects the config with `from` replaced by `to` to fail naming config.json, `path` and `detail`.
void expectSchemaError(const std::string& from,
                       const std::string& to,
                       const std::string& path,
                       const std::string& detail)
{
  const std::string message = configError(replaced(kCustomConfig, from, to));
  ASSERT_FALSE(message.empty()) << "no error for " << to;
  EXPECT_EQ(message.rfind("config.json: ", 0), 0u) << message;
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find(detail), std::string::npos) << message;
}

TEST(QuantSimConfigTest, FlagsMustBeTrueOrFalseStrings)
{
  expectSchemaError(R"("Concat": { "is_input_quantized": "True", "is_output_quantized": "False")",
                    R"("Concat": { "is_input_quantized": "True", "is_output_quantized": false)",
                    "op_type.Concat.is_output_quantized: ",
                    "expected \"True\" or \"False\", got false");
  expectSchemaError(
    R"("strict_symmetric": "True")", R"("strict_symmetric": "true")", "defaults.strict_symmetric", "got \"true\"");
  expectSchemaError(
    R"("bias": { "is_quantized": "False" })", R"("bias": { "is_quantized": 0 })", "params.bias.is_quantized", "got 0");
  expectSchemaError(R"("params": { "bias": { "is_quantized": "True" } })",
                    R"("params": { "bias": { "is_quantized": "Yes" } })",
                    "op_type.Conv.params.bias.is_quantized",
                    "got \"Yes\"");
  expectSchemaError(R"("model_input": { "is_input_quantized": "True" })",
                    R"("model_input": { "is_input_quantized": true })",
                    "model_input.is_input_quantized",
                    "got true");
}

TEST(QuantSimConfigTest, UnknownKeysAreRejected)
{
  expectSchemaError(R"("model_output": {)", R"("extra": {}, "model_output": {)", "extra", "unknown key");
  expectSchemaError(R"("is_symmetric": "False" },)",
                    R"("is_symmetric": "False", "is_quantized": "True" },)",
                    "defaults.ops.is_quantized",
                    "unknown key");
  expectSchemaError(R"("Conv": { "per_channel_quantization")",
                    R"("Conv": { "bitwidth": 8, "per_channel_quantization")",
                    "op_type.Conv.bitwidth",
                    "unknown key");
  expectSchemaError(R"("weight": { "is_symmetric": "False" })",
                    R"("weight": { "symmetric": "False" })",
                    "params.weight.symmetric",
                    "unknown key");
  expectSchemaError(R"({ "is_output_quantized": "True" })",
                    R"({ "is_input_quantized": "True" })",
                    "model_output.is_input_quantized",
                    "unknown key");
  expectSchemaError(R"({ "op_list": ["Conv", "LeakyRelu"] })",
                    R"({ "op_list": ["Conv", "LeakyRelu"], "x": 1 })",
                    "supergroups[0].x",
                    "unknown key");
  expectSchemaError(R"("param": { "bitwidth": 8, "dtype": "int" })",
                    R"("param": { "bitwidth": 8, "dtype": "int", "a": 1 })",
                    "defaults.supported_kernels[0].param.a",
                    "unknown key");
}

TEST(QuantSimConfigTest, SupergroupsAndOtherStructuralErrors)
{
  expectSchemaError(R"(["Add", "Relu", "MaxPool"])", R"(["Add", 3, "MaxPool"])", "supergroups[1].op_list[1]", "got 3");
  expectSchemaError(R"(["Conv", "LeakyRelu"])", R"(["Conv"])", "supergroups[0].op_list", "at least two");
  expectSchemaError(
    R"({ "op_list": ["Conv", "LeakyRelu"] })", R"({ "ops": ["Conv", "LeakyRelu"] })", "supergroups[0]", "unknown key");
  expectSchemaError(
    R"("supergroups": [ { "op_list": ["Conv", "LeakyRelu"] }, { "op_list": ["Add", "Relu", "MaxPool"] } ])",
    R"("supergroups": {})",
    "supergroups",
    "expected a list");
  expectSchemaError(R"("encoding_constraints": { "min": 0.0, "max": 1.0 })",
                    R"("encoding_constraints": { "min": 0.0 })",
                    "op_type.Softmax.encoding_constraints",
                    "missing required key 'max'");
  expectSchemaError(R"("bitwidth": 16, "dtype": "float")",
                    R"("bitwidth": 12, "dtype": "float")",
                    "op_type.Softmax.supported_kernels[0].activation.bitwidth",
                    "got 12");
  expectSchemaError(R"("Concat": {)", R"("Concat": "yes", "Unused": {)", "op_type.Concat", "expected an object");
}

TEST(QuantSimConfigTest, MissingSections)
{
  const std::string noDefaults = R"({ "params": {}, "op_type": {}, "supergroups": [],
                                      "model_input": {}, "model_output": {} })";
  const std::string message = configError(noDefaults);
  EXPECT_NE(message.find("config.json"), std::string::npos) << message;
  EXPECT_NE(message.find("'defaults'"), std::string::npos) << message;

  // AIMET's schema requires all six sections.
  EXPECT_NE(configError(replaced(kCustomConfig, R"("model_output": { "is_output_quantized": "True" })", R"("x2": 1)"))
              .find("unknown key"),
            std::string::npos);
  const std::string noOps = configError(R"({ "defaults": { "params": {} }, "params": {}, "op_type": {},
      "supergroups": [], "model_input": {}, "model_output": {} })");
  EXPECT_NE(noOps.find("defaults: missing required key 'ops'"), std::string::npos) << noOps;
  const std::string noModelOutput = configError(R"({ "defaults": { "ops": {}, "params": {} }, "params": {},
      "op_type": {}, "supergroups": [], "model_input": {} })");
  EXPECT_NE(noModelOutput.find("'model_output'"), std::string::npos) << noModelOutput;
  // The minimal valid config: everything off.
  const QuantSimConfig empty = QuantSimConfig::fromJson(R"({ "defaults": { "ops": {}, "params": {} }, "params": {},
      "op_type": {}, "supergroups": [], "model_input": {}, "model_output": {} })",
                                                        "min.json");
  EXPECT_FALSE(empty.outputQuantized("Conv"));
  EXPECT_FALSE(empty.paramQuantized("Conv", "weight"));
  EXPECT_FALSE(empty.modelInputQuantized());
}

TEST(QuantSimConfigTest, InvalidJsonNamesFileAndPosition)
{
  const std::string message = configError("{\n  \"defaults\": {\n    \"ops\": ,\n}");
  EXPECT_EQ(message.rfind("config.json: invalid JSON", 0), 0u) << message;
  EXPECT_NE(message.find("line 3"), std::string::npos) << message;
  EXPECT_NE(configError("[1, 2]").find("expected an object"), std::string::npos);
}

} // namespace
} // namespace quantlens
