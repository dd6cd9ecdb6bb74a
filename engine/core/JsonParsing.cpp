#include "core/JsonParsing.h"

#include "core/EngineError.h"

#include <algorithm>

namespace quantlens::jsonparsing {

nlohmann::json parse(std::string_view text, const std::string& source)
{
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& error) {
    // what() reads "[json.exception.parse_error.101] parse error at line L, column C: ..."; keep the readable part.
    // A number too big for a double (1e999) is out_of_range, not parse_error: just as invalid here.
    const std::string message = error.what();
    const auto bracket = message.find("] ");
    fail(source, "", "invalid JSON: " + (bracket == std::string::npos ? message : message.substr(bracket + 2)));
  }
}

void fail(const std::string& source, const std::string& path, const std::string& problem)
{
  throw EngineError(source + ": " + (path.empty() ? "" : path + ": ") + problem);
}

std::string join(const std::string& path, const std::string& key)
{
  return path.empty() ? key : path + "." + key;
}

void checkKeys(const nlohmann::json& object, const std::string& source, const std::string& path,
               std::initializer_list<const char*> allowed)
{
  for (const auto& item : object.items()) {
    const std::string& key = item.key();
    if (std::none_of(allowed.begin(), allowed.end(), [&key](const char* name) { return key == name; })) {
      std::string list;
      for (const char* name : allowed)
        list += (list.empty() ? "" : ", ") + std::string(name);
      fail(source, join(path, key), "unknown key (expected one of: " + list + ")");
    }
  }
}

bool boolean(const nlohmann::json& value, const std::string& source, const std::string& path)
{
  if (!value.is_boolean())
    fail(source, path, "expected true or false, got " + value.dump());
  return value.get<bool>();
}

} // namespace quantlens::jsonparsing
