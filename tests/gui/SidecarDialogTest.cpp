#include "SidecarDialog.h"

#include <QTest>

using namespace quantlens;

class SidecarDialogTest : public QObject
{
  Q_OBJECT

private slots:
  void startsFromTheSemanticKittiDefaults()
  {
    SidecarDialog dialog(QStringLiteral("/models/mine.pt"));
    const ModelSidecar sidecar = dialog.sidecar();
    QCOMPARE(sidecar.sensor.height, 64);
    QCOMPARE(sidecar.sensor.width, 2048);
    QCOMPARE(sidecar.sensor.fovUpDegrees, 3.0f);
    QCOMPARE(sidecar.sensor.fovDownDegrees, -25.0f);
    QCOMPARE(sidecar.inputShape, (std::vector<std::int64_t>{1, 5, 64, 2048}));
    QCOMPARE(sidecar.classCount, 20);
    QVERIFY(dialog.saveBesideModel());
    QVERIFY(dialog.windowTitle().contains(QStringLiteral("mine.pt")));
  }

  void refusesValuesThatDoNotFitTogetherAndNamesTheField()
  {
    SidecarDialog dialog(QStringLiteral("/models/mine.pt"));
    ModelSidecar wrong;
    wrong.sensor.fovUpDegrees = -30.0f; // below fov_down
    dialog.setSidecar(wrong);
    dialog.show();
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY2(dialog.errorText().contains(QStringLiteral("fov_up")), qPrintable(dialog.errorText()));
  }

  void acceptsAndReturnsWhatWasEntered()
  {
    SidecarDialog dialog(QStringLiteral("/models/mine.pt"));
    ModelSidecar entered;
    entered.sensor.height = 32;
    entered.sensor.width = 1024;
    entered.classCount = 8;
    entered.knnEnabled = true;
    dialog.setSidecar(entered);
    dialog.show();
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const ModelSidecar sidecar = dialog.sidecar();
    QCOMPARE(sidecar.inputShape, (std::vector<std::int64_t>{1, 5, 32, 1024}));
    QCOMPARE(sidecar.classCount, 8);
    QVERIFY(sidecar.knnEnabled);
    // What the dialog returns is a sidecar the engine reads back unchanged.
    const ModelSidecar reread = ModelSidecar::fromJson(sidecar.toJson(), "test");
    QCOMPARE(reread.sensor.width, 1024);
    QCOMPARE(reread.sensor.stds, sidecar.sensor.stds);
  }
};

QTEST_MAIN(SidecarDialogTest)
#include "SidecarDialogTest.moc"
