#include "DemoModel.h"

#include "core/EngineError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

/// The resource lives in the static quantlens_app library, where the linker
/// drops its self-registration unless something calls it: do so explicitly.
static void registerDemoModelResource()
{
  Q_INIT_RESOURCE(demo_model);
}

namespace quantlens {

namespace {

const QString kResourceFolder = QStringLiteral(":/demo/");
const QString kModelName = QStringLiteral("salsanext_demo.pt");
const QString kSidecarName = QStringLiteral("salsanext_demo.json");

/// Copies a resource unless the target already holds the same bytes; writes
/// through QSaveFile so an interrupted copy never leaves half a model behind.
void copyResource(const QString& name, const QString& folder)
{
  QFile source(kResourceFolder + name);
  if (!source.open(QIODevice::ReadOnly))
    throw EngineError("the demo model is missing from this build (" + name.toStdString() + ")");
  const QByteArray bytes = source.readAll();
  const QString target = folder + QLatin1Char('/') + name;
  QFile existing(target);
  if (existing.size() == bytes.size() && existing.open(QIODevice::ReadOnly) && existing.readAll() == bytes)
    return;
  QSaveFile output(target);
  if (!output.open(QIODevice::WriteOnly) || output.write(bytes) != bytes.size() || !output.commit())
    throw EngineError("cannot write the demo model to '" + target.toStdString() + "': " +
                      output.errorString().toStdString());
}

} // namespace

QString DemoModel::ensure(const QString& cacheDirectory)
{
  registerDemoModelResource();
  const QString folder = cacheDirectory + QStringLiteral("/model");
  if (!QDir().mkpath(folder))
    throw EngineError("cannot create the folder '" + folder.toStdString() + "'");
  copyResource(kModelName, folder);
  copyResource(kSidecarName, folder);
  return folder + QLatin1Char('/') + kModelName;
}

} // namespace quantlens
