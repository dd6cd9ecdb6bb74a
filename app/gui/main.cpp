// quantlens: the desktop app. main() only parses arguments and opens the
// window; everything else is in the quantlens_app library.
#include "MainWindow.h"
#include "viewers/MultiPointCloudView.h"
#include "viewers/VtkOpenGLWidget.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QPainter>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

namespace {

void installTranslators(QApplication& app)
{
  auto* qtTranslator = new QTranslator(&app);
  if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                         QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QApplication::installTranslator(qtTranslator);
  auto* translator = new QTranslator(&app);
  if (translator->load(QLocale(), QStringLiteral("quantlens"), QStringLiteral("_"), QStringLiteral(":/i18n")))
    QApplication::installTranslator(translator);
}

/// What the window shows, with the 3D views rendered in: a plain grab()
/// reads the views' GL framebuffer without the titles painted over it.
QImage windowImage(quantlens::MainWindow& window)
{
  QImage image = window.grab().toImage();
  QPainter painter(&image);
  auto* views = window.views();
  painter.drawImage(QRect(views->mapTo(&window, QPoint(0, 0)), views->size()), views->grabImage());
  return image;
}

/// For docs/ and scripts: grab the whole window after the first scan is drawn.
void saveScreenshotWhenShown(quantlens::MainWindow& window, const QString& file)
{
  QObject::connect(&window, &quantlens::MainWindow::scanShown, &window, [&window, file] {
    // Let the views and docks finish their first paint before grabbing.
    QTimer::singleShot(1500, &window, [&window, file] {
      const bool saved = windowImage(window).save(file);
      std::fprintf(stderr, saved ? "quantlens: saved %s\n" : "quantlens: cannot write %s\n", qPrintable(file));
      QApplication::exit(saved ? 0 : 1);
    });
  }, Qt::SingleShotConnection);
}

} // namespace

int main(int argc, char** argv)
{
  // VTK needs a 3.2 core context; set it before QApplication so shared contexts match.
  QSurfaceFormat::setDefaultFormat(quantlens::VtkOpenGLWidget::surfaceFormat());
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("QuantLens"));
  QApplication::setApplicationName(QStringLiteral("quantlens"));
  QApplication::setApplicationDisplayName(QStringLiteral("QuantLens"));
  QApplication::setApplicationVersion(QStringLiteral(QUANTLENS_VERSION));
  // Lets desktop shells match the window to packaging/io.quantlens.QuantLens.desktop.
  QGuiApplication::setDesktopFileName(QStringLiteral("io.quantlens.QuantLens"));
  installTranslators(app);

  QCommandLineParser parser;
  parser.setApplicationDescription(QApplication::translate("main", "Inspect quantized perception models."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption sequenceOption(QStringLiteral("sequence"),
                                          QApplication::translate("main", "Open the SemanticKITTI sequence <dir>."),
                                          QStringLiteral("dir"));
  const QCommandLineOption modelOption(QStringLiteral("model"),
                                       QApplication::translate("main", "Open the TorchScript model <file>."),
                                       QStringLiteral("file"));
  const QCommandLineOption encodingsOption(
    QStringLiteral("encodings"),
    QApplication::translate("main", "Compare with the AIMET encodings or override <file> as the Custom variant."),
    QStringLiteral("file"));
  const QCommandLineOption scanOption(QStringLiteral("scan"), QApplication::translate("main", "Show scan <n> first."),
                                      QStringLiteral("n"), QStringLiteral("0"));
  const QCommandLineOption demoOption(QStringLiteral("demo"),
                                      QApplication::translate("main", "Open the demo model on the synthetic demo sequence."));
  const QCommandLineOption screenshotOption(
    QStringLiteral("screenshot"),
    QApplication::translate("main", "Save the window to <file> once the first scan is drawn, then quit."),
    QStringLiteral("file"));
  parser.addOption(modelOption);
  parser.addOption(sequenceOption);
  parser.addOption(encodingsOption);
  parser.addOption(scanOption);
  parser.addOption(demoOption);
  parser.addOption(screenshotOption);
  parser.process(app);

  bool scanIsNumber = false;
  const int scan = parser.value(scanOption).toInt(&scanIsNumber);
  if (!scanIsNumber || scan < 0) {
    std::fprintf(stderr, "quantlens: --scan expects a scan number, got '%s'\n", qPrintable(parser.value(scanOption)));
    return 2;
  }

  quantlens::MainWindow window;
  window.show();
  if (parser.isSet(screenshotOption))
    saveScreenshotWhenShown(window, parser.value(screenshotOption));
  // The engine handles requests in order: the demo first, then what the user named.
  if (parser.isSet(demoOption))
    window.openDemo(scan);
  if (parser.isSet(modelOption))
    window.openModel(parser.value(modelOption));
  if (parser.isSet(encodingsOption))
    window.openCustomVariant(parser.value(encodingsOption));
  if (parser.isSet(sequenceOption))
    window.openSequence(parser.value(sequenceOption), scan);
  return QApplication::exec();
}
