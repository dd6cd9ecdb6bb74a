#include "model/QuantSim.h"

#include "core/EngineError.h"
#include "quant/Calibrator.h"
#include "torchimpl/FakeQuantKernel.h"
#include "torchimpl/BatchNormFolding.h"
#include "torchimpl/FakeQuantInsertion.h"
#include "torchimpl/InlinedModel.h"
#include "torchimpl/QuantizerPlacement.h"
#include "torchimpl/QuantizerRuntime.h"

#include <map>

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
    torchgraph::insertFakeQuantNodes(model, placed);
    activationStatistics.resize(infos.size());
    if (!torchDevice.is_cpu()) {
      model.module().to(torchDevice);
      model.moveConstantsTo(torchDevice);
    }
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
  if (!variant.impl_ || variant.impl_->runtime.size() != impl_->infos.size())
    throw EngineError("internal error: running a variant prepared for another model");
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

} // namespace quantlens
