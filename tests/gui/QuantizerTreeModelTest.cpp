#include "QuantizerTreeModel.h"
#include "QuantizerFilterProxy.h"
#include "QuantizerTestData.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include <cmath>
#include <limits>

using quantlens::Encoding;
using quantlens::QuantizerFilterProxy;
using quantlens::QuantizerInfo;
using quantlens::QuantizerKind;
using quantlens::QuantizerOverride;
using quantlens::QuantizerSettings;
using quantlens::QuantizerTreeModel;
using quantlens::QuantPreset;

namespace {

using quantlens::test::quantizers;
using quantlens::test::w4a8;

QStringList childNames(const QAbstractItemModel& model, const QModelIndex& parent)
{
  QStringList names;
  for (int row = 0; row < model.rowCount(parent); ++row)
    names << model.index(row, 0, parent).data(QuantizerTreeModel::FullNameRole).toString();
  return names;
}

QStringList topNames(const QAbstractItemModel& model)
{
  return childNames(model, {});
}

bool isBold(const QModelIndex& index)
{
  const QVariant font = index.data(Qt::FontRole);
  return font.isValid() && font.value<QFont>().bold();
}

} // namespace

class QuantizerTreeModelTest : public QObject
{
  Q_OBJECT

private slots:
  void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

  void treeHasModulesInOrderWithTheirQuantizers()
  {
    QuantizerTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setQuantizers(quantizers(), w4a8());
    QCOMPARE(topNames(model),
             (QStringList{ QStringLiteral("conv1"), QStringLiteral("conv2"), QStringLiteral("module_softmax") }));
    QCOMPARE(model.rowCount(model.index(0, 0)), 2);
    QCOMPARE(model.rowCount(model.index(1, 0)), 3);
    QCOMPARE(model.rowCount(model.index(2, 0)), 1);
    QCOMPARE(childNames(model, model.index(1, 0)),
             (QStringList{
               QStringLiteral("conv2.input[0]"), QStringLiteral("conv2.weight"), QStringLiteral("conv2.output[0]") }));
    // The child row shows the name without its module; the module row says it.
    const QModelIndex weight = model.index(1, 0, model.index(1, 0));
    QCOMPARE(weight.data().toString(), QStringLiteral("weight"));
    QCOMPARE(weight.data(QuantizerTreeModel::QuantizerIdRole).toInt(), 3);
    QCOMPARE(weight.parent(), model.index(1, 0));
    QCOMPARE(model.quantizerIndex(3), weight);
    QCOMPARE(model.moduleIndex(QStringLiteral("module_softmax")), model.index(2, 0));
    QCOMPARE(model.index(1, QuantizerTreeModel::KindColumn, model.index(1, 0)).data().toString(),
             QStringLiteral("weight"));
    QCOMPARE(model.index(0, QuantizerTreeModel::KindColumn, model.index(1, 0)).data().toString(),
             QStringLiteral("input"));
    QCOMPARE(model.index(0, QuantizerTreeModel::OpTypeColumn, model.index(2, 0)).data().toString(),
             QStringLiteral("Softmax"));
    QCOMPARE(model.index(1, QuantizerTreeModel::ShapeColumn, model.index(1, 0)).data().toString(),
             QStringLiteral("16\u00D75\u00D73\u00D73"));
    QCOMPARE(model.settings(), w4a8());
    QCOMPARE(model.editCount(), 0);
    QCOMPARE(model.rowCount(weight), 0);
  }

  void moduleRowsSummariseTheirQuantizers()
  {
    QuantizerTreeModel model;
    model.setQuantizers(quantizers(), w4a8());
    const QModelIndex conv2 = model.moduleIndex(QStringLiteral("conv2"));
    QCOMPARE(model.index(conv2.row(), QuantizerTreeModel::BitwidthColumn).data().toString(), QStringLiteral("4/8"));
    QCOMPARE(model.index(conv2.row(), QuantizerTreeModel::EnabledColumn).data().toString(), QStringLiteral("3/3"));
    QCOMPARE(model.index(conv2.row(), QuantizerTreeModel::EnabledColumn).data(Qt::CheckStateRole).toInt(),
             int(Qt::Checked));
    QCOMPARE(model.index(conv2.row(), QuantizerTreeModel::SymmetricColumn).data(Qt::CheckStateRole).toInt(),
             int(Qt::PartiallyChecked));
    QVERIFY(
      model.setData(model.quantizerIndex(3, QuantizerTreeModel::EnabledColumn), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(model.index(conv2.row(), QuantizerTreeModel::BitwidthColumn).data().toString(), QStringLiteral("8"));
    QCOMPARE(model.index(conv2.row(), QuantizerTreeModel::EnabledColumn).data().toString(), QStringLiteral("2/3"));
    QCOMPARE(model.index(conv2.row(), QuantizerTreeModel::EnabledColumn).data(Qt::CheckStateRole).toInt(),
             int(Qt::PartiallyChecked));
  }

  void bitwidthEditIsOneUndoableCommand()
  {
    QuantizerTreeModel model;
    model.setQuantizers(quantizers(), w4a8());
    QSignalSpy changed(&model, &QuantizerTreeModel::settingsChanged);
    QVERIFY(model.setData(model.quantizerIndex(3, QuantizerTreeModel::BitwidthColumn), 8));
    auto expected = w4a8();
    expected[3].bitwidth = 8;
    QCOMPARE(model.settings(), expected);
    QCOMPARE(model.undoStack()->count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.quantizerIndex(3, QuantizerTreeModel::BitwidthColumn).data(Qt::EditRole).toInt(), 8);

    model.undoStack()->undo();
    QCOMPARE(model.settings(), w4a8());
    QCOMPARE(changed.count(), 2);
    model.undoStack()->redo();
    QCOMPARE(model.settings(), expected);
    QCOMPARE(changed.count(), 3);
  }

  void invalidBitwidthsAreRejected()
  {
    QuantizerTreeModel model;
    model.setQuantizers(quantizers(), w4a8());
    const QModelIndex bits = model.quantizerIndex(1, QuantizerTreeModel::BitwidthColumn);
    QVERIFY(!model.setData(bits, 1));
    QVERIFY(!model.setData(bits, 33));
    QVERIFY(!model.setData(bits, QStringLiteral("eight")));
    QVERIFY(!model.setData(bits, 8)); // already 8: nothing to undo
    QuantizerOverride tooWide;
    tooWide.bitwidth = 33;
    QVERIFY(!model.changeSettings({ 0, 1 }, tooWide, QStringLiteral("x")));
    QuantizerOverride fine;
    fine.bitwidth = 6;
    QVERIFY(!model.changeSettings({ 0, 99 }, fine, QStringLiteral("unknown id")));
    QVERIFY(model.setData(bits, 2));
    QVERIFY(model.setData(bits, 32));
    QCOMPARE(model.settings()[1].bitwidth, 32);
    QCOMPARE(model.undoStack()->count(), 2);
    // Only the bitwidth column is edited as a value; other columns refuse.
    QVERIFY(!model.setData(model.quantizerIndex(1, QuantizerTreeModel::SqnrColumn), 3.0));
    QVERIFY(!model.setData(model.quantizerIndex(1, QuantizerTreeModel::NameColumn), QStringLiteral("renamed")));
  }

  void checkBoxesToggleAndModuleCheckBoxCoversChildrenInOneStep()
  {
    QuantizerTreeModel model;
    model.setQuantizers(quantizers(), w4a8());
    QVERIFY(model.flags(model.quantizerIndex(5, QuantizerTreeModel::EnabledColumn)) & Qt::ItemIsUserCheckable);
    QVERIFY(model.flags(model.quantizerIndex(5, QuantizerTreeModel::BitwidthColumn)) & Qt::ItemIsEditable);
    QVERIFY(!(model.flags(model.quantizerIndex(5, QuantizerTreeModel::ScaleColumn)) & Qt::ItemIsEditable));

    QVERIFY(
      model.setData(model.quantizerIndex(5, QuantizerTreeModel::EnabledColumn), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(
      model.setData(model.quantizerIndex(1, QuantizerTreeModel::SymmetricColumn), Qt::Checked, Qt::CheckStateRole));
    auto expected = w4a8();
    expected[5].enabled = false;
    expected[1].symmetric = true;
    QCOMPARE(model.settings(), expected);

    const QModelIndex conv2Enabled =
      model.index(model.moduleIndex(QStringLiteral("conv2")).row(), QuantizerTreeModel::EnabledColumn);
    QVERIFY(model.setData(conv2Enabled, Qt::Unchecked, Qt::CheckStateRole));
    expected[2].enabled = expected[3].enabled = expected[4].enabled = false;
    QCOMPARE(model.settings(), expected);
    QCOMPARE(model.undoStack()->count(), 3);
    model.undoStack()->undo();
    QVERIFY(model.settings()[2].enabled && model.settings()[3].enabled && model.settings()[4].enabled);
  }

  void editedCellsAreMarkedAgainstTheBase()
  {
    QuantizerTreeModel model;
    model.setQuantizers(quantizers(), w4a8());
    const QModelIndex bits = model.quantizerIndex(3, QuantizerTreeModel::BitwidthColumn);
    QVERIFY(!isBold(bits));
    QVERIFY(!bits.data(Qt::BackgroundRole).isValid());
    QVERIFY(model.setData(bits, 8));
    QVERIFY(isBold(bits));
    QVERIFY(bits.data(Qt::BackgroundRole).isValid());
    QVERIFY(bits.data(Qt::ToolTipRole).toString().contains(QStringLiteral("4")));
    QVERIFY(!isBold(model.quantizerIndex(3, QuantizerTreeModel::SymmetricColumn)));
    QVERIFY(!isBold(model.quantizerIndex(0, QuantizerTreeModel::BitwidthColumn)));
    QVERIFY(isBold(model.quantizerIndex(3, QuantizerTreeModel::NameColumn)));
    const int conv2 = model.moduleIndex(QStringLiteral("conv2")).row();
    QVERIFY(isBold(model.index(conv2, QuantizerTreeModel::BitwidthColumn)));
    QVERIFY(!isBold(model.index(conv2, QuantizerTreeModel::EnabledColumn)));
    QVERIFY(!isBold(model.index(0, QuantizerTreeModel::BitwidthColumn)));
    QCOMPARE(model.editCount(), 1);

    // Editing back to the preset's value is no longer a difference.
    QVERIFY(model.setData(bits, 4));
    QVERIFY(!isBold(bits));
    QCOMPARE(model.editCount(), 0);
    model.undoStack()->undo();
    QCOMPARE(model.editCount(), 1);
    model.undoStack()->undo();
    QCOMPARE(model.editCount(), 0);
    QVERIFY(!isBold(bits));
  }

  void overridesHoldExactlyTheChangedFields()
  {
    QuantizerTreeModel model;
    model.setQuantizers(quantizers(), w4a8());
    QVERIFY(model.setData(model.quantizerIndex(3, QuantizerTreeModel::BitwidthColumn), 8));
    QVERIFY(
      model.setData(model.quantizerIndex(5, QuantizerTreeModel::EnabledColumn), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(
      model.setData(model.quantizerIndex(1, QuantizerTreeModel::SymmetricColumn), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(model.setData(model.quantizerIndex(1, QuantizerTreeModel::BitwidthColumn), 16));

    const QuantPreset preset{ QuantPreset::Kind::W4A8 };
    const auto overrides = model.overrides(preset);
    QVERIFY(overrides.base.has_value());
    QCOMPARE(*overrides.base, preset);
    QCOMPARE(overrides.quantizers.size(), std::size_t(3));
    QuantizerOverride conv2Weight;
    conv2Weight.bitwidth = 8;
    QuantizerOverride softmax;
    softmax.enabled = false;
    QuantizerOverride conv1Output;
    conv1Output.bitwidth = 16;
    conv1Output.symmetric = true;
    QVERIFY(overrides.quantizers.at("conv2.weight") == conv2Weight);
    QVERIFY(overrides.quantizers.at("module_softmax.output[0]") == softmax);
    QVERIFY(overrides.quantizers.at("conv1.output[0]") == conv1Output);

    // Applied to the preset by name, the overrides give back the edited table.
    auto rebuilt = w4a8();
    for (const auto& info : quantizers())
      if (const auto it = overrides.quantizers.find(info.name); it != overrides.quantizers.end())
        it->second.applyTo(rebuilt[static_cast<std::size_t>(info.id)]);
    QCOMPARE(rebuilt, model.settings());
  }

  void wildcardFilterKeepsMatchingQuantizersAndTheirModules()
  {
    QuantizerTreeModel model;
    model.setQuantizers(quantizers(), w4a8());
    QuantizerFilterProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);

    proxy.setNamePattern(QStringLiteral("conv2.*"));
    QCOMPARE(topNames(proxy), QStringList{ QStringLiteral("conv2") });
    QCOMPARE(childNames(proxy, proxy.index(0, 0)),
             (QStringList{
               QStringLiteral("conv2.input[0]"), QStringLiteral("conv2.weight"), QStringLiteral("conv2.output[0]") }));

    proxy.setNamePattern(QStringLiteral("*.output?0?"));
    QCOMPARE(topNames(proxy),
             (QStringList{ QStringLiteral("conv1"), QStringLiteral("conv2"), QStringLiteral("module_softmax") }));
    QCOMPARE(proxy.rowCount(proxy.index(1, 0)), 1);

    // Plain text finds part of a name; module names match too.
    proxy.setNamePattern(QStringLiteral("SOFTMAX"));
    QCOMPARE(topNames(proxy), QStringList{ QStringLiteral("module_softmax") });
    proxy.setNamePattern(QStringLiteral("conv1"));
    QCOMPARE(childNames(proxy, proxy.index(0, 0)),
             (QStringList{ QStringLiteral("conv1.weight"), QStringLiteral("conv1.output[0]") }));
    proxy.setNamePattern(QStringLiteral("nothing*"));
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setNamePattern({});
    QCOMPARE(proxy.rowCount(), 3);
  }

  void kindFilterShowsOnlyThatKind()
  {
    QuantizerTreeModel model;
    model.setQuantizers(quantizers(), w4a8());
    QuantizerFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.setKindFilter(QuantizerFilterProxy::KindFilter::Weight);
    QCOMPARE(topNames(proxy), (QStringList{ QStringLiteral("conv1"), QStringLiteral("conv2") }));
    QCOMPARE(childNames(proxy, proxy.index(0, 0)), QStringList{ QStringLiteral("conv1.weight") });
    QCOMPARE(childNames(proxy, proxy.index(1, 0)), QStringList{ QStringLiteral("conv2.weight") });
    proxy.setKindFilter(QuantizerFilterProxy::KindFilter::Input);
    QCOMPARE(topNames(proxy), QStringList{ QStringLiteral("conv2") });
    QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 1);
    proxy.setKindFilter(QuantizerFilterProxy::KindFilter::Output);
    proxy.setNamePattern(QStringLiteral("conv2.*"));
    QCOMPARE(topNames(proxy), QStringList{ QStringLiteral("conv2") });
    QCOMPARE(childNames(proxy, proxy.index(0, 0)), QStringList{ QStringLiteral("conv2.output[0]") });
    proxy.setKindFilter(QuantizerFilterProxy::KindFilter::All);
    QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 3);
  }

  void sortsBitwidthsNumerically()
  {
    QuantizerTreeModel model;
    model.setQuantizers(quantizers(), w4a8());
    // conv2: input 16, weight 4, output 8. As text "16" < "4" < "8".
    QVERIFY(model.setData(model.quantizerIndex(2, QuantizerTreeModel::BitwidthColumn), 16));
    QuantizerFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(QuantizerTreeModel::BitwidthColumn, Qt::AscendingOrder);
    const QModelIndex conv2 = proxy.mapFromSource(model.moduleIndex(QStringLiteral("conv2")));
    QCOMPARE(childNames(proxy, conv2),
             (QStringList{
               QStringLiteral("conv2.weight"), QStringLiteral("conv2.output[0]"), QStringLiteral("conv2.input[0]") }));
    proxy.sort(QuantizerTreeModel::BitwidthColumn, Qt::DescendingOrder);
    // Modules move too (by their narrowest bitwidth): map conv2 again.
    QCOMPARE(childNames(proxy, proxy.mapFromSource(model.moduleIndex(QStringLiteral("conv2")))),
             (QStringList{
               QStringLiteral("conv2.input[0]"), QStringLiteral("conv2.output[0]"), QStringLiteral("conv2.weight") }));
  }

  void sortsSqnrNumericallyWithUnknownLast()
  {
    QuantizerTreeModel model;
    model.setQuantizers(quantizers(), w4a8());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    model.setSqnr({ 30.0, 9.5, nan, 12.25, 100.0, 4.0 });
    QuantizerFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(QuantizerTreeModel::SqnrColumn, Qt::AscendingOrder);
    const QModelIndex conv2 = proxy.mapFromSource(model.moduleIndex(QStringLiteral("conv2")));
    QCOMPARE(childNames(proxy, conv2),
             (QStringList{
               QStringLiteral("conv2.weight"), QStringLiteral("conv2.output[0]"), QStringLiteral("conv2.input[0]") }));
    // Modules sort by their worst quantizer: softmax 4, conv1 9.5, conv2 12.25.
    QCOMPARE(topNames(proxy),
             (QStringList{ QStringLiteral("module_softmax"), QStringLiteral("conv1"), QStringLiteral("conv2") }));
    QVERIFY(model.quantizerIndex(2, QuantizerTreeModel::SqnrColumn).data().toString().isEmpty());
    QCOMPARE(model.index(1, QuantizerTreeModel::SqnrColumn).data(QuantizerTreeModel::SortRole).toDouble(), 12.25);
  }

  void showsEncodingsAndSensitivity()
  {
    QuantizerTreeModel model;
    model.setQuantizers(quantizers(), w4a8());
    std::vector<std::vector<Encoding>> encodings(6);
    // Two channels of conv1.weight; one tensor encoding for conv1.output[0].
    encodings[0] = { Encoding{ 4, {}, true, -0.5, 0.4375, 0.0625, -8 }, Encoding{ 4, {}, true, -2.0, 1.75, 0.25, -8 } };
    encodings[1] = { Encoding{ 8, {}, false, -1.0, 2.0, 3.0 / 255.0, -85 } };
    model.setEncodings(encodings);
    model.setSensitivity({ { "conv2", 0.125 } });
    QCOMPARE(
      model.quantizerIndex(0, QuantizerTreeModel::EncodingMinColumn).data(QuantizerTreeModel::SortRole).toDouble(),
      -2.0);
    QCOMPARE(
      model.quantizerIndex(0, QuantizerTreeModel::EncodingMaxColumn).data(QuantizerTreeModel::SortRole).toDouble(),
      1.75);
    QVERIFY(
      model.quantizerIndex(0, QuantizerTreeModel::ScaleColumn).data().toString().contains(QStringLiteral("0.25")));
    QCOMPARE(model.quantizerIndex(1, QuantizerTreeModel::OffsetColumn).data().toString(), QStringLiteral("-85"));
    QCOMPARE(model.quantizerIndex(1, QuantizerTreeModel::EncodingMaxColumn).data().toString(), QStringLiteral("2"));
    QVERIFY(model.quantizerIndex(2, QuantizerTreeModel::ScaleColumn).data().toString().isEmpty());
    QCOMPARE(model.index(1, QuantizerTreeModel::SensitivityColumn).data(QuantizerTreeModel::SortRole).toDouble(),
             0.125);
    QVERIFY(!model.index(0, QuantizerTreeModel::SensitivityColumn).data(QuantizerTreeModel::SortRole).isValid());
    QCOMPARE(model.quantizerIndex(0, QuantizerTreeModel::PerChannelColumn).data(Qt::CheckStateRole).toInt(),
             int(Qt::Checked));
    QVERIFY(!model.quantizerIndex(1, QuantizerTreeModel::PerChannelColumn).data(Qt::CheckStateRole).isValid());
  }

  void newTableClearsUndoHistory()
  {
    QuantizerTreeModel model;
    model.setQuantizers(quantizers(), w4a8());
    QVERIFY(model.setData(model.quantizerIndex(0, QuantizerTreeModel::BitwidthColumn), 8));
    model.setQuantizers(quantizers(), w4a8());
    QCOMPARE(model.undoStack()->count(), 0);
    QCOMPARE(model.settings(), w4a8());
  }

  // A new table arrives with every model: it must not look like an edit, or
  // the window would replace a Custom variant loaded from a file.
  void aNewTableIsNotAnEdit()
  {
    QuantizerTreeModel model;
    QSignalSpy changed(&model, &QuantizerTreeModel::settingsChanged);
    model.setQuantizers(quantizers(), w4a8());
    model.setQuantizers(quantizers(), w4a8());
    QCOMPARE(changed.count(), 0);
    QVERIFY(model.setData(model.quantizerIndex(0, QuantizerTreeModel::BitwidthColumn), 8));
    QCOMPARE(changed.count(), 1);
  }

  void showsAimetsNameAndFindsQuantizersByIt()
  {
    auto table = quantizers();
    table[5].aimetName = "module_softmax_1.output[0]";
    table[5].aimetScopedName = "head.module_softmax_1.output[0]";
    table[0].aimetName.clear();
    table[0].aimetScopedName.clear();
    QuantizerTreeModel model;
    model.setQuantizers(table, w4a8());
    const QModelIndex softmax = model.quantizerIndex(5, QuantizerTreeModel::AimetNameColumn);
    QCOMPARE(softmax.data().toString(), QStringLiteral("module_softmax_1.output[0]"));
    QVERIFY(softmax.data(Qt::ToolTipRole).toString().contains(QStringLiteral("head.module_softmax_1.output[0]")));
    QCOMPARE(model.quantizerIndex(1, QuantizerTreeModel::AimetNameColumn).data().toString(),
             QStringLiteral("conv1.output[0]"));
    QCOMPARE(model.quantizerIndex(0, QuantizerTreeModel::AimetNameColumn).data().toString(), QStringLiteral("(none)"));
    QCOMPARE(model.headerData(QuantizerTreeModel::AimetNameColumn, Qt::Horizontal).toString(),
             QStringLiteral("AIMET Name"));

    QuantizerFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.setNamePattern(QStringLiteral("module_softmax_1"));
    QCOMPARE(topNames(proxy), QStringList{ QStringLiteral("module_softmax") });
    proxy.setNamePattern(QStringLiteral("head.module_*"));
    QCOMPARE(topNames(proxy), QStringList{ QStringLiteral("module_softmax") });
  }
};

QTEST_MAIN(QuantizerTreeModelTest)
#include "QuantizerTreeModelTest.moc"
