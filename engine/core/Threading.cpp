#include "core/Threading.h"

#include "core/EngineError.h"

#include <torch/torch.h>

#include <thread>

namespace quantlens {

void setComputeThreads(int threads)
{
  if (threads < 0)
    throw EngineError("the number of compute threads must be 0 (all cores) or positive, got " +
                      std::to_string(threads));
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  torch::set_num_threads(threads == 0 ? static_cast<int>(cores) : threads);
}

int computeThreads()
{
  return torch::get_num_threads();
}

} // namespace quantlens
