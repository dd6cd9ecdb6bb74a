#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>

namespace quantlens {

/// Progress and cancellation for long engine calls (after QGIS's QgsFeedback).
/// The algorithm calls setProgress() and throwIfCanceled(); the caller (the
/// GUI's controller, the CLI's progress bar) only cancels and listens.
/// Progress callbacks are throttled so a tight loop can report freely.
class Feedback
{
public:
  /// fraction in [0, 1]; message says what is being done.
  using ProgressCallback = std::function<void(double fraction, const std::string& message)>;

  Feedback() = default;
  explicit Feedback(ProgressCallback callback);

  Feedback(const Feedback&) = delete;
  Feedback& operator=(const Feedback&) = delete;

  void cancel() noexcept { canceled_.store(true, std::memory_order_relaxed); }
  bool isCanceled() const noexcept { return canceled_.load(std::memory_order_relaxed); }
  /// Throws OperationCanceled when cancel() was called.
  void throwIfCanceled() const;

  /// Reports progress; the callback runs at most every 50 ms, and always for 0 and 1.
  void setProgress(double fraction, const std::string& message = {});
  double progress() const noexcept { return progress_.load(std::memory_order_relaxed); }

private:
  ProgressCallback callback_;
  std::atomic<bool> canceled_{false};
  std::atomic<double> progress_{0.0};
  std::mutex callbackMutex_;
  std::chrono::steady_clock::time_point lastReport_{};
};

} // namespace quantlens
