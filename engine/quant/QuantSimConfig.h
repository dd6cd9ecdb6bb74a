#pragma once

#include "quant/Encoding.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quantlens {

/// An AIMET quantsim configuration file (aimet_common/quantsim_config/*.json):
/// where quantizers go and how they behave, per ONNX op type.
///
/// Reading validates like AIMET's QUANTSIM_CONFIG_SCHEMA: the six top-level
/// sections (defaults, params, op_type, supergroups, model_input, model_output)
/// are required, `defaults` needs `ops` and `params`, no unknown key is allowed
/// anywhere, every flag is the string "True" or "False", and every op_list has
/// at least two op type names. Errors name the file and the JSON path, e.g.
/// "config.json: op_type.Conv.is_output_quantized: expected "True" or "False", got true".
///
/// The query helpers resolve defaults → params → op_type, AIMET's order; a flag
/// set nowhere is false (AIMET starts with every quantizer off). Supergroups,
/// model_input and model_output come after, and the instrumentation applies
/// them: this class only exposes their data. Op types QuantLens never meets
/// (Cast, Shape, If, ...) are accepted and simply never asked about.
///
/// Symmetry set nowhere is asymmetric, weights included: aimet_torch v1's
/// QuantSimConfigurator first sets every quantizer to use_symmetric_encodings
/// False and changes it only where a config says is_symmetric. Symmetric
/// weights come from AIMET's default config (defaults.params.is_symmetric
/// "True"), which QuantLens ships. strict_symmetric and unsigned_symmetric
/// are applied only when present; absent, the quantizer keeps its
/// constructor's default: strict False, and unsigned False as in the
/// aimet_torch TensorQuantizer of 2023 on (the 2020–2022 one defaulted
/// unsigned to True; which of the two aimet 1.24 shipped is not certain).
class QuantSimConfig
{
public:
  /// is_quantized / is_symmetric of a parameter (globally by name, or of one op type).
  struct ParamRule
  {
    std::optional<bool> quantized;
    std::optional<bool> symmetric;
    bool operator==(const ParamRule&) const = default;
  };

  /// One `supported_kernels` entry: the bitwidth/dtype pairs a runtime supports.
  /// Stored for completeness; QuantLens does not enforce them.
  struct SupportedKernel
  {
    int activationBitwidth = 8;
    QuantDtype activationDtype = QuantDtype::Int;
    std::optional<int> paramBitwidth;
    std::optional<QuantDtype> paramDtype;
    bool operator==(const SupportedKernel&) const = default;
  };

  /// op_type.<T>.encoding_constraints: a fixed output range for that op type.
  struct EncodingConstraints
  {
    double min = 0.0;
    double max = 0.0;
    bool operator==(const EncodingConstraints&) const = default;
  };

  /// The `defaults` section.
  struct Defaults
  {
    std::optional<bool> inputQuantized;      ///< ops.is_input_quantized
    std::optional<bool> outputQuantized;     ///< ops.is_output_quantized
    std::optional<bool> activationSymmetric; ///< ops.is_symmetric
    ParamRule params;                        ///< params.is_quantized / params.is_symmetric
    std::optional<bool> strictSymmetric;
    std::optional<bool> unsignedSymmetric;
    std::optional<bool> perChannel; ///< per_channel_quantization
    std::vector<SupportedKernel> supportedKernels;
    std::optional<std::string> hwVersion;
  };

  /// One `op_type` entry.
  struct OpTypeRule
  {
    std::optional<bool> inputQuantized;
    std::optional<bool> outputQuantized;
    std::optional<bool> activationSymmetric; ///< is_symmetric: the op's input/output quantizers
    std::optional<bool> perChannel;
    std::map<std::string, ParamRule> params; ///< by parameter name ("weight", "bias")
    std::vector<SupportedKernel> supportedKernels;
    std::optional<EncodingConstraints> encodingConstraints;
  };

  /// Throws EngineError naming the file for an unreadable file, invalid JSON
  /// (with line and column) or any schema violation.
  static QuantSimConfig fromFile(const std::filesystem::path& file);
  /// `sourceName` names the text in error messages (a file name, or "<embedded>").
  static QuantSimConfig fromJson(std::string_view jsonText, const std::string& sourceName);
  /// AIMET's default_config_per_channel.json (compiled in; parsed once, then
  /// copied): the content of quic/aimet 17bcc52 (late 2022, unsigned_symmetric "True").
  static QuantSimConfig defaultPerChannel();
  /// AIMET's default_config.json, per-tensor weights (compiled in): the
  /// content of quic/aimet a548d95, the file aimet 1.24 shipped as far as
  /// dated changes tell (symmetric weights, no unsigned_symmetric).
  static QuantSimConfig defaultPerTensor();

  const std::string& sourceName() const noexcept { return sourceName_; }

  // Resolved queries: defaults → params → op_type; false where nothing says.
  bool outputQuantized(const std::string& opType) const;
  bool inputQuantized(const std::string& opType) const;
  /// Symmetric encodings for the op's input/output quantizers (defaults.ops.is_symmetric, op_type.is_symmetric).
  bool activationSymmetric(const std::string& opType) const;
  /// op_type.<T>.params.<p> → params.<p> → defaults.params.
  bool paramQuantized(const std::string& opType, const std::string& paramName) const;
  bool paramSymmetric(const std::string& opType, const std::string& paramName) const;
  bool perChannel(const std::string& opType) const;
  bool strictSymmetric() const { return defaults_.strictSymmetric.value_or(false); }
  bool unsignedSymmetric() const { return defaults_.unsignedSymmetric.value_or(false); }
  /// op_type.<T>.encoding_constraints, if any.
  std::optional<EncodingConstraints> encodingConstraints(const std::string& opType) const;

  /// Op type chains that share one output quantizer (the first op loses its
  /// output quantizer, the last its input quantizer), in file order.
  const std::vector<std::vector<std::string>>& supergroups() const noexcept { return supergroups_; }
  /// model_input.is_input_quantized; false when absent.
  bool modelInputQuantized() const { return modelInputQuantized_.value_or(false); }
  /// model_output.is_output_quantized; false when absent.
  bool modelOutputQuantized() const { return modelOutputQuantized_.value_or(false); }

  // The parsed sections as written (unset = absent from the file).
  const Defaults& defaults() const noexcept { return defaults_; }
  const std::map<std::string, ParamRule>& params() const noexcept { return params_; }
  const std::map<std::string, OpTypeRule>& opTypes() const noexcept { return opTypes_; }
  const std::optional<bool>& modelInputFlag() const noexcept { return modelInputQuantized_; }
  const std::optional<bool>& modelOutputFlag() const noexcept { return modelOutputQuantized_; }

private:
  friend class QuantSimConfigParser;

  const OpTypeRule* opType(const std::string& opType) const;
  const ParamRule* opTypeParam(const std::string& opType, const std::string& paramName) const;
  const ParamRule* globalParam(const std::string& paramName) const;

  std::string sourceName_;
  Defaults defaults_;
  std::map<std::string, ParamRule> params_;
  std::map<std::string, OpTypeRule> opTypes_;
  std::vector<std::vector<std::string>> supergroups_;
  std::optional<bool> modelInputQuantized_;
  std::optional<bool> modelOutputQuantized_;
};

} // namespace quantlens
