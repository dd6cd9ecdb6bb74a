#include "model/QuantSim.h"

#include "core/EngineError.h"
#include "quant/Calibrator.h"
#include "torchimpl/FakeQuantKernel.h"
#include "torchimpl/BatchNormFolding.h"
#include "torchimpl/FakeQuantInsertion.h"
#include "torchimpl/InlinedModel.h"
#include "torchimpl/QuantizerPlacement.h"
#include "torchimpl/QuantizerRuntime.h"
#include "torchimpl/SharedPrefixGraphs.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace quantlens {

using torchgraph::QuantizerRuntime;

namespace {

torch::Device toTorchDevice(ComputeDevice device)
{
  if (device == ComputeDevice::Cuda) {
    if (!torch::cuda::is_available())
      throw EngineError("CUDA was requested, but this build of LibTorch or this machine has no CUDA device; use the CPU");
    return torch::Device(torch::kCUDA);
  }
  return torch::Device(torch::kCPU);
}

at::Tensor toTensor(const FloatTensor& input, const torch::Device& device)
{
  if (input.shape.empty() || static_cast<std::int64_t>(input.values.size()) != input.elementCount())
    throw EngineError("input tensor: " + std::to_string(input.values.size()) + " values do not match its shape");
  const auto cpu = torch::from_blob(const_cast<float*>(input.values.data()), input.shape, torch::kFloat32);
  return device.is_cpu() ? cpu.clone() : cpu.to(device);
}

FloatTensor toFloatTensor(const at::Tensor& tensor)
{
  const at::Tensor cpu = tensor.detach().to(torch::kCPU, torch::kFloat32).contiguous();
  FloatTensor result;
  result.shape.assign(cpu.sizes().begin(), cpu.sizes().end());
  result.values.assign(cpu.data_ptr<float>(), cpu.data_ptr<float>() + cpu.numel());
  return result;
}

/// The most histogram bins restored statistics may have (calibration uses
/// TensorStatistics::kDefaultBins), so damaged statistics cannot ask for gigabytes.
constexpr std::size_t kMaxHistogramBins = std::size_t{ 1 } << 16;

/// Why `statistics` could not have come from calibrating an activation, or "" when it could.
std::string restoredStatisticsProblem(const TensorStatistics& statistics)
{
  if (statistics.empty())
    return statistics.histogram.empty() && statistics.histogramBatches == 0 ? "" : "a histogram but no values observed";
  if (!std::isfinite(statistics.min) || !std::isfinite(statistics.max) || statistics.min > statistics.max)
    return "min " + std::to_string(statistics.min) + " and max " + std::to_string(statistics.max) +
           " are not a finite range";
  if (statistics.histogram.empty()) // only all-zero batches, or a range float cannot bin
    return statistics.histogramBatches == 0 ? "" : "histogram batches but no histogram";
  if (statistics.histogram.size() > kMaxHistogramBins || statistics.histogram.size() < 2)
    return std::to_string(statistics.histogram.size()) + " histogram bins (2 to " + std::to_string(kMaxHistogramBins) +
           ")";
  if (!std::isfinite(statistics.histogramMin) || !std::isfinite(statistics.histogramMax) ||
      !(statistics.histogramMin < statistics.histogramMax))
    return "the histogram range is not a finite, non-empty interval";
  // Encodings from an older QuantLens's summed counts would not be AIMET's.
  if (statistics.histogramBatches == 0)
    return "the histogram holds bin counts of an older QuantLens, not AIMET's averaged shares: calibrate again";
  double total = 0.0;
  for (const double share : statistics.histogram) {
    if (!std::isfinite(share) || share < 0.0 || share > 1.0)
      return "a histogram share " + std::to_string(share) + " is not a number in [0, 1]";
    total += share;
  }
  // Averaged shares of batches add up to at most 1, up to rounding.
  return total <= 1.0 + 1e-9 ? "" : "the histogram shares add up to " + std::to_string(total) + ", more than 1";
}

/// Switches in-place quantization off for some quantizers of some runtimes,
/// and back on when it goes out of scope: values kept for sharing must not change.
class InPlaceOff
{
public:
  InPlaceOff(const std::vector<QuantizerRuntime*>& runtimes, const std::vector<int>& ids)
  {
    for (QuantizerRuntime* runtime : runtimes) {
      for (const int id : ids) {
        auto& slot = runtime->slot(id);
        if (slot.inPlace)
          switchedOff_.push_back(&slot);
        slot.inPlace = false;
      }
    }
  }
  ~InPlaceOff()
  {
    for (auto* slot : switchedOff_)
      slot->inPlace = true;
  }
  InPlaceOff(const InPlaceOff&) = delete;
  InPlaceOff& operator=(const InPlaceOff&) = delete;

private:
  std::vector<QuantizerRuntime::Slot*> switchedOff_;
};

/// Sets a runtime's probe for a scope.
class ProbeScope
{
public:
  ProbeScope(QuantizerRuntime& runtime, QuantizerRuntime::Probe probe) : runtime_(runtime)
  {
    runtime_.setProbe(std::move(probe));
  }
  ~ProbeScope() { runtime_.setProbe({}); }
  ProbeScope(const ProbeScope&) = delete;
  ProbeScope& operator=(const ProbeScope&) = delete;

private:
  QuantizerRuntime& runtime_;
};

/// Whether two slots quantize alike (what a shared prefix relies on).
bool actAlike(const QuantizerRuntime::Slot& a, const QuantizerRuntime::Slot& b)
{
  if (a.mode != b.mode)
    return false;
  if (a.mode != QuantizerRuntime::Mode::Quantize)
    return true;
  if (a.castToHalf != b.castToHalf || a.perTensor != b.perTensor || a.perChannel.has_value() != b.perChannel.has_value())
    return false;
  if (!a.perChannel)
    return true;
  return a.perChannel->quantMin == b.perChannel->quantMin && a.perChannel->quantMax == b.perChannel->quantMax &&
         a.perChannel->scale.equal(b.perChannel->scale) && a.perChannel->zeroPoint.equal(b.perChannel->zeroPoint);
}

QuantSimConfig loadConfig(const QuantSimOptions& options)
{
  if (options.configFile)
    return QuantSimConfig::fromFile(*options.configFile);
  return options.perChannel ? QuantSimConfig::defaultPerChannel() : QuantSimConfig::defaultPerTensor();
}

} // namespace

struct QuantVariant::Impl
{
  explicit Impl(std::size_t count) : runtime(count) {}
  QuantizerRuntime runtime;
};

QuantVariant::QuantVariant() = default;
QuantVariant::~QuantVariant() = default;
QuantVariant::QuantVariant(QuantVariant&&) noexcept = default;
QuantVariant& QuantVariant::operator=(QuantVariant&&) noexcept = default;

struct QuantSim::Impl
{
  Impl(const std::filesystem::path& file, const QuantSimOptions& options)
    : model(torchgraph::InlinedModel::load(file))
    , config(loadConfig(options))
    , device(options.device)
    , torchDevice(toTorchDevice(options.device))
  {
    if (options.foldBatchNorm)
      folded = torchgraph::foldBatchNorms(model);
    const auto placed = torchgraph::placeQuantizers(model, config);
    collectParameterStatistics(placed);
    for (const auto& quantizer : placed) {
      infos.push_back(quantizer.info);
      configEnabled.push_back(quantizer.enabled);
      configSymmetric.push_back(quantizer.symmetric);
      configPerChannel.push_back(quantizer.perChannel);
      inPlaceAllowed.push_back(quantizer.mayQuantizeInPlace);
      byName[quantizer.info.name] = quantizer.info.id;
    }
    // AIMET's names resolve too, unless one is another quantizer's own name.
    for (const auto& info : infos) {
      for (const std::string* alias : {&info.aimetName, &info.aimetScopedName}) {
        if (!alias->empty())
          byName.emplace(*alias, info.id);
      }
    }
    torchgraph::insertFakeQuantNodes(model, placed);
    activationStatistics.resize(infos.size());
    if (!torchDevice.is_cpu()) {
      model.module().to(torchDevice);
      model.moveConstantsTo(torchDevice);
    }
    fakeQuantPositions = torchgraph::SharedPrefixGraphs::fakeQuantPositions(*model.graph(), infos.size());
    canSharePrefix = !torchgraph::SharedPrefixGraphs::mutatesTensors(*model.graph());
  }

  void requireVariant(const QuantVariant& variant) const
  {
    if (!variant.impl_ || variant.impl_->runtime.size() != infos.size())
      throw EngineError("internal error: running a variant prepared for another model");
  }

  /// Split graphs for a set of cuts, built on first use.
  torchgraph::SharedPrefixGraphs& prefixGraphs(const std::vector<int>& cuts)
  {
    auto& graphs = prefixGraphsByCuts[cuts];
    if (!graphs)
      graphs = std::make_unique<torchgraph::SharedPrefixGraphs>(model.graph(), cuts);
    return *graphs;
  }

  /// Weight statistics come from the (folded) weights themselves: no data needed.
  void collectParameterStatistics(const std::vector<torchgraph::PlacedQuantizer>& placed)
  {
    const torch::NoGradGuard noGrad;
    perChannelStatistics.resize(placed.size());
    perTensorStatistics.resize(placed.size());
    for (const auto& quantizer : placed) {
      if (quantizer.info.kind != QuantizerKind::Parameter)
        continue;
      const auto weight = model.constantTensor(quantizer.node->input(quantizer.inputIndex));
      const auto id = static_cast<std::size_t>(quantizer.info.id);
      const at::Tensor values = weight->detach().to(torch::kFloat32);
      perTensorStatistics[id].resize(1);
      torchops::observe(values, perTensorStatistics[id][0]);
      perChannelStatistics[id] = torchops::observePerChannel(values, quantizer.info.channelAxis);
    }
  }

  void requireId(int id) const
  {
    if (id < 0 || static_cast<std::size_t>(id) >= infos.size())
      throw EngineError("no quantizer with id " + std::to_string(id));
  }

  torchgraph::InlinedModel model;
  QuantSimConfig config;
  ComputeDevice device;
  torch::Device torchDevice;
  std::vector<torchgraph::FoldedBatchNorm> folded;
  std::vector<QuantizerInfo> infos;
  std::vector<bool> configEnabled;
  std::vector<bool> configSymmetric;
  std::vector<bool> configPerChannel;
  std::vector<bool> inPlaceAllowed;
  std::map<std::string, int> byName;
  std::vector<TensorStatistics> activationStatistics;
  std::vector<std::vector<TensorStatistics>> perChannelStatistics;
  std::vector<std::vector<TensorStatistics>> perTensorStatistics;
  std::size_t calibrationPasses = 0;
  bool shapesRecorded = false;
  std::vector<int> fakeQuantPositions; ///< top-level graph position of each quantizer's node
  bool canSharePrefix = true;
  std::map<std::vector<int>, std::unique_ptr<torchgraph::SharedPrefixGraphs>> prefixGraphsByCuts;
};

QuantSim::QuantSim(const std::filesystem::path& modelFile, const QuantSimOptions& options)
  : impl_(std::make_unique<Impl>(modelFile, options))
{
}

QuantSim::~QuantSim() = default;
QuantSim::QuantSim(QuantSim&&) noexcept = default;
QuantSim& QuantSim::operator=(QuantSim&&) noexcept = default;

const std::filesystem::path& QuantSim::modelFile() const
{
  return impl_->model.file();
}

const QuantSimConfig& QuantSim::config() const
{
  return impl_->config;
}

ComputeDevice QuantSim::device() const
{
  return impl_->device;
}

const std::vector<QuantizerInfo>& QuantSim::quantizers() const
{
  return impl_->infos;
}

int QuantSim::findQuantizer(const std::string& name) const
{
  const auto found = impl_->byName.find(name);
  return found == impl_->byName.end() ? -1 : found->second;
}

std::vector<std::string> QuantSim::foldedBatchNorms() const
{
  std::vector<std::string> folded;
  for (const auto& pair : impl_->folded)
    folded.push_back(pair.batchNorm + " -> " + pair.convolution);
  return folded;
}

std::vector<QuantizerSettings> QuantSim::presetSettings(QuantPreset preset) const
{
  std::vector<QuantizerSettings> settings(impl_->infos.size());
  for (std::size_t id = 0; id < settings.size(); ++id) {
    const bool parameter = impl_->infos[id].kind == QuantizerKind::Parameter;
    settings[id].enabled = preset.quantizes() && impl_->configEnabled[id];
    settings[id].bitwidth = parameter ? preset.weightBitwidth() : preset.activationBitwidth();
    settings[id].symmetric = impl_->configSymmetric[id];
    settings[id].perChannel = parameter && impl_->configPerChannel[id];
  }
  return settings;
}

void QuantSim::calibrate(const FloatTensor& input)
{
  const torch::NoGradGuard noGrad;
  QuantizerRuntime runtime(impl_->infos.size());
  for (std::size_t id = 0; id < impl_->infos.size(); ++id) {
    if (impl_->infos[id].kind == QuantizerKind::Parameter)
      continue;
    auto& slot = runtime.slot(static_cast<int>(id));
    slot.mode = QuantizerRuntime::Mode::Observe;
    slot.statistics = &impl_->activationStatistics[id];
  }
  {
    const QuantizerRuntime::Scope scope(runtime);
    impl_->model.run(toTensor(input, impl_->torchDevice));
  }
  runtime.rethrowError();
  ++impl_->calibrationPasses;
}

void QuantSim::resetCalibration()
{
  impl_->activationStatistics.assign(impl_->infos.size(), TensorStatistics{});
  impl_->calibrationPasses = 0;
}

void QuantSim::restoreCalibration(std::vector<TensorStatistics> activationStatistics, std::size_t passes)
{
  const std::string what = "cannot restore calibration statistics: ";
  const auto& infos = impl_->infos;
  if (activationStatistics.size() != infos.size())
    throw EngineError(what + std::to_string(activationStatistics.size()) + " entries for a model with " +
                      std::to_string(infos.size()) + " quantizers (were they saved for another model?)");
  bool observed = false;
  for (std::size_t id = 0; id < infos.size(); ++id) {
    const TensorStatistics& statistics = activationStatistics[id];
    // Parameter statistics come from the weights themselves; saved ones could only disagree.
    const std::string problem = infos[id].kind == QuantizerKind::Parameter
                                  ? (statistics == TensorStatistics{} ? "" : "statistics for a parameter quantizer")
                                  : restoredStatisticsProblem(statistics);
    if (!problem.empty())
      throw EngineError(what + "quantizer '" + infos[id].name + "': " + problem);
    observed = observed || !statistics.empty();
  }
  if (observed && passes == 0)
    throw EngineError(what + "statistics of values observed in 0 calibration passes");
  impl_->activationStatistics = std::move(activationStatistics);
  impl_->calibrationPasses = passes;
}

std::size_t QuantSim::calibrationPasses() const
{
  return impl_->calibrationPasses;
}

const TensorStatistics& QuantSim::activationStatistics(int id) const
{
  impl_->requireId(id);
  return impl_->activationStatistics[static_cast<std::size_t>(id)];
}

const std::vector<TensorStatistics>& QuantSim::parameterStatistics(int id, bool perChannel) const
{
  impl_->requireId(id);
  if (impl_->infos[static_cast<std::size_t>(id)].kind != QuantizerKind::Parameter)
    throw EngineError("quantizer '" + impl_->infos[static_cast<std::size_t>(id)].name + "' is not a parameter quantizer");
  const auto index = static_cast<std::size_t>(id);
  return perChannel ? impl_->perChannelStatistics[index] : impl_->perTensorStatistics[index];
}

EncodingTable QuantSim::computeEncodings(const std::vector<QuantizerSettings>& settings, const QuantScheme& scheme) const
{
  if (settings.size() != impl_->infos.size())
    throw EngineError("quantizer settings for " + std::to_string(settings.size()) + " quantizers, but the model has " +
                      std::to_string(impl_->infos.size()));
  EncodingTable table(settings.size());
  const bool unsignedSymmetric = impl_->config.unsignedSymmetric();
  const bool strict = impl_->config.strictSymmetric();
  for (std::size_t id = 0; id < settings.size(); ++id) {
    const QuantizerSettings& setting = settings[id];
    const QuantizerInfo& info = impl_->infos[id];
    if (!setting.enabled)
      continue;
    if (setting.dtype == QuantDtype::Float) {
      Encoding floatEncoding;
      floatEncoding.bitwidth = 16;
      floatEncoding.dtype = QuantDtype::Float;
      table[id] = {floatEncoding};
      continue;
    }
    if (!setting.fixedEncodings.empty()) {
      table[id] = setting.fixedEncodings;
      continue;
    }
    const std::vector<TensorStatistics> activation{impl_->activationStatistics[id]};
    const auto& statistics =
      info.kind == QuantizerKind::Parameter ? parameterStatistics(static_cast<int>(id), setting.perChannel) : activation;
    if (info.kind != QuantizerKind::Parameter && statistics[0].empty())
      throw EngineError("quantizer '" + info.name + "' has no calibration statistics: calibrate before computing encodings");
    for (const auto& channel : statistics)
      table[id].push_back(
        Calibrator::encoding(channel, scheme, setting.bitwidth, setting.symmetric, unsignedSymmetric, strict));
  }
  return table;
}

QuantVariant QuantSim::prepare(const std::vector<QuantizerSettings>& settings, const EncodingTable& encodings) const
{
  const std::size_t count = impl_->infos.size();
  if (settings.size() != count || (encodings.size() != count && !encodings.empty()))
    throw EngineError("settings and encodings must cover all " + std::to_string(count) + " quantizers");
  QuantVariant variant;
  variant.impl_ = std::make_unique<QuantVariant::Impl>(count);
  for (std::size_t id = 0; id < count; ++id) {
    auto& slot = variant.impl_->runtime.slot(static_cast<int>(id));
    if (!settings[id].enabled)
      continue;
    const auto& quantizerEncodings = encodings.empty() ? std::vector<Encoding>{} : encodings[id];
    if (quantizerEncodings.empty())
      throw EngineError("quantizer '" + impl_->infos[id].name + "' is enabled but has no encoding");
    slot.mode = QuantizerRuntime::Mode::Quantize;
    slot.cacheResult = impl_->infos[id].kind == QuantizerKind::Parameter;
    if (quantizerEncodings.front().dtype == QuantDtype::Float)
      slot.castToHalf = true;
    else if (quantizerEncodings.size() > 1)
      slot.perChannel =
        torchops::makeDeviceEncodings(quantizerEncodings, impl_->infos[id].channelAxis, impl_->torchDevice);
    else
      slot.perTensor = quantizerEncodings.front();
    slot.inPlace = impl_->inPlaceAllowed[id];
  }
  return variant;
}

FloatTensor QuantSim::run(const QuantVariant& variant, const FloatTensor& input)
{
  impl_->requireVariant(variant);
  const torch::NoGradGuard noGrad;
  const QuantizerRuntime::Scope scope(variant.impl_->runtime);
  const at::Tensor output = impl_->model.run(toTensor(input, impl_->torchDevice));
  if (!impl_->shapesRecorded) {
    for (std::size_t id = 0; id < impl_->infos.size(); ++id)
      impl_->infos[id].shape = variant.impl_->runtime.slot(static_cast<int>(id)).lastShape;
    impl_->shapesRecorded = true;
  }
  return toFloatTensor(output);
}

FloatTensor QuantSim::runOriginal(const FloatTensor& input)
{
  const torch::NoGradGuard noGrad;
  const auto output = impl_->model.module().forward({toTensor(input, impl_->torchDevice)});
  if (!output.isTensor())
    throw EngineError("'" + modelFile().string() + "': forward must return one tensor");
  return toFloatTensor(output.toTensor());
}

bool QuantSim::canSharePrefix() const
{
  return impl_->canSharePrefix;
}

void QuantSim::dropCachedWeights(const QuantVariant& variant) const
{
  impl_->requireVariant(variant);
  QuantizerRuntime& runtime = variant.impl_->runtime;
  for (std::size_t id = 0; id < runtime.size(); ++id) {
    auto& slot = runtime.slot(static_cast<int>(id));
    slot.cachedSource = at::Tensor();
    slot.cachedResult = at::Tensor();
  }
}

FloatTensor QuantSim::runSharingPrefix(const QuantVariant& base, const std::vector<PrefixSharingRun>& runs,
                                       const FloatTensor& input,
                                       const std::function<void(std::size_t, const FloatTensor&)>& onOutput)
{
  impl_->requireVariant(base);
  for (const auto& entry : runs) {
    if (!entry.variant)
      throw EngineError("internal error: a shared-prefix run without a variant");
    impl_->requireVariant(*entry.variant);
  }
  // A run's cut: the first node of a quantizer it changes; the end of the graph if none.
  const auto nodes = impl_->model.graph()->nodes();
  const int end = static_cast<int>(std::distance(nodes.begin(), nodes.end()));
  std::vector<int> runCuts;
  for (const auto& entry : runs) {
    int cut = end;
    for (const int id : entry.changedQuantizers) {
      impl_->requireId(id);
      const int position = impl_->fakeQuantPositions[static_cast<std::size_t>(id)];
      if (position >= 0)
        cut = std::min(cut, position);
    }
    runCuts.push_back(cut);
  }
  std::vector<int> cuts = runCuts;
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

  QuantizerRuntime& baseRuntime = base.impl_->runtime;
  std::vector<QuantizerRuntime*> runtimes{&baseRuntime};
  for (std::size_t i = 0; i < runs.size(); ++i) {
    QuantizerRuntime& runtime = runs[i].variant->impl_->runtime;
    runtimes.push_back(&runtime);
    for (std::size_t id = 0; id < impl_->infos.size(); ++id) {
      const int position = impl_->fakeQuantPositions[id];
      const bool beforeCut = position >= 0 && position < runCuts[i];
      if (beforeCut && !actAlike(runtime.slot(static_cast<int>(id)), baseRuntime.slot(static_cast<int>(id))))
        throw EngineError("internal error: quantizer '" + impl_->infos[id].name +
                          "' comes before the cut of a shared-prefix run but differs from the base there");
    }
  }

  if (!impl_->canSharePrefix || impl_->prefixGraphs(cuts).writesKeptValues()) {
    for (std::size_t i = 0; i < runs.size(); ++i)
      onOutput(i, run(*runs[i].variant, input));
    return run(base, input);
  }
  torchgraph::SharedPrefixGraphs& graphs = impl_->prefixGraphs(cuts);
  const InPlaceOff inPlaceOff(runtimes, graphs.idsReadingKeptValues());
  const torch::NoGradGuard noGrad;
  const c10::IValue self = impl_->model.module()._ivalue();
  at::Tensor baseOutput;
  {
    const QuantizerRuntime::Scope scope(baseRuntime);
    baseOutput = graphs.runCapture(self, toTensor(input, impl_->torchDevice));
  }
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto cutIndex = static_cast<std::size_t>(std::lower_bound(cuts.begin(), cuts.end(), runCuts[i]) - cuts.begin());
    at::Tensor output;
    {
      const QuantizerRuntime::Scope scope(runs[i].variant->impl_->runtime);
      output = graphs.runSuffix(cutIndex, self);
    }
    onOutput(i, toFloatTensor(output));
  }
  graphs.releaseCaptured();
  return toFloatTensor(baseOutput);
}

std::vector<ActivationError> QuantSim::activationErrors(const QuantVariant& variant,
                                                        const std::vector<FloatTensor>& inputs, Feedback& feedback)
{
  impl_->requireVariant(variant);
  const std::size_t count = impl_->infos.size();
  std::vector<ActivationError> errors(count);
  std::vector<bool> activation(count);
  for (std::size_t id = 0; id < count; ++id) {
    errors[id].id = static_cast<int>(id);
    activation[id] = impl_->infos[id].kind != QuantizerKind::Parameter;
  }
  // A node may run more than once per pass (a module called twice, a loop):
  // its k-th value in the variant meets its k-th value in FP32.
  std::vector<std::vector<at::Tensor>> reference(count);
  std::vector<std::size_t> seen(count);
  QuantizerRuntime fp32(count);
  fp32.setProbe([&](int id, const at::Tensor& value) {
    if (activation[static_cast<std::size_t>(id)])
      reference[static_cast<std::size_t>(id)].push_back(value.detach().clone());
  });
  QuantizerRuntime& runtime = variant.impl_->runtime;
  const ProbeScope probe(runtime, [&](int id, const at::Tensor& value) {
    const auto index = static_cast<std::size_t>(id);
    if (!activation[index])
      return;
    if (seen[index] >= reference[index].size())
      throw EngineError("quantizer '" + impl_->infos[index].name + "' ran more often than in FP32");
    const at::Tensor expected = reference[index][seen[index]++].to(torch::kDouble);
    const at::Tensor actual = value.detach().to(torch::kDouble);
    if (!expected.sizes().equals(actual.sizes()))
      throw EngineError("quantizer '" + impl_->infos[index].name + "' sees another shape than in FP32");
    errors[index].elements += static_cast<std::uint64_t>(expected.numel());
    errors[index].signalPower += expected.square().sum().item<double>();
    errors[index].noisePower += (actual - expected).square().sum().item<double>();
  });
  const torch::NoGradGuard noGrad;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    feedback.throwIfCanceled();
    for (auto& values : reference)
      values.clear();
    std::fill(seen.begin(), seen.end(), 0);
    {
      const QuantizerRuntime::Scope scope(fp32);
      impl_->model.run(toTensor(inputs[i], impl_->torchDevice));
    }
    fp32.rethrowError();
    {
      const QuantizerRuntime::Scope scope(runtime);
      impl_->model.run(toTensor(inputs[i], impl_->torchDevice));
    }
    runtime.rethrowError();
    feedback.setProgress(static_cast<double>(i + 1) / static_cast<double>(inputs.size()), "activation errors");
  }
  return errors;
}

} // namespace quantlens
