#include "QuantizerEditor.h"

#include "QuantizerBitwidthDelegate.h"
#include "QuantizerFilterProxy.h"
#include "QuantizerTreeModel.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QToolBar>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <set>

namespace quantlens {

namespace {

constexpr int kKeepBitwidth = 16;

} // namespace

QuantizerEditor::QuantizerEditor(QWidget* parent)
  : QWidget(parent)
  , model_(new QuantizerTreeModel(this))
  , proxy_(new QuantizerFilterProxy(this))
  , view_(new QTreeView(this))
  , filterEdit_(new QLineEdit(this))
  , kindCombo_(new QComboBox(this))
  , summaryLabel_(new QLabel(this))
{
  proxy_->setSourceModel(model_);
  view_->setModel(proxy_);
  view_->setObjectName(QStringLiteral("quantizerTree"));
  view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                         QAbstractItemView::SelectedClicked);
  view_->setUniformRowHeights(true);
  view_->setAlternatingRowColors(true);
  view_->setItemDelegateForColumn(QuantizerTreeModel::BitwidthColumn, new QuantizerBitwidthDelegate(view_));
  view_->setSortingEnabled(true);
  // Unsorted until the user clicks a header: the model's order is the network's.
  view_->sortByColumn(-1, Qt::AscendingOrder);

  filterEdit_->setObjectName(QStringLiteral("quantizerFilter"));
  filterEdit_->setPlaceholderText(tr("Filter by name, e.g. downCntx.*"));
  filterEdit_->setClearButtonEnabled(true);
  kindCombo_->setObjectName(QStringLiteral("quantizerKind"));
  kindCombo_->addItems({ tr("All Kinds"), tr("Inputs"), tr("Outputs"), tr("Weights") });
  summaryLabel_->setObjectName(QStringLiteral("editSummary"));

  buildActions();
  buildLayout();

  connect(filterEdit_, &QLineEdit::textChanged, this, [this](const QString& text) {
    proxy_->setNamePattern(text);
    view_->expandAll();
  });
  connect(kindCombo_, &QComboBox::currentIndexChanged, this, [this](int index) {
    proxy_->setKindFilter(static_cast<QuantizerFilterProxy::KindFilter>(index));
    view_->expandAll();
  });
  connect(model_, &QuantizerTreeModel::settingsChanged, this, [this] {
    updateSummary();
    emit settingsChanged(model_->settings());
  });
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &QuantizerEditor::updateActions);
  updateSummary();
  updateActions();
}

void QuantizerEditor::buildActions()
{
  const auto makeAction = [this](const QString& text, const QString& name, const QString& tip) {
    auto* action = new QAction(text, this);
    action->setObjectName(name);
    action->setToolTip(tip);
    return action;
  };
  setBitwidthAction_ =
    makeAction(tr("Set Bitwidth…"), QStringLiteral("setBitwidth"), tr("Set the bitwidth of the selected quantizers"));
  keep16Action_ =
    makeAction(tr("Keep at 16 Bit"), QStringLiteral("keep16"), tr("Quantize the selected quantizers to 16 bit"));
  disableAction_ =
    makeAction(tr("Disable"), QStringLiteral("disable"), tr("Leave the selected tensors in floating point"));
  enableAction_ = makeAction(tr("Enable"), QStringLiteral("enable"), tr("Quantize the selected tensors"));
  resetAction_ = makeAction(tr("Reset to Preset"),
                            QStringLiteral("resetToPreset"),
                            tr("Set the selected quantizers, or all when none is selected, back to the preset"));

  connect(setBitwidthAction_, &QAction::triggered, this, &QuantizerEditor::askBitwidth);
  connect(keep16Action_, &QAction::triggered, this, [this] { keepAt16Bit(selectedQuantizerIds()); });
  connect(disableAction_, &QAction::triggered, this, [this] { setQuantizersEnabled(selectedQuantizerIds(), false); });
  connect(enableAction_, &QAction::triggered, this, [this] { setQuantizersEnabled(selectedQuantizerIds(), true); });
  connect(resetAction_, &QAction::triggered, this, [this] {
    std::vector<int> ids = selectedQuantizerIds();
    if (ids.empty())
      for (int id = 0; id < static_cast<int>(model_->settings().size()); ++id)
        ids.push_back(id);
    resetToPreset(ids);
  });

  undoAction_ = model_->undoStack()->createUndoAction(this, tr("&Undo"));
  undoAction_->setObjectName(QStringLiteral("undo"));
  undoAction_->setShortcut(QKeySequence::Undo);
  redoAction_ = model_->undoStack()->createRedoAction(this, tr("&Redo"));
  redoAction_->setObjectName(QStringLiteral("redo"));
  redoAction_->setShortcut(QKeySequence::Redo);
  // The editor may sit in a dock of a window with its own undo: the keys
  // undo quantizer edits only while the focus is in the editor.
  for (auto* action : { undoAction_, redoAction_ }) {
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(action);
  }
}

void QuantizerEditor::buildLayout()
{
  auto* filterRow = new QHBoxLayout;
  filterRow->addWidget(filterEdit_, 1);
  filterRow->addWidget(kindCombo_);
  filterRow->addWidget(summaryLabel_);

  auto* toolBar = new QToolBar(this);
  toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  toolBar->addActions({ setBitwidthAction_, keep16Action_, disableAction_, enableAction_, resetAction_ });
  toolBar->addSeparator();
  toolBar->addActions({ undoAction_, redoAction_ });

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(filterRow);
  layout->addWidget(toolBar);
  layout->addWidget(view_, 1);
}

void QuantizerEditor::setQuantizers(std::vector<QuantizerInfo> quantizers,
                                    std::vector<QuantizerSettings> base,
                                    QuantPreset preset)
{
  preset_ = preset;
  model_->setQuantizers(std::move(quantizers), std::move(base));
  updateSummary(); // a new table is not an edit: no settingsChanged
  view_->expandAll();
  for (int column = 0; column < QuantizerTreeModel::ColumnCount; ++column)
    view_->resizeColumnToContents(column);
}

void QuantizerEditor::setEncodings(std::vector<std::vector<Encoding>> encodings)
{
  model_->setEncodings(std::move(encodings));
}

void QuantizerEditor::setSqnr(std::vector<double> sqnr)
{
  model_->setSqnr(std::move(sqnr));
}

void QuantizerEditor::setSensitivity(std::map<std::string, double> sensitivity)
{
  model_->setSensitivity(std::move(sensitivity));
}

const std::vector<QuantizerSettings>& QuantizerEditor::settings() const
{
  return model_->settings();
}

Overrides QuantizerEditor::overrides() const
{
  return model_->overrides(preset_);
}

int QuantizerEditor::editCount() const
{
  return model_->editCount();
}

QUndoStack* QuantizerEditor::undoStack() const
{
  return model_->undoStack();
}

std::vector<int> QuantizerEditor::selectedQuantizerIds() const
{
  std::set<int> ids; // sorted and once each, however rows and modules overlap
  for (const QModelIndex& row : view_->selectionModel()->selectedRows()) {
    const int id = row.data(QuantizerTreeModel::QuantizerIdRole).toInt();
    if (id >= 0) {
      ids.insert(id);
      continue;
    }
    for (int child = 0; child < proxy_->rowCount(row); ++child)
      ids.insert(proxy_->index(child, 0, row).data(QuantizerTreeModel::QuantizerIdRole).toInt());
  }
  return { ids.begin(), ids.end() };
}

bool QuantizerEditor::setBitwidth(const std::vector<int>& ids, int bits)
{
  QuantizerOverride change;
  change.bitwidth = bits;
  const auto count = static_cast<int>(ids.size());
  return model_->changeSettings(ids, change, tr("Set %n quantizer(s) to %1 bit", nullptr, count).arg(bits));
}

bool QuantizerEditor::keepAt16Bit(const std::vector<int>& ids)
{
  // Keeping a sensitive layer at 16 bit means it still quantizes, finer.
  QuantizerOverride change;
  change.enabled = true;
  change.bitwidth = kKeepBitwidth;
  const auto count = static_cast<int>(ids.size());
  return model_->changeSettings(ids, change, tr("Keep %n quantizer(s) at 16 bit", nullptr, count));
}

bool QuantizerEditor::setQuantizersEnabled(const std::vector<int>& ids, bool enabled)
{
  QuantizerOverride change;
  change.enabled = enabled;
  const auto count = static_cast<int>(ids.size());
  const QString text =
    enabled ? tr("Enable %n quantizer(s)", nullptr, count) : tr("Disable %n quantizer(s)", nullptr, count);
  return model_->changeSettings(ids, change, text);
}

bool QuantizerEditor::resetToPreset(const std::vector<int>& ids)
{
  const auto count = static_cast<int>(ids.size());
  return model_->resetToBase(ids, tr("Reset %n quantizer(s) to the preset", nullptr, count));
}

bool QuantizerEditor::selectModule(const QString& module)
{
  const QModelIndex source = model_->moduleIndex(module);
  if (!source.isValid())
    return false;
  QModelIndex shown = proxy_->mapFromSource(source);
  if (!shown.isValid()) {
    filterEdit_->clear();
    kindCombo_->setCurrentIndex(0);
    shown = proxy_->mapFromSource(source);
  }
  view_->selectionModel()->setCurrentIndex(shown, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  view_->expand(shown);
  view_->scrollTo(shown, QAbstractItemView::PositionAtTop);
  return true;
}

void QuantizerEditor::askBitwidth()
{
  const std::vector<int> ids = selectedQuantizerIds();
  if (ids.empty())
    return;
  bool ok = false;
  const int current = model_->settings()[static_cast<std::size_t>(ids.front())].bitwidth;
  const int bits =
    QInputDialog::getInt(this,
                         tr("Set Bitwidth"),
                         tr("Bitwidth of the %n selected quantizer(s):", nullptr, static_cast<int>(ids.size())),
                         current,
                         QuantizerTreeModel::kMinBitwidth,
                         QuantizerTreeModel::kMaxBitwidth,
                         1,
                         &ok);
  if (ok)
    setBitwidth(ids, bits);
}

void QuantizerEditor::updateSummary()
{
  const QString preset = QString::fromStdString(preset_.toString());
  summaryLabel_->setText(tr("%n edit(s) vs %1", nullptr, model_->editCount()).arg(preset));
}

void QuantizerEditor::updateActions()
{
  const bool any = view_->selectionModel()->hasSelection();
  for (auto* action : { setBitwidthAction_, keep16Action_, disableAction_, enableAction_ })
    action->setEnabled(any);
}

} // namespace quantlens
