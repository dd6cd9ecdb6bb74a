#include "CalibrateCommand.h"

#include "CalibrationSource.h"
#include "ModelArguments.h"
#include "VariantOption.h"

#include "core/EngineError.h"
#include "core/Threading.h"
#include "model/EncodingsExchange.h"
#include "quant/EncodingsFile.h"
#include "quant/OverridesFile.h"

#include <chrono>
#include <cstdio>

namespace quantlens::cli {

namespace {

/// "W8A8", "W4A8" or "custom:FILE", as `eval --preset` takes them.
std::vector<QuantizerSettings> settingsFor(const QuantSim& sim, const std::string& preset)
{
  VariantOption variant = VariantOption::parse(sim, preset);
  if (!variant.quantizes())
    throw UsageError("--preset " + preset + " quantizes nothing; use " + VariantOption::quantizedHelp());
  return std::move(variant.settings);
}

/// What the encodings file will hold, by kind, for the summary.
std::string quantizerSummary(const QuantSim& sim, const std::vector<QuantizerSettings>& settings)
{
  std::size_t activations = 0, weights = 0, perChannel = 0, off = 0;
  for (const auto& quantizer : sim.quantizers()) {
    const QuantizerSettings& setting = settings[static_cast<std::size_t>(quantizer.id)];
    if (!setting.enabled)
      ++off;
    else if (quantizer.kind == QuantizerKind::Parameter)
      ++weights, perChannel += setting.perChannel ? 1 : 0;
    else
      ++activations;
  }
  char line[256];
  std::snprintf(line, sizeof(line),
                "quantizers: %zu in the model; %zu enabled (%zu activation, %zu weight of which %zu per channel), %zu off\n",
                sim.quantizers().size(), activations + weights, activations, weights, perChannel, off);
  return line;
}

std::string dataDescription(const CommandLine& options, std::size_t inputs)
{
  if (options.has("calibration"))
    return std::to_string(inputs) + " random inputs";
  return std::to_string(inputs) + " scans (" + options.valueOr("scans", "0:") + ") of " + options.required("sequence");
}

} // namespace

std::string CalibrateCommand::encodingsVersion(const std::string& format)
{
  if (format == "0.6.1" || format == "aimet-torch-0.6.1")
    return "0.6.1";
  if (format == "1.0.0" || format == "aimet-1.0.0")
    return "1.0.0";
  throw UsageError("--format must be 0.6.1 (aimet-torch-0.6.1) or 1.0.0 (aimet-1.0.0), got '" + format + "'");
}

QuantizerNaming::Style CalibrateCommand::naming(const CommandLine& options)
{
  try {
    return QuantizerNaming::parse(options.valueOr("names", "aimet"));
  } catch (const EngineError& error) {
    throw UsageError(std::string("--names: ") + error.what());
  }
}

const char* CalibrateCommand::namingHelp()
{
  return "  --names N         quantizer names in the file: aimet (default: AIMET's prepared-model\n"
         "                    names, aimet_torch up to 1.26), aimet-scoped (1.27 and later) or quantlens\n";
}

void CalibrateCommand::writeEncodings(const std::filesystem::path& file, const std::string& version,
                                      const EncodingsDocument& document)
{
  if (version == "0.6.1")
    EncodingsFile::write061(file, document);
  else
    EncodingsFile::write100(file, document);
}

std::string CalibrateCommand::help() const
{
  return "usage: quantlens-cli calibrate --model FILE (--sequence DIR [--scans A:B[:STEP]] | --calibration random:N)\n"
         "         [--scheme tf|tf_enhanced|percentile[:P]] [--preset W8A8|W4A8|custom:FILE]\n"
         "         --output FILE [--format 0.6.1|1.0.0] [model options]\n\n"
         "Runs the calibration passes (FP32 forward passes that record every activation\n"
         "quantizer's range and histogram), computes the encodings with the scheme and\n"
         "writes them as an AIMET encodings file, which AIMET's load_encodings_to_sim and\n"
         "QuantLens's own commands read.\n\n"
         "  --preset P        W8A8 (default), W4A8, or custom:FILE (a QuantLens override file or\n"
         "                    any AIMET encodings file)\n"
         "  --scheme S        tf (default, min/max), tf_enhanced, percentile or percentile:P (P in 50..100)\n"
         "  --output FILE     encodings file to write (written via a temporary file)\n"
         "  --format F        0.6.1 (default; aimet_torch's _torch.encodings) or 1.0.0\n"
         "  --threads N       CPU threads for LibTorch (default: all cores)\n"
         "  --quiet           no progress bar\n" +
         std::string(namingHelp()) + CalibrationSource::help() + ModelArguments::help();
}

std::set<std::string> CalibrateCommand::valueOptions() const
{
  std::set<std::string> options = {"preset", "scheme", "format", "output", "threads", "names"};
  options.merge(ModelArguments::valueOptions());
  options.merge(CalibrationSource::valueOptions());
  return options;
}

std::set<std::string> CalibrateCommand::flagOptions() const
{
  std::set<std::string> flags = {"quiet"};
  flags.merge(ModelArguments::flagOptions());
  return flags;
}

int CalibrateCommand::run(const CommandLine& options)
{
  // Every usage check before the model loads and the data pass starts.
  const std::string output = options.required("output");
  const std::string version = encodingsVersion(options.valueOr("format", "0.6.1"));
  const QuantScheme scheme = QuantScheme::parse(options.valueOr("scheme", "tf"));
  const auto names = naming(options);
  const std::string preset = options.valueOr("preset", "W8A8");
  VariantOption::checkSyntax(preset);
  if (!options.has("calibration") && !options.has("sequence"))
    throw UsageError("no calibration data: give --sequence DIR [--scans A:B[:STEP]] or --calibration random:N");
  setComputeThreads(static_cast<int>(options.integer("threads", 0, 0, 1024)));
  const ModelArguments model = ModelArguments::parse(options);

  QuantSim sim(model.model, model.options);
  const auto settings = settingsFor(sim, preset);
  const auto start = std::chrono::steady_clock::now();
  const std::size_t inputs = CalibrationSource::calibrateWithProgress(sim, model, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const auto encodings = sim.computeEncodings(settings, scheme);
  const auto document = EncodingsExchange::toDocument(sim, settings, encodings, scheme, names);
  writeEncodings(output, version, document);
  std::printf("calibrated on %s in %.1f s\n%swrote %zu encodings (%s, %s, AIMET %s) to %s\n",
              dataDescription(options, inputs).c_str(), seconds, quantizerSummary(sim, settings).c_str(),
              document.encodings.size(), preset.c_str(), scheme.toString().c_str(), version.c_str(), output.c_str());
  return 0;
}

} // namespace quantlens::cli
