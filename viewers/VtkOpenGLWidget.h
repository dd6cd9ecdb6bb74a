#pragma once

#include <QOpenGLWidget>

#include <memory>

class vtkGenericOpenGLRenderWindow;

namespace quantlens {

/// Hosts any VTK scene in a QOpenGLWidget (Qt 6). Debian's VTK Qt module is
/// built for Qt 5, so this is our own adapter: VTK renders into its own
/// framebuffer inside the widget's context, and paintGL copies the result into
/// the widget's framebuffer. Mouse input drives a trackball-camera interactor
/// whose render requests become update() calls.
///
/// Subclasses add renderers to renderWindow(); several renderers with their own
/// viewports in one widget are cheaper than several widgets on software GL.
class VtkOpenGLWidget : public QOpenGLWidget
{
  Q_OBJECT

public:
  explicit VtkOpenGLWidget(QWidget* parent = nullptr);
  ~VtkOpenGLWidget() override;

  /// The format VTK needs (3.2 core, RGBA8, no multisampling). Applications
  /// should also make it the default before creating QApplication, so the
  /// contexts Qt shares with this widget's context are compatible.
  static QSurfaceFormat surfaceFormat();

protected:
  /// The VTK window drawn by this widget; valid for the widget's lifetime.
  vtkGenericOpenGLRenderWindow* renderWindow() const;

  /// Called when user input changed the scene (the interactor asked for a
  /// render), before the widget repaints. Subclasses report camera changes here.
  virtual void interactionChangedScene();

  void initializeGL() override;
  void resizeGL(int width, int height) override;
  void paintGL() override;

  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void enterEvent(QEnterEvent* event) override;
  void leaveEvent(QEvent* event) override;

private:
  void releaseGraphicsResources();

  class Private;
  std::unique_ptr<Private> d;
};

} // namespace quantlens
