#include "TestData.h"

#include <random>

#include "core/EngineError.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace quantlens::test {

std::filesystem::path freshTempDir(const std::string& name)
{
  const char* root = std::getenv("QUANTLENS_TEST_TMP");
  std::filesystem::path base = root ? std::filesystem::path(root) : std::filesystem::temp_directory_path() / "quantlens-tests";
  // The process id keeps concurrent ctest runs (-j) apart.
  const auto dir = base / (name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void writeBytes(const std::filesystem::path& file, const void* data, std::size_t size)
{
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out)
    throw std::runtime_error("cannot write test file " + file.string());
}

void writeText(const std::filesystem::path& file, const std::string& text)
{
  writeBytes(file, text.data(), text.size());
}

std::string engineErrorOf(const std::function<void()>& call)
{
  try {
    call();
  } catch (const EngineError& error) {
    return error.what();
  }
  return "";
}

void expectEngineError(const std::function<void()>& call, std::initializer_list<std::string> fragments)
{
  const std::string message = engineErrorOf(call);
  EXPECT_FALSE(message.empty()) << "expected an EngineError";
  for (const auto& fragment : fragments)
    EXPECT_NE(message.find(fragment), std::string::npos) << "message '" << message << "' lacks '" << fragment << "'";
}

std::vector<FloatTensor> randomTensors(const std::vector<std::int64_t>& shape, int count, unsigned seed)
{
  std::vector<FloatTensor> tensors;
  std::mt19937 random(seed);
  std::normal_distribution<float> normal;
  for (int i = 0; i < count; ++i) {
    FloatTensor tensor;
    tensor.shape = shape;
    tensor.values.resize(static_cast<std::size_t>(tensor.elementCount()));
    for (auto& value : tensor.values)
      value = normal(random);
    tensors.push_back(std::move(tensor));
  }
  return tensors;
}

FloatTensor randomTensor(const std::vector<std::int64_t>& shape, unsigned seed)
{
  return randomTensors(shape, 1, seed).front();
}

} // namespace quantlens::test
