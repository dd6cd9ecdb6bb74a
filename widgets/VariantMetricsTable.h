#pragma once

#include <QTableWidget>

#include <optional>
#include <vector>

namespace quantlens {

/// One row of VariantMetricsTable: how one variant did on the current scan.
struct VariantMetricsRow
{
  QString variant;
  std::optional<double> miou;     ///< over the classes present; absent without labels
  std::optional<double> accuracy;
  std::optional<std::size_t> changedPoints; ///< vs the first row (FP32); absent for it
  double changedFraction = 0.0;
  double milliseconds = 0.0;      ///< 0 when the result came from the cache
};

/// The per-variant numbers of the scan on screen: mIoU, accuracy, points that
/// changed class against FP32, and inference time. Read-only, sortable.
class VariantMetricsTable : public QTableWidget
{
  Q_OBJECT

public:
  explicit VariantMetricsTable(QWidget* parent = nullptr);

  void setRows(const std::vector<VariantMetricsRow>& rows);
  /// The text of a cell (for tests and copying).
  QString cellText(int row, int column) const;

protected:
  void changeEvent(QEvent* event) override;

private:
  void retranslateUi();
};

} // namespace quantlens
