#include "CommandLine.h"

#include <charconv>

namespace quantlens::cli {

CommandLine::CommandLine(const std::vector<std::string>& arguments, const std::set<std::string>& valueOptions,
                         const std::set<std::string>& flagOptions)
{
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (argument.rfind("--", 0) != 0)
      throw UsageError("unexpected argument '" + argument + "'");
    std::string name = argument.substr(2);
    std::optional<std::string> inlineValue;
    if (const auto equals = name.find('='); equals != std::string::npos) {
      inlineValue = name.substr(equals + 1);
      name.resize(equals);
    }
    if (flagOptions.count(name)) {
      if (inlineValue)
        throw UsageError("--" + name + " takes no value");
      flags_.insert(name);
    } else if (valueOptions.count(name)) {
      if (!inlineValue && i + 1 >= arguments.size())
        throw UsageError("--" + name + " needs a value");
      values_[name] = inlineValue ? *inlineValue : arguments[++i];
    } else {
      throw UsageError("unknown option --" + name);
    }
  }
}

std::vector<std::string> CommandLine::splitList(const std::string& text)
{
  std::vector<std::string> items{""};
  for (const char c : text) {
    if (c == ',')
      items.emplace_back();
    else
      items.back() += c;
  }
  return items;
}

std::optional<std::string> CommandLine::value(const std::string& name) const
{
  const auto found = values_.find(name);
  return found == values_.end() ? std::nullopt : std::optional<std::string>(found->second);
}

std::string CommandLine::required(const std::string& name) const
{
  const auto found = value(name);
  if (!found || found->empty())
    throw UsageError("--" + name + " is required");
  return *found;
}

std::string CommandLine::valueOr(const std::string& name, const std::string& fallback) const
{
  return value(name).value_or(fallback);
}

long long CommandLine::integer(const std::string& name, long long fallback, long long minimum, long long maximum) const
{
  const auto text = value(name);
  if (!text)
    return fallback;
  long long number = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), number);
  if (error != std::errc() || end != text->data() + text->size())
    throw UsageError("--" + name + " expects an integer, got '" + *text + "'");
  if (number < minimum || number > maximum)
    throw UsageError("--" + name + " must be between " + std::to_string(minimum) + " and " + std::to_string(maximum) +
                     ", got " + *text);
  return number;
}

} // namespace quantlens::cli
