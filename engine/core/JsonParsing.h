#pragma once

// For engine .cpp files only: includes nlohmann/json, which the engine links privately.

#include <nlohmann/json.hpp>

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
void checkKeys(const nlohmann::json& object, const std::string& source, const std::string& path,
               std::initializer_list<const char*> allowed);

/// A JSON true/false, or EngineError "<source>: <path>: expected true or false, got ...".
bool boolean(const nlohmann::json& value, const std::string& source, const std::string& path);

} // namespace quantlens::jsonparsing
