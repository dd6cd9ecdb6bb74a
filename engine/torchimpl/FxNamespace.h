#pragma once

#include <map>
#include <set>
#include <string>

namespace quantlens::torchgraph {

/// The names torch.fx gives graph nodes (torch/fx/graph.py, _Namespace.create_name
/// as in torch 1.9 to 2.5), so QuantLens can name quantizers the way AIMET's
/// model preparer names the modules it creates ("module_" + the fx node name).
///
/// One namespace serves a whole fx graph, in node creation order. A candidate
/// ("add", "layer1.0.relu") is sanitized (each run of characters outside
/// [0-9A-Za-z_] becomes "_", a leading digit gets a "_" prefix), split into a
/// base and a numeric suffix ("features_0" → "features", 0), and numbered up
/// from the base's counter until it is free: add, add_1, add_2, ... Python
/// keywords and builtins are never used bare (the first sum is "sum_1").
class FxNamespace
{
public:
  /// A new unique name for `candidate`.
  std::string createName(const std::string& candidate);

  /// fx's _snake_case, applied to call targets before createName: an "_"
  /// before an upper-case letter that follows a lower-case one, then all lower
  /// case ("downCntx.conv1" → "down_cntx.conv1").
  static std::string snakeCase(const std::string& target);

private:
  static bool isReserved(const std::string& name);

  std::set<std::string> used_;
  std::map<std::string, unsigned long long> baseCount_;
};

} // namespace quantlens::torchgraph
