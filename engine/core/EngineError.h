#pragma once

#include <stdexcept>
#include <string>

namespace quantlens {

/// The one error type the engine throws. Its message is meant for the user:
/// it says what went wrong, where (file, quantizer, scan), and what to do.
class EngineError : public std::runtime_error
{
public:
  explicit EngineError(const std::string& message)
    : std::runtime_error(message)
  {
  }
};

/// Thrown when a long operation stops because its Feedback was cancelled.
/// It derives from EngineError so callers that only report errors still work,
/// and callers that want to stay silent on cancellation can catch it first.
class OperationCanceled : public EngineError
{
public:
  OperationCanceled()
    : EngineError("operation canceled")
  {
  }
};

} // namespace quantlens
