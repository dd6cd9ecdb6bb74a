#pragma once

namespace quantlens {

/// Threads LibTorch's CPU kernels use (intra-op). Debian's LibTorch starts
/// with one here, so callers set it explicitly: 0 means one per core.
/// Affects the whole process; call it before starting engine work.
void setComputeThreads(int threads);
int computeThreads();

} // namespace quantlens
