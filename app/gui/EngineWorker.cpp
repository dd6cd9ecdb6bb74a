#include "EngineWorker.h"

#include "DemoModel.h"
#include "DemoSequence.h"

#include "core/EngineError.h"
#include "core/Feedback.h"
#include "core/FileIO.h"
#include "model/EncodingsExchange.h"
#include "session/MissingSidecarError.h"
#include "session/SessionFile.h"

namespace quantlens {

EngineWorker::EngineWorker(const std::atomic<int>* latestScanRequest, QObject* parent)
  : QObject(parent)
  , latestScanRequest_(latestScanRequest)
  , session_(std::make_unique<InspectionSession>())
{
}

EngineWorker::~EngineWorker() = default;

void EngineWorker::cancelCurrent()
{
  const std::lock_guard lock(feedbackMutex_);
  if (currentFeedback_)
    currentFeedback_->cancel();
  if (scanFeedback_)
    scanFeedback_->cancel();
}

void EngineWorker::cancelStaleScan()
{
  const std::lock_guard lock(feedbackMutex_);
  // The newest request may already be running: only an older one is stale.
  if (scanFeedback_ && scanRequestId_ != latestScanRequest_->load())
    scanFeedback_->cancel();
}

template <typename Work>
bool EngineWorker::runLongOperation(const QString& title, Work work)
{
  auto feedback = std::make_shared<Feedback>([this, title](double fraction, const std::string& message) {
    emit progress(fraction, message.empty() ? title : title + QStringLiteral(": ") + QString::fromStdString(message));
  });
  {
    const std::lock_guard lock(feedbackMutex_);
    currentFeedback_ = feedback;
  }
  emit busyChanged(true);
  bool succeeded = false;
  try {
    work(*feedback);
    succeeded = true;
  } catch (const OperationCanceled&) {
    emit progress(0.0, tr("Canceled"));
  } catch (const MissingSidecarError& error) {
    emit sidecarNeeded(QString::fromStdString(error.modelFile().string()), QString::fromStdString(error.what()));
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
  return succeeded;
}

QStringList EngineWorker::variantNames() const
{
  QStringList names;
  for (const auto& variant : session_->variants())
    names << QString::fromStdString(variant.name);
  return names;
}

void EngineWorker::openSequence(const QString& directory)
{
  runLongOperation(tr("Opening sequence"), [&](Feedback&) { openSequenceNow(directory); });
}

void EngineWorker::openSequenceNow(const QString& directory)
{
  session_->openSequence(directory.toStdString());
  const auto& sequence = session_->sequence();
  emit sequenceOpened(QString::fromStdString(sequence.directory().string()), static_cast<int>(sequence.scanCount()),
                      sequence.hasLabels());
}

void EngineWorker::openModel(const QString& modelFile, const QString& sidecarJson)
{
  runLongOperation(tr("Opening model"), [&](Feedback&) { openModelNow(modelFile, sidecarJson); });
}

void EngineWorker::openModelNow(const QString& modelFile, const QString& sidecarJson)
{
  std::optional<ModelSidecar> sidecar;
  if (!sidecarJson.isEmpty())
    sidecar =
      ModelSidecar::fromJson(sidecarJson.toStdString(), "the sidecar entered for '" + modelFile.toStdString() + "'");
  session_->openModel(modelFile.toStdString(), {}, sidecar);
  emit modelOpened(modelFile, variantNames(), static_cast<int>(session_->sim().quantizers().size()));
  auto description = std::make_shared<ModelDescription>();
  description->quantizers = session_->sim().quantizers();
  description->w8a8 = session_->sim().presetSettings({QuantPreset::Kind::W8A8});
  description->w4a8 = session_->sim().presetSettings({QuantPreset::Kind::W4A8});
  emit modelDescribed(std::move(description));
}

void EngineWorker::loadScan(int index, int requestId)
{
  if (requestId != latestScanRequest_->load())
    return; // superseded by a newer request while it waited in the queue
  auto feedback = std::make_shared<Feedback>([this, index](double fraction, const std::string& message) {
    emit progress(fraction, tr("Scan %1: %2").arg(index).arg(QString::fromStdString(message)));
  });
  {
    const std::lock_guard lock(feedbackMutex_);
    scanFeedback_ = feedback;
    scanRequestId_ = requestId;
  }
  try {
    if (index < 0)
      throw EngineError("scan " + std::to_string(index) + " does not exist");
    auto scan = session_->inferScan(static_cast<std::size_t>(index), *feedback);
    if (requestId == latestScanRequest_->load())
      emit scanReady(std::move(scan));
  } catch (const OperationCanceled&) {
    // A newer request took over; it answers instead.
  } catch (const EngineError& error) {
    emit errorOccurred(QString::fromStdString(error.what()));
  } catch (const std::exception& error) {
    emit errorOccurred(tr("Unexpected error: %1").arg(QString::fromStdString(error.what())));
  }
  const std::lock_guard lock(feedbackMutex_);
  scanFeedback_.reset();
}

void EngineWorker::prepareDemo(const QString& cacheDirectory)
{
  QString sequenceDirectory;
  QString modelFile;
  const bool prepared = runLongOperation(tr("Preparing the demo"), [&](Feedback& feedback) {
    sequenceDirectory = QString::fromStdString(DemoSequence::ensure(cacheDirectory.toStdString(), feedback).string());
    modelFile = DemoModel::ensure(cacheDirectory);
  });
  if (!prepared)
    return;
  openModel(modelFile, {});
  openSequence(sequenceDirectory);
}

void EngineWorker::loadCustomVariant(const QString& file)
{
  runLongOperation(tr("Loading custom variant"), [&](Feedback&) {
    session_->loadVariantFile(file.toStdString());
    emit variantsChanged(variantNames(), QString::fromStdString(session_->customDescription()));
  });
}

void EngineWorker::clearCustomVariant()
{
  session_->clearCustomVariant();
  emit variantsChanged(variantNames(), {});
}

void EngineWorker::setCustomSettings(const QuantizerSettingsList& settings, const QString& description)
{
  runLongOperation(tr("Setting the custom variant"), [&](Feedback&) {
    session_->setCustomSettings(settings, description.toStdString());
    emit variantsChanged(variantNames(), description);
  });
}

std::vector<std::size_t> EngineWorker::scanList(const QList<int>& scans) const
{
  std::vector<std::size_t> list;
  for (const int scan : scans) {
    if (scan < 0)
      throw EngineError("scan " + std::to_string(scan) + " does not exist");
    list.push_back(static_cast<std::size_t>(scan));
  }
  return list;
}

void EngineWorker::computeSensitivity(int presetKind, bool allButThisLayer, const QList<int>& scans)
{
  runLongOperation(tr("Per-layer sensitivity"), [&](Feedback& feedback) {
    const QuantPreset preset{presetKind == 2 ? QuantPreset::Kind::W4A8 : QuantPreset::Kind::W8A8};
    const auto mode = allButThisLayer ? SensitivityMode::AllButThisLayer : SensitivityMode::OnlyThisLayer;
    emit sensitivityReady(
      std::make_shared<const SensitivityResult>(session_->sensitivity(preset, mode, scanList(scans), feedback)));
  });
}

void EngineWorker::evaluate(const QList<int>& scans)
{
  runLongOperation(tr("Evaluating"), [&](Feedback& feedback) {
    emit evaluationReady(
      std::make_shared<const std::vector<VariantEvaluation>>(session_->evaluate(scanList(scans), feedback)));
  });
}

void EngineWorker::computeHistogram(int id)
{
  runLongOperation(tr("Quantizer histogram"), [&](Feedback& feedback) {
    const auto& quantizers = session_->sim().quantizers();
    if (id < 0 || static_cast<std::size_t>(id) >= quantizers.size())
      throw EngineError("the model has no quantizer " + std::to_string(id));
    session_->ensureCalibrated(feedback);
    auto histogram = std::make_shared<QuantizerHistogram>();
    histogram->id = id;
    histogram->name = quantizers[static_cast<std::size_t>(id)].name;
    const bool parameter = quantizers[static_cast<std::size_t>(id)].kind == QuantizerKind::Parameter;
    // A weight's histogram over all its channels; an activation's from calibration.
    histogram->statistics =
      parameter ? session_->sim().parameterStatistics(id, false).front() : session_->sim().activationStatistics(id);
    const auto settings = session_->variants().back().settings;
    if (settings[static_cast<std::size_t>(id)].enabled) {
      const auto encodings = session_->sim().computeEncodings(settings, session_->scheme());
      if (!encodings[static_cast<std::size_t>(id)].empty())
        histogram->encoding = encodings[static_cast<std::size_t>(id)].front();
    }
    emit histogramReady(std::move(histogram));
  });
}

void EngineWorker::exportEncodings(const QString& variant, const QString& file, bool format100)
{
  runLongOperation(tr("Exporting encodings"), [&](Feedback& feedback) {
    writeCheckedExport(session_->previewExport(variant.toStdString(), format100, file.toStdString(), feedback));
  });
}

void EngineWorker::previewExport(const QString& variant, const QString& file, bool format100)
{
  runLongOperation(tr("Preparing the export"), [&](Feedback& feedback) {
    emit exportPreviewReady(std::make_shared<const EncodingsPreview>(
      session_->previewExport(variant.toStdString(), format100, file.toStdString(), feedback)));
  });
}

void EngineWorker::writeExport(const EncodingsPreviewPtr& preview)
{
  runLongOperation(tr("Exporting encodings"), [&](Feedback&) { writeCheckedExport(*preview); });
}

void EngineWorker::writeCheckedExport(const EncodingsPreview& preview)
{
  // AIMET's strict loader refuses a file that lists more or fewer quantizers than the sim enables.
  if (!preview.matchesExactly())
    throw EngineError("not writing '" + preview.file + "': the encodings do not match the enabled quantizers (" +
                      std::to_string(preview.missing.size()) + " without an encoding, " +
                      std::to_string(preview.unmatched.size()) + " the model lacks)");
  fileio::writeAtomically(preview.file, preview.text);
  emit encodingsExported(QString::fromStdString(preview.file));
}

void EngineWorker::previewCustomVariant(const QString& file)
{
  runLongOperation(tr("Reading %1").arg(file), [&](Feedback&) {
    emit importPreviewReady(std::make_shared<const EncodingsPreview>(session_->previewVariantFile(file.toStdString())));
  });
}

void EngineWorker::computeLayerEffect(int presetKind, bool allButThisLayer, const QString& module, int scan)
{
  runLongOperation(tr("Switching %1").arg(module), [&](Feedback& feedback) {
    const QuantPreset preset{presetKind == 2 ? QuantPreset::Kind::W4A8 : QuantPreset::Kind::W8A8};
    const auto mode = allButThisLayer ? SensitivityMode::AllButThisLayer : SensitivityMode::OnlyThisLayer;
    emit layerEffectReady(std::make_shared<const LayerEffect>(
      session_->layerEffect(preset, mode, module.toStdString(), scanList({scan}).front(), feedback)));
  });
}

void EngineWorker::computeMixedPrecision(const MixedPrecisionRequest& request)
{
  runLongOperation(tr("Mixed precision"), [&](Feedback& feedback) {
    auto answer = std::make_shared<MixedPrecisionAnswer>();
    answer->request = request;
    answer->result = session_->mixedPrecision(request, feedback);
    emit mixedPrecisionReady(std::move(answer));
  });
}

void EngineWorker::saveSession(const QString& file, const SessionStatePtr& guiState)
{
  runLongOperation(tr("Saving the session"), [&](Feedback&) {
    SessionState state = *guiState;
    if (session_->hasModel()) {
      // A sidecar typed into the dialog exists nowhere else.
      if (!ModelSidecar::findFor(session_->modelFile()))
        state.modelSidecarJson = session_->sidecar().toJson();
      state.scheme = session_->scheme();
      state.customFile = session_->customFile();
      state.cachedResults = session_->cachedResults();
    }
    if (session_->hasSequence())
      state.calibrationScans = session_->calibrationScans();
    SessionFile::write(file.toStdString(), state);
    emit sessionSaved(file);
  });
}

void EngineWorker::openSession(const QString& file)
{
  runLongOperation(tr("Opening the session"), [&](Feedback&) {
    // Read and checked before anything changes: a bad file leaves everything open as it was.
    auto state = std::make_shared<SessionState>(SessionFile::read(file.toStdString()));
    if (!state->modelFile.empty())
      openModelNow(QString::fromStdString(state->modelFile.string()),
                   QString::fromStdString(state->modelSidecarJson.value_or(std::string())));
    if (!state->sequenceDirectory.empty())
      openSequenceNow(QString::fromStdString(state->sequenceDirectory.string()));
    session_->setScheme(state->scheme);
    session_->setKnnEnabled(state->knnEnabled);
    if (session_->hasSequence() && !state->calibrationScans.empty())
      session_->setCalibrationScans(state->calibrationScans);
    if (session_->hasModel()) {
      applySessionCustom(*state);
      emit variantsChanged(variantNames(), QString::fromStdString(session_->customDescription()));
    }
    QString note;
    if (state->cachedResults) {
      note = cacheNote(session_->restoreCachedResults(*state->cachedResults));
      state->cachedResults.reset(); // the engine has them; the GUI needs the rest
    }
    emit sessionOpened(file, std::move(state), note);
  });
}

void EngineWorker::applySessionCustom(const SessionState& state)
{
  if (state.customFile) {
    session_->loadVariantText(state.customFile->text, state.customFile->fileName);
  } else if (state.custom) {
    // The same settings the editor sends once it has the edits, so its results come from the cache.
    session_->setCustomSettings(EncodingsExchange::customSettings(session_->sim(), state.editorBasePreset,
                                                                  *state.custom, "the session's edits"),
                                tr("editor: %n edit(s) vs %1", nullptr, static_cast<int>(state.custom->quantizers.size()))
                                  .arg(QString::fromStdString(state.editorBasePreset.toString()))
                                  .toStdString());
  } else {
    session_->clearCustomVariant();
  }
}

QString EngineWorker::cacheNote(const CachedResultsRestore& restore)
{
  if (!restore.restored)
    return tr("Cached results not used: %1").arg(QString::fromStdString(restore.reason));
  return tr("Cached results restored: %n scan(s)", nullptr, static_cast<int>(restore.scans)) +
         tr(", %n evaluation(s)", nullptr, static_cast<int>(restore.evaluations)) +
         tr(", %n sensitivity sweep(s)", nullptr, static_cast<int>(restore.sensitivities)) +
         tr(", %n mixed-precision search(es)", nullptr, static_cast<int>(restore.mixedPrecision));
}

void EngineWorker::setKnnEnabled(bool enabled)
{
  session_->setKnnEnabled(enabled);
}

} // namespace quantlens
