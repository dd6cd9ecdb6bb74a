#pragma once

#include "QuantizerCellText.h"

#include "quant/Encoding.h"
#include "quant/Overrides.h"
#include "quant/QuantPreset.h"
#include "quant/QuantizerInfo.h"
#include "quant/QuantizerSettings.h"

#include <QAbstractItemModel>

#include <map>
#include <string>
#include <vector>

class QUndoStack;

namespace quantlens {

/// The quantizers of a model as a two-level tree: modules (in the order their
/// first quantizer appears) with their quantizers as children. Shows what each
/// quantizer is, its current settings, encodings and measured quality, and
/// marks every setting that differs from the base preset.
///
/// Enabled, bitwidth and symmetric are editable; every change goes through the
/// undo stack as one QuantizerEditCommand, so setData() is undoable too.
class QuantizerTreeModel : public QAbstractItemModel
{
  Q_OBJECT

public:
  enum Column
  {
    NameColumn,
    AimetNameColumn, ///< the name AIMET's prepared model gives it (QuantizerInfo::aimetName)
    KindColumn,
    OpTypeColumn,
    ShapeColumn,
    EnabledColumn,
    BitwidthColumn,
    SymmetricColumn,
    PerChannelColumn,
    EncodingMinColumn,
    EncodingMaxColumn,
    ScaleColumn,
    OffsetColumn,
    SqnrColumn,
    SensitivityColumn,
    ColumnCount
  };

  enum Role
  {
    SortRole = Qt::UserRole + 1, ///< numbers where the column is numeric
    QuantizerIdRole,             ///< int; -1 on module rows
    KindRole,                    ///< int(QuantizerKind); -1 on module rows
    FullNameRole,                ///< quantizer name, or module path on module rows
    ModuleNameRole,              ///< module path on both kinds of rows
    AimetNameRole,               ///< AIMET's names of the quantizer ("" where AIMET has none)
  };

  explicit QuantizerTreeModel(QObject* parent = nullptr);

  /// Replaces the table; current settings start at `base` (same length as
  /// `quantizers`, indexed by QuantizerInfo::id). Clears the undo stack, whose
  /// commands refer to the old table, and the encodings, SQNR and sensitivity.
  /// A model reset, not an edit: settingsChanged is not emitted.
  void setQuantizers(std::vector<QuantizerInfo> quantizers, std::vector<QuantizerSettings> base);
  /// Per quantizer id: one encoding, or one per channel; empty = not computed.
  void setEncodings(std::vector<std::vector<Encoding>> encodings);
  /// Per quantizer id, in dB; NaN = unknown.
  void setSqnr(std::vector<double> sqnr);
  /// By module path (e.g. mIoU drop when only that module is quantized).
  void setSensitivity(std::map<std::string, double> sensitivity);

  /// The undo stack edits go to; the model owns it unless another is given
  /// (the model does not take ownership of a given one).
  QUndoStack* undoStack() const { return undoStack_; }
  void setUndoStack(QUndoStack* stack);

  const std::vector<QuantizerInfo>& quantizers() const { return quantizers_; }
  const std::vector<QuantizerSettings>& baseSettings() const { return base_; }
  const std::vector<QuantizerSettings>& settings() const { return current_; }
  /// Quantizers whose settings differ from the base preset.
  int editCount() const;
  /// Only the changed fields of the changed quantizers, by name.
  Overrides overrides(QuantPreset base) const;

  /// Applies `change` to the quantizers `ids` as one undo command named
  /// `text`. False (and nothing pushed) for an invalid bitwidth or id, or when
  /// nothing would change.
  bool changeSettings(const std::vector<int>& ids, const QuantizerOverride& change, const QString& text);
  /// Sets `ids` back to the base preset as one undo command.
  bool resetToBase(const std::vector<int>& ids, const QString& text);
  /// What QuantizerEditCommand calls: no undo, just the new values.
  void applySettings(const std::vector<int>& ids, const std::vector<QuantizerSettings>& values);

  QModelIndex moduleIndex(const QString& module) const;
  QModelIndex quantizerIndex(int id, int column = NameColumn) const;
  /// Quantizer ids of the module at `moduleRow`.
  const std::vector<int>& moduleQuantizers(int moduleRow) const;

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  static constexpr int kMinBitwidth = 2;
  static constexpr int kMaxBitwidth = 32;

signals:
  /// After every change of the current settings (edit, undo, redo, reset).
  void settingsChanged();

private:
  struct Module
  {
    QString name;
    std::vector<int> quantizerIds;
  };

  bool pushEdit(const std::vector<int>& ids, std::vector<QuantizerSettings> after, const QString& text);
  void emitAllChanged();
  int quantizerId(const QModelIndex& index) const;
  bool isValidId(int id) const;
  QVariant quantizerData(int id, int column, int role) const;
  QVariant moduleData(int moduleRow, int column, int role) const;
  QVariant quantizerDisplay(int id, int column) const;
  static QVariant aimetNameToolTip(const QuantizerInfo& info);
  QVariant quantizerSortKey(int id, int column) const;
  QVariant moduleDisplay(int moduleRow, int column) const;
  QVariant moduleSortKey(int moduleRow, int column) const;
  bool differsFromBase(int id, int column) const;
  bool moduleDiffersFromBase(int moduleRow, int column) const;
  QString baseText(int id, int column) const;
  const std::vector<Encoding>& encodingsOf(int id) const;
  static QuantizerCellText::EncodingField encodingField(int column);
  double sqnrOf(int id) const;
  double worstSqnr(int moduleRow) const;
  QVariant sensitivityOf(int moduleRow) const;

  std::vector<QuantizerInfo> quantizers_;
  std::vector<QuantizerSettings> base_;
  std::vector<QuantizerSettings> current_;
  std::vector<std::vector<Encoding>> encodings_;
  std::vector<double> sqnr_;
  std::map<std::string, double> sensitivity_;
  std::vector<Module> modules_;
  std::vector<int> moduleOf_;    ///< by quantizer id: row of its module
  std::vector<int> rowInModule_; ///< by quantizer id
  QUndoStack* undoStack_;
};

} // namespace quantlens
