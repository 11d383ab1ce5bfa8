// @brief Objects left out of a schema by name pattern (see the header).
#include "schema/exclusion.hpp"

#include <algorithm>
#include <cctype>

namespace migrations::schema {

namespace {

bool same_letter(char a, char b) noexcept {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}

template <typename T, typename Excluded>
void remove_if(std::vector<T>& items, Excluded excluded) {
    items.erase(std::remove_if(items.begin(), items.end(), excluded), items.end());
}

}  // namespace

bool matches_glob(std::string_view pattern, std::string_view name) noexcept {
    // Iterative matching with one backtrack point (the last `*`): linear in practice, never
    // exponential.
    std::size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
    while (n < name.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = n;
        } else if (p < pattern.size() && (pattern[p] == '?' || same_letter(pattern[p], name[n]))) {
            ++p;
            ++n;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            n = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

std::string excludable_name(const Object& object) {
    std::string name = object.name;
    if (object.kind == "comment") {
        // "<type> <schema>.<name>[.<column>|(<arguments>)]": the type's words hold no dot, so
        // the identity starts after the last space before the first dot.
        const std::size_t dot = name.find('.');
        if (dot == std::string::npos) {
            const std::size_t space = name.rfind(' ');
            name = space == std::string::npos ? name : name.substr(space + 1);
        } else {
            name = name.substr(dot + 1);
            name = name.substr(0, name.find('.'));
        }
    } else if (!object.table.empty() && name.size() > object.table.size() && name[object.table.size()] == '.' &&
               name.compare(0, object.table.size(), object.table) == 0) {
        name = name.substr(object.table.size() + 1);  // a PostgreSQL trigger: "<table>.<name>"
    }
    return name.substr(0, name.find('('));
}

void exclude_matching(Schema& schema, const std::vector<std::string>& patterns) {
    if (patterns.empty()) return;
    const auto matches = [&](const std::string& name) {
        return !name.empty() && std::any_of(patterns.begin(), patterns.end(),
                                            [&](const std::string& pattern) { return matches_glob(pattern, name); });
    };
    remove_if(schema.tables, [&](const Table& table) { return matches(table.name); });
    remove_if(schema.indexes, [&](const Index& index) { return matches(index.name) || matches(index.table); });
    remove_if(schema.views, [&](const View& view) { return matches(view.name); });
    remove_if(schema.triggers, [&](const Trigger& trigger) { return matches(trigger.name) || matches(trigger.table); });
    remove_if(schema.objects,
              [&](const Object& object) { return matches(excludable_name(object)) || matches(object.table); });
}

}  // namespace migrations::schema
