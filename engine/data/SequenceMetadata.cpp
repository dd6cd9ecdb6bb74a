#include "data/SequenceMetadata.h"

#include "core/EngineError.h"
#include "core/FileIO.h"

#include <charconv>
#include <cstdio>

namespace quantlens {

namespace {

/// Splits text into lines, keeping line numbers for error messages; skips blank lines.
template <typename LineHandler>
void forEachLine(const std::string& text, LineHandler handle)
{
  std::size_t lineNumber = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos)
      end = text.size();
    ++lineNumber;
    std::string_view line(text.data() + start, end - start);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos)
      handle(line, lineNumber);
    start = end + 1;
  }
}

[[noreturn]] void throwParseError(const std::filesystem::path& file, std::size_t lineNumber, const std::string& what)
{
  throw EngineError("'" + file.string() + "', line " + std::to_string(lineNumber) + ": " + what);
}

/// Parses whitespace-separated numbers (locale-independent).
std::vector<double> parseNumbers(std::string_view text, const std::filesystem::path& file, std::size_t lineNumber)
{
  std::vector<double> numbers;
  const char* cursor = text.data();
  const char* end = text.data() + text.size();
  while (cursor < end) {
    while (cursor < end && (*cursor == ' ' || *cursor == '\t'))
      ++cursor;
    if (cursor == end)
      break;
    double value = 0.0;
    const auto [next, error] = std::from_chars(cursor, end, value);
    if (error != std::errc())
      throwParseError(file, lineNumber, "expected a number, found '" + std::string(cursor, std::min<std::size_t>(end - cursor, 20)) + "'");
    numbers.push_back(value);
    cursor = next;
  }
  return numbers;
}

Transform3x4 toTransform(const std::vector<double>& numbers, const std::filesystem::path& file, std::size_t lineNumber)
{
  if (numbers.size() != 12)
    throwParseError(file, lineNumber, "expected 12 numbers (a 3x4 matrix), found " + std::to_string(numbers.size()));
  Transform3x4 transform{};
  std::copy(numbers.begin(), numbers.end(), transform.begin());
  return transform;
}

std::string formatTransform(const Transform3x4& transform)
{
  std::string line;
  char buffer[32];
  for (std::size_t i = 0; i < transform.size(); ++i) {
    std::snprintf(buffer, sizeof(buffer), "%.9e", transform[i]);
    line += (i ? " " : "") + std::string(buffer);
  }
  return line;
}

} // namespace

std::map<std::string, Transform3x4> SequenceMetadata::readCalibration(const std::filesystem::path& file)
{
  std::map<std::string, Transform3x4> calibration;
  forEachLine(fileio::readText(file), [&](std::string_view line, std::size_t lineNumber) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0)
      throwParseError(file, lineNumber, "expected 'NAME: 12 numbers'");
    const std::string name(line.substr(0, colon));
    calibration[name] = toTransform(parseNumbers(line.substr(colon + 1), file, lineNumber), file, lineNumber);
  });
  return calibration;
}

std::vector<Transform3x4> SequenceMetadata::readPoses(const std::filesystem::path& file)
{
  std::vector<Transform3x4> poses;
  forEachLine(fileio::readText(file), [&](std::string_view line, std::size_t lineNumber) {
    poses.push_back(toTransform(parseNumbers(line, file, lineNumber), file, lineNumber));
  });
  return poses;
}

std::vector<double> SequenceMetadata::readTimes(const std::filesystem::path& file)
{
  std::vector<double> times;
  forEachLine(fileio::readText(file), [&](std::string_view line, std::size_t lineNumber) {
    const auto numbers = parseNumbers(line, file, lineNumber);
    if (numbers.size() != 1)
      throwParseError(file, lineNumber, "expected one time stamp, found " + std::to_string(numbers.size()) + " numbers");
    times.push_back(numbers.front());
  });
  return times;
}

void SequenceMetadata::writeCalibration(const std::filesystem::path& file,
                                        const std::map<std::string, Transform3x4>& calibration)
{
  std::string text;
  for (const auto& [name, transform] : calibration)
    text += name + ": " + formatTransform(transform) + "\n";
  fileio::writeAtomically(file, text);
}

void SequenceMetadata::writePoses(const std::filesystem::path& file, const std::vector<Transform3x4>& poses)
{
  std::string text;
  for (const auto& pose : poses)
    text += formatTransform(pose) + "\n";
  fileio::writeAtomically(file, text);
}

void SequenceMetadata::writeTimes(const std::filesystem::path& file, const std::vector<double>& times)
{
  std::string text;
  char buffer[32];
  for (const double time : times) {
    std::snprintf(buffer, sizeof(buffer), "%.6e\n", time);
    text += buffer;
  }
  fileio::writeAtomically(file, text);
}

} // namespace quantlens
