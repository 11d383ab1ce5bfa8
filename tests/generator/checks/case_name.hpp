// @brief The GoogleTest name of a table case: "ends a section, in a comment" ->
// "EndsASectionInAComment".
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <string>

namespace migrations::generator::testing_support {

/// For INSTANTIATE_TEST_SUITE_P over cases with a `const char* name`.
template <typename Case>
std::string case_name(const ::testing::TestParamInfo<Case>& info) {
    std::string name;
    bool upper = true;
    for (const char* p = info.param.name; *p != '\0'; ++p) {
        if (*p == ' ' || *p == ',' || *p == '-') {
            upper = true;
        } else {
            name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(*p))) : *p;
            upper = false;
        }
    }
    return name;
}

}  // namespace migrations::generator::testing_support
