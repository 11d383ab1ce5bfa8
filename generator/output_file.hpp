// @brief Writing generated files the way build systems need: only when the bytes change,
// atomically (temporary file, then rename); and touching a stamp file.
#pragma once

#include <string>
#include <string_view>

namespace migrations::generator {

enum class WriteResult { unchanged, written, failed };

/// Writes `content` to `path` unless the file already holds exactly these bytes, through a
/// temporary file in the same directory renamed over it, so a reader never sees half a
/// file. On failure sets `error` to the reason and leaves `path` as it was.
WriteResult write_if_changed(const std::string& path, std::string_view content, std::string& error);

/// Creates `path` if needed and sets its modification time to now.
bool touch(const std::string& path, std::string& error);

}  // namespace migrations::generator
