// @brief Application code a C++ revision calls (cases/cpp_verify_ok): in a library the app
// links, so that the VERIFY test, which links the app's libraries, has it too.
#pragma once

namespace titles {

/// The statement that writes every title in capitals.
const char* upper_case_sql();

}  // namespace titles
