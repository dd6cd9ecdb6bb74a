#pragma once

#include "quant/Overrides.h"
#include "quant/QuantPreset.h"
#include "quant/QuantizerInfo.h"
#include "quant/QuantizerSettings.h"

#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QTreeView;
class QUndoStack;

namespace quantlens {

class QuantizerFilterProxy;
class QuantizerTreeModel;

/// Edits a model's quantizer settings against a preset: a filterable,
/// sortable tree of modules and quantizers, in-place edits, and actions on the
/// selection (Set Bitwidth…, Keep at 16 Bit, Disable, Enable, Reset to
/// Preset). Every edit is one undo step; the label counts the quantizers that
/// differ from the preset.
///
/// (The vector<QuantizerSettings> metatype is declared by the app in
/// AnalysisResults.h; Qt 6 needs no declaration for direct connections.)
class QuantizerEditor : public QWidget
{
  Q_OBJECT

public:
  explicit QuantizerEditor(QWidget* parent = nullptr);

  /// Starts editing `base` (the settings of `preset`); clears the undo history.
  void setQuantizers(std::vector<QuantizerInfo> quantizers, std::vector<QuantizerSettings> base, QuantPreset preset);
  void setEncodings(std::vector<std::vector<Encoding>> encodings);
  void setSqnr(std::vector<double> sqnr);
  void setSensitivity(std::map<std::string, double> sensitivity);

  const std::vector<QuantizerSettings>& settings() const;
  Overrides overrides() const;
  QuantPreset preset() const { return preset_; }
  int editCount() const;
  QUndoStack* undoStack() const;
  QuantizerTreeModel* model() const { return model_; }
  QuantizerFilterProxy* proxy() const { return proxy_; }
  QTreeView* view() const { return view_; }

  /// Quantizer ids of the selected rows; a selected module stands for its
  /// quantizers that the filter shows.
  std::vector<int> selectedQuantizerIds() const;
  /// One undo step each; false when the bitwidth is outside 2..32 or nothing changes.
  bool setBitwidth(const std::vector<int>& ids, int bits);
  bool keepAt16Bit(const std::vector<int>& ids);
  bool setQuantizersEnabled(const std::vector<int>& ids, bool enabled);
  bool resetToPreset(const std::vector<int>& ids);
  /// Selects the module (clearing a filter that hides it) and scrolls to it,
  /// e.g. when its bar in a chart is clicked. False for an unknown module.
  bool selectModule(const QString& module);

  QAction* undoAction() const { return undoAction_; }
  QAction* redoAction() const { return redoAction_; }

signals:
  void settingsChanged(const std::vector<quantlens::QuantizerSettings>& settings);

private:
  void buildActions();
  void buildLayout();
  void askBitwidth();
  void updateSummary();
  void updateActions();

  QuantizerTreeModel* model_;
  QuantizerFilterProxy* proxy_;
  QTreeView* view_;
  QLineEdit* filterEdit_;
  QComboBox* kindCombo_;
  QLabel* summaryLabel_;
  QAction* setBitwidthAction_ = nullptr;
  QAction* keep16Action_ = nullptr;
  QAction* disableAction_ = nullptr;
  QAction* enableAction_ = nullptr;
  QAction* resetAction_ = nullptr;
  QAction* undoAction_ = nullptr;
  QAction* redoAction_ = nullptr;
  QuantPreset preset_;
};

} // namespace quantlens
