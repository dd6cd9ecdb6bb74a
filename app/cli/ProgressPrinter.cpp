#include "ProgressPrinter.h"

#include <unistd.h>

namespace quantlens::cli {

namespace {
constexpr int kBarWidth = 30;
}

ProgressPrinter::ProgressPrinter(std::string task, bool quiet)
  : task_(std::move(task))
  , quiet_(quiet)
  , terminal_(::isatty(STDERR_FILENO) == 1)
{
}

ProgressPrinter::~ProgressPrinter()
{
  finish();
}

void ProgressPrinter::update(double fraction, const std::string& message)
{
  if (quiet_ || finished_)
    return;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const int percent = static_cast<int>(fraction * 100.0 + 0.5);
  if (terminal_) {
    const int filled = static_cast<int>(fraction * kBarWidth + 0.5);
    std::fprintf(stderr, "\r%s [%s%s] %3d%% %5.1fs %s\033[K", task_.c_str(), std::string(filled, '#').c_str(),
                 std::string(kBarWidth - filled, '.').c_str(), percent, seconds, message.c_str());
    std::fflush(stderr);
    drawn_ = true;
    return;
  }
  const int decile = percent / 10;
  if (decile == lastDecile_)
    return;
  lastDecile_ = decile;
  std::fprintf(stderr, "%s: %d%% (%.1fs) %s\n", task_.c_str(), percent, seconds, message.c_str());
}

void ProgressPrinter::finish()
{
  if (finished_)
    return;
  finished_ = true;
  if (drawn_)
    std::fprintf(stderr, "\n");
}

} // namespace quantlens::cli
