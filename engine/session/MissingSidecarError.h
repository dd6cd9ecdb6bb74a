#pragma once

#include "core/EngineError.h"

#include <filesystem>

namespace quantlens {

/// Thrown when a model has no sidecar (model.json) and the caller gave none:
/// the app catches it to ask the user for the projection and normalization.
class MissingSidecarError : public EngineError
{
public:
  explicit MissingSidecarError(const std::filesystem::path& modelFile)
    : EngineError("'" + modelFile.string() + "' has no sidecar '" + modelFile.stem().string() +
                  ".json' beside it: give the input size, projection and normalization (tools/export_*.py writes "
                  "one)")
    , modelFile_(modelFile)
  {
  }

  const std::filesystem::path& modelFile() const noexcept { return modelFile_; }

private:
  std::filesystem::path modelFile_;
};

} // namespace quantlens
