#include "EngineController.h"
#include "GuiTestData.h"
#include "MainWindow.h"
#include "ScanNavigator.h"

#include "viewers/PointCloudView.h"
#include "viewers/VtkOpenGLWidget.h"

#include <QApplication>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace quantlens;

class MainWindowTest : public QObject
{
  Q_OBJECT

private:
  QString sequence_;

private slots:
  void initTestCase()
  {
    QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"), "needs an X display: run under xvfb-run (see README)");
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("QuantLensTests"));
    qRegisterMetaType<LoadedScanPtr>();
    sequence_ = test::writeSyntheticSequence(QStringLiteral("main-window"), 3);
  }

  void opensASequenceAndDrawsItsClassColors()
  {
    MainWindow window;
    window.resize(1000, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy shown(&window, &MainWindow::scanShown);
    window.openSequence(sequence_, 1);
    QVERIFY(shown.wait(20000));
    QCOMPARE(shown.at(0).at(0).toInt(), 1);
    QCOMPARE(window.navigator()->scanCount(), 3);
    QCOMPARE(window.navigator()->currentScan(), 1);
    QVERIFY(window.windowTitle().contains(QStringLiteral("sequences")));

    // The 3D view shows the road's class color (magenta) in many pixels.
    const QImage image = window.view()->grabImage();
    int magenta = 0;
    for (int y = 0; y < image.height(); ++y)
      for (int x = 0; x < image.width(); ++x)
        magenta += (image.pixel(x, y) & 0xFFFFFF) == 0xFF00FF ? 1 : 0;
    QVERIFY2(magenta > 500, qPrintable(QStringLiteral("magenta pixels: %1").arg(magenta)));
  }

  void keyNShowsTheNextScan()
  {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy shown(&window, &MainWindow::scanShown);
    window.openSequence(sequence_);
    QVERIFY(shown.wait(20000));
    QCOMPARE(shown.at(0).at(0).toInt(), 0);
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_N);
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 20000);
    QCOMPARE(shown.at(1).at(0).toInt(), 1);
    QCOMPARE(window.currentScan()->index, 1);
  }

  void engineErrorsShowAMessageAndKeepTheWindowUsable()
  {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString message;
    // The warning is modal: read and close it from a timer while it runs.
    QTimer closer;
    connect(&closer, &QTimer::timeout, this, [&] {
      if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
        message = box->text();
        box->accept();
      }
    });
    closer.start(50);
    window.openSequence(QStringLiteral("/nonexistent/sequence/08"));
    QTRY_VERIFY_WITH_TIMEOUT(!message.isEmpty(), 20000);
    QVERIFY(message.contains(QStringLiteral("/nonexistent/sequence/08")));

    QSignalSpy shown(&window, &MainWindow::scanShown);
    window.openSequence(sequence_);
    QVERIFY(shown.wait(20000));
  }
};

int main(int argc, char** argv)
{
  QSurfaceFormat::setDefaultFormat(VtkOpenGLWidget::surfaceFormat());
  QApplication app(argc, argv);
  MainWindowTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "MainWindowTest.moc"
