#pragma once

#include "LoadedScan.h"

namespace quantlens {

class LabelMap;
struct Scan;

/// Turns a loaded scan into what the views draw: class colors from the label
/// config when the scan has labels, otherwise a remission gray ramp.
class ScanColoring
{
public:
  static LoadedScan prepare(Scan scan, const LabelMap& labels);
};

} // namespace quantlens
