// @brief The migrations::Error a call throws, for tests that check its kind and message.
#pragma once

#include <migrations/error.hpp>

#include <gtest/gtest.h>

namespace migrations::testing {

/// Runs `f` and returns the migrations::Error it throws; records a test failure (and returns
/// a placeholder error) when it throws none.
template <typename F>
Error expect_error(F&& f) {
    try {
        f();
    } catch (const Error& error) {
        return error;
    }
    ADD_FAILURE() << "no migrations::Error thrown";
    return Error(ErrorKind::database, "none");
}

}  // namespace migrations::testing
