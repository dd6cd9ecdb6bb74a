#include "torchimpl/FxNamespace.h"

#include <cctype>
#include <charconv>
#include <optional>
#include <utility>

namespace quantlens::torchgraph {

namespace {

bool isIdentifierChar(char c)
{
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

std::string sanitized(const std::string& candidate)
{
  std::string name;
  bool inIllegalRun = false;
  for (const char c : candidate) {
    if (isIdentifierChar(c)) {
      name += c;
      inIllegalRun = false;
    } else if (!inIllegalRun) {
      name += '_';
      inIllegalRun = true;
    }
  }
  if (name.empty())
    name = "_unnamed";
  if (std::isdigit(static_cast<unsigned char>(name.front())) != 0)
    name.insert(name.begin(), '_');
  return name;
}

/// fx's "(.*)_(\d+)$": the base and the number, when the name ends in "_<digits>".
std::optional<std::pair<std::string, unsigned long long>> splitSuffix(const std::string& name)
{
  std::size_t digits = 0;
  while (digits < name.size() && std::isdigit(static_cast<unsigned char>(name[name.size() - 1 - digits])) != 0)
    ++digits;
  if (digits == 0 || digits + 1 > name.size() || name[name.size() - 1 - digits] != '_')
    return std::nullopt;
  unsigned long long number = 0;
  const char* first = name.data() + name.size() - digits;
  const auto [end, error] = std::from_chars(first, name.data() + name.size(), number);
  if (error != std::errc() || end != name.data() + name.size())
    return std::nullopt; // more digits than fit: Python would cope, names that long never occur
  return std::make_pair(name.substr(0, name.size() - 1 - digits), number);
}

} // namespace

std::string FxNamespace::createName(const std::string& candidate)
{
  std::string name = sanitized(candidate);
  std::string base = name;
  unsigned long long number = 0;
  if (const auto split = splitSuffix(name)) {
    base = split->first;
    number = split->second;
    name = base + "_" + std::to_string(number); // normalizes "x_01" to "x_1", as fx does
  }
  if (number == 0)
    number = baseCount_[base];
  while (used_.count(name) > 0 || isReserved(name)) {
    ++number;
    name = base + "_" + std::to_string(number);
  }
  used_.insert(name);
  baseCount_[base] = number;
  return name;
}

std::string FxNamespace::snakeCase(const std::string& target)
{
  std::string result;
  bool previousLower = false;
  for (const char c : target) {
    const bool upper = std::isupper(static_cast<unsigned char>(c)) != 0;
    if (previousLower && upper)
      result += '_';
    result += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    previousLower = std::islower(static_cast<unsigned char>(c)) != 0;
  }
  return result;
}

bool FxNamespace::isReserved(const std::string& name)
{
  // keyword.kwlist, the builtins a model's ops could be called, and fx's own
  // reserved names (_custom_builtins).
  static const std::set<std::string> reserved = { "False",
                                                  "None",
                                                  "True",
                                                  "and",
                                                  "as",
                                                  "assert",
                                                  "async",
                                                  "await",
                                                  "break",
                                                  "class",
                                                  "continue",
                                                  "def",
                                                  "del",
                                                  "elif",
                                                  "else",
                                                  "except",
                                                  "finally",
                                                  "for",
                                                  "from",
                                                  "global",
                                                  "if",
                                                  "import",
                                                  "in",
                                                  "is",
                                                  "lambda",
                                                  "nonlocal",
                                                  "not",
                                                  "or",
                                                  "pass",
                                                  "raise",
                                                  "return",
                                                  "try",
                                                  "while",
                                                  "with",
                                                  "yield",
                                                  "abs",
                                                  "all",
                                                  "any",
                                                  "ascii",
                                                  "bin",
                                                  "bool",
                                                  "breakpoint",
                                                  "bytearray",
                                                  "bytes",
                                                  "callable",
                                                  "chr",
                                                  "classmethod",
                                                  "compile",
                                                  "complex",
                                                  "copyright",
                                                  "credits",
                                                  "delattr",
                                                  "dict",
                                                  "dir",
                                                  "divmod",
                                                  "enumerate",
                                                  "eval",
                                                  "exec",
                                                  "exit",
                                                  "filter",
                                                  "float",
                                                  "format",
                                                  "frozenset",
                                                  "getattr",
                                                  "globals",
                                                  "hasattr",
                                                  "hash",
                                                  "help",
                                                  "hex",
                                                  "id",
                                                  "input",
                                                  "int",
                                                  "isinstance",
                                                  "issubclass",
                                                  "iter",
                                                  "len",
                                                  "license",
                                                  "list",
                                                  "locals",
                                                  "map",
                                                  "max",
                                                  "memoryview",
                                                  "min",
                                                  "next",
                                                  "object",
                                                  "oct",
                                                  "open",
                                                  "ord",
                                                  "pow",
                                                  "print",
                                                  "property",
                                                  "quit",
                                                  "range",
                                                  "repr",
                                                  "reversed",
                                                  "round",
                                                  "set",
                                                  "setattr",
                                                  "slice",
                                                  "sorted",
                                                  "staticmethod",
                                                  "str",
                                                  "sum",
                                                  "super",
                                                  "tuple",
                                                  "type",
                                                  "vars",
                                                  "zip",
                                                  "Ellipsis",
                                                  "NotImplemented",
                                                  "Exception",
                                                  "BaseException",
                                                  "ValueError",
                                                  "TypeError",
                                                  "RuntimeError",
                                                  "KeyError",
                                                  "IndexError",
                                                  "AttributeError",
                                                  "StopIteration",
                                                  "__import__",
                                                  "__build_class__",
                                                  "__debug__",
                                                  "__doc__",
                                                  "__name__",
                                                  "__loader__",
                                                  "__package__",
                                                  "__spec__",
                                                  "inf",
                                                  "nan",
                                                  "NoneType",
                                                  "torch",
                                                  "device",
                                                  "fx_pytree",
                                                  "pytree" };
  return reserved.count(name) > 0;
}

} // namespace quantlens::torchgraph
