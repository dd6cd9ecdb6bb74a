#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quantlens {

/// Contents of a file from resources/ compiled into the engine, by its path
/// relative to resources/ (e.g. "labels/semantic-kitti.yaml"). Throws
/// EngineError for an unknown name. The view stays valid for the program's life.
std::string_view embeddedResource(std::string_view name);

/// Every embedded resource name, sorted.
std::vector<std::string> embeddedResourceNames();

} // namespace quantlens
