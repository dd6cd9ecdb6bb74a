#pragma once

#include "LoadedScan.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <mutex>
#include <memory>

namespace quantlens {

class Feedback;
class LabelMap;
class SemanticKittiSequence;

/// Lives on the engine thread and does the work EngineController asks for.
/// Every slot catches engine errors and reports them as a signal, so the
/// thread never dies and the window stays usable.
class EngineWorker : public QObject
{
  Q_OBJECT

public:
  /// `latestScanRequest` is written by the controller: a scan request whose id
  /// is older than it is dropped without loading (the user has moved on).
  explicit EngineWorker(const std::atomic<int>* latestScanRequest, QObject* parent = nullptr);
  ~EngineWorker() override;

  /// Cancels the running long operation, if any. Thread-safe.
  void cancelCurrent();

public slots:
  void openSequence(const QString& directory);
  void loadScan(int index, int requestId);
  void prepareDemo(const QString& cacheDirectory);

signals:
  void sequenceOpened(const QString& directory, int scanCount, bool hasLabels);
  void scanReady(quantlens::LoadedScanPtr scan);
  void progress(double fraction, const QString& message);
  void busyChanged(bool busy);
  void errorOccurred(const QString& message);

private:
  /// Runs `work` with a fresh cancellable Feedback, reporting progress and errors.
  template <typename Work>
  void runLongOperation(const QString& title, Work work);

  const std::atomic<int>* latestScanRequest_;
  std::unique_ptr<LabelMap> labels_;
  std::unique_ptr<SemanticKittiSequence> sequence_;
  std::shared_ptr<Feedback> currentFeedback_;
  std::mutex feedbackMutex_;
};

} // namespace quantlens
