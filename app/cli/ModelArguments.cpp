#include "ModelArguments.h"


#include <charconv>

namespace quantlens::cli {

namespace {

std::vector<std::int64_t> parseShape(const std::string& text)
{
  std::vector<std::int64_t> shape;
  const char* cursor = text.data();
  const char* end = text.data() + text.size();
  while (cursor < end) {
    std::int64_t extent = 0;
    const auto [next, error] = std::from_chars(cursor, end, extent);
    if (error != std::errc() || extent <= 0)
      throw UsageError("--input-shape expects positive integers separated by commas, e.g. 1,5,64,512; got '" + text + "'");
    shape.push_back(extent);
    cursor = next;
    if (cursor < end && *cursor++ != ',')
      throw UsageError("--input-shape expects positive integers separated by commas, e.g. 1,5,64,512; got '" + text + "'");
  }
  if (shape.empty())
    throw UsageError("--input-shape is empty");
  return shape;
}

ComputeDevice parseDevice(const std::string& text)
{
  if (text == "cpu")
    return ComputeDevice::Cpu;
  if (text == "cuda")
    return ComputeDevice::Cuda;
  throw UsageError("--device must be cpu or cuda, got '" + text + "'");
}

} // namespace

std::string ModelArguments::help()
{
  return "  --model FILE       TorchScript model (its sidecar FILE.json, if any, gives input shape and projection)\n"
         "  --config FILE      AIMET quantsim config JSON (default: the shipped per-channel config)\n"
         "  --no-bn-fold       do not fold conv -> batch norm pairs\n"
         "  --device DEV       cpu (default) or cuda\n"
         "  --input-shape S    e.g. 1,5,64,512 (default: from the sidecar)\n";
}

ModelArguments ModelArguments::parse(const CommandLine& options)
{
  ModelArguments arguments;
  arguments.model = options.required("model");
  if (options.has("config"))
    arguments.options.configFile = options.required("config");
  arguments.options.foldBatchNorm = !options.flag("no-bn-fold");
  arguments.options.device = parseDevice(options.valueOr("device", "cpu"));
  arguments.sidecar = ModelSidecar::findFor(arguments.model);
  if (options.has("input-shape"))
    arguments.inputShape = parseShape(options.required("input-shape"));
  else if (arguments.sidecar)
    arguments.inputShape = arguments.sidecar->inputShape;
  return arguments;
}

const std::vector<std::int64_t>& ModelArguments::requireInputShape() const
{
  if (inputShape.empty())
    throw UsageError("'" + model.string() + "' has no sidecar (" + ModelSidecar::pathFor(model).filename().string() +
                     "): give --input-shape, e.g. 1,5,64,512");
  return inputShape;
}

} // namespace quantlens::cli
