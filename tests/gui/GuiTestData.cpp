#include "GuiTestData.h"

#include "data/SyntheticScanner.h"
#include "model/EncodingsExchange.h"
#include "model/ModelSidecar.h"
#include "quant/EncodingsFile.h"

#include <QCoreApplication>
#include <QDir>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <random>

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

void writeEncodings(const QString& model, const QString& file)
{
  QuantSim sim(model.toStdString());
  const auto sidecar = ModelSidecar::findFor(model.toStdString());
  std::mt19937 random(3);
  std::normal_distribution<float> normal;
  for (int pass = 0; pass < 2; ++pass) {
    FloatTensor input;
    input.shape = sidecar->inputShape;
    input.values.resize(static_cast<std::size_t>(input.elementCount()));
    for (float& value : input.values)
      value = normal(random);
    sim.calibrate(input);
  }
  const auto settings = sim.presetSettings({ QuantPreset::Kind::W8A8 });
  const QuantScheme scheme = QuantScheme::parse("tf");
  EncodingsFile::write061(file.toStdString(),
                          EncodingsExchange::toDocument(sim, settings, sim.computeEncodings(settings, scheme), scheme));
}

StandardErrorCapture::StandardErrorCapture(const QString& file)
{
  std::fflush(stderr);
  saved_ = ::dup(STDERR_FILENO);
  const int target = ::open(file.toLocal8Bit().constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ::dup2(target, STDERR_FILENO);
  ::close(target);
}

StandardErrorCapture::~StandardErrorCapture()
{
  std::fflush(stderr);
  ::dup2(saved_, STDERR_FILENO);
  ::close(saved_);
}

} // namespace quantlens::test
