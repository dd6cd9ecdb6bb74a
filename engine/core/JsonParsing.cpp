#include "core/JsonParsing.h"

#include "core/EngineError.h"

#include <algorithm>
#include <utility>

namespace quantlens::jsonparsing {

namespace {

// Invalid UTF-8 cannot come out of parse(), but these helpers also see strings built in code.
std::string compact(const nlohmann::json& value)
{
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// `text` cut to `limit` bytes plus "…", never inside a UTF-8 sequence.
std::string cut(std::string text, std::size_t limit)
{
  if (text.size() <= limit)
    return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    --end;
  text.resize(end);
  return text + "…";
}

/// Appends compact JSON for `value` to `out`, stopping once `out` is longer than `limit`:
/// every level writes a bracket first, so recursion ends within `limit` levels.
void appendExcerpt(const nlohmann::json& value, std::string& out, std::size_t limit)
{
  if (out.size() > limit)
    return;
  if (!value.is_structured()) {
    out += compact(value);
    return;
  }
  const bool object = value.is_object();
  out += object ? '{' : '[';
  bool first = true;
  for (auto item = value.begin(); item != value.end() && out.size() <= limit; ++item) {
    out += first ? "" : ",";
    first = false;
    if (object)
      out += compact(item.key()) + ":";
    appendExcerpt(item.value(), out, limit);
  }
  if (out.size() <= limit)
    out += object ? '}' : ']';
}

} // namespace

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

void checkKeys(const nlohmann::json& object,
               const std::string& source,
               const std::string& path,
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

std::string excerpt(const nlohmann::json& value, std::size_t limit)
{
  std::string out;
  appendExcerpt(value, out, limit);
  return cut(std::move(out), limit);
}

std::string keyExcerpt(const std::string& key, std::size_t limit)
{
  const bool printable = std::none_of(key.begin(), key.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; });
  return printable && key.size() <= limit ? key : cut(compact(key), limit);
}

} // namespace quantlens::jsonparsing
