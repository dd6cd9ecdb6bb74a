#include "MixedPrecisionRecipe.h"

#include "QuantizerEditor.h"
#include "QuantizerTreeModel.h"

#include <QUndoStack>

#include <set>

namespace quantlens {

std::vector<std::string> MixedPrecisionRecipe::promotedModules(const MixedPrecisionResult& result, int step)
{
  std::vector<std::string> modules;
  for (int i = 1; i <= step && i < static_cast<int>(result.points.size()); ++i)
    modules.push_back(result.points[static_cast<std::size_t>(i)].module);
  return modules;
}

bool MixedPrecisionRecipe::apply(QuantizerEditor& editor, const MixedPrecisionAnswer& answer, int step)
{
  if (!(editor.preset() == answer.request.preset) || step < 0 ||
      step >= static_cast<int>(answer.result.points.size()))
    return false;
  const auto modules = promotedModules(answer.result, step);
  const std::set<std::string> promoted(modules.begin(), modules.end());
  const auto& quantizers = editor.model()->quantizers();
  const auto& base = editor.model()->baseSettings();
  std::vector<int> all;
  std::vector<int> raised;
  for (const auto& quantizer : quantizers) {
    all.push_back(quantizer.id);
    const auto& setting = base[static_cast<std::size_t>(quantizer.id)];
    if (promoted.count(quantizer.module) && setting.enabled && setting.dtype == QuantDtype::Int &&
        setting.fixedEncodings.empty() && setting.bitwidth < answer.request.promoteTo)
      raised.push_back(quantizer.id);
  }
  QUndoStack* undo = editor.undoStack();
  undo->beginMacro(tr("Mixed precision: step %1").arg(step));
  editor.resetToPreset(all);
  if (!raised.empty())
    editor.setBitwidth(raised, answer.request.promoteTo);
  undo->endMacro();
  return true;
}

} // namespace quantlens
