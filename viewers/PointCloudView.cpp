#include "viewers/PointCloudView.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkIdTypeArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace quantlens {

namespace {

constexpr std::size_t kFloatsPerPoint = 4; // x, y, z, remission

// Behind and above the sensor, looking ahead along +x: what a driver sees.
ViewCamera driverCamera()
{
  ViewCamera camera;
  camera.position = { -12.0, 0.0, 7.0 };
  camera.focalPoint = { 12.0, 0.0, 0.0 };
  camera.viewUp = { 0.0, 0.0, 1.0 };
  camera.viewAngle = 50.0;
  return camera;
}

} // namespace

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
  colors->SetName("colors");
  colors->SetNumberOfComponents(3);
  cloud->SetPoints(vtkNew<vtkPoints>());
  cloud->SetVerts(vtkNew<vtkCellArray>());
  cloud->GetPointData()->SetScalars(colors);

  mapper->SetInputData(cloud);
  mapper->SetScalarModeToUsePointData();
  // The bytes are the colors: no lookup table.
  mapper->SetColorModeToDirectScalars();
  mapper->ScalarVisibilityOn();

  actor->SetMapper(mapper);
  // Unlit, so a pixel shows exactly the color it was given.
  actor->GetProperty()->LightingOff();
  actor->GetProperty()->SetPointSize(2.0F);
  renderer->AddActor(actor);
  renderer->SetBackground(0.0, 0.0, 0.0);
}

ViewCamera PointCloudView::Private::readCamera() const
{
  ViewCamera result;
  camera()->GetPosition(result.position.data());
  camera()->GetFocalPoint(result.focalPoint.data());
  camera()->GetViewUp(result.viewUp.data());
  result.viewAngle = camera()->GetViewAngle();
  return result;
}

PointCloudView::PointCloudView(QWidget* parent)
  : VtkOpenGLWidget(parent)
  , d(std::make_unique<Private>())
{
  renderWindow()->AddRenderer(d->renderer);
  setCamera(driverCamera());
}

PointCloudView::~PointCloudView() = default;

void PointCloudView::setPoints(const float* xyzr, std::size_t count)
{
  const auto n = static_cast<vtkIdType>(count);
  vtkNew<vtkPoints> points;
  points->SetDataTypeToFloat();
  points->SetNumberOfPoints(n);
  auto* xyz = static_cast<float*>(points->GetVoidPointer(0));
  for (std::size_t i = 0; i < count; ++i)
  {
    std::copy_n(xyzr + i * kFloatsPerPoint, 3, xyz + i * 3);
  }

  // One vertex cell per point, built in bulk: offsets 0..n, connectivity 0..n-1.
  vtkNew<vtkIdTypeArray> offsets;
  offsets->SetNumberOfValues(n + 1);
  std::iota(offsets->GetPointer(0), offsets->GetPointer(0) + n + 1, vtkIdType{ 0 });
  vtkNew<vtkIdTypeArray> connectivity;
  connectivity->SetNumberOfValues(n);
  std::iota(connectivity->GetPointer(0), connectivity->GetPointer(0) + n, vtkIdType{ 0 });
  vtkNew<vtkCellArray> vertices;
  vertices->SetData(offsets, connectivity);

  d->colors->SetNumberOfTuples(n);
  std::fill_n(d->colors->GetPointer(0), count * 3, std::uint8_t{ 255 });
  d->colors->Modified();

  d->cloud->SetPoints(points);
  d->cloud->SetVerts(vertices);
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
  applyCamera(driverCamera());
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
  vtkCamera* target = d->camera();
  target->SetPosition(camera.position.data());
  target->SetFocalPoint(camera.focalPoint.data());
  target->SetViewUp(camera.viewUp.data());
  target->SetViewAngle(camera.viewAngle);
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
