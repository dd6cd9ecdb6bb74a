#include "core/EngineError.h"
#include "core/Threading.h"

#include <gtest/gtest.h>

#include <thread>

using namespace quantlens;

TEST(Threading, SetsAndReadsTheComputeThreadCount)
{
  setComputeThreads(1);
  EXPECT_EQ(computeThreads(), 1);
  setComputeThreads(2);
  EXPECT_EQ(computeThreads(), 2);
  setComputeThreads(0);
  EXPECT_EQ(computeThreads(), static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
}

TEST(Threading, RejectsNegativeCounts)
{
  EXPECT_THROW(setComputeThreads(-1), EngineError);
}
