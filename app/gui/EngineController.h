#pragma once

#include "LoadedScan.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>

namespace quantlens {

class EngineWorker;

/// The GUI's one door to the engine. It owns a QThread with an EngineWorker;
/// requests go over as queued signals, results and errors come back as
/// signals on the GUI thread. The GUI thread never loads or computes.
/// A newer scan request supersedes older ones still waiting.
class EngineController : public QObject
{
  Q_OBJECT

public:
  explicit EngineController(QObject* parent = nullptr);
  ~EngineController() override;

  /// Asynchronous: answered by sequenceOpened or errorOccurred.
  void openSequence(const QString& directory);
  /// Asynchronous: answered by scanReady (only for the latest request) or errorOccurred.
  void requestScan(int index);
  /// Generates the demo sequence in `cacheDirectory` if needed, then opens it.
  void openDemo(const QString& cacheDirectory);
  /// Cancels the running long operation (demo generation, ...). Thread-safe.
  void cancel();

signals:
  void sequenceOpened(const QString& directory, int scanCount, bool hasLabels);
  void scanReady(quantlens::LoadedScanPtr scan);
  void progress(double fraction, const QString& message);
  void busyChanged(bool busy);
  void errorOccurred(const QString& message);

  // Internal: carry requests to the worker's thread.
  void openSequenceRequested(const QString& directory);
  void scanRequested(int index, int requestId);
  void demoRequested(const QString& cacheDirectory);

private:
  QThread thread_;
  EngineWorker* worker_;
  std::atomic<int> latestScanRequest_{0};
};

} // namespace quantlens
