// @brief Application code a C++ revision calls (see titles.hpp).
#include "titles.hpp"

namespace titles {

const char* upper_case_sql() { return "UPDATE todos SET title = upper(title)"; }

}  // namespace titles
