#include "viewers/StandardView.h"

namespace quantlens {

ViewCamera standardCamera(StandardView view)
{
  ViewCamera camera;
  camera.viewAngle = 50.0;
  switch (view)
  {
    case StandardView::Top:
      // 80 m up with a 50 degree field shows about 37 m around the focal point,
      // centred a little ahead of the car where the road is.
      camera.position = { 10.0, 0.0, 80.0 };
      camera.focalPoint = { 10.0, 0.0, 0.0 };
      camera.viewUp = { 1.0, 0.0, 0.0 };
      break;
    case StandardView::Side:
      camera.position = { 10.0, -70.0, 3.0 };
      camera.focalPoint = { 10.0, 0.0, 0.0 };
      camera.viewUp = { 0.0, 0.0, 1.0 };
      break;
    case StandardView::Driver:
      camera.position = { -12.0, 0.0, 7.0 };
      camera.focalPoint = { 12.0, 0.0, 0.0 };
      camera.viewUp = { 0.0, 0.0, 1.0 };
      break;
  }
  return camera;
}

} // namespace quantlens
