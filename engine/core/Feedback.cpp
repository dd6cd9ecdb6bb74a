#include "core/Feedback.h"

#include "core/EngineError.h"

#include <algorithm>

namespace quantlens {

namespace {
constexpr auto kMinimumReportInterval = std::chrono::milliseconds(50);
}

Feedback::Feedback(ProgressCallback callback)
  : callback_(std::move(callback))
{
}

void Feedback::throwIfCanceled() const
{
  if (isCanceled())
    throw OperationCanceled();
}

void Feedback::setProgress(double fraction, const std::string& message)
{
  fraction = std::clamp(fraction, 0.0, 1.0);
  progress_.store(fraction, std::memory_order_relaxed);
  if (!callback_)
    return;
  const std::lock_guard lock(callbackMutex_);
  const auto now = std::chrono::steady_clock::now();
  const bool boundary = fraction == 0.0 || fraction == 1.0;
  if (!boundary && now - lastReport_ < kMinimumReportInterval)
    return;
  lastReport_ = now;
  callback_(fraction, message);
}

} // namespace quantlens
