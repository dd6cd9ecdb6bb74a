#include "viewers/VtkOpenGLWidget.h"

#include <QMouseEvent>
#include <QOpenGLContext>
#include <QScopedValueRollback>
#include <QSurfaceFormat>
#include <QWheelEvent>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkNew.h>
#include <vtkOpenGLState.h>

#include <cmath>
#include <vector>

namespace quantlens {

class VtkOpenGLWidget::Private
{
public:
  explicit Private(VtkOpenGLWidget& owner);
  ~Private();

  void onWindowEvent(vtkObject* caller, unsigned long eventId, void* callData);
  void onInteractorRender(vtkObject* caller, unsigned long eventId, void* callData);
  bool widgetContextIsCurrent() const;
  QSize deviceSize() const;
  void forwardMouse(const QMouseEvent& event, unsigned long vtkEvent);
  void copyToWidgetFramebuffer();

  VtkOpenGLWidget& widget;
  vtkNew<vtkGenericOpenGLRenderWindow> window;
  vtkNew<vtkGenericRenderWindowInteractor> interactor;
  vtkNew<vtkInteractorStyleTrackballCamera> style;
  std::vector<unsigned long> windowObservers;
  unsigned long interactorObserver = 0;
  bool inPaint = false;
  bool hasGraphicsResources = false;
};

VtkOpenGLWidget::Private::Private(VtkOpenGLWidget& owner)
  : widget(owner)
{
  // VTK must not touch GL before Qt has created the context (initializeGL).
  window->SetReadyForRendering(false);
  // VTK renders into its own framebuffer; paintGL copies it into Qt's.
  window->SetFrameBlitModeToNoBlit();
  window->SetMultiSamples(0);
  for (unsigned long event : { vtkCommand::WindowMakeCurrentEvent, vtkCommand::WindowIsCurrentEvent,
         vtkCommand::WindowFrameEvent })
  {
    windowObservers.push_back(window->AddObserver(event, this, &Private::onWindowEvent));
  }

  interactor->SetInteractorStyle(style);
  // Rendering happens only in paintGL; a render request from the interactor
  // becomes a Qt update (see onInteractorRender).
  interactor->EnableRenderOff();
  interactor->SetRenderWindow(window);
  interactorObserver = interactor->AddObserver(vtkCommand::RenderEvent, this, &Private::onInteractorRender);
  interactor->Initialize();
}

VtkOpenGLWidget::Private::~Private()
{
  // The observers point at this object: detach them before VTK objects die
  // and possibly fire events while they are being destroyed.
  interactor->RemoveObserver(interactorObserver);
  for (unsigned long tag : windowObservers)
  {
    window->RemoveObserver(tag);
  }
  interactor->SetRenderWindow(nullptr);
  window->SetInteractor(nullptr);
}

bool VtkOpenGLWidget::Private::widgetContextIsCurrent() const
{
  QOpenGLContext* context = widget.context();
  return context != nullptr && QOpenGLContext::currentContext() == context;
}

void VtkOpenGLWidget::Private::onWindowEvent(vtkObject*, unsigned long eventId, void* callData)
{
  switch (eventId)
  {
    case vtkCommand::WindowMakeCurrentEvent:
      // VTK asks for this inside its own framebuffer binds; makeCurrent() would
      // re-bind Qt's framebuffer there and leave VTK's incomplete (black image).
      if (!widgetContextIsCurrent())
      {
        widget.makeCurrent();
      }
      break;
    case vtkCommand::WindowIsCurrentEvent:
      // Without a true answer, Render() silently draws nothing.
      *static_cast<bool*>(callData) = widgetContextIsCurrent();
      break;
    case vtkCommand::WindowFrameEvent:
      // Someone rendered outside paintGL: show it.
      if (!inPaint)
      {
        widget.update();
      }
      break;
    default:
      break;
  }
}

void VtkOpenGLWidget::Private::onInteractorRender(vtkObject*, unsigned long, void*)
{
  widget.interactionChangedScene();
  widget.update();
}

QSize VtkOpenGLWidget::Private::deviceSize() const
{
  const qreal ratio = widget.devicePixelRatioF();
  return { static_cast<int>(std::lround(widget.width() * ratio)),
    static_cast<int>(std::lround(widget.height() * ratio)) };
}

void VtkOpenGLWidget::Private::forwardMouse(const QMouseEvent& event, unsigned long vtkEvent)
{
  const qreal ratio = widget.devicePixelRatioF();
  const Qt::KeyboardModifiers modifiers = event.modifiers();
  const int repeat = event.type() == QEvent::MouseButtonDblClick ? 1 : 0;
  // Qt's y axis points down, VTK's up.
  interactor->SetEventInformationFlipY(static_cast<int>(std::lround(event.position().x() * ratio)),
    static_cast<int>(std::lround(event.position().y() * ratio)),
    modifiers.testFlag(Qt::ControlModifier) ? 1 : 0, modifiers.testFlag(Qt::ShiftModifier) ? 1 : 0, 0,
    repeat);
  interactor->SetAltKey(modifiers.testFlag(Qt::AltModifier) ? 1 : 0);
  interactor->InvokeEvent(vtkEvent, nullptr);
}

void VtkOpenGLWidget::Private::copyToWidgetFramebuffer()
{
  vtkOpenGLState* state = window->GetState();
  const int* size = window->GetSize();
  state->PushFramebufferBindings();
  state->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, widget.defaultFramebufferObject());
  state->vtkglDrawBuffer(GL_COLOR_ATTACHMENT0);
  // Qt may leave a scissor box that would clip the copy.
  state->vtkglDisable(GL_SCISSOR_TEST);
  window->BlitDisplayFramebuffer(
    0, 0, 0, size[0], size[1], 0, 0, size[0], size[1], GL_COLOR_BUFFER_BIT, GL_NEAREST);
  // VTK's alpha is not meant for compositing; an alpha below 1 would let the
  // window behind show through (Mesa) or darken a grabbed image.
  state->vtkglColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
  state->vtkglClearColor(0.0F, 0.0F, 0.0F, 1.0F);
  state->vtkglViewport(0, 0, size[0], size[1]);
  state->vtkglClear(GL_COLOR_BUFFER_BIT);
  state->PopFramebufferBindings();
}

VtkOpenGLWidget::VtkOpenGLWidget(QWidget* parent)
  : QOpenGLWidget(parent)
  , d(std::make_unique<Private>(*this))
{
  setFormat(surfaceFormat());
  setFocusPolicy(Qt::StrongFocus);
}

VtkOpenGLWidget::~VtkOpenGLWidget()
{
  if (context() != nullptr)
  {
    // QOpenGLWidget's destructor destroys the context after this object is
    // gone; the slot must not run then.
    disconnect(context(), nullptr, this, nullptr);
  }
  releaseGraphicsResources();
  makeCurrent();
  d.reset();
  doneCurrent();
}

QSurfaceFormat VtkOpenGLWidget::surfaceFormat()
{
  QSurfaceFormat format;
  format.setRenderableType(QSurfaceFormat::OpenGL);
  format.setVersion(3, 2);
  format.setProfile(QSurfaceFormat::CoreProfile);
  format.setRedBufferSize(8);
  format.setGreenBufferSize(8);
  format.setBlueBufferSize(8);
  format.setAlphaBufferSize(8);
  format.setDepthBufferSize(24);
  format.setStencilBufferSize(8);
  format.setSamples(0);
  return format;
}

vtkGenericOpenGLRenderWindow* VtkOpenGLWidget::renderWindow() const
{
  return d->window;
}

void VtkOpenGLWidget::interactionChangedScene()
{
}

void VtkOpenGLWidget::initializeGL()
{
  // The context is recreated when the widget moves to another top-level
  // window; VTK's resources belong to the old one.
  connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &VtkOpenGLWidget::releaseGraphicsResources,
    Qt::UniqueConnection);
  d->window->SetOwnContext(false);
  d->window->SetReadyForRendering(true);
  d->window->OpenGLInitContext();
  d->window->SetFrameBlitModeToNoBlit();
  d->hasGraphicsResources = true;
  const QSize size = d->deviceSize();
  d->interactor->UpdateSize(size.width(), size.height());
}

void VtkOpenGLWidget::resizeGL(int, int)
{
  // Qt passes the logical size; VTK works in device pixels.
  const QSize size = d->deviceSize();
  d->interactor->UpdateSize(size.width(), size.height());
}

void VtkOpenGLWidget::paintGL()
{
  if (!d->window->GetReadyForRendering())
  {
    return;
  }
  QScopedValueRollback<bool> inPaint(d->inPaint, true);
  vtkOpenGLState* state = d->window->GetState();
  // Qt changed GL state behind VTK's cache; re-read it and restore it after.
  state->Reset();
  state->Push();
  // Qt leaves GL_LESS; VTK expects GL_LEQUAL.
  state->vtkglDepthFunc(GL_LEQUAL);
  d->window->Render();
  d->copyToWidgetFramebuffer();
  state->Pop();
}

void VtkOpenGLWidget::releaseGraphicsResources()
{
  if (!d || !d->hasGraphicsResources)
  {
    return;
  }
  makeCurrent();
  d->window->ReleaseGraphicsResources(d->window);
  d->window->SetReadyForRendering(false);
  d->hasGraphicsResources = false;
  doneCurrent();
}

void VtkOpenGLWidget::mousePressEvent(QMouseEvent* event)
{
  switch (event->button())
  {
    case Qt::LeftButton:
      d->forwardMouse(*event, vtkCommand::LeftButtonPressEvent);
      break;
    case Qt::MiddleButton:
      d->forwardMouse(*event, vtkCommand::MiddleButtonPressEvent);
      break;
    case Qt::RightButton:
      d->forwardMouse(*event, vtkCommand::RightButtonPressEvent);
      break;
    default:
      QOpenGLWidget::mousePressEvent(event);
      return;
  }
  event->accept();
}

void VtkOpenGLWidget::mouseReleaseEvent(QMouseEvent* event)
{
  switch (event->button())
  {
    case Qt::LeftButton:
      d->forwardMouse(*event, vtkCommand::LeftButtonReleaseEvent);
      break;
    case Qt::MiddleButton:
      d->forwardMouse(*event, vtkCommand::MiddleButtonReleaseEvent);
      break;
    case Qt::RightButton:
      d->forwardMouse(*event, vtkCommand::RightButtonReleaseEvent);
      break;
    default:
      QOpenGLWidget::mouseReleaseEvent(event);
      return;
  }
  event->accept();
}

void VtkOpenGLWidget::mouseDoubleClickEvent(QMouseEvent* event)
{
  // VTK sees a double click as a press with a repeat count.
  mousePressEvent(event);
}

void VtkOpenGLWidget::mouseMoveEvent(QMouseEvent* event)
{
  d->forwardMouse(*event, vtkCommand::MouseMoveEvent);
  event->accept();
}

void VtkOpenGLWidget::wheelEvent(QWheelEvent* event)
{
  const int delta = event->angleDelta().y();
  if (delta == 0)
  {
    event->ignore();
    return;
  }
  const qreal ratio = devicePixelRatioF();
  d->interactor->SetEventInformationFlipY(static_cast<int>(std::lround(event->position().x() * ratio)),
    static_cast<int>(std::lround(event->position().y() * ratio)),
    event->modifiers().testFlag(Qt::ControlModifier) ? 1 : 0,
    event->modifiers().testFlag(Qt::ShiftModifier) ? 1 : 0);
  d->interactor->InvokeEvent(
    delta > 0 ? vtkCommand::MouseWheelForwardEvent : vtkCommand::MouseWheelBackwardEvent, nullptr);
  event->accept();
}

void VtkOpenGLWidget::enterEvent(QEnterEvent* event)
{
  d->interactor->InvokeEvent(vtkCommand::EnterEvent, nullptr);
  QOpenGLWidget::enterEvent(event);
}

void VtkOpenGLWidget::leaveEvent(QEvent* event)
{
  d->interactor->InvokeEvent(vtkCommand::LeaveEvent, nullptr);
  QOpenGLWidget::leaveEvent(event);
}

} // namespace quantlens
