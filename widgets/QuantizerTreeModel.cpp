#include "QuantizerTreeModel.h"

#include "QuantizerCellText.h"
#include "QuantizerEditCommand.h"

#include "quant/OverridesDiff.h"

#include <QColor>
#include <QFont>
#include <QLocale>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace quantlens {

namespace {

// Module rows carry 0 as internal id; quantizer rows carry their module's row + 1.
constexpr quintptr kModuleRowTag = 0;

// Translucent so the tint reads on light and dark palettes alike.
const QColor kEditedTint(255, 176, 0, 70);

Qt::CheckState checkState(bool on)
{
  return on ? Qt::Checked : Qt::Unchecked;
}

// The column's boolean setting, for the checkbox columns.
bool flagOf(const QuantizerSettings& settings, int column)
{
  return column == QuantizerTreeModel::EnabledColumn ? settings.enabled : settings.symmetric;
}

// Numbers line up on the right; names and check boxes on the left.
QVariant alignment(int column)
{
  const bool numeric = column >= QuantizerTreeModel::BitwidthColumn && column != QuantizerTreeModel::SymmetricColumn &&
                       column != QuantizerTreeModel::PerChannelColumn;
  return numeric ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
}

} // namespace

QuantizerTreeModel::QuantizerTreeModel(QObject* parent)
  : QAbstractItemModel(parent)
  , undoStack_(new QUndoStack(this))
{
}

void QuantizerTreeModel::setQuantizers(std::vector<QuantizerInfo> quantizers, std::vector<QuantizerSettings> base)
{
  beginResetModel();
  undoStack_->clear();
  quantizers_ = std::move(quantizers);
  base_ = std::move(base);
  // A short table leaves the rest disabled rather than reading past its end.
  base_.resize(quantizers_.size());
  current_ = base_;
  encodings_.clear();
  sqnr_.clear();
  sensitivity_.clear();
  modules_.clear();
  moduleOf_.assign(quantizers_.size(), -1);
  rowInModule_.assign(quantizers_.size(), -1);
  std::map<std::string, int> moduleRows;
  for (std::size_t id = 0; id < quantizers_.size(); ++id) {
    const auto& module = quantizers_[id].module;
    auto [it, added] = moduleRows.emplace(module, static_cast<int>(modules_.size()));
    if (added)
      modules_.push_back({ QString::fromStdString(module), {} });
    auto& children = modules_[static_cast<std::size_t>(it->second)].quantizerIds;
    moduleOf_[id] = it->second;
    rowInModule_[id] = static_cast<int>(children.size());
    children.push_back(static_cast<int>(id));
  }
  endResetModel();
}

void QuantizerTreeModel::setEncodings(std::vector<std::vector<Encoding>> encodings)
{
  encodings_ = std::move(encodings);
  emitAllChanged();
}

void QuantizerTreeModel::setSqnr(std::vector<double> sqnr)
{
  sqnr_ = std::move(sqnr);
  emitAllChanged();
}

void QuantizerTreeModel::setSensitivity(std::map<std::string, double> sensitivity)
{
  sensitivity_ = std::move(sensitivity);
  emitAllChanged();
}

void QuantizerTreeModel::setUndoStack(QUndoStack* stack)
{
  if (stack)
    undoStack_ = stack;
}

int QuantizerTreeModel::editCount() const
{
  int count = 0;
  for (std::size_t id = 0; id < current_.size(); ++id)
    count += current_[id] == base_[id] ? 0 : 1;
  return count;
}

Overrides QuantizerTreeModel::overrides(QuantPreset base) const
{
  Overrides result = OverridesDiff::between(quantizers_, base_, current_);
  result.base = base;
  return result;
}

bool QuantizerTreeModel::changeSettings(const std::vector<int>& ids,
                                        const QuantizerOverride& change,
                                        const QString& text)
{
  if (change.bitwidth && (*change.bitwidth < kMinBitwidth || *change.bitwidth > kMaxBitwidth))
    return false;
  std::vector<QuantizerSettings> after;
  after.reserve(ids.size());
  for (int id : ids) {
    if (!isValidId(id))
      return false;
    QuantizerSettings settings = current_[static_cast<std::size_t>(id)];
    change.applyTo(settings);
    after.push_back(std::move(settings));
  }
  return pushEdit(ids, std::move(after), text);
}

bool QuantizerTreeModel::resetToBase(const std::vector<int>& ids, const QString& text)
{
  std::vector<QuantizerSettings> after;
  after.reserve(ids.size());
  for (int id : ids) {
    if (!isValidId(id))
      return false;
    after.push_back(base_[static_cast<std::size_t>(id)]);
  }
  return pushEdit(ids, std::move(after), text);
}

bool QuantizerTreeModel::pushEdit(const std::vector<int>& ids,
                                  std::vector<QuantizerSettings> after,
                                  const QString& text)
{
  // Only quantizers that really change go into the command (once each), so
  // undo never touches the others and an edit that changes nothing leaves no
  // empty step on the stack.
  std::vector<int> changedIds;
  std::vector<QuantizerSettings> before;
  std::vector<QuantizerSettings> changedAfter;
  std::set<int> seen;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const int id = ids[i];
    const auto& now = current_[static_cast<std::size_t>(id)];
    if (!seen.insert(id).second || now == after[i])
      continue;
    changedIds.push_back(id);
    before.push_back(now);
    changedAfter.push_back(std::move(after[i]));
  }
  if (changedIds.empty())
    return false;
  undoStack_->push(
    new QuantizerEditCommand(this, std::move(changedIds), std::move(before), std::move(changedAfter), text));
  return true;
}

void QuantizerTreeModel::applySettings(const std::vector<int>& ids, const std::vector<QuantizerSettings>& values)
{
  std::map<int, std::pair<int, int>> rowsByModule; // module row -> first, last child row
  for (std::size_t i = 0; i < ids.size() && i < values.size(); ++i) {
    const int id = ids[i];
    if (!isValidId(id))
      continue;
    current_[static_cast<std::size_t>(id)] = values[i];
    const int row = rowInModule_[static_cast<std::size_t>(id)];
    auto [it, added] = rowsByModule.emplace(moduleOf_[static_cast<std::size_t>(id)], std::make_pair(row, row));
    if (!added)
      it->second = { std::min(it->second.first, row), std::max(it->second.second, row) };
  }
  for (const auto& [moduleRow, rows] : rowsByModule) {
    const QModelIndex module = index(moduleRow, 0);
    emit dataChanged(index(rows.first, 0, module), index(rows.second, ColumnCount - 1, module));
    emit dataChanged(module, index(moduleRow, ColumnCount - 1));
  }
  emit settingsChanged();
}

QModelIndex QuantizerTreeModel::moduleIndex(const QString& module) const
{
  for (std::size_t row = 0; row < modules_.size(); ++row)
    if (modules_[row].name == module)
      return index(static_cast<int>(row), 0);
  return {};
}

QModelIndex QuantizerTreeModel::quantizerIndex(int id, int column) const
{
  if (!isValidId(id))
    return {};
  const auto i = static_cast<std::size_t>(id);
  return index(rowInModule_[i], column, index(moduleOf_[i], 0));
}

const std::vector<int>& QuantizerTreeModel::moduleQuantizers(int moduleRow) const
{
  static const std::vector<int> none;
  if (moduleRow < 0 || moduleRow >= static_cast<int>(modules_.size()))
    return none;
  return modules_[static_cast<std::size_t>(moduleRow)].quantizerIds;
}

QModelIndex QuantizerTreeModel::index(int row, int column, const QModelIndex& parent) const
{
  if (row < 0 || column < 0 || column >= ColumnCount)
    return {};
  if (!parent.isValid())
    return row < static_cast<int>(modules_.size()) ? createIndex(row, column, kModuleRowTag) : QModelIndex();
  if (parent.internalId() != kModuleRowTag)
    return {};
  if (row >= static_cast<int>(moduleQuantizers(parent.row()).size()))
    return {};
  return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex QuantizerTreeModel::parent(const QModelIndex& child) const
{
  if (!child.isValid() || child.internalId() == kModuleRowTag)
    return {};
  return createIndex(static_cast<int>(child.internalId() - 1), 0, kModuleRowTag);
}

int QuantizerTreeModel::rowCount(const QModelIndex& parent) const
{
  if (!parent.isValid())
    return static_cast<int>(modules_.size());
  if (parent.internalId() != kModuleRowTag || parent.column() != 0)
    return 0;
  return static_cast<int>(moduleQuantizers(parent.row()).size());
}

int QuantizerTreeModel::columnCount(const QModelIndex&) const
{
  return ColumnCount;
}

int QuantizerTreeModel::quantizerId(const QModelIndex& index) const
{
  if (!index.isValid() || index.internalId() == kModuleRowTag)
    return -1;
  const auto& children = moduleQuantizers(static_cast<int>(index.internalId() - 1));
  return index.row() < static_cast<int>(children.size()) ? children[static_cast<std::size_t>(index.row())] : -1;
}

bool QuantizerTreeModel::isValidId(int id) const
{
  return id >= 0 && id < static_cast<int>(quantizers_.size());
}

QVariant QuantizerTreeModel::data(const QModelIndex& index, int role) const
{
  if (!index.isValid())
    return {};
  if (index.internalId() == kModuleRowTag)
    return moduleData(index.row(), index.column(), role);
  const int id = quantizerId(index);
  return isValidId(id) ? quantizerData(id, index.column(), role) : QVariant();
}

bool QuantizerTreeModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
  if (!index.isValid())
    return false;
  const int column = index.column();
  const bool isModule = index.internalId() == kModuleRowTag;
  const std::vector<int> ids = isModule ? moduleQuantizers(index.row()) : std::vector<int>{ quantizerId(index) };
  const QString what = isModule ? modules_[static_cast<std::size_t>(index.row())].name
                                : QString::fromStdString(quantizers_[static_cast<std::size_t>(ids.front())].name);
  QuantizerOverride change;
  QString text;
  if (role == Qt::CheckStateRole && (column == EnabledColumn || column == SymmetricColumn)) {
    const bool on = value.toInt() == Qt::Checked;
    if (column == EnabledColumn) {
      change.enabled = on;
      text = on ? tr("Enable %1").arg(what) : tr("Disable %1").arg(what);
    } else {
      change.symmetric = on;
      text = on ? tr("Make %1 symmetric").arg(what) : tr("Make %1 asymmetric").arg(what);
    }
  } else if (role == Qt::EditRole && column == BitwidthColumn && !isModule) {
    bool ok = false;
    const int bits = value.toInt(&ok);
    if (!ok || bits < kMinBitwidth || bits > kMaxBitwidth)
      return false;
    change.bitwidth = bits;
    text = tr("Set %1 to %2 bit").arg(what).arg(bits);
  } else {
    return false;
  }
  return changeSettings(ids, change, text);
}

Qt::ItemFlags QuantizerTreeModel::flags(const QModelIndex& index) const
{
  if (!index.isValid())
    return Qt::NoItemFlags;
  Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
  const bool isModule = index.internalId() == kModuleRowTag;
  if (index.column() == EnabledColumn || index.column() == SymmetricColumn)
    flags |= Qt::ItemIsUserCheckable;
  else if (index.column() == BitwidthColumn && !isModule)
    flags |= Qt::ItemIsEditable;
  return flags;
}

QVariant QuantizerTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
    return {};
  // Indexed by Column.
  static const char* const titles[ColumnCount] = {
    QT_TR_NOOP("Name"),        QT_TR_NOOP("AIMET Name"), QT_TR_NOOP("Kind"),       QT_TR_NOOP("Op"),
    QT_TR_NOOP("Shape"),       QT_TR_NOOP("Enabled"),    QT_TR_NOOP("Bits"),       QT_TR_NOOP("Symmetric"),
    QT_TR_NOOP("Per Channel"), QT_TR_NOOP("Min"),        QT_TR_NOOP("Max"),        QT_TR_NOOP("Scale"),
    QT_TR_NOOP("Offset"),      QT_TR_NOOP("SQNR (dB)"),  QT_TR_NOOP("Sensitivity")
  };
  if (section < 0 || section >= ColumnCount)
    return {};
  return tr(titles[section]);
}

void QuantizerTreeModel::emitAllChanged()
{
  for (std::size_t row = 0; row < modules_.size(); ++row) {
    const QModelIndex module = index(static_cast<int>(row), 0);
    const int last = static_cast<int>(modules_[row].quantizerIds.size()) - 1;
    emit dataChanged(module, index(static_cast<int>(row), ColumnCount - 1));
    if (last >= 0)
      emit dataChanged(index(0, 0, module), index(last, ColumnCount - 1, module));
  }
}

QVariant QuantizerTreeModel::quantizerData(int id, int column, int role) const
{
  const auto i = static_cast<std::size_t>(id);
  const auto& info = quantizers_[i];
  const auto& settings = current_[i];
  switch (role) {
    case Qt::DisplayRole:
      return quantizerDisplay(id, column);
    case Qt::EditRole:
      return column == BitwidthColumn ? QVariant(settings.bitwidth) : quantizerDisplay(id, column);
    case Qt::CheckStateRole:
      if (column == EnabledColumn || column == SymmetricColumn)
        return checkState(flagOf(settings, column));
      if (column == PerChannelColumn && info.kind == QuantizerKind::Parameter)
        return checkState(settings.perChannel);
      return {};
    case SortRole:
      return quantizerSortKey(id, column);
    case QuantizerIdRole:
      return id;
    case KindRole:
      return static_cast<int>(info.kind);
    case FullNameRole:
      return QString::fromStdString(info.name);
    case ModuleNameRole:
      return QString::fromStdString(info.module);
    case AimetNameRole:
      return QString::fromStdString(info.aimetName +
                                    (info.aimetScopedName != info.aimetName ? " " + info.aimetScopedName : ""));
    case Qt::FontRole:
      if (differsFromBase(id, column)) {
        QFont font;
        font.setBold(true);
        return font;
      }
      return {};
    case Qt::BackgroundRole:
      return differsFromBase(id, column) ? QVariant(kEditedTint) : QVariant();
    case Qt::ToolTipRole:
      if (column != NameColumn && differsFromBase(id, column))
        return tr("Preset: %1").arg(baseText(id, column));
      if (column == AimetNameColumn)
        return aimetNameToolTip(info);
      return column == NameColumn ? QVariant(QString::fromStdString(info.name)) : QVariant();
    case Qt::TextAlignmentRole:
      return alignment(column);
    default:
      return {};
  }
}

QVariant QuantizerTreeModel::aimetNameToolTip(const QuantizerInfo& info)
{
  if (info.aimetName.empty())
    return tr("AIMET's prepared model has no quantizer here: QuantLens writes it as %1")
      .arg(QString::fromStdString(info.name));
  if (info.aimetScopedName == info.aimetName)
    return tr("AIMET's name: %1").arg(QString::fromStdString(info.aimetName));
  return tr("AIMET's name: %1 (aimet_torch 1.26 and earlier), %2 (1.27 and later)")
    .arg(QString::fromStdString(info.aimetName), QString::fromStdString(info.aimetScopedName));
}

QVariant QuantizerTreeModel::quantizerDisplay(int id, int column) const
{
  const auto i = static_cast<std::size_t>(id);
  const auto& info = quantizers_[i];
  const auto& settings = current_[i];
  switch (column) {
    case NameColumn: {
      // The module row above already names the module: show what is left.
      const std::string prefix = info.module + ".";
      const bool prefixed = info.name.size() > prefix.size() && info.name.compare(0, prefix.size(), prefix) == 0;
      return QString::fromStdString(prefixed ? info.name.substr(prefix.size()) : info.name);
    }
    case AimetNameColumn:
      return info.aimetName.empty() ? tr("(none)") : QString::fromStdString(info.aimetName);
    case KindColumn:
      return QuantizerCellText::kind(info.kind);
    case OpTypeColumn:
      return QString::fromStdString(info.opType);
    case ShapeColumn:
      return QuantizerCellText::shape(info.shape);
    case BitwidthColumn:
      return QuantizerCellText::bitwidth(settings);
    case EncodingMinColumn:
    case EncodingMaxColumn:
    case ScaleColumn:
    case OffsetColumn:
      return QuantizerCellText::encoding(encodingsOf(id), encodingField(column));
    case SqnrColumn: {
      const double sqnr = sqnrOf(id);
      return std::isnan(sqnr) ? QVariant() : QVariant(QLocale().toString(sqnr, 'f', 1));
    }
    default:
      return {};
  }
}

QVariant QuantizerTreeModel::quantizerSortKey(int id, int column) const
{
  const auto i = static_cast<std::size_t>(id);
  const auto& info = quantizers_[i];
  const auto& settings = current_[i];
  switch (column) {
    case NameColumn:
      return QString::fromStdString(info.name);
    case AimetNameColumn:
      return QString::fromStdString(info.aimetName);
    case KindColumn:
      return static_cast<int>(info.kind);
    case OpTypeColumn:
      return QString::fromStdString(info.opType);
    case ShapeColumn: {
      if (info.shape.empty())
        return {};
      qlonglong elements = 1;
      for (auto dim : info.shape)
        elements *= dim;
      return elements;
    }
    case EnabledColumn:
      return settings.enabled ? 1 : 0;
    case BitwidthColumn:
      return settings.bitwidth;
    case SymmetricColumn:
      return settings.symmetric ? 1 : 0;
    case PerChannelColumn:
      return settings.perChannel ? 1 : 0;
    case EncodingMinColumn:
    case EncodingMaxColumn:
    case ScaleColumn:
    case OffsetColumn:
      if (const auto key = QuantizerCellText::encodingKey(encodingsOf(id), encodingField(column)))
        return *key;
      return {};
    case SqnrColumn: {
      const double sqnr = sqnrOf(id);
      return std::isnan(sqnr) ? QVariant() : QVariant(sqnr);
    }
    default:
      return {};
  }
}

QVariant QuantizerTreeModel::moduleData(int moduleRow, int column, int role) const
{
  const auto& module = modules_[static_cast<std::size_t>(moduleRow)];
  switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
      return moduleDisplay(moduleRow, column);
    case Qt::CheckStateRole: {
      if (column != EnabledColumn && column != SymmetricColumn)
        return {};
      const auto on = std::count_if(module.quantizerIds.begin(), module.quantizerIds.end(), [&](int id) {
        return flagOf(current_[static_cast<std::size_t>(id)], column);
      });
      if (on == 0)
        return Qt::Unchecked;
      return on == static_cast<std::ptrdiff_t>(module.quantizerIds.size()) ? Qt::Checked : Qt::PartiallyChecked;
    }
    case SortRole:
      return moduleSortKey(moduleRow, column);
    case QuantizerIdRole:
    case KindRole:
      return -1;
    case FullNameRole:
    case ModuleNameRole:
      return module.name;
    case Qt::FontRole:
      if (moduleDiffersFromBase(moduleRow, column)) {
        QFont font;
        font.setBold(true);
        return font;
      }
      return {};
    case Qt::BackgroundRole:
      return moduleDiffersFromBase(moduleRow, column) ? QVariant(kEditedTint) : QVariant();
    case Qt::TextAlignmentRole:
      return alignment(column);
    default:
      return {};
  }
}

QVariant QuantizerTreeModel::moduleDisplay(int moduleRow, int column) const
{
  const auto& ids = modules_[static_cast<std::size_t>(moduleRow)].quantizerIds;
  switch (column) {
    case NameColumn:
      return modules_[static_cast<std::size_t>(moduleRow)].name;
    case OpTypeColumn:
      return ids.empty() ? QVariant() : quantizerDisplay(ids.front(), OpTypeColumn);
    case EnabledColumn: {
      const auto on =
        std::count_if(ids.begin(), ids.end(), [&](int id) { return current_[static_cast<std::size_t>(id)].enabled; });
      return QStringLiteral("%1/%2").arg(on).arg(ids.size());
    }
    case BitwidthColumn: {
      // Only enabled quantizers quantize; a disabled one's bitwidth means nothing.
      std::set<int> bitwidths;
      for (int id : ids)
        if (current_[static_cast<std::size_t>(id)].enabled)
          bitwidths.insert(current_[static_cast<std::size_t>(id)].bitwidth);
      QStringList parts;
      for (int bits : bitwidths)
        parts << QString::number(bits);
      return parts.join(u'/');
    }
    case SqnrColumn: {
      const double sqnr = worstSqnr(moduleRow);
      return std::isnan(sqnr) ? QVariant() : QVariant(QLocale().toString(sqnr, 'f', 1));
    }
    case SensitivityColumn: {
      const QVariant value = sensitivityOf(moduleRow);
      return value.isValid() ? QVariant(QuantizerCellText::number(value.toDouble())) : QVariant();
    }
    default:
      return {};
  }
}

QVariant QuantizerTreeModel::moduleSortKey(int moduleRow, int column) const
{
  const auto& ids = modules_[static_cast<std::size_t>(moduleRow)].quantizerIds;
  switch (column) {
    case NameColumn:
      return modules_[static_cast<std::size_t>(moduleRow)].name;
    case OpTypeColumn:
      return moduleDisplay(moduleRow, column);
    case EnabledColumn:
      return static_cast<int>(
        std::count_if(ids.begin(), ids.end(), [&](int id) { return current_[static_cast<std::size_t>(id)].enabled; }));
    case BitwidthColumn: {
      // The narrowest enabled quantizer is what limits the module's precision.
      int narrowest = std::numeric_limits<int>::max();
      for (int id : ids)
        if (current_[static_cast<std::size_t>(id)].enabled)
          narrowest = std::min(narrowest, current_[static_cast<std::size_t>(id)].bitwidth);
      return narrowest == std::numeric_limits<int>::max() ? QVariant() : QVariant(narrowest);
    }
    case SqnrColumn: {
      const double sqnr = worstSqnr(moduleRow);
      return std::isnan(sqnr) ? QVariant() : QVariant(sqnr);
    }
    case SensitivityColumn:
      return sensitivityOf(moduleRow);
    default:
      return {};
  }
}

bool QuantizerTreeModel::differsFromBase(int id, int column) const
{
  const auto& now = current_[static_cast<std::size_t>(id)];
  const auto& was = base_[static_cast<std::size_t>(id)];
  switch (column) {
    case NameColumn:
      return now != was;
    case EnabledColumn:
      return now.enabled != was.enabled;
    case BitwidthColumn:
      return now.bitwidth != was.bitwidth || now.dtype != was.dtype;
    case SymmetricColumn:
      return now.symmetric != was.symmetric;
    case PerChannelColumn:
      return now.perChannel != was.perChannel;
    case EncodingMinColumn:
    case EncodingMaxColumn:
    case ScaleColumn:
    case OffsetColumn:
      return now.fixedEncodings != was.fixedEncodings;
    default:
      return false;
  }
}

bool QuantizerTreeModel::moduleDiffersFromBase(int moduleRow, int column) const
{
  const auto& ids = modules_[static_cast<std::size_t>(moduleRow)].quantizerIds;
  return std::any_of(ids.begin(), ids.end(), [&](int id) { return differsFromBase(id, column); });
}

QString QuantizerTreeModel::baseText(int id, int column) const
{
  const auto& was = base_[static_cast<std::size_t>(id)];
  switch (column) {
    case EnabledColumn:
      return was.enabled ? tr("enabled") : tr("disabled");
    case BitwidthColumn:
      return QuantizerCellText::bitwidth(was);
    case SymmetricColumn:
      return was.symmetric ? tr("symmetric") : tr("asymmetric");
    case PerChannelColumn:
      return was.perChannel ? tr("per channel") : tr("per tensor");
    default:
      return tr("computed from calibration");
  }
}

const std::vector<Encoding>& QuantizerTreeModel::encodingsOf(int id) const
{
  static const std::vector<Encoding> none;
  const auto i = static_cast<std::size_t>(id);
  return i < encodings_.size() ? encodings_[i] : none;
}

QuantizerCellText::EncodingField QuantizerTreeModel::encodingField(int column)
{
  switch (column) {
    case EncodingMinColumn:
      return QuantizerCellText::EncodingField::Min;
    case EncodingMaxColumn:
      return QuantizerCellText::EncodingField::Max;
    case ScaleColumn:
      return QuantizerCellText::EncodingField::Scale;
    default:
      return QuantizerCellText::EncodingField::Offset;
  }
}

double QuantizerTreeModel::sqnrOf(int id) const
{
  const auto i = static_cast<std::size_t>(id);
  return i < sqnr_.size() ? sqnr_[i] : std::numeric_limits<double>::quiet_NaN();
}

double QuantizerTreeModel::worstSqnr(int moduleRow) const
{
  double worst = std::numeric_limits<double>::quiet_NaN();
  for (int id : modules_[static_cast<std::size_t>(moduleRow)].quantizerIds) {
    const double sqnr = sqnrOf(id);
    if (!std::isnan(sqnr) && (std::isnan(worst) || sqnr < worst))
      worst = sqnr;
  }
  return worst;
}

QVariant QuantizerTreeModel::sensitivityOf(int moduleRow) const
{
  const auto it = sensitivity_.find(modules_[static_cast<std::size_t>(moduleRow)].name.toStdString());
  return it == sensitivity_.end() ? QVariant() : QVariant(it->second);
}

} // namespace quantlens
