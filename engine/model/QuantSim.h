#pragma once

#include "core/ComputeDevice.h"
#include "core/Feedback.h"
#include "model/ActivationError.h"
#include "model/FloatTensor.h"
#include "quant/QuantPreset.h"
#include "quant/QuantScheme.h"
#include "quant/QuantSimConfig.h"
#include "quant/QuantizerInfo.h"
#include "quant/QuantizerSettings.h"
#include "quant/TensorStatistics.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace quantlens {

struct QuantSimOptions
{
  /// AIMET quantsim config; default: the shipped per-channel (or per-tensor) config.
  std::optional<std::filesystem::path> configFile;
  bool perChannel = true;     ///< which shipped config, when no file is given
  bool foldBatchNorm = true;  ///< fold conv -> BN pairs first, as both seeds do
  ComputeDevice device = ComputeDevice::Cpu;
};

/// Encodings per quantizer id: empty for a disabled quantizer, one for
/// per-tensor, one per channel for per-channel parameters.
using EncodingTable = std::vector<std::vector<Encoding>>;

/// A variant (quantizer settings + encodings) prepared for running: encodings
/// already on the device, quantized weights cached after the first run.
class QuantVariant
{
public:
  QuantVariant();
  ~QuantVariant();
  QuantVariant(QuantVariant&&) noexcept;
  QuantVariant& operator=(QuantVariant&&) noexcept;

private:
  friend class QuantSim;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// One variant of QuantSim::runSharingPrefix.
struct PrefixSharingRun
{
  const QuantVariant* variant = nullptr;
  /// The quantizers this variant sets differently from the base. The run
  /// starts at the first of their fake_quant nodes in graph order.
  std::vector<int> changedQuantizers;
};

/// Simulated quantization of a TorchScript model, AIMET-style. Loading copies
/// and inlines the forward graph, folds batch norms, places quantizers from
/// the quantsim config and instruments the graph once with fake_quant nodes.
/// FP32, W8A8, W4A8 and Custom are then only tables of QuantizerSettings.
/// Not thread-safe: one thread drives one QuantSim.
class QuantSim
{
public:
  /// Throws EngineError naming the file for anything it cannot use.
  explicit QuantSim(const std::filesystem::path& modelFile, const QuantSimOptions& options = {});
  ~QuantSim();
  QuantSim(QuantSim&&) noexcept;
  QuantSim& operator=(QuantSim&&) noexcept;

  const std::filesystem::path& modelFile() const;
  const QuantSimConfig& config() const;
  ComputeDevice device() const;
  const std::vector<QuantizerInfo>& quantizers() const;
  /// Quantizer id by name, or -1. Takes QuantLens's names and AIMET's
  /// prepared-model names (QuantizerInfo::aimetName, aimetScopedName).
  int findQuantizer(const std::string& name) const;
  /// "<bn module> -> <conv module>" for every folded batch norm.
  std::vector<std::string> foldedBatchNorms() const;

  /// Settings of a preset: the config decides which quantizers are on, the
  /// preset their bitwidths (weights per-channel symmetric, activations asymmetric).
  std::vector<QuantizerSettings> presetSettings(QuantPreset preset) const;

  /// Calibration: one FP32 forward pass that adds to every activation
  /// quantizer's statistics. Throws EngineError for NaN/inf in the data.
  void calibrate(const FloatTensor& input);
  void resetCalibration();
  /// Puts back what an earlier calibration of this model gave (activationStatistics
  /// of every quantizer id, calibrationPasses), e.g. from a session file, without
  /// a pass over data. Entries of parameter quantizers must be empty. Throws
  /// EngineError naming the quantizer for statistics calibration could not have
  /// given (wrong count, a histogram without values, a bad range); nothing changes then.
  void restoreCalibration(std::vector<TensorStatistics> activationStatistics, std::size_t passes);
  std::size_t calibrationPasses() const;
  const TensorStatistics& activationStatistics(int id) const;
  /// Per channel for per-channel capable parameters, else one entry.
  const std::vector<TensorStatistics>& parameterStatistics(int id, bool perChannel) const;

  /// Encodings from the statistics (no data pass). Throws EngineError naming
  /// the first enabled activation quantizer without statistics.
  EncodingTable computeEncodings(const std::vector<QuantizerSettings>& settings, const QuantScheme& scheme) const;

  QuantVariant prepare(const std::vector<QuantizerSettings>& settings, const EncodingTable& encodings) const;
  /// Runs one input through the instrumented graph. The first run also fills
  /// the quantizers' tensor shapes.
  FloatTensor run(const QuantVariant& variant, const FloatTensor& input);
  /// The original module's forward, uninstrumented (for comparisons and benchmarks).
  FloatTensor runOriginal(const FloatTensor& input);

  /// Many variants on one input, sharing the work they have in common with a
  /// base: `base` runs the whole graph once and keeps the values live at every
  /// run's cut (just before the first fake_quant node of its changedQuantizers);
  /// each run then computes only the graph from its cut on. Every output equals
  /// run(variant, input) bit for bit, provided each quantizer before the cut
  /// acts in the variant as in the base (modes and encodings are checked:
  /// EngineError otherwise). Returns the base's output; hands run i's output to
  /// onOutput(i, output). Kept values cost memory: about one forward pass of
  /// activations. A model that writes tensors in place (relu_, add_) cannot
  /// share values: then each run goes through the whole graph (same outputs).
  FloatTensor runSharingPrefix(const QuantVariant& base, const std::vector<PrefixSharingRun>& runs,
                               const FloatTensor& input,
                               const std::function<void(std::size_t, const FloatTensor&)>& onOutput);
  /// Whether runSharingPrefix actually shares (see there).
  bool canSharePrefix() const;
  /// Frees the quantized weights a variant keeps after its first run (about
  /// the model's size per variant); the next run quantizes them again. For
  /// sweeps that hold many variants at once.
  void dropCachedWeights(const QuantVariant& variant) const;

  /// Output-level error per activation quantizer: FP32 and `variant` run on
  /// each input; at every activation quantizer the variant's tensor (after its
  /// fake-quant) is compared with FP32's, and signal and noise powers add up
  /// over the inputs. Indexed by quantizer id; parameter quantizers get
  /// elements = 0. Memory: one FP32 pass of activations is kept per input.
  std::vector<ActivationError> activationErrors(const QuantVariant& variant, const std::vector<FloatTensor>& inputs,
                                                Feedback& feedback);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace quantlens
