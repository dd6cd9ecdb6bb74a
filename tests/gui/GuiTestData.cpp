#include "GuiTestData.h"

#include "data/SyntheticScanner.h"

#include <QCoreApplication>
#include <QDir>

#include <filesystem>

namespace quantlens::test {

QString writeSyntheticSequence(const QString& name, int scans)
{
  const QByteArray root = qgetenv("QUANTLENS_TEST_TMP");
  const QString base = root.isEmpty() ? QDir::tempPath() : QString::fromLocal8Bit(root);
  const std::filesystem::path folder =
    (base + QStringLiteral("/") + name + QStringLiteral("-") + QString::number(QCoreApplication::applicationPid()))
      .toStdString();
  std::filesystem::remove_all(folder);
  SyntheticScannerOptions options;
  options.seed = 42;
  const auto sequence = SyntheticScanner(options).writeSequence(folder, 0, static_cast<std::size_t>(scans));
  return QString::fromStdString(sequence.string());
}

} // namespace quantlens::test
