#pragma once

// Internal: includes torch. Only engine .cpp files may include this header.

#include "quant/Encoding.h"
#include "quant/TensorStatistics.h"
#include "torchimpl/FakeQuantKernel.h"

#include <torch/script.h>

#include <functional>
#include <optional>
#include <vector>

namespace quantlens::torchgraph {

/// What every quantlens::fake_quant(x, id) node of an instrumented graph does
/// during one run. The graph stays the same for FP32, W8A8, W4A8 and Custom;
/// only this table changes. Activate it for the duration of a run with Scope.
class QuantizerRuntime
{
public:
  enum class Mode : std::uint8_t { Off, Observe, Quantize };

  struct Slot
  {
    Mode mode = Mode::Off;
    bool castToHalf = false;           ///< a float16 quantizer
    bool inPlace = false;              ///< the graph reads the input nowhere else
    std::optional<Encoding> perTensor; ///< Quantize with one encoding
    std::optional<torchops::DeviceEncodings> perChannel; ///< Quantize per channel, on the run's device
    TensorStatistics* statistics = nullptr; ///< Observe target
    std::vector<std::int64_t> lastShape;    ///< shape seen in the last run
    /// Parameter quantizers see the same weight every run: keep the result.
    bool cacheResult = false;
    at::Tensor cachedSource;
    at::Tensor cachedResult;
  };

  explicit QuantizerRuntime(std::size_t quantizerCount) : slots_(quantizerCount) {}

  Slot& slot(int id) { return slots_.at(static_cast<std::size_t>(id)); }
  std::size_t size() const { return slots_.size(); }

  /// The fake_quant kernel's work for one call. Engine errors are kept, not
  /// thrown: the TorchScript interpreter would wrap them into a generic error.
  at::Tensor apply(const at::Tensor& x, std::int64_t id);
  /// Throws the first engine error of the last run, if any, and clears it.
  void rethrowError();

  /// Sees the tensor every fake_quant node returns (after quantization), e.g.
  /// to compare a quantized run with an FP32 one; an empty probe sees nothing.
  /// Its errors are kept like the kernel's (see rethrowError).
  using Probe = std::function<void(int id, const at::Tensor& result)>;
  void setProbe(Probe probe) { probe_ = std::move(probe); }

  /// Makes `runtime` the table the fake_quant nodes of this thread use.
  class Scope
  {
  public:
    explicit Scope(QuantizerRuntime& runtime);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

  private:
    QuantizerRuntime* previous_;
  };

  /// Name of the operator the instrumented graph calls.
  static const char* operatorName() { return "quantlens::fake_quant"; }

private:
  at::Tensor quantize(Slot& slot, const at::Tensor& x);

  std::vector<Slot> slots_;
  std::string error_;
  Probe probe_;
};

} // namespace quantlens::torchgraph
