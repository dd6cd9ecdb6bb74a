#include "ExportCommand.h"

#include "CalibrateCommand.h"
#include "CalibrationSource.h"
#include "ModelArguments.h"
#include "VariantOption.h"

#include "core/Threading.h"
#include "model/EncodingsExchange.h"
#include "quant/EncodingsFile.h"

#include <cstdio>

namespace quantlens::cli {

std::string ExportCommand::help() const
{
  return "usage: quantlens-cli export --model FILE --preset W8A8|W4A8|custom:FILE [--overrides FILE]\n"
         "         (--calibration random:N | --sequence DIR [--scans A:B]) [--scheme S]\n"
         "         --format aimet-torch-0.6.1|aimet-1.0.0 --output FILE [model options]\n\n"
         "Calibrates the model's quantizers and writes their encodings in AIMET's format.\n\n"
         "  --preset P        W8A8, W4A8 or custom:FILE (a QuantLens override file or any AIMET\n"
         "                    encodings file)\n"
         "  --overrides FILE  on top of --preset: an override file (its own base preset wins)\n"
         "                    or an AIMET encodings file (which replaces the preset)\n"
         "  --scheme S        tf (default), tf_enhanced or percentile:P (P in 50..100)\n"
         "  --format F        aimet-torch-0.6.1 (module-keyed _torch.encodings) or aimet-1.0.0\n"
         "  --output FILE     encodings file to write (written via a temporary file)\n"
         "  --threads N       CPU threads for LibTorch (default: all cores)\n"
         "  --quiet           no progress output\n" +
         std::string(CalibrateCommand::namingHelp()) + CalibrationSource::help() + ModelArguments::help();
}

std::set<std::string> ExportCommand::valueOptions() const
{
  std::set<std::string> options = {"preset", "overrides", "scheme", "format", "output", "threads", "names"};
  options.merge(ModelArguments::valueOptions());
  options.merge(CalibrationSource::valueOptions());
  return options;
}

std::set<std::string> ExportCommand::flagOptions() const
{
  std::set<std::string> flags = {"quiet"};
  flags.merge(ModelArguments::flagOptions());
  return flags;
}

int ExportCommand::run(const CommandLine& options)
{
  VariantOption::checkSyntax(options.required("preset"));
  const auto names = CalibrateCommand::naming(options);
  const std::string version = CalibrateCommand::encodingsVersion(options.required("format"));
  const std::string output = options.required("output");
  const QuantScheme scheme = QuantScheme::parse(options.valueOr("scheme", "tf"));
  setComputeThreads(static_cast<int>(options.integer("threads", 0, 0, 1024)));
  const ModelArguments model = ModelArguments::parse(options);

  QuantSim sim(model.model, model.options);
  const VariantOption variant = VariantOption::fromOptions(sim, options);
  if (!variant.quantizes())
    throw UsageError("--preset " + variant.label + " has no encodings to export; use " + VariantOption::quantizedHelp());
  const auto& settings = variant.settings;
  const std::size_t inputs = CalibrationSource::calibrateWithProgress(sim, model, options);

  const auto encodings = sim.computeEncodings(settings, scheme);
  const auto document = EncodingsExchange::toDocument(sim, settings, encodings, scheme, names);
  CalibrateCommand::writeEncodings(output, version, document);
  std::printf("wrote %zu encodings (%s, %s, calibrated on %zu inputs) to %s\n", document.encodings.size(),
              variant.label.c_str(), scheme.toString().c_str(), inputs, output.c_str());
  return 0;
}

} // namespace quantlens::cli
