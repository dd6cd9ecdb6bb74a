#pragma once

#include <QRegularExpression>
#include <QSortFilterProxyModel>

namespace quantlens {

/// Sorts a QuantizerTreeModel by its numeric sort keys and filters its
/// quantizers by name and kind. A module row stays while any of its
/// quantizers passes; a quantizer passes when its kind is shown and its name
/// or its module's name matches.
class QuantizerFilterProxy : public QSortFilterProxyModel
{
  Q_OBJECT

public:
  enum class KindFilter
  {
    All,
    Input,
    Output,
    Weight
  };

  explicit QuantizerFilterProxy(QObject* parent = nullptr);

  /// Wildcards (`downCntx.*`, `*.weight`, `conv?`) match whole names; text
  /// without wildcards matches anywhere in a name. Case-insensitive; empty
  /// shows all.
  void setNamePattern(const QString& pattern);
  QString namePattern() const { return pattern_; }
  void setKindFilter(KindFilter kind);
  KindFilter kindFilter() const { return kind_; }

protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
  bool acceptsQuantizer(const QModelIndex& sourceIndex) const;
  bool nameMatches(const QString& name) const;

  QString pattern_;
  QRegularExpression regex_;
  KindFilter kind_ = KindFilter::All;
};

} // namespace quantlens
