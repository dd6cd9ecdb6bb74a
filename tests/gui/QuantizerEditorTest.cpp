#include "QuantizerEditor.h"
#include "QuantizerFilterProxy.h"
#include "QuantizerTreeModel.h"
#include "QuantizerTestData.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using quantlens::QuantizerEditor;
using quantlens::QuantizerInfo;
using quantlens::QuantizerKind;
using quantlens::QuantizerSettings;
using quantlens::QuantizerTreeModel;
using quantlens::QuantPreset;

namespace {

using quantlens::test::quantizers;
using quantlens::test::w4a8;

void setUp(QuantizerEditor& editor)
{
  editor.setQuantizers(quantizers(), w4a8(), QuantPreset{ QuantPreset::Kind::W4A8 });
}

QModelIndex shownQuantizer(const QuantizerEditor& editor, int id)
{
  return editor.proxy()->mapFromSource(editor.model()->quantizerIndex(id));
}

void selectQuantizers(QuantizerEditor& editor, const std::vector<int>& ids)
{
  auto* selection = editor.view()->selectionModel();
  selection->clearSelection();
  for (int id : ids)
    selection->select(shownQuantizer(editor, id), QItemSelectionModel::Select | QItemSelectionModel::Rows);
}

QAction* action(const QuantizerEditor& editor, const char* name)
{
  auto* found = editor.findChild<QAction*>(QString::fromLatin1(name));
  if (!found)
    qFatal("no action %s", name);
  return found;
}

} // namespace

class QuantizerEditorTest : public QObject
{
  Q_OBJECT

private slots:
  void keepAt16OnSelectionIsOneCommand()
  {
    QuantizerEditor editor;
    setUp(editor);
    selectQuantizers(editor, { 1, 4, 5 });
    QCOMPARE(editor.selectedQuantizerIds(), (std::vector<int>{ 1, 4, 5 }));
    QVERIFY(action(editor, "keep16")->isEnabled());
    action(editor, "keep16")->trigger();
    auto expected = w4a8();
    for (int id : { 1, 4, 5 })
      expected[static_cast<std::size_t>(id)].bitwidth = 16;
    QCOMPARE(editor.settings(), expected);
    QCOMPARE(editor.undoStack()->count(), 1);
    QCOMPARE(editor.editCount(), 3);
    editor.undoAction()->trigger();
    QCOMPARE(editor.settings(), w4a8());
    editor.redoAction()->trigger();
    QCOMPARE(editor.settings(), expected);
  }

  void disableEnableAndResetActOnSelection()
  {
    QuantizerEditor editor;
    setUp(editor);
    selectQuantizers(editor, { 0, 3 });
    action(editor, "disable")->trigger();
    QVERIFY(!editor.settings()[0].enabled && !editor.settings()[3].enabled);
    QVERIFY(editor.settings()[1].enabled);
    selectQuantizers(editor, { 3 });
    action(editor, "enable")->trigger();
    QVERIFY(editor.settings()[3].enabled);
    QVERIFY(!editor.settings()[0].enabled);
    QVERIFY(editor.setBitwidth({ 2, 5 }, 6));
    QCOMPARE(editor.undoStack()->count(), 3);
    // With nothing selected, Reset to Preset resets everything in one step.
    editor.view()->selectionModel()->clearSelection();
    QVERIFY(!action(editor, "disable")->isEnabled());
    action(editor, "resetToPreset")->trigger();
    QCOMPARE(editor.settings(), w4a8());
    QCOMPARE(editor.undoStack()->count(), 4);
    editor.undoStack()->undo();
    QCOMPARE(editor.settings()[5].bitwidth, 6);
    QVERIFY(!editor.settings()[0].enabled);
  }

  void selectedModuleStandsForItsShownQuantizers()
  {
    QuantizerEditor editor;
    setUp(editor);
    const QModelIndex conv2 = editor.proxy()->mapFromSource(editor.model()->moduleIndex(QStringLiteral("conv2")));
    editor.view()->selectionModel()->select(conv2, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(editor.selectedQuantizerIds(), (std::vector<int>{ 2, 3, 4 }));
    editor.findChild<QComboBox*>(QStringLiteral("quantizerKind"))->setCurrentIndex(3); // weights
    const QModelIndex conv2Weights =
      editor.proxy()->mapFromSource(editor.model()->moduleIndex(QStringLiteral("conv2")));
    editor.view()->selectionModel()->select(conv2Weights,
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(editor.selectedQuantizerIds(), std::vector<int>{ 3 });
  }

  void invalidBitwidthLeavesNoCommand()
  {
    QuantizerEditor editor;
    setUp(editor);
    QSignalSpy changed(&editor, &QuantizerEditor::settingsChanged);
    QVERIFY(!editor.setBitwidth({ 0, 1 }, 1));
    QVERIFY(!editor.setBitwidth({ 0, 1 }, 33));
    QCOMPARE(editor.undoStack()->count(), 0);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(editor.settings(), w4a8());
  }

  void settingsChangedCarriesTheNewTable()
  {
    QuantizerEditor editor;
    setUp(editor);
    QSignalSpy changed(&editor, &QuantizerEditor::settingsChanged);
    QVERIFY(editor.setBitwidth({ 0, 3 }, 8));
    QCOMPARE(changed.count(), 1);
    auto expected = w4a8();
    expected[0].bitwidth = expected[3].bitwidth = 8;
    QCOMPARE(changed.last().at(0).value<std::vector<QuantizerSettings>>(), expected);
    editor.undoStack()->undo();
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.last().at(0).value<std::vector<QuantizerSettings>>(), w4a8());
    editor.undoStack()->redo();
    QCOMPARE(changed.count(), 3);
    QCOMPARE(changed.last().at(0).value<std::vector<QuantizerSettings>>(), expected);
  }

  void summaryCountsEditsAgainstThePreset()
  {
    QuantizerEditor editor;
    setUp(editor);
    auto* label = editor.findChild<QLabel*>(QStringLiteral("editSummary"));
    QVERIFY(label->text().startsWith(QStringLiteral("0 ")));
    QVERIFY(label->text().contains(QStringLiteral("W4A8")));
    QVERIFY(editor.setQuantizersEnabled({ 5 }, false));
    QVERIFY(editor.keepAt16Bit({ 1 }));
    QVERIFY(label->text().startsWith(QStringLiteral("2 ")));
    const auto overrides = editor.overrides();
    QCOMPARE(overrides.quantizers.size(), std::size_t(2));
    QVERIFY(overrides.quantizers.count("module_softmax.output[0]") == 1);
    QCOMPARE(*overrides.quantizers.at("conv1.output[0]").bitwidth, 16);
    QVERIFY(!overrides.quantizers.at("conv1.output[0]").enabled.has_value()); // was enabled already
    QCOMPARE(*overrides.base, QuantPreset{ QuantPreset::Kind::W4A8 });
  }

  void filterWidgetsDriveTheProxy()
  {
    QuantizerEditor editor;
    setUp(editor);
    auto* filter = editor.findChild<QLineEdit*>(QStringLiteral("quantizerFilter"));
    QTest::keyClicks(filter, QStringLiteral("conv2.*"));
    QCOMPARE(editor.proxy()->rowCount(), 1);
    QCOMPARE(editor.proxy()->rowCount(editor.proxy()->index(0, 0)), 3);
    filter->clear();
    editor.findChild<QComboBox*>(QStringLiteral("quantizerKind"))->setCurrentIndex(2); // outputs
    QCOMPARE(editor.proxy()->rowCount(), 3);
    for (int row = 0; row < 3; ++row)
      QCOMPARE(editor.proxy()->rowCount(editor.proxy()->index(row, 0)), 1);
  }

  void selectModuleClearsAHidingFilterAndSelectsIt()
  {
    QuantizerEditor editor;
    setUp(editor);
    editor.findChild<QLineEdit*>(QStringLiteral("quantizerFilter"))->setText(QStringLiteral("conv*"));
    QVERIFY(!editor.selectModule(QStringLiteral("no_such_module")));
    QVERIFY(editor.selectModule(QStringLiteral("module_softmax")));
    const QModelIndex current = editor.view()->currentIndex();
    QCOMPARE(current.data(QuantizerTreeModel::FullNameRole).toString(), QStringLiteral("module_softmax"));
    QCOMPARE(editor.selectedQuantizerIds(), std::vector<int>{ 5 });
    // conv1 is visible under the cleared filter and is selected without clearing more.
    QVERIFY(editor.selectModule(QStringLiteral("conv1")));
    QCOMPARE(editor.selectedQuantizerIds(), (std::vector<int>{ 0, 1 }));
  }

  void undoRedoHaveTheStandardShortcuts()
  {
    QuantizerEditor editor;
    QVERIFY(editor.undoAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Z)));
    QVERIFY(editor.redoAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)));
  }

  void keyboardUndoAndRedo()
  {
    QuantizerEditor editor;
    setUp(editor);
    editor.resize(900, 400);
    editor.show();
    editor.activateWindow();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.view()->setFocus();
    QVERIFY(editor.setBitwidth({ 4 }, 12));
    QTest::keyClick(editor.view(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(editor.settings(), w4a8());
    QTest::keyClick(editor.view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(editor.settings()[4].bitwidth, 12);
  }

  void bitwidthEditsInPlaceWithALimitedSpinBox()
  {
    QuantizerEditor editor;
    setUp(editor);
    editor.resize(900, 400);
    editor.show();
    editor.activateWindow();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    const QModelIndex bits =
      editor.proxy()->mapFromSource(editor.model()->quantizerIndex(3, QuantizerTreeModel::BitwidthColumn));
    editor.view()->setCurrentIndex(bits);
    editor.view()->edit(bits);
    auto* spin = editor.view()->findChild<QSpinBox*>();
    QVERIFY(spin);
    QCOMPARE(spin->minimum(), 2);
    QCOMPARE(spin->maximum(), 32);
    QCOMPARE(spin->value(), 4);
    spin->setValue(6);
    QTest::keyClick(spin, Qt::Key_Return);
    // The delegate commits from a queued call.
    QTRY_COMPARE(editor.settings()[3].bitwidth, 6);
    QCOMPARE(editor.undoStack()->count(), 1);
  }
};

QTEST_MAIN(QuantizerEditorTest)
#include "QuantizerEditorTest.moc"
