#pragma once

namespace quantlens {

/// Where a computation runs. The engine picks CUDA only when asked and available.
enum class ComputeDevice { Cpu, Cuda };

} // namespace quantlens
