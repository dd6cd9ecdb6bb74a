#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace quantlens::cli {

/// Shows engine progress on stderr: a redrawn bar on a terminal, and plain
/// lines at every 10 % when stderr is a file or a pipe (CI logs, Slurm).
class ProgressPrinter
{
public:
  explicit ProgressPrinter(std::string task, bool quiet = false);
  ~ProgressPrinter();

  void update(double fraction, const std::string& message);
  /// Ends the bar line; called by the destructor too.
  void finish();

private:
  std::string task_;
  bool quiet_;
  bool terminal_;
  bool finished_ = false;
  bool drawn_ = false; ///< whether a bar is on the terminal line
  int lastDecile_ = -1;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

} // namespace quantlens::cli
