#pragma once

// For engine .cpp files only: includes nlohmann/json, which the engine links privately.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace quantlens::jsonparsing {

/// Parses JSON text; a syntax error becomes an EngineError
/// "<source>: invalid JSON: parse error at line L, column C: ...".
nlohmann::json parse(std::string_view text, const std::string& source);

/// Throws EngineError "<source>: <path>: <problem>" (path may be empty).
[[noreturn]] void fail(const std::string& source, const std::string& path, const std::string& problem);

/// "<path>.<key>", or "<key>" at the top level (empty path).
std::string join(const std::string& path, const std::string& key);

/// Refuses the first key of `object` not in `allowed`: EngineError
/// "<source>: <path>.<key>: unknown key (expected one of: ...)".
void checkKeys(const nlohmann::json& object,
               const std::string& source,
               const std::string& path,
               std::initializer_list<const char*> allowed);

/// A JSON true/false, or EngineError "<source>: <path>: expected true or false, got ...".
bool boolean(const nlohmann::json& value, const std::string& source, const std::string& path);

/// `value` as compact JSON (like dump()), cut to at most `limit` characters plus "…"
/// when longer, so an error quotes a value without printing a whole document.
/// Writes only what it keeps: a huge or deeply nested value costs no more than a small one.
std::string excerpt(const nlohmann::json& value, std::size_t limit = 60);

/// An object key fit for an error path: the key itself when it is short and
/// printable, otherwise its JSON-quoted form cut like excerpt(), so a key with
/// a newline or a megabyte of text still gives a one-line message.
std::string keyExcerpt(const std::string& key, std::size_t limit = 60);

} // namespace quantlens::jsonparsing
