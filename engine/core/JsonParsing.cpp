#include "core/JsonParsing.h"

#include "core/EngineError.h"

namespace quantlens::jsonparsing {

nlohmann::json parse(std::string_view text, const std::string& source)
{
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& error) {
    // what() reads "[json.exception.parse_error.101] parse error at line L, column C: ..."; keep the readable part.
    const std::string message = error.what();
    const auto bracket = message.find("] ");
    fail(source, "", "invalid JSON: " + (bracket == std::string::npos ? message : message.substr(bracket + 2)));
  }
}

void fail(const std::string& source, const std::string& path, const std::string& problem)
{
  throw EngineError(source + ": " + (path.empty() ? "" : path + ": ") + problem);
}

} // namespace quantlens::jsonparsing
