#include "viewers/MultiPointCloudView.h"

#include "viewers/PointCloudViewport.h"
#include "viewers/ScreenSpacePicker.h"
#include "viewers/ViewGrid.h"

#include <QFontMetrics>
#include <QMouseEvent>
#include <QPainter>

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkMatrix4x4.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace quantlens {

namespace {

// A press and release closer than this (widget pixels, Manhattan) is a click.
constexpr int kClickSlop = 3;
// How far from a click a point may land and still be picked, device pixels.
constexpr double kPickRadius = 6.0;

} // namespace

class MultiPointCloudView::Private
{
public:
  Private();

  PointCloudViewport& viewport(int view) { return *viewports[static_cast<std::size_t>(view)]; }
  const PointCloudViewport& viewport(int view) const { return *viewports[static_cast<std::size_t>(view)]; }
  QRect deviceRect(int view, const QSize& deviceSize) const { return ViewGrid(viewCount).cellRect(view, deviceSize); }
  void resetClippingRanges();

  vtkNew<vtkPoints> points;
  vtkSmartPointer<vtkCellArray> allVertices = vtkSmartPointer<vtkCellArray>::New();
  vtkNew<vtkPolyData> marker;
  vtkNew<vtkCamera> sharedCamera;
  std::array<std::unique_ptr<PointCloudViewport>, kMaxViews> viewports;
  // Background-only renderers for the empty cells of a grid (5 views in 3x2).
  std::vector<vtkSmartPointer<vtkRenderer>> fillers;
  std::array<double, 6> bounds{};
  QColor background = Qt::black;
  int viewCount = 0;
  bool synchronized = true;
  qint64 highlighted = -1;
  QPoint pressPosition;
  bool leftPressed = false;
};

MultiPointCloudView::Private::Private()
{
  points->SetDataTypeToFloat();
  vtkNew<vtkPoints> markerPoints;
  markerPoints->SetNumberOfPoints(1);
  markerPoints->SetPoint(0, 0.0, 0.0, 0.0);
  marker->SetPoints(markerPoints);
  marker->SetVerts(vertexCells({ 0 }));
  applyCamera(sharedCamera, standardCamera(StandardView::Driver));
  for (auto& s : viewports)
  {
    s = std::make_unique<PointCloudViewport>(points, marker);
    s->ownCamera->DeepCopy(sharedCamera);
    s->setActiveCamera(sharedCamera);
    s->lastReported = readCamera(sharedCamera);
  }
}

void MultiPointCloudView::Private::resetClippingRanges()
{
  if (points->GetNumberOfPoints() == 0)
  {
    return;
  }
  // The bounds of all points, not of each view's visible ones: views that
  // share a camera must agree on its clipping range, and the marker may sit
  // on a point a view hides.
  for (auto& s : viewports)
  {
    s->renderer->ResetCameraClippingRange(bounds.data());
  }
}

MultiPointCloudView::MultiPointCloudView(QWidget* parent)
  : VtkOpenGLWidget(parent)
  , d(std::make_unique<Private>())
{
  renderWindow()->SetNumberOfLayers(2);
  setViewCount(1);
}

MultiPointCloudView::~MultiPointCloudView() = default;

void MultiPointCloudView::setViewCount(int count)
{
  const ViewGrid grid(count); // validates count
  vtkGenericOpenGLRenderWindow* window = renderWindow();
  for (int i = 0; i < d->viewCount; ++i)
  {
    window->RemoveRenderer(d->viewport(i).renderer);
    window->RemoveRenderer(d->viewport(i).overlay);
  }
  for (auto& filler : d->fillers)
  {
    window->RemoveRenderer(filler);
  }
  d->fillers.clear();
  d->viewCount = count;
  for (int i = 0; i < count; ++i)
  {
    window->AddRenderer(d->viewport(i).renderer);
    window->AddRenderer(d->viewport(i).overlay);
  }
  for (int i = count; i < grid.cellCount(); ++i)
  {
    auto filler = vtkSmartPointer<vtkRenderer>::New();
    filler->InteractiveOff();
    filler->SetBackground(d->background.redF(), d->background.greenF(), d->background.blueF());
    window->AddRenderer(filler);
    d->fillers.push_back(filler);
  }
  layoutViews();
  update();
}

int MultiPointCloudView::viewCount() const
{
  return d->viewCount;
}

QRect MultiPointCloudView::viewRect(int view) const
{
  checkView("viewRect", view);
  return ViewGrid(d->viewCount).cellRect(view, size());
}

int MultiPointCloudView::viewAt(const QPoint& position) const
{
  const int cell = ViewGrid(d->viewCount).cellAt(position, size());
  return cell < d->viewCount ? cell : -1;
}

void MultiPointCloudView::setPoints(const float* xyzr, std::size_t count)
{
  const auto n = static_cast<vtkIdType>(count);
  copyPositions(xyzr, count, d->points);
  if (count > 0)
  {
    d->points->GetBounds(d->bounds.data());
  }

  d->allVertices = allVertexCells(count);
  for (auto& s : d->viewports)
  {
    s->colors->SetNumberOfTuples(n);
    std::fill_n(s->colors->GetPointer(0), count * 3, std::uint8_t{ 255 });
    s->colors->Modified();
    s->mask.clear();
    s->visible = count;
    s->cloud->SetVerts(d->allVertices);
  }
  setHighlightedPoint(-1);
  afterCameraMove();
}

std::size_t MultiPointCloudView::pointCount() const
{
  return static_cast<std::size_t>(d->points->GetNumberOfPoints());
}

void MultiPointCloudView::setColors(int view, const std::uint8_t* rgb, std::size_t count)
{
  checkView("setColors", view);
  checkCount("setColors", "colors", count);
  PointCloudViewport& s = d->viewport(view);
  std::copy_n(rgb, count * 3, s.colors->GetPointer(0));
  // Only this color array changes: one mapper re-uploads colors, no geometry.
  s.colors->Modified();
  update();
}

void MultiPointCloudView::setVisibleMask(int view, const std::uint8_t* mask, std::size_t count)
{
  checkView("setVisibleMask", view);
  PointCloudViewport& s = d->viewport(view);
  if (mask == nullptr)
  {
    s.mask.clear();
    s.visible = pointCount();
    s.cloud->SetVerts(d->allVertices);
    update();
    return;
  }
  checkCount("setVisibleMask", "mask bytes", count);
  s.mask.assign(mask, mask + count);
  std::vector<vtkIdType> shown;
  shown.reserve(count);
  for (std::size_t i = 0; i < count; ++i)
  {
    if (mask[i] != 0)
    {
      shown.push_back(static_cast<vtkIdType>(i));
    }
  }
  s.visible = shown.size();
  // The points stay shared; only this view's vertex cells change.
  s.cloud->SetVerts(vertexCells(shown));
  update();
}

std::size_t MultiPointCloudView::visibleCount(int view) const
{
  checkView("visibleCount", view);
  return d->viewport(view).visible;
}

void MultiPointCloudView::setViewTitle(int view, const QString& title)
{
  checkView("setViewTitle", view);
  d->viewport(view).title = title;
  update();
}

QString MultiPointCloudView::viewTitle(int view) const
{
  checkView("viewTitle", view);
  return d->viewport(view).title;
}

void MultiPointCloudView::setViewCaption(int view, const QString& caption)
{
  checkView("setViewCaption", view);
  d->viewport(view).caption = caption;
  update();
}

QString MultiPointCloudView::viewCaption(int view) const
{
  checkView("viewCaption", view);
  return d->viewport(view).caption;
}

void MultiPointCloudView::setPointSize(float pixels)
{
  for (auto& s : d->viewports)
  {
    s->actor->GetProperty()->SetPointSize(pixels);
  }
  update();
}

void MultiPointCloudView::setBackground(const QColor& color)
{
  d->background = color;
  for (auto& s : d->viewports)
  {
    s->renderer->SetBackground(color.redF(), color.greenF(), color.blueF());
  }
  for (auto& filler : d->fillers)
  {
    filler->SetBackground(color.redF(), color.greenF(), color.blueF());
  }
  update();
}

void MultiPointCloudView::setCamerasSynchronized(bool synchronized)
{
  if (synchronized == d->synchronized)
  {
    return;
  }
  if (synchronized)
  {
    d->sharedCamera->DeepCopy(d->viewport(0).activeCamera());
  }
  for (auto& s : d->viewports)
  {
    if (synchronized)
    {
      s->setActiveCamera(d->sharedCamera);
    }
    else
    {
      s->ownCamera->DeepCopy(d->sharedCamera);
      s->setActiveCamera(s->ownCamera);
    }
  }
  d->synchronized = synchronized;
  afterCameraMove();
  notifyCameraChange();
}

bool MultiPointCloudView::camerasSynchronized() const
{
  return d->synchronized;
}

void MultiPointCloudView::resetCamera()
{
  setStandardView(StandardView::Driver);
}

void MultiPointCloudView::setStandardView(StandardView view)
{
  const ViewCamera preset = standardCamera(view);
  applyCamera(d->sharedCamera, preset);
  for (auto& s : d->viewports)
  {
    applyCamera(s->ownCamera, preset);
  }
  afterCameraMove();
  notifyCameraChange();
}

ViewCamera MultiPointCloudView::camera(int view) const
{
  checkView("camera", view);
  return readCamera(d->viewport(view).activeCamera());
}

void MultiPointCloudView::setCamera(int view, const ViewCamera& camera)
{
  checkView("setCamera", view);
  applyCamera(d->viewport(view).activeCamera(), camera);
  afterCameraMove();
  for (auto& s : d->viewports)
  {
    s->lastReported = readCamera(s->activeCamera());
  }
}

void MultiPointCloudView::rotateAzimuth(int view, double degrees)
{
  checkView("rotateAzimuth", view);
  d->viewport(view).activeCamera()->Azimuth(degrees);
  afterCameraMove();
  notifyCameraChange();
}

qint64 MultiPointCloudView::pointAt(const QPoint& position) const
{
  const int view = viewAt(position);
  if (view < 0 || pointCount() == 0)
  {
    return -1;
  }
  const qreal ratio = devicePixelRatioF();
  const QRect rect = d->deviceRect(view, deviceSize());
  const PointCloudViewport& s = d->viewport(view);
  vtkMatrix4x4* matrix = s.activeCamera()->GetCompositeProjectionTransformMatrix(
    static_cast<double>(rect.width()) / rect.height(), -1.0, 1.0);
  std::array<double, 16> worldToClip{};
  for (int row = 0; row < 4; ++row)
  {
    for (int column = 0; column < 4; ++column)
    {
      worldToClip[static_cast<std::size_t>(row * 4 + column)] = matrix->GetElement(row, column);
    }
  }
  ScreenSpacePicker picker(worldToClip, QRectF(rect));
  const double pointSize = s.actor->GetProperty()->GetPointSize();
  picker.setRadii(std::max(kPickRadius, pointSize), pointSize / 2.0 + 0.5);
  // The pixel under the cursor, at its centre.
  const QPointF click(std::floor(position.x() * ratio) + 0.5, std::floor(position.y() * ratio) + 0.5);
  const auto* xyz = static_cast<const float*>(d->points->GetVoidPointer(0));
  return picker.pick(xyz, pointCount(), s.mask.empty() ? nullptr : s.mask.data(), click);
}

void MultiPointCloudView::setHighlightedPoint(qint64 index)
{
  if (index < -1 || index >= static_cast<qint64>(pointCount()))
  {
    throw std::invalid_argument("MultiPointCloudView::setHighlightedPoint: point " + std::to_string(index) +
      " does not exist; there are " + std::to_string(pointCount()) + " points");
  }
  d->highlighted = index;
  if (index >= 0)
  {
    d->marker->GetPoints()->SetPoint(0, d->points->GetPoint(index));
    d->marker->GetPoints()->Modified();
  }
  for (auto& s : d->viewports)
  {
    s->overlay->SetDraw(index >= 0 ? 1 : 0);
  }
  update();
}

qint64 MultiPointCloudView::highlightedPoint() const
{
  return d->highlighted;
}

QImage MultiPointCloudView::grabImage()
{
  return grabFramebuffer();
}

QImage MultiPointCloudView::grabView(int view)
{
  checkView("grabView", view);
  const QImage whole = grabFramebuffer();
  return whole.copy(d->deviceRect(view, whole.size()));
}

void MultiPointCloudView::interactionChangedScene()
{
  afterCameraMove();
  notifyCameraChange();
}

void MultiPointCloudView::resizeGL(int width, int height)
{
  VtkOpenGLWidget::resizeGL(width, height);
  layoutViews();
}

void MultiPointCloudView::layoutViews()
{
  // Viewports are fractions of the window, but cell edges must be whole
  // device pixels of the current size: recompute them on every resize.
  const QSize deviceSize = this->deviceSize();
  const ViewGrid grid(d->viewCount);
  for (int i = 0; i < grid.cellCount(); ++i)
  {
    const std::array<double, 4> fractions = grid.normalizedViewport(i, deviceSize);
    if (i < d->viewCount)
    {
      d->viewport(i).renderer->SetViewport(fractions.data());
      d->viewport(i).overlay->SetViewport(fractions.data());
    }
    else
    {
      d->fillers[static_cast<std::size_t>(i - d->viewCount)]->SetViewport(fractions.data());
    }
  }
}

void MultiPointCloudView::paintGL()
{
  VtkOpenGLWidget::paintGL();
  paintLabels();
}

void MultiPointCloudView::mousePressEvent(QMouseEvent* event)
{
  if (event->button() == Qt::LeftButton)
  {
    d->pressPosition = event->position().toPoint();
    d->leftPressed = true;
  }
  VtkOpenGLWidget::mousePressEvent(event);
}

void MultiPointCloudView::mouseReleaseEvent(QMouseEvent* event)
{
  VtkOpenGLWidget::mouseReleaseEvent(event);
  if (event->button() != Qt::LeftButton || !d->leftPressed)
  {
    return;
  }
  d->leftPressed = false;
  const QPoint position = event->position().toPoint();
  // A drag rotated the camera; only a click picks.
  if ((position - d->pressPosition).manhattanLength() > kClickSlop)
  {
    return;
  }
  const int view = viewAt(position);
  if (view >= 0)
  {
    emit pointPicked(view, pointAt(position));
  }
}

QSize MultiPointCloudView::deviceSize() const
{
  const qreal ratio = devicePixelRatioF();
  return { static_cast<int>(std::lround(width() * ratio)), static_cast<int>(std::lround(height() * ratio)) };
}

void MultiPointCloudView::checkView(const char* function, int view) const
{
  if (view < 0 || view >= d->viewCount)
  {
    throw std::invalid_argument(std::string("MultiPointCloudView::") + function + ": view " +
      std::to_string(view) + " does not exist; there are " + std::to_string(d->viewCount) + " views");
  }
}

void MultiPointCloudView::checkCount(const char* function, const char* what, std::size_t count) const
{
  if (count != pointCount())
  {
    throw std::invalid_argument(std::string("MultiPointCloudView::") + function + ": " + std::to_string(count) +
      " " + what + " given for " + std::to_string(pointCount()) + " points");
  }
}

void MultiPointCloudView::afterCameraMove()
{
  d->resetClippingRanges();
  update();
}

void MultiPointCloudView::notifyCameraChange()
{
  // The interactor also asks for renders that move nothing (a click).
  bool changed = false;
  for (auto& s : d->viewports)
  {
    const ViewCamera current = readCamera(s->activeCamera());
    changed = changed || current != s->lastReported;
    s->lastReported = current;
  }
  if (changed)
  {
    emit cameraChanged();
  }
}

void MultiPointCloudView::paintLabels()
{
  const bool framed = d->viewCount > 1;
  bool anyText = false;
  for (int i = 0; i < d->viewCount; ++i)
  {
    anyText = anyText || !d->viewport(i).title.isEmpty() || !d->viewport(i).caption.isEmpty();
  }
  if (!framed && !anyText)
  {
    return;
  }
  QPainter painter(this);
  QFont titleFont = font();
  titleFont.setBold(true);
  const auto drawLabel = [&painter](const QString& text, const QFont& labelFont, const QRect& cell, bool top) {
    if (text.isEmpty())
    {
      return;
    }
    constexpr int margin = 6;
    constexpr int padding = 3;
    painter.setFont(labelFont);
    const QFontMetrics metrics(labelFont);
    QRect box(0, 0, metrics.horizontalAdvance(text) + 2 * padding, metrics.height() + 2 * padding);
    box.moveLeft(cell.left() + margin);
    if (top)
    {
      box.moveTop(cell.top() + margin);
    }
    else
    {
      box.moveBottom(cell.bottom() - margin);
    }
    // A dark box keeps white text readable over bright points.
    painter.fillRect(box, QColor(0, 0, 0, 160));
    painter.setPen(Qt::white);
    painter.drawText(box, Qt::AlignCenter, text);
  };
  for (int i = 0; i < d->viewCount; ++i)
  {
    const QRect cell = viewRect(i);
    if (framed)
    {
      // The same one-pixel frame inside every cell, so identical views stay
      // identical; filled rectangles, as lines may land half a pixel off.
      const QColor frame(70, 70, 70);
      painter.fillRect(QRect(cell.left(), cell.top(), cell.width(), 1), frame);
      painter.fillRect(QRect(cell.left(), cell.bottom(), cell.width(), 1), frame);
      painter.fillRect(QRect(cell.left(), cell.top(), 1, cell.height()), frame);
      painter.fillRect(QRect(cell.right(), cell.top(), 1, cell.height()), frame);
    }
    drawLabel(d->viewport(i).title, titleFont, cell, true);
    drawLabel(d->viewport(i).caption, font(), cell, false);
  }
}

} // namespace quantlens
