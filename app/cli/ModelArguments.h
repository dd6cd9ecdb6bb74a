#pragma once

#include "CommandLine.h"

#include "model/ModelSidecar.h"
#include "model/QuantSim.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace quantlens::cli {

/// The model options every model command shares: --model, --config,
/// --no-bn-fold, --device, --input-shape. The input shape comes from
/// --input-shape, else from the model's sidecar.
struct ModelArguments
{
  std::filesystem::path model;
  QuantSimOptions options;
  std::optional<ModelSidecar> sidecar;
  std::vector<std::int64_t> inputShape; ///< empty when neither flag nor sidecar gives one

  static std::set<std::string> valueOptions() { return {"model", "config", "device", "input-shape"}; }
  static std::set<std::string> flagOptions() { return {"no-bn-fold"}; }
  static std::string help();

  static ModelArguments parse(const CommandLine& options);

  /// The input shape, or a UsageError saying how to give one.
  const std::vector<std::int64_t>& requireInputShape() const;
};

} // namespace quantlens::cli
