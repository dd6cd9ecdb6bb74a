#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace quantlens::cli {

/// Thrown for bad command-line usage; main() prints it and exits with status 2.
class UsageError : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

/// Parsed options of one sub-command: `--name value`, `--name=value` and
/// boolean `--flag`. The sub-command declares which names take a value and
/// which are flags, so a typo is an error instead of being ignored.
class CommandLine
{
public:
  CommandLine(const std::vector<std::string>& arguments, const std::set<std::string>& valueOptions,
              const std::set<std::string>& flagOptions);

  bool has(const std::string& name) const { return values_.count(name) || flags_.count(name); }
  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;

  /// The value, or a UsageError saying that --name is required.
  std::string required(const std::string& name) const;
  std::string valueOr(const std::string& name, const std::string& fallback) const;
  /// "a,b,c" -> {"a", "b", "c"} (for --preset and --inputs lists).
  static std::vector<std::string> splitList(const std::string& text);
  /// Integer value within [minimum, maximum]; UsageError otherwise.
  long long integer(const std::string& name, long long fallback, long long minimum, long long maximum) const;

private:
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
};

} // namespace quantlens::cli
