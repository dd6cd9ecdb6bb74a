#pragma once

#include <QString>

namespace quantlens {

/// The demo model (a reduced-width SalsaNext trained on synthetic scans, see
/// resources/demo/README.md) ships inside the binary as a Qt resource. LibTorch
/// loads models from files, so ensure() copies it into the cache first.
class DemoModel
{
public:
  /// Copies the model and its sidecar into `<cacheDirectory>/model/` unless
  /// identical copies are there; returns the model file. Throws EngineError
  /// when the cache cannot be written.
  static QString ensure(const QString& cacheDirectory);
};

} // namespace quantlens
