// @brief Helpers for generator tests: a temporary directory of revision files.
#pragma once

#include <gtest/gtest.h>

#include <stdlib.h>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace migrations::generator::testing_support {

/// A fresh, unique directory under the system's temporary directory, removed at the end.
class TempDir {
public:
    TempDir() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        // Named after the test for whoever reads a leftover, unique so that two builds (or two
        // runs) on one machine never share it.
        std::string pattern =
            (std::filesystem::temp_directory_path() /
             (std::string("migrations-test-") + info->test_suite_name() + "-" + info->name() + "-XXXXXX"))
                .string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string str() const { return path_.string(); }

    /// Writes `content` to `name` (relative to the directory), creating parent directories.
    void write(const std::string& name, const std::string& content) const {
        const std::filesystem::path file = path_ / name;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << content;
    }

    std::string read(const std::string& name) const {
        std::ifstream in(path_ / name, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

private:
    std::filesystem::path path_;
};

/// A minimal valid revision file.
inline std::string revision_text(const std::string& id, const std::string& parents,
                                 const std::string& upgrade = "SELECT 1;\n") {
    return "-- revision: " + id + "\n-- down_revision: " + parents + "\n-- message: " + id + "\n-- upgrade\n" +
           upgrade + "-- downgrade\nSELECT 2;\n";
}

}  // namespace migrations::generator::testing_support
