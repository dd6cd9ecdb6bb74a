"""SemanticKITTI reader and range projection in numpy, matching the C++ engine.

The projection is `engine/data/RangeProjection.cpp` (laserscan.py in float32):

  u = floor(0.5·(1 − atan2(y, x)/π)·W),  v = floor((1 − (asin(z/r) − fov_down)/fov)·H)

both clamped into the image; the closest point owns each pixel and on equal
ranges the lower point index wins; points with a non-finite or zero range are
left out (u = v = −1). The five channels (range, x, y, z, remission) are
normalized as (value − mean)·(1/std) in float32, as the engine does, and empty
pixels are exactly 0. Training code and the engine therefore see the same
input for the same scan.
"""
import ctypes
import ctypes.util
import dataclasses
import glob
import os
from typing import List, Optional, Tuple

import numpy as np

DEFAULT_MEANS = (12.12, 10.88, 0.23, -1.04, 0.21)
DEFAULT_STDS = (12.32, 11.47, 6.91, 0.86, 0.16)
DEFAULT_LABEL_CONFIG = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "resources", "labels", "semantic-kitti.yaml")


class DataError(Exception):
    """Bad input data: the message names the file and the problem."""


@dataclasses.dataclass(frozen=True)
class SensorConfig:
    height: int = 64
    width: int = 2048
    fov_up: float = 3.0
    fov_down: float = -25.0
    means: Tuple[float, ...] = DEFAULT_MEANS
    stds: Tuple[float, ...] = DEFAULT_STDS


@dataclasses.dataclass
class ProjectedScan:
    input: np.ndarray        # float32 (5, H, W), normalized, 0 at empty pixels
    range: np.ndarray        # float32 (H, W), unnormalized range, -1 at empty pixels
    pixel_point: np.ndarray  # int32 (H, W), index of the owning point, -1 when empty
    point_u: np.ndarray      # int32 (N,), column of each point, -1 when left out
    point_v: np.ndarray      # int32 (N,), row of each point, -1 when left out
    label_image: Optional[np.ndarray] = None  # uint8 (H, W), train id of the owner, 0 when empty

    @property
    def filled(self) -> np.ndarray:
        return self.pixel_point >= 0


def read_scan(path: str) -> np.ndarray:
    """Points of a .bin file as float32 (N, 4): x, y, z, remission."""
    size = os.path.getsize(path)
    if size == 0 or size % 16 != 0:
        raise DataError(f"{path}: {size} bytes is not a positive multiple of 16 (x, y, z, remission as float32)")
    return np.fromfile(path, dtype="<f4").reshape(-1, 4)


def read_labels(path: str, count: int) -> np.ndarray:
    """Raw semantic ids (lower 16 bits) of a .label file, checked against the point count."""
    raw = np.fromfile(path, dtype="<u4")
    if raw.size != count:
        raise DataError(f"{path}: {raw.size} labels for {count} points")
    return (raw & 0xFFFF).astype(np.int64)


class LabelMap:
    """learning_map of a semantic-kitti.yaml as a lookup table (unknown raw ids → 0)."""

    def __init__(self, path: str = DEFAULT_LABEL_CONFIG):
        import yaml
        try:
            with open(path, "r", encoding="utf-8") as f:
                config = yaml.safe_load(f)
        except OSError as e:
            raise DataError(f"{path}: cannot read label config ({e.strerror})")
        mapping = config.get("learning_map") if isinstance(config, dict) else None
        if not isinstance(mapping, dict) or not mapping:
            raise DataError(f"{path}: no learning_map")
        self.table = np.zeros(max(int(k) for k in mapping) + 1, dtype=np.uint8)
        for raw, train in mapping.items():
            self.table[int(raw)] = int(train)
        self.num_classes = int(self.table.max()) + 1
        names = config.get("labels", {})
        inverse = config.get("learning_map_inv", {})
        self.class_names = [str(names.get(inverse.get(c), c)) for c in range(self.num_classes)]

    def map(self, raw: np.ndarray) -> np.ndarray:
        out = np.zeros(raw.shape, dtype=np.uint8)
        known = raw < self.table.size
        out[known] = self.table[raw[known]]
        return out


def _float32_radians(degrees: float) -> np.float32:
    # Same operations as the engine: degrees / 180 * pi, in float32.
    return np.float32(degrees) / np.float32(180.0) * np.float32(np.pi)


# Pixels within this of an edge take their angle from libm, as in the engine
# (angles there come from a fast approximation unless a point is this close).
_EDGE_MARGIN = 1e-3


class _Libm:
    """libm's float functions, which the engine calls (std::atan2 and std::asin on floats)."""

    def __init__(self):
        lib = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
        self._atan2f, self._asinf = lib.atan2f, lib.asinf
        self._atan2f.restype = self._asinf.restype = ctypes.c_float
        self._atan2f.argtypes = [ctypes.c_float, ctypes.c_float]
        self._asinf.argtypes = [ctypes.c_float]

    def atan2f(self, y, x) -> np.float32:
        return np.float32(self._atan2f(float(y), float(x)))

    def asinf(self, s) -> np.float32:
        return np.float32(self._asinf(float(s)))


_libm = _Libm()


class _PixelGrid:
    """The engine's float32 formulas, operation for operation (no fused multiply-add)."""

    def __init__(self, sensor: SensorConfig):
        self.width = np.float32(sensor.width)
        self.height = np.float32(sensor.height)
        self.fov_down = _float32_radians(sensor.fov_down)
        self.fov = _float32_radians(sensor.fov_up) - self.fov_down

    def column_coordinate(self, atan2yx):
        yaw = -np.asarray(atan2yx, dtype=np.float32)
        return np.float32(0.5) * (yaw / np.float32(np.pi) + np.float32(1.0)) * self.width

    def row_coordinate(self, pitch):
        pitch = np.asarray(pitch, dtype=np.float32)
        return (np.float32(1.0) - (pitch - self.fov_down) / self.fov) * self.height


def project(points: np.ndarray, sensor: SensorConfig,
            point_labels: Optional[np.ndarray] = None) -> ProjectedScan:
    """Project (N, 4) float32 points; point_labels (train ids, (N,)) give the label image."""
    h, w = sensor.height, sensor.width
    points = np.ascontiguousarray(points, dtype=np.float32)
    x, y, z = points[:, 0], points[:, 1], points[:, 2]
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        rng = np.sqrt(x * x + y * y + z * z)
    valid = np.isfinite(rng) & (rng > 0)
    xv, yv, zv, rv = x[valid], y[valid], z[valid], rng[valid]
    sine = zv / rv
    # numpy's float32 atan2/asin may be vectorized approximations (SVML) a few
    # ulp from libm; angles in float64 rounded to float32 are within an ulp of
    # libm, which can only matter right at a pixel edge; there libm decides.
    atan2yx = np.arctan2(yv.astype(np.float64), xv.astype(np.float64)).astype(np.float32)
    pitch = np.arcsin(sine.astype(np.float64)).astype(np.float32)
    grid = _PixelGrid(sensor)
    u_f = grid.column_coordinate(atan2yx)
    v_f = grid.row_coordinate(pitch)
    for coordinate, recompute in ((u_f, lambda k: grid.column_coordinate(_libm.atan2f(yv[k], xv[k]))),
                                  (v_f, lambda k: grid.row_coordinate(_libm.asinf(sine[k])))):
        fraction = coordinate - np.floor(coordinate)
        for k in np.nonzero((fraction < _EDGE_MARGIN) | (fraction > 1 - _EDGE_MARGIN))[0]:
            coordinate[k] = recompute(k)
    u = np.clip(np.floor(u_f), 0, w - 1).astype(np.int32)
    v = np.clip(np.floor(v_f), 0, h - 1).astype(np.int32)

    n = points.shape[0]
    point_u = np.full(n, -1, dtype=np.int32)
    point_v = np.full(n, -1, dtype=np.int32)
    point_u[valid] = u
    point_v[valid] = v

    # Owner of each pixel: the smallest (range, index). lexsort sorts by the
    # last key first; np.unique's first occurrence is then the owner.
    index = np.nonzero(valid)[0]
    pixel = v.astype(np.int64) * w + u
    order = np.lexsort((index, rng[valid], pixel))
    sorted_pixels = pixel[order]
    first = np.ones(sorted_pixels.size, dtype=bool)
    first[1:] = sorted_pixels[1:] != sorted_pixels[:-1]
    owner_pixels = sorted_pixels[first]
    owners = index[order[first]]

    pixel_point = np.full(h * w, -1, dtype=np.int32)
    pixel_point[owner_pixels] = owners
    range_image = np.full(h * w, -1.0, dtype=np.float32)
    range_image[owner_pixels] = rng[owners]

    values = np.empty((5, owners.size), dtype=np.float32)
    values[0] = rng[owners]
    values[1:] = points[owners, :4].T
    means = np.asarray(sensor.means, dtype=np.float32)[:, None]
    inverse_stds = (np.float32(1.0) / np.asarray(sensor.stds, dtype=np.float32))[:, None]
    image = np.zeros((5, h * w), dtype=np.float32)
    image[:, owner_pixels] = (values - means) * inverse_stds

    label_image = None
    if point_labels is not None:
        label_image = np.zeros(h * w, dtype=np.uint8)
        label_image[owner_pixels] = point_labels[owners]
        label_image = label_image.reshape(h, w)
    return ProjectedScan(input=image.reshape(5, h, w), range=range_image.reshape(h, w),
                         pixel_point=pixel_point.reshape(h, w), point_u=point_u, point_v=point_v,
                         label_image=label_image)


class Sequence:
    """sequences/NN/: velodyne/*.bin in numeric order, labels/*.label when present."""

    def __init__(self, folder: str, label_map: Optional[LabelMap] = None):
        velodyne = os.path.join(folder, "velodyne")
        if not os.path.isdir(velodyne):
            raise DataError(f"{folder}: no velodyne/ folder")
        self.scan_paths: List[str] = sorted(glob.glob(os.path.join(velodyne, "*.bin")),
                                            key=lambda p: int(os.path.splitext(os.path.basename(p))[0]))
        if not self.scan_paths:
            raise DataError(f"{velodyne}: no .bin scans")
        labels = os.path.join(folder, "labels")
        self.label_paths: Optional[List[str]] = None
        if os.path.isdir(labels):
            self.label_paths = [os.path.join(labels, os.path.splitext(os.path.basename(p))[0] + ".label")
                                for p in self.scan_paths]
            for p in self.label_paths:
                if not os.path.isfile(p):
                    raise DataError(f"{p}: missing label file")
        self.label_map = label_map

    def __len__(self) -> int:
        return len(self.scan_paths)

    def points(self, i: int) -> np.ndarray:
        return read_scan(self.scan_paths[i])

    def train_labels(self, i: int, count: int) -> np.ndarray:
        """Train ids per point (uint8)."""
        if self.label_paths is None or self.label_map is None:
            raise DataError(f"{self.scan_paths[i]}: no labels (or no label map) for this sequence")
        return self.label_map.map(read_labels(self.label_paths[i], count))
