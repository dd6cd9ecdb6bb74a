#pragma once

// For engine .cpp files only: includes nlohmann/json, which the engine links privately.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace quantlens::jsonparsing {

/// Parses JSON text; a syntax error becomes an EngineError
/// "<source>: invalid JSON: parse error at line L, column C: ...".
nlohmann::json parse(std::string_view text, const std::string& source);

/// Throws EngineError "<source>: <path>: <problem>" (path may be empty).
[[noreturn]] void fail(const std::string& source, const std::string& path, const std::string& problem);

} // namespace quantlens::jsonparsing
