#include "EngineController.h"

#include "EngineWorker.h"

namespace quantlens {

EngineController::EngineController(QObject* parent)
  : QObject(parent)
  , worker_(new EngineWorker(&latestScanRequest_))
{
  qRegisterMetaType<LoadedScanPtr>();
  thread_.setObjectName(QStringLiteral("QuantLens engine"));
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);

  connect(this, &EngineController::openSequenceRequested, worker_, &EngineWorker::openSequence);
  connect(this, &EngineController::scanRequested, worker_, &EngineWorker::loadScan);
  connect(this, &EngineController::demoRequested, worker_, &EngineWorker::prepareDemo);

  connect(worker_, &EngineWorker::sequenceOpened, this, &EngineController::sequenceOpened);
  connect(worker_, &EngineWorker::scanReady, this, &EngineController::scanReady);
  connect(worker_, &EngineWorker::progress, this, &EngineController::progress);
  connect(worker_, &EngineWorker::busyChanged, this, &EngineController::busyChanged);
  connect(worker_, &EngineWorker::errorOccurred, this, &EngineController::errorOccurred);
  thread_.start();
}

EngineController::~EngineController()
{
  cancel();
  thread_.quit();
  thread_.wait();
}

void EngineController::openSequence(const QString& directory)
{
  emit openSequenceRequested(directory);
}

void EngineController::requestScan(int index)
{
  emit scanRequested(index, ++latestScanRequest_);
}

void EngineController::openDemo(const QString& cacheDirectory)
{
  emit demoRequested(cacheDirectory);
}

void EngineController::cancel()
{
  worker_->cancelCurrent();
}

} // namespace quantlens
