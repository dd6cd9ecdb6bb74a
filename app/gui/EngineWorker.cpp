#include "EngineWorker.h"

#include "ScanColoring.h"

#include "core/EngineError.h"
#include "core/Feedback.h"
#include "data/LabelMap.h"
#include "data/SemanticKittiSequence.h"
#include "DemoSequence.h"

namespace quantlens {

EngineWorker::EngineWorker(const std::atomic<int>* latestScanRequest, QObject* parent)
  : QObject(parent)
  , latestScanRequest_(latestScanRequest)
{
}

EngineWorker::~EngineWorker() = default;

void EngineWorker::cancelCurrent()
{
  const std::lock_guard lock(feedbackMutex_);
  if (currentFeedback_)
    currentFeedback_->cancel();
}

template <typename Work>
void EngineWorker::runLongOperation(const QString& title, Work work)
{
  auto feedback = std::make_shared<Feedback>([this, title](double fraction, const std::string& message) {
    emit progress(fraction, message.empty() ? title : title + QStringLiteral(": ") + QString::fromStdString(message));
  });
  {
    const std::lock_guard lock(feedbackMutex_);
    currentFeedback_ = feedback;
  }
  emit busyChanged(true);
  try {
    work(*feedback);
  } catch (const OperationCanceled&) {
    emit progress(0.0, tr("Canceled"));
  } catch (const EngineError& error) {
    emit errorOccurred(QString::fromStdString(error.what()));
  } catch (const std::exception& error) {
    emit errorOccurred(tr("Unexpected error: %1").arg(QString::fromStdString(error.what())));
  }
  {
    const std::lock_guard lock(feedbackMutex_);
    currentFeedback_.reset();
  }
  emit busyChanged(false);
}

void EngineWorker::openSequence(const QString& directory)
{
  runLongOperation(tr("Opening sequence"), [&](Feedback&) {
    if (!labels_)
      labels_ = std::make_unique<LabelMap>(LabelMap::semanticKitti());
    auto sequence = std::make_unique<SemanticKittiSequence>(directory.toStdString());
    // Replace the open sequence only once the new one is known to be good.
    sequence_ = std::move(sequence);
    emit sequenceOpened(QString::fromStdString(sequence_->directory().string()),
                        static_cast<int>(sequence_->scanCount()), sequence_->hasLabels());
  });
}

void EngineWorker::loadScan(int index, int requestId)
{
  if (requestId != latestScanRequest_->load())
    return; // superseded by a newer request while it waited in the queue
  if (!sequence_) {
    emit errorOccurred(tr("No sequence is open."));
    return;
  }
  try {
    Scan scan = sequence_->loadScan(static_cast<std::size_t>(index));
    if (requestId != latestScanRequest_->load())
      return;
    emit scanReady(std::make_shared<const LoadedScan>(ScanColoring::prepare(std::move(scan), *labels_)));
  } catch (const EngineError& error) {
    emit errorOccurred(QString::fromStdString(error.what()));
  }
}

void EngineWorker::prepareDemo(const QString& cacheDirectory)
{
  QString sequenceDirectory;
  runLongOperation(tr("Generating the demo sequence"), [&](Feedback& feedback) {
    sequenceDirectory = QString::fromStdString(DemoSequence::ensure(cacheDirectory.toStdString(), feedback).string());
  });
  if (!sequenceDirectory.isEmpty())
    openSequence(sequenceDirectory);
}

} // namespace quantlens
