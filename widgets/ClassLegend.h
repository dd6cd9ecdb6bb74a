#pragma once

#include <QColor>
#include <QStringList>
#include <QWidget>

#include <cstddef>
#include <vector>

class QGridLayout;
class QLabel;

namespace quantlens {

/// A compact key of class colors: a swatch, the name and, when counts are
/// given, the number of points ("car  1,234"). Fits a dock or an overlay on a
/// view.
class ClassLegend : public QWidget
{
  Q_OBJECT

public:
  explicit ClassLegend(QWidget* parent = nullptr);

  /// Class i is drawn in `colors[i]` and called `names[i]`; the shorter of
  /// the two decides how many classes there are.
  void setClasses(const std::vector<QColor>& colors, const QStringList& names);
  /// Points per class, indexed like the classes; empty shows no counts.
  void setCounts(std::vector<std::size_t> counts);
  /// With counts, leave out classes that have no point (default true).
  void setHideAbsent(bool hide);
  bool hideAbsent() const { return hideAbsent_; }

  int classCount() const { return static_cast<int>(names_.size()); }
  /// Whether class `classId` has a row shown.
  bool isClassShown(int classId) const;

private:
  struct Row
  {
    QLabel* swatch;
    QLabel* name;
    QLabel* count;
  };

  void rebuild();
  void updateRows();
  QPixmap swatchPixmap(const QColor& color) const;

  std::vector<QColor> colors_;
  QStringList names_;
  std::vector<std::size_t> counts_;
  bool hideAbsent_ = true;
  std::vector<Row> rows_;
  QGridLayout* grid_;
};

} // namespace quantlens
