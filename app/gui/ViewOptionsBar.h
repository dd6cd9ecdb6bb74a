#pragma once

#include "ColorMode.h"

#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;
class QSpinBox;

namespace quantlens {

/// The 3D views' toolbar: what the colors show, hide unchanged points, point
/// size, camera synchronization and the standard views. Owns no views: it
/// only says what the user chose.
class ViewOptionsBar : public QToolBar
{
  Q_OBJECT

public:
  explicit ViewOptionsBar(QWidget* parent = nullptr);

  ColorMode colorMode() const;
  void setColorMode(ColorMode mode);
  bool hideUnchanged() const;
  bool camerasSynchronized() const;
  int pointSize() const;
  void setPointSize(int pixels);

  QAction* topViewAction() const { return topView_; }
  QAction* sideViewAction() const { return sideView_; }
  QAction* driverViewAction() const { return driverView_; }
  QAction* hideUnchangedAction() const { return hideUnchanged_; }
  QAction* syncCamerasAction() const { return syncCameras_; }

signals:
  void colorModeChanged(quantlens::ColorMode mode);
  void hideUnchangedChanged(bool hide);
  void pointSizeChanged(int pixels);
  void camerasSynchronizedChanged(bool synchronized);
  void standardViewRequested(int view); ///< a StandardView value

protected:
  void changeEvent(QEvent* event) override;

private:
  void retranslateUi();

  QLabel* colorLabel_;
  QComboBox* colorMode_;
  QAction* hideUnchanged_;
  QLabel* pointSizeLabel_;
  QSpinBox* pointSize_;
  QAction* syncCameras_;
  QAction* topView_;
  QAction* sideView_;
  QAction* driverView_;
};

} // namespace quantlens
