#pragma once

// Internal to viewers/ (MultiPointCloudView, PointCloudView): not part of the
// public API, so it may show VTK types.

#include "viewers/ViewCamera.h"

#include <QString>

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkUnsignedCharArray.h>

#include <cstddef>
#include <cstdint>
#include <vector>

class vtkPoints;

namespace quantlens {

/// One viewport of a MultiPointCloudView: its renderer, its own polydata over
/// the shared points (own colors and vertex cells, so recoloring or masking
/// one view touches nothing else), and an overlay renderer for the marker.
struct PointCloudViewport
{
  PointCloudViewport(vtkPoints* points, vtkPolyData* marker);

  vtkCamera* activeCamera() const { return renderer->GetActiveCamera(); }
  void setActiveCamera(vtkCamera* camera);

  vtkNew<vtkRenderer> renderer;
  // Layer 1 clears depth but not color, so the marker is never hidden.
  vtkNew<vtkRenderer> overlay;
  vtkNew<vtkCamera> ownCamera; // used while cameras are not synchronized
  vtkNew<vtkPolyData> cloud;
  vtkNew<vtkUnsignedCharArray> colors;
  vtkNew<vtkPolyDataMapper> mapper;
  vtkNew<vtkActor> actor;
  vtkNew<vtkPolyDataMapper> markerMapper;
  vtkNew<vtkActor> markerFrame;
  vtkNew<vtkActor> markerCore;
  std::vector<std::uint8_t> mask; // empty: all points visible
  std::size_t visible = 0;
  QString title;
  QString caption;
  ViewCamera lastReported;
};

/// One vertex cell per given point index, built in bulk.
vtkSmartPointer<vtkCellArray> vertexCells(const std::vector<vtkIdType>& indices);
/// One vertex cell for each of points 0..count-1.
vtkSmartPointer<vtkCellArray> allVertexCells(std::size_t count);
/// Copies x, y, z of `count` x/y/z/remission points into `points` (float).
void copyPositions(const float* xyzr, std::size_t count, vtkPoints* points);
/// Wires cloud -> mapper -> actor so each point shows its own RGB byte color,
/// unlit, at 2 px: the pipeline every point view uses.
void connectColoredPoints(vtkPolyData* cloud, vtkUnsignedCharArray* colors, vtkPolyDataMapper* mapper, vtkActor* actor);

void applyCamera(vtkCamera* target, const ViewCamera& camera);
ViewCamera readCamera(vtkCamera* source);

} // namespace quantlens
