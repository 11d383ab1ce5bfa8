// @brief Lookups over a parsed revision file's sections.
#include "revision_file.hpp"

namespace migrations::generator {

const SectionText* effective_section(const std::vector<SectionText>& sections, Dialect dialect) {
    const SectionText* generic = nullptr;
    for (const SectionText& section : sections) {
        if (!section.dialect) generic = &section;
        if (section.dialect == dialect) return &section;
    }
    return generic;
}

}  // namespace migrations::generator
