#pragma once

#include "model/QuantSim.h"

#include <cstdint>
#include <string>
#include <vector>

namespace quantlens {

/// One multiply-accumulate layer (Conv, ConvTranspose, Gemm) and what its cost depends on.
struct LayerCost
{
  std::string module;
  std::string opType;          ///< Conv, ConvTranspose or Gemm
  int weightQuantizer = -1;    ///< the layer's "<module>.weight" quantizer
  /// The activation quantizer whose output the layer reads (its own input
  /// quantizer, else the producer found by BitOps::layers); -1 when none is
  /// known, and the input then counts as float.
  int inputQuantizer = -1;
  std::uint64_t macs = 0;      ///< per forward pass of the recorded input shape
};

/// Cost of a quantization choice as BitOps: per layer, MACs × weight bits ×
/// input-activation bits, summed over the Conv, ConvTranspose and Gemm layers
/// (the usual mixed-precision budget, as in AIMET's AMP). A quantizer that is
/// off counts 32 bits (float), a float16 one 16.
class BitOps
{
public:
  static constexpr int kFloatBits = 32;

  /// The MAC layers of the sim, in graph order. Needs the tensor shapes the
  /// sim records on its first run: throws EngineError when they are missing.
  ///
  /// QuantSim does not expose the graph's edges, so a layer's input is
  /// matched to the nearest earlier output quantizer (graph order) that the
  /// config enables and whose tensor has the layer's input channels (axis 1;
  /// the last axis for Gemm). Right for chains and for branches with other
  /// widths; a skip connection of equal width may pick a sibling branch.
  static std::vector<LayerCost> layers(const QuantSim& sim);

  /// MACs of one layer from shapes. Conv: output elements × weight elements
  /// per output channel (Cin/groups · kh · kw). Gemm: output elements × in
  /// features. ConvTranspose (weight {Cin, Cout/groups, kh, kw}): input
  /// elements × Cout/groups · kh · kw when `input` is known; otherwise the
  /// output-side count (output elements × Cin/groups · kh · kw, what thop
  /// reports), which is stride² too high. Throws EngineError for shapes that do
  /// not fit together.
  static std::uint64_t macs(const std::string& opType, const std::vector<std::int64_t>& weight,
                            const std::vector<std::int64_t>& input, const std::vector<std::int64_t>& output);

  /// Bits one value of a quantizer occupies under `settings`.
  static int bits(const QuantizerSettings& settings);

  static std::uint64_t of(const LayerCost& layer, const std::vector<QuantizerSettings>& settings);
  static std::uint64_t total(const std::vector<LayerCost>& layers, const std::vector<QuantizerSettings>& settings);
};

} // namespace quantlens
