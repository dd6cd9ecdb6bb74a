#include "QuantizerEditCommand.h"

#include "QuantizerTreeModel.h"

namespace quantlens {

QuantizerEditCommand::QuantizerEditCommand(QuantizerTreeModel* model,
                                           std::vector<int> ids,
                                           std::vector<QuantizerSettings> before,
                                           std::vector<QuantizerSettings> after,
                                           const QString& text)
  : model_(model)
  , ids_(std::move(ids))
  , before_(std::move(before))
  , after_(std::move(after))
{
  setText(text);
}

void QuantizerEditCommand::undo()
{
  model_->applySettings(ids_, before_);
}

void QuantizerEditCommand::redo()
{
  model_->applySettings(ids_, after_);
}

} // namespace quantlens
