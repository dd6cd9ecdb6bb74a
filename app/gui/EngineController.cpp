#include "EngineController.h"

#include "EngineWorker.h"

namespace quantlens {

EngineController::EngineController(QObject* parent)
  : QObject(parent)
  , worker_(new EngineWorker(&latestScanRequest_))
{
  qRegisterMetaType<ScanInferencePtr>();
  qRegisterMetaType<ModelDescriptionPtr>();
  qRegisterMetaType<QuantizerSettingsList>();
  qRegisterMetaType<SensitivityResultPtr>();
  qRegisterMetaType<EvaluationResultsPtr>();
  qRegisterMetaType<QuantizerHistogramPtr>();
  qRegisterMetaType<EncodingsPreviewPtr>();
  qRegisterMetaType<LayerEffectPtr>();
  qRegisterMetaType<SessionStatePtr>();
  qRegisterMetaType<MixedPrecisionAnswerPtr>();
  qRegisterMetaType<MixedPrecisionRequest>();
  thread_.setObjectName(QStringLiteral("QuantLens engine"));
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);

  connect(this, &EngineController::openSequenceRequested, worker_, &EngineWorker::openSequence);
  connect(this, &EngineController::openModelRequested, worker_, &EngineWorker::openModel);
  connect(this, &EngineController::scanRequested, worker_, &EngineWorker::loadScan);
  connect(this, &EngineController::demoRequested, worker_, &EngineWorker::prepareDemo);
  connect(this, &EngineController::customVariantRequested, worker_, &EngineWorker::loadCustomVariant);
  connect(this, &EngineController::clearCustomVariantRequested, worker_, &EngineWorker::clearCustomVariant);
  connect(this, &EngineController::knnRequested, worker_, &EngineWorker::setKnnEnabled);
  connect(this, &EngineController::customSettingsRequested, worker_, &EngineWorker::setCustomSettings);
  connect(this, &EngineController::sensitivityRequested, worker_, &EngineWorker::computeSensitivity);
  connect(this, &EngineController::evaluationRequested, worker_, &EngineWorker::evaluate);
  connect(this, &EngineController::exportRequested, worker_, &EngineWorker::exportEncodings);
  connect(this, &EngineController::histogramRequested, worker_, &EngineWorker::computeHistogram);
  connect(this, &EngineController::exportPreviewRequested, worker_, &EngineWorker::previewExport);
  connect(this, &EngineController::writeExportRequested, worker_, &EngineWorker::writeExport);
  connect(this, &EngineController::importPreviewRequested, worker_, &EngineWorker::previewCustomVariant);
  connect(this, &EngineController::layerEffectRequested, worker_, &EngineWorker::computeLayerEffect);
  connect(this, &EngineController::mixedPrecisionRequested, worker_, &EngineWorker::computeMixedPrecision);
  connect(this, &EngineController::saveSessionRequested, worker_, &EngineWorker::saveSession);
  connect(this, &EngineController::openSessionRequested, worker_, &EngineWorker::openSession);

  connect(worker_, &EngineWorker::sequenceOpened, this, &EngineController::sequenceOpened);
  connect(worker_, &EngineWorker::modelOpened, this, &EngineController::modelOpened);
  connect(worker_, &EngineWorker::sidecarNeeded, this, &EngineController::sidecarNeeded);
  connect(worker_, &EngineWorker::variantsChanged, this, &EngineController::variantsChanged);
  connect(worker_, &EngineWorker::modelDescribed, this, &EngineController::modelDescribed);
  connect(worker_, &EngineWorker::sensitivityReady, this, &EngineController::sensitivityReady);
  connect(worker_, &EngineWorker::evaluationReady, this, &EngineController::evaluationReady);
  connect(worker_, &EngineWorker::encodingsExported, this, &EngineController::encodingsExported);
  connect(worker_, &EngineWorker::histogramReady, this, &EngineController::histogramReady);
  connect(worker_, &EngineWorker::exportPreviewReady, this, &EngineController::exportPreviewReady);
  connect(worker_, &EngineWorker::importPreviewReady, this, &EngineController::importPreviewReady);
  connect(worker_, &EngineWorker::layerEffectReady, this, &EngineController::layerEffectReady);
  connect(worker_, &EngineWorker::mixedPrecisionReady, this, &EngineController::mixedPrecisionReady);
  connect(worker_, &EngineWorker::sessionSaved, this, &EngineController::sessionSaved);
  connect(worker_, &EngineWorker::sessionOpened, this, &EngineController::sessionOpened);
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

void EngineController::openModel(const QString& modelFile, const QString& sidecarJson)
{
  emit openModelRequested(modelFile, sidecarJson);
}

void EngineController::requestScan(int index)
{
  emit scanRequested(index, ++latestScanRequest_);
  // The scan being computed is now stale: stop it so the new one starts sooner.
  worker_->cancelStaleScan();
}

void EngineController::openDemo(const QString& cacheDirectory)
{
  emit demoRequested(cacheDirectory);
}

void EngineController::loadCustomVariant(const QString& file)
{
  emit customVariantRequested(file);
}

void EngineController::clearCustomVariant()
{
  emit clearCustomVariantRequested();
}

void EngineController::setCustomSettings(const QuantizerSettingsList& settings, const QString& description)
{
  emit customSettingsRequested(settings, description);
}

void EngineController::computeSensitivity(int presetKind, bool allButThisLayer, const QList<int>& scans)
{
  emit sensitivityRequested(presetKind, allButThisLayer, scans);
}

void EngineController::evaluate(const QList<int>& scans)
{
  emit evaluationRequested(scans);
}

void EngineController::computeHistogram(int id)
{
  emit histogramRequested(id);
}

void EngineController::exportEncodings(const QString& variant, const QString& file, bool format100)
{
  emit exportRequested(variant, file, format100);
}

void EngineController::previewExport(const QString& variant, const QString& file, bool format100)
{
  emit exportPreviewRequested(variant, file, format100);
}

void EngineController::writeExport(const EncodingsPreviewPtr& preview)
{
  emit writeExportRequested(preview);
}

void EngineController::previewCustomVariant(const QString& file)
{
  emit importPreviewRequested(file);
}

void EngineController::computeLayerEffect(int presetKind, bool allButThisLayer, const QString& module, int scan)
{
  emit layerEffectRequested(presetKind, allButThisLayer, module, scan);
}

void EngineController::computeMixedPrecision(const MixedPrecisionRequest& request)
{
  emit mixedPrecisionRequested(request);
}

void EngineController::saveSession(const QString& file, const SessionStatePtr& state)
{
  emit saveSessionRequested(file, state);
}

void EngineController::openSession(const QString& file)
{
  emit openSessionRequested(file);
}

void EngineController::setKnnEnabled(bool enabled)
{
  emit knnRequested(enabled);
}

void EngineController::cancel()
{
  worker_->cancelCurrent();
}

} // namespace quantlens
