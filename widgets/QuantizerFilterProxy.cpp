#include "QuantizerFilterProxy.h"

#include "QuantizerTreeModel.h"

#include <algorithm>

namespace quantlens {

QuantizerFilterProxy::QuantizerFilterProxy(QObject* parent)
  : QSortFilterProxyModel(parent)
{
  setSortRole(QuantizerTreeModel::SortRole);
}

void QuantizerFilterProxy::setNamePattern(const QString& pattern)
{
  pattern_ = pattern.trimmed();
  const bool hasWildcards = pattern_.contains(u'*') || pattern_.contains(u'?') || pattern_.contains(u'[');
  // Plain text finds a part of a name, as a search box does; with wildcards
  // the user describes whole names.
  const QString regex =
    hasWildcards ? QRegularExpression::wildcardToRegularExpression(pattern_) : QRegularExpression::escape(pattern_);
  regex_ = QRegularExpression(regex, QRegularExpression::CaseInsensitiveOption);
  invalidateFilter();
}

void QuantizerFilterProxy::setKindFilter(KindFilter kind)
{
  kind_ = kind;
  invalidateFilter();
}

bool QuantizerFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
  const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
  if (sourceParent.isValid())
    return acceptsQuantizer(index);
  const int children = sourceModel()->rowCount(index);
  for (int row = 0; row < children; ++row)
    if (acceptsQuantizer(sourceModel()->index(row, 0, index)))
      return true;
  return false;
}

bool QuantizerFilterProxy::acceptsQuantizer(const QModelIndex& sourceIndex) const
{
  const int kind = sourceIndex.data(QuantizerTreeModel::KindRole).toInt();
  switch (kind_) {
    case KindFilter::All:
      break;
    case KindFilter::Input:
      if (kind != static_cast<int>(QuantizerKind::Input))
        return false;
      break;
    case KindFilter::Output:
      if (kind != static_cast<int>(QuantizerKind::Output))
        return false;
      break;
    case KindFilter::Weight:
      if (kind != static_cast<int>(QuantizerKind::Parameter))
        return false;
      break;
  }
  if (pattern_.isEmpty() || nameMatches(sourceIndex.data(QuantizerTreeModel::FullNameRole).toString()) ||
      nameMatches(sourceIndex.data(QuantizerTreeModel::ModuleNameRole).toString()))
    return true;
  // AIMET's names find the quantizer too ("module_add_3"), one or two of them, space-separated.
  const auto aimetNames =
    sourceIndex.data(QuantizerTreeModel::AimetNameRole).toString().split(u' ', Qt::SkipEmptyParts);
  return std::any_of(aimetNames.begin(), aimetNames.end(), [this](const QString& name) { return nameMatches(name); });
}

bool QuantizerFilterProxy::nameMatches(const QString& name) const
{
  return regex_.match(name).hasMatch();
}

} // namespace quantlens
