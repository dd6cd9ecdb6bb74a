#pragma once

#include <QWidget>

class QSlider;
class QSpinBox;
class QTimer;
class QToolButton;
class QLabel;

namespace quantlens {

/// Moves through the scans of a sequence: a slider and a spin box kept in
/// step, previous/next (B / N, as in the SemanticKITTI viewer) and play.
class ScanNavigator : public QWidget
{
  Q_OBJECT

public:
  explicit ScanNavigator(QWidget* parent = nullptr);

  /// Number of scans; 0 disables the navigator.
  void setScanCount(int count);
  int scanCount() const { return scanCount_; }
  int currentScan() const;
  bool isPlaying() const;

public slots:
  void setCurrentScan(int index);
  void next();
  void previous();
  void setPlaying(bool playing);

signals:
  /// Emitted once per change, whichever control made it.
  void currentScanChanged(int index);

protected:
  void changeEvent(QEvent* event) override;

private:
  void retranslateUi();
  void advancePlayback();

  int scanCount_ = 0;
  QSlider* slider_;
  QSpinBox* spinBox_;
  QLabel* countLabel_;
  QToolButton* previousButton_;
  QToolButton* playButton_;
  QToolButton* nextButton_;
  QTimer* playTimer_;
};

} // namespace quantlens
