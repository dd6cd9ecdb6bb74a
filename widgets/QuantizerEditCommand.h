#pragma once

#include "quant/QuantizerSettings.h"

#include <QUndoCommand>

#include <vector>

namespace quantlens {

class QuantizerTreeModel;

/// One user edit of the quantizer table, however many quantizers it touches:
/// the settings of `ids` before and after, swapped by undo and redo.
class QuantizerEditCommand : public QUndoCommand
{
public:
  QuantizerEditCommand(QuantizerTreeModel* model,
                       std::vector<int> ids,
                       std::vector<QuantizerSettings> before,
                       std::vector<QuantizerSettings> after,
                       const QString& text);

  void undo() override;
  void redo() override;

  const std::vector<int>& ids() const { return ids_; }

private:
  QuantizerTreeModel* model_;
  std::vector<int> ids_;
  std::vector<QuantizerSettings> before_;
  std::vector<QuantizerSettings> after_;
};

} // namespace quantlens
