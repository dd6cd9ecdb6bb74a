#include "ViewOptionsBar.h"

#include "viewers/StandardView.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QSpinBox>

namespace quantlens {

ViewOptionsBar::ViewOptionsBar(QWidget* parent)
  : QToolBar(parent)
  , colorLabel_(new QLabel)
  , colorMode_(new QComboBox)
  , hideUnchanged_(new QAction(this))
  , pointSizeLabel_(new QLabel)
  , pointSize_(new QSpinBox)
  , syncCameras_(new QAction(this))
  , topView_(new QAction(this))
  , sideView_(new QAction(this))
  , driverView_(new QAction(this))
{
  setObjectName(QStringLiteral("viewOptionsBar"));
  for (int i = 0; i < 5; ++i)
    colorMode_->addItem(QString(), i);
  colorMode_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  addWidget(colorLabel_);
  addWidget(colorMode_);
  hideUnchanged_->setCheckable(true);
  hideUnchanged_->setShortcut(QKeySequence(Qt::Key_H));
  addAction(hideUnchanged_);
  addSeparator();
  pointSize_->setRange(1, 10);
  pointSize_->setValue(2);
  pointSize_->setFocusPolicy(Qt::ClickFocus);
  addWidget(pointSizeLabel_);
  addWidget(pointSize_);
  addSeparator();
  syncCameras_->setCheckable(true);
  syncCameras_->setChecked(true);
  addAction(syncCameras_);
  driverView_->setShortcut(QKeySequence(Qt::Key_1));
  topView_->setShortcut(QKeySequence(Qt::Key_2));
  sideView_->setShortcut(QKeySequence(Qt::Key_3));
  addAction(driverView_);
  addAction(topView_);
  addAction(sideView_);

  connect(colorMode_, &QComboBox::currentIndexChanged, this,
          [this](int index) { emit colorModeChanged(static_cast<ColorMode>(colorMode_->itemData(index).toInt())); });
  connect(hideUnchanged_, &QAction::toggled, this, &ViewOptionsBar::hideUnchangedChanged);
  connect(pointSize_, &QSpinBox::valueChanged, this, &ViewOptionsBar::pointSizeChanged);
  connect(syncCameras_, &QAction::toggled, this, &ViewOptionsBar::camerasSynchronizedChanged);
  connect(driverView_, &QAction::triggered, this,
          [this] { emit standardViewRequested(static_cast<int>(StandardView::Driver)); });
  connect(topView_, &QAction::triggered, this,
          [this] { emit standardViewRequested(static_cast<int>(StandardView::Top)); });
  connect(sideView_, &QAction::triggered, this,
          [this] { emit standardViewRequested(static_cast<int>(StandardView::Side)); });
  retranslateUi();
}

ColorMode ViewOptionsBar::colorMode() const
{
  return static_cast<ColorMode>(colorMode_->currentData().toInt());
}

void ViewOptionsBar::setColorMode(ColorMode mode)
{
  colorMode_->setCurrentIndex(colorMode_->findData(static_cast<int>(mode)));
}

bool ViewOptionsBar::hideUnchanged() const
{
  return hideUnchanged_->isChecked();
}

bool ViewOptionsBar::camerasSynchronized() const
{
  return syncCameras_->isChecked();
}

int ViewOptionsBar::pointSize() const
{
  return pointSize_->value();
}

void ViewOptionsBar::setPointSize(int pixels)
{
  pointSize_->setValue(pixels);
}

void ViewOptionsBar::changeEvent(QEvent* event)
{
  if (event->type() == QEvent::LanguageChange)
    retranslateUi();
  QToolBar::changeEvent(event);
}

void ViewOptionsBar::retranslateUi()
{
  setWindowTitle(tr("View"));
  colorLabel_->setText(tr(" Color: "));
  colorMode_->setItemText(static_cast<int>(ColorMode::Classes), tr("Classes"));
  colorMode_->setItemText(static_cast<int>(ColorMode::ErrorsVsTruth), tr("Errors vs ground truth"));
  colorMode_->setItemText(static_cast<int>(ColorMode::ChangesVsFp32), tr("Changes vs FP32"));
  colorMode_->setItemText(static_cast<int>(ColorMode::Range), tr("Range"));
  colorMode_->setItemText(static_cast<int>(ColorMode::Remission), tr("Remission"));
  colorMode_->setToolTip(tr("What the point colors show (Ctrl+1…5)"));
  hideUnchanged_->setText(tr("Hide Unchanged"));
  hideUnchanged_->setToolTip(tr("In the diff modes show only wrong or changed points (H)"));
  pointSizeLabel_->setText(tr(" Point size: "));
  syncCameras_->setText(tr("Sync Cameras"));
  syncCameras_->setToolTip(tr("Move all views together"));
  driverView_->setText(tr("Driver"));
  driverView_->setToolTip(tr("Driver's view from behind the sensor (1)"));
  topView_->setText(tr("Top"));
  topView_->setToolTip(tr("Bird's-eye view (2)"));
  sideView_->setText(tr("Side"));
  sideView_->setToolTip(tr("Side view (3)"));
}

} // namespace quantlens
