#pragma once

#include "quant/Encoding.h"
#include "quant/TensorStatistics.h"

#include <QString>
#include <QWidget>

#include <optional>
#include <vector>

class QCustomPlot;
class QCPBars;
class QCPItemStraightLine;
class QCPTextElement;

namespace quantlens {

/// One quantizer's calibration histogram (the share of its values per bin,
/// bins laid out as TensorStatistics says) with its encoding on top: the
/// [min, max] range as two vertical lines, the bins outside it (the values
/// the encoding clips) in another color, and the quantization grid when few
/// enough levels are in view to tell apart.
class QuantizerHistogramChart : public QWidget
{
  Q_OBJECT

public:
  /// Grid lines are drawn only when at most this many levels are in view.
  static constexpr int kMaxGridLines = 64;

  explicit QuantizerHistogramChart(QWidget* parent = nullptr);

  /// A bin counts as clipped when its centre lies outside [encoding.min,
  /// encoding.max]. Without an encoding, or with a float one, nothing is
  /// clipped and no range or grid is drawn. `quantizerName` goes in the title.
  void setHistogram(const TensorStatistics& statistics, const std::optional<Encoding>& encoding,
                    const QString& quantizerName = QString());
  void clear();

  /// Logarithmic share axis: the tails are often a few values among millions.
  void setLogScale(bool log);
  bool isLogScale() const;

  /// The histogram's share in clipped bins / its whole share (0 when empty).
  double clippedFraction() const;
  /// Sums of the bins' shares of the values (AIMET's averaged per-batch shares)
  /// drawn inside the range and clipped.
  double valuesInside() const { return inside_; }
  double valuesClipped() const { return clipped_; }
  int insideBinCount() const;
  int clippedBinCount() const;
  /// Quantization grid lines currently drawn (0 when too dense or no encoding).
  int gridLineCount() const { return static_cast<int>(gridLines_.size()); }
  /// The encoding range lines drawn (2 with an integer encoding, else 0).
  int rangeLineCount() const;
  QString title() const;

  /// Writes the chart to a .png or .pdf file; on failure returns false and,
  /// when `error` is given, a message for the user.
  bool exportTo(const QString& file, QString* error = nullptr) const;

protected:
  void changeEvent(QEvent* event) override;

private:
  bool hasIntegerEncoding() const;
  void fillBars();
  void updateRangeLines();
  void updateGrid();
  void updateValueRange();
  QCPItemStraightLine* addVerticalLine(double x, const QPen& pen);
  QString titleText() const;
  void retranslateUi();

  QCustomPlot* plot_;
  QCPTextElement* title_;
  QCPBars* insideBars_;
  QCPBars* clippedBars_;
  std::vector<QCPItemStraightLine*> rangeLines_;
  std::vector<QCPItemStraightLine*> gridLines_;
  TensorStatistics statistics_;
  std::optional<Encoding> encoding_;
  QString name_;
  double inside_ = 0.0;
  double clipped_ = 0.0;
  double highestBin_ = 0.0;
  double lowestBin_ = 0.0; ///< the smallest share of a non-empty bin
};

} // namespace quantlens
