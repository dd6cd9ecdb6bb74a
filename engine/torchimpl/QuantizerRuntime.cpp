#include "torchimpl/QuantizerRuntime.h"

#include "core/EngineError.h"

#include <torch/library.h>

namespace quantlens::torchgraph {

namespace {

thread_local QuantizerRuntime* activeRuntime = nullptr;

/// The kernel behind quantlens::fake_quant. Without an active runtime (e.g. a
/// plain forward outside a run) it is the identity.
at::Tensor fakeQuant(const at::Tensor& x, std::int64_t id)
{
  return activeRuntime ? activeRuntime->apply(x, id) : x;
}

} // namespace

// CONSERVATIVE alias analysis: the JIT must neither merge nor drop these
// nodes, since in Observe mode they record statistics.
TORCH_LIBRARY(quantlens, library)
{
  library.def(torch::schema("quantlens::fake_quant(Tensor x, int id) -> Tensor", c10::AliasAnalysisKind::CONSERVATIVE),
              fakeQuant);
}

QuantizerRuntime::Scope::Scope(QuantizerRuntime& runtime)
  : previous_(activeRuntime)
{
  activeRuntime = &runtime;
}

QuantizerRuntime::Scope::~Scope()
{
  activeRuntime = previous_;
}

at::Tensor QuantizerRuntime::apply(const at::Tensor& x, std::int64_t id)
{
  if (id < 0 || static_cast<std::size_t>(id) >= slots_.size())
    throw EngineError("internal error: fake_quant id " + std::to_string(id) + " outside the quantizer table");
  Slot& slot = slots_[static_cast<std::size_t>(id)];
  slot.lastShape.assign(x.sizes().begin(), x.sizes().end());
  at::Tensor result = x;
  switch (slot.mode) {
    case Mode::Off:
      break;
    case Mode::Observe:
      try {
        if (slot.statistics)
          torchops::observe(x, *slot.statistics);
      } catch (const EngineError& error) {
        if (error_.empty())
          error_ = error.what();
      }
      break;
    case Mode::Quantize:
      result = quantize(slot, x);
      break;
  }
  if (probe_) {
    try {
      probe_(static_cast<int>(id), result);
    } catch (const std::exception& error) {
      if (error_.empty())
        error_ = error.what();
    }
  }
  return result;
}

void QuantizerRuntime::rethrowError()
{
  if (error_.empty())
    return;
  const std::string message = std::move(error_);
  error_.clear();
  throw EngineError(message);
}

at::Tensor QuantizerRuntime::quantize(Slot& slot, const at::Tensor& x)
{
  if (slot.cachedSource.defined() && slot.cachedSource.is_same(x))
    return slot.cachedResult;
  at::Tensor result;
  if (slot.castToHalf)
    result = x.to(at::kHalf).to(x.scalar_type());
  else if (slot.perChannel)
    result = torchops::fakeQuantizePerChannel(x, *slot.perChannel);
  else if (slot.perTensor && slot.inPlace) {
    result = x;
    torchops::fakeQuantizeInPlace(result, *slot.perTensor);
  } else if (slot.perTensor)
    result = torchops::fakeQuantize(x, *slot.perTensor);
  else
    result = x;
  if (slot.cacheResult) {
    slot.cachedSource = x;
    slot.cachedResult = result;
  }
  return result;
}

} // namespace quantlens::torchgraph
