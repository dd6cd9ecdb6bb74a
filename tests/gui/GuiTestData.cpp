#include "GuiTestData.h"

#include "data/SyntheticScanner.h"

#include <QCoreApplication>
#include <QDir>

#include <filesystem>

namespace quantlens::test {

QString freshFolder(const QString& name)
{
  const QByteArray root = qgetenv("QUANTLENS_TEST_TMP");
  const QString base = root.isEmpty() ? QDir::tempPath() : QString::fromLocal8Bit(root);
  const QString folder =
    base + QStringLiteral("/") + name + QStringLiteral("-") + QString::number(QCoreApplication::applicationPid());
  std::filesystem::remove_all(folder.toStdString());
  std::filesystem::create_directories(folder.toStdString());
  return folder;
}

QString writeSyntheticSequence(const QString& name, int scans)
{
  const std::filesystem::path folder = freshFolder(name).toStdString();
  SyntheticScannerOptions options;
  options.seed = 42;
  const auto sequence = SyntheticScanner(options).writeSequence(folder, 0, static_cast<std::size_t>(scans));
  return QString::fromStdString(sequence.string());
}

QString fixture(const QString& name)
{
  return QStringLiteral(QUANTLENS_FIXTURE_DIR) + QLatin1Char('/') + name;
}

} // namespace quantlens::test
