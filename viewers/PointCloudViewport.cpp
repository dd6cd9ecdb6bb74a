#include "viewers/PointCloudViewport.h"

#include <vtkIdTypeArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkProperty.h>

#include <algorithm>
#include <numeric>

namespace quantlens {

namespace {

// A black frame around a yellow core stands out on any color.
constexpr float kMarkerFrameSize = 15.0F;
constexpr float kMarkerCoreSize = 9.0F;

} // namespace

PointCloudViewport::PointCloudViewport(vtkPoints* points, vtkPolyData* marker)
{
  cloud->SetPoints(points);
  connectColoredPoints(cloud, colors, mapper, actor);
  renderer->AddActor(actor);

  markerMapper->SetInputData(marker);
  markerMapper->ScalarVisibilityOff();
  markerFrame->SetMapper(markerMapper);
  markerFrame->GetProperty()->LightingOff();
  markerFrame->GetProperty()->SetColor(0.0, 0.0, 0.0);
  markerFrame->GetProperty()->SetPointSize(kMarkerFrameSize);
  markerCore->SetMapper(markerMapper);
  markerCore->GetProperty()->LightingOff();
  markerCore->GetProperty()->SetColor(1.0, 1.0, 0.0);
  markerCore->GetProperty()->SetPointSize(kMarkerCoreSize);
  // Drawn in this order at the same depth: the core lands on the frame.
  overlay->AddActor(markerFrame);
  overlay->AddActor(markerCore);
  overlay->SetLayer(1);
  // Mouse input goes to the view's renderer below.
  overlay->InteractiveOff();
  overlay->DrawOff();
}

void PointCloudViewport::setActiveCamera(vtkCamera* camera)
{
  renderer->SetActiveCamera(camera);
  overlay->SetActiveCamera(camera);
}

vtkSmartPointer<vtkCellArray> vertexCells(const std::vector<vtkIdType>& indices)
{
  const auto n = static_cast<vtkIdType>(indices.size());
  vtkNew<vtkIdTypeArray> offsets;
  offsets->SetNumberOfValues(n + 1);
  std::iota(offsets->GetPointer(0), offsets->GetPointer(0) + n + 1, vtkIdType{ 0 });
  vtkNew<vtkIdTypeArray> connectivity;
  connectivity->SetNumberOfValues(n);
  std::copy(indices.begin(), indices.end(), connectivity->GetPointer(0));
  auto cells = vtkSmartPointer<vtkCellArray>::New();
  cells->SetData(offsets, connectivity);
  return cells;
}

void applyCamera(vtkCamera* target, const ViewCamera& camera)
{
  target->SetPosition(camera.position.data());
  target->SetFocalPoint(camera.focalPoint.data());
  target->SetViewUp(camera.viewUp.data());
  target->SetViewAngle(camera.viewAngle);
}

vtkSmartPointer<vtkCellArray> allVertexCells(std::size_t count)
{
  std::vector<vtkIdType> all(count);
  std::iota(all.begin(), all.end(), vtkIdType{ 0 });
  return vertexCells(all);
}

void copyPositions(const float* xyzr, std::size_t count, vtkPoints* points)
{
  constexpr std::size_t kFloatsPerPoint = 4; // x, y, z, remission
  points->SetDataTypeToFloat();
  points->SetNumberOfPoints(static_cast<vtkIdType>(count));
  auto* xyz = static_cast<float*>(points->GetVoidPointer(0));
  for (std::size_t i = 0; i < count; ++i)
  {
    std::copy_n(xyzr + i * kFloatsPerPoint, 3, xyz + i * 3);
  }
  points->Modified();
}

void connectColoredPoints(vtkPolyData* cloud, vtkUnsignedCharArray* colors, vtkPolyDataMapper* mapper, vtkActor* actor)
{
  colors->SetName("colors");
  colors->SetNumberOfComponents(3);
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
}

ViewCamera readCamera(vtkCamera* source)
{
  ViewCamera result;
  source->GetPosition(result.position.data());
  source->GetFocalPoint(result.focalPoint.data());
  source->GetViewUp(result.viewUp.data());
  result.viewAngle = source->GetViewAngle();
  return result;
}

} // namespace quantlens
