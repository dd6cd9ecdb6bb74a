#include "ScanNavigator.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

namespace quantlens {

namespace {
constexpr int kPlaybackIntervalMs = 100; // 10 Hz, the sensor's own rate
}

ScanNavigator::ScanNavigator(QWidget* parent)
  : QWidget(parent)
  , slider_(new QSlider(Qt::Horizontal, this))
  , spinBox_(new QSpinBox(this))
  , countLabel_(new QLabel(this))
  , previousButton_(new QToolButton(this))
  , playButton_(new QToolButton(this))
  , nextButton_(new QToolButton(this))
  , playTimer_(new QTimer(this))
{
  previousButton_->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));
  playButton_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
  playButton_->setCheckable(true);
  nextButton_->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
  // QShortcut rather than button shortcuts: those click after a 100 ms
  // animation and drop key repeats, so holding N would not run through scans.
  connect(new QShortcut(QKeySequence(Qt::Key_B), this), &QShortcut::activated, this, &ScanNavigator::previous);
  connect(new QShortcut(QKeySequence(Qt::Key_N), this), &QShortcut::activated, this, &ScanNavigator::next);
  connect(new QShortcut(QKeySequence(Qt::Key_Space), this), &QShortcut::activated, this,
          [this] { setPlaying(!isPlaying()); });
  playTimer_->setInterval(kPlaybackIntervalMs);
  // A focused line edit swallows letter keys, N and B included: the spin box
  // takes focus only when clicked, so the shortcuts work from the start.
  spinBox_->setFocusPolicy(Qt::ClickFocus);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(previousButton_);
  layout->addWidget(playButton_);
  layout->addWidget(nextButton_);
  layout->addWidget(slider_, 1);
  layout->addWidget(spinBox_);
  layout->addWidget(countLabel_);

  connect(slider_, &QSlider::valueChanged, this, &ScanNavigator::setCurrentScan);
  connect(spinBox_, qOverload<int>(&QSpinBox::valueChanged), this, &ScanNavigator::setCurrentScan);
  connect(previousButton_, &QToolButton::clicked, this, &ScanNavigator::previous);
  connect(nextButton_, &QToolButton::clicked, this, &ScanNavigator::next);
  connect(playButton_, &QToolButton::toggled, this, &ScanNavigator::setPlaying);
  connect(playTimer_, &QTimer::timeout, this, &ScanNavigator::advancePlayback);

  retranslateUi();
  setScanCount(0);
}

void ScanNavigator::setScanCount(int count)
{
  scanCount_ = std::max(count, 0);
  const QSignalBlocker sliderBlocker(slider_);
  const QSignalBlocker spinBlocker(spinBox_);
  slider_->setRange(0, std::max(scanCount_ - 1, 0));
  spinBox_->setRange(0, std::max(scanCount_ - 1, 0));
  slider_->setValue(0);
  spinBox_->setValue(0);
  setEnabled(scanCount_ > 0);
  if (scanCount_ == 0)
    setPlaying(false);
  retranslateUi();
}

int ScanNavigator::currentScan() const
{
  return slider_->value();
}

bool ScanNavigator::isPlaying() const
{
  return playTimer_->isActive();
}

void ScanNavigator::setCurrentScan(int index)
{
  if (scanCount_ == 0)
    return;
  index = std::clamp(index, 0, scanCount_ - 1);
  const bool changed = index != slider_->value() || index != spinBox_->value();
  {
    const QSignalBlocker sliderBlocker(slider_);
    const QSignalBlocker spinBlocker(spinBox_);
    slider_->setValue(index);
    spinBox_->setValue(index);
  }
  // The control the user moved already holds the new value, so compare with the signal's origin too.
  if (changed || sender() == slider_ || sender() == spinBox_)
    emit currentScanChanged(index);
}

void ScanNavigator::next()
{
  setCurrentScan(currentScan() + 1);
}

void ScanNavigator::previous()
{
  setCurrentScan(currentScan() - 1);
}

void ScanNavigator::setPlaying(bool playing)
{
  playing = playing && scanCount_ > 1;
  {
    const QSignalBlocker blocker(playButton_);
    playButton_->setChecked(playing);
  }
  playButton_->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
  if (playing)
    playTimer_->start();
  else
    playTimer_->stop();
}

void ScanNavigator::advancePlayback()
{
  // Playback wraps around, like a looping video.
  setCurrentScan(currentScan() + 1 < scanCount_ ? currentScan() + 1 : 0);
}

void ScanNavigator::changeEvent(QEvent* event)
{
  if (event->type() == QEvent::LanguageChange)
    retranslateUi();
  QWidget::changeEvent(event);
}

void ScanNavigator::retranslateUi()
{
  previousButton_->setToolTip(tr("Previous scan (B)"));
  nextButton_->setToolTip(tr("Next scan (N)"));
  playButton_->setToolTip(tr("Play through the sequence (Space)"));
  countLabel_->setText(tr("of %n scan(s)", nullptr, scanCount_));
}

} // namespace quantlens
