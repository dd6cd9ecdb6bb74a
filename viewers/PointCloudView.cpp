#include "viewers/PointCloudView.h"

#include "viewers/PointCloudViewport.h"
#include "viewers/StandardView.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace quantlens {

class PointCloudView::Private
{
public:
  Private();
  vtkCamera* camera() const { return renderer->GetActiveCamera(); }
  ViewCamera readCamera() const;

  vtkNew<vtkRenderer> renderer;
  vtkNew<vtkPolyData> cloud;
  vtkNew<vtkUnsignedCharArray> colors;
  vtkNew<vtkPolyDataMapper> mapper;
  vtkNew<vtkActor> actor;
  ViewCamera lastReportedCamera;
};

PointCloudView::Private::Private()
{
  cloud->SetPoints(vtkNew<vtkPoints>());
  connectColoredPoints(cloud, colors, mapper, actor);
  renderer->AddActor(actor);
  renderer->SetBackground(0.0, 0.0, 0.0);
}

ViewCamera PointCloudView::Private::readCamera() const
{
  return quantlens::readCamera(camera());
}

PointCloudView::PointCloudView(QWidget* parent)
  : VtkOpenGLWidget(parent)
  , d(std::make_unique<Private>())
{
  renderWindow()->AddRenderer(d->renderer);
  setCamera(standardCamera(StandardView::Driver));
}

PointCloudView::~PointCloudView() = default;

void PointCloudView::setPoints(const float* xyzr, std::size_t count)
{
  const auto n = static_cast<vtkIdType>(count);
  vtkNew<vtkPoints> points;
  copyPositions(xyzr, count, points);

  d->colors->SetNumberOfTuples(n);
  std::fill_n(d->colors->GetPointer(0), count * 3, std::uint8_t{ 255 });
  d->colors->Modified();

  d->cloud->SetPoints(points);
  d->cloud->SetVerts(allVertexCells(count));
  d->renderer->ResetCameraClippingRange();
  update();
}

std::size_t PointCloudView::pointCount() const
{
  return static_cast<std::size_t>(d->cloud->GetNumberOfPoints());
}

void PointCloudView::setColors(const std::uint8_t* rgb, std::size_t count)
{
  if (count != pointCount())
  {
    throw std::invalid_argument("PointCloudView::setColors: " + std::to_string(count) +
      " colors given for " + std::to_string(pointCount()) + " points");
  }
  std::copy_n(rgb, count * 3, d->colors->GetPointer(0));
  // Only the color array changes: the mapper re-uploads colors, not geometry.
  d->colors->Modified();
  update();
}

void PointCloudView::setPointSize(float pixels)
{
  d->actor->GetProperty()->SetPointSize(pixels);
  update();
}

void PointCloudView::setBackground(const QColor& color)
{
  d->renderer->SetBackground(color.redF(), color.greenF(), color.blueF());
  update();
}

void PointCloudView::resetCamera()
{
  applyCamera(standardCamera(StandardView::Driver));
  notifyCameraChange();
}

ViewCamera PointCloudView::camera() const
{
  return d->readCamera();
}

void PointCloudView::setCamera(const ViewCamera& camera)
{
  applyCamera(camera);
  d->lastReportedCamera = d->readCamera();
}

void PointCloudView::applyCamera(const ViewCamera& camera)
{
  quantlens::applyCamera(d->camera(), camera);
  d->renderer->ResetCameraClippingRange();
  update();
}

void PointCloudView::rotateAzimuth(double degrees)
{
  d->camera()->Azimuth(degrees);
  d->renderer->ResetCameraClippingRange();
  notifyCameraChange();
  update();
}

QImage PointCloudView::grabImage()
{
  return grabFramebuffer();
}

void PointCloudView::interactionChangedScene()
{
  notifyCameraChange();
}

void PointCloudView::notifyCameraChange()
{
  // The interactor also asks for renders that move nothing (a click).
  const ViewCamera current = d->readCamera();
  if (current == d->lastReportedCamera)
  {
    return;
  }
  d->lastReportedCamera = current;
  emit cameraChanged(current);
}

} // namespace quantlens
