// @brief Rendering a new revision file and naming it.
#include "revision_template.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <random>

namespace migrations::generator {

std::string fresh_revision_id(const std::vector<std::string>& taken) {
    std::random_device seed;
    std::mt19937_64 random(seed() ^
                           static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
    constexpr char kHex[] = "0123456789abcdef";
    for (;;) {
        std::string id;
        const std::uint64_t bits = random();
        for (int digit = 0; digit < 12; ++digit) id += kHex[(bits >> (4 * digit)) & 0xFU];
        if (std::find(taken.begin(), taken.end(), id) == taken.end()) return id;
    }
}

std::string slug(std::string_view message) {
    std::string text;
    for (const char c : message) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 && byte < 0x80) {
            text += static_cast<char>(std::tolower(byte));
        } else if (!text.empty() && text.back() != '_') {
            text += '_';
        }
    }
    if (text.size() > 40) text.resize(40);
    while (!text.empty() && text.back() == '_') text.pop_back();
    return text;
}

std::string created_now() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
#ifdef _WIN32
    gmtime_s(&utc, &now);
#else
    gmtime_r(&now, &utc);
#endif
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S+00:00", &utc);
    return buffer;
}

std::string revision_file_name(const NewRevision& revision) {
    const std::string name = slug(revision.message);
    return revision.id + (name.empty() ? "" : "_" + name) + (revision.cpp ? ".cpp" : ".sql");
}

namespace {

std::string render_cpp_revision(const NewRevision& revision, const std::string& parents) {
    std::string text =
        "// revision: " + revision.id + "\n// down_revision: " + (parents.empty() ? "none" : parents) +
        "\n// message: " + revision.message + "\n// created: " + revision.created +
        "\n//\n"
        "// A revision written in C++: its steps run with a migrations::Session in the migration's\n"
        "// transaction (docs/format.md, \"C++ revisions\"). Keep schema changes in .sql revisions:\n"
        "// VERIFY and `check` take this one as leaving the schema as it was.\n\n"
        "#include <migrations/revision.hpp>\n\n"
        "MIGRATIONS_UPGRADE(session) {\n"
        "    // for (const migrations::Row& row : session.query(\"SELECT id, name FROM t\"))\n"
        "    //     session.execute(\"UPDATE t SET name = $1 WHERE id = $2\", {row.text(1), row.integer(0)});\n"
        "    static_cast<void>(session);\n"
        "}\n\n";
    if (revision.irreversible) return text + "MIGRATIONS_IRREVERSIBLE;\n";
    return text +
           "MIGRATIONS_DOWNGRADE(session) {\n"
           "    // Undo the upgrade here (or write MIGRATIONS_IRREVERSIBLE; instead of this step).\n"
           "    static_cast<void>(session);\n"
           "}\n";
}

}  // namespace

std::string render_revision(const NewRevision& revision) {
    std::string parents;
    for (const std::string& parent : revision.parents) parents += (parents.empty() ? "" : ", ") + parent;
    if (revision.cpp) return render_cpp_revision(revision, parents);
    std::string text = "-- revision: " + revision.id + "\n-- down_revision: " + (parents.empty() ? "none" : parents) +
                       "\n-- message: " + revision.message + "\n-- created: " + revision.created + "\n\n-- upgrade\n";
    if (revision.parents.size() >= 2) {
        text += "-- A merge joins branches and usually needs no SQL; an empty upgrade is valid here.\n";
    } else {
        text +=
            "-- Write the SQL that applies this revision here. The build fails while this\n"
            "-- section holds no SQL, so a revision cannot be forgotten half-written.\n";
    }
    if (revision.irreversible) return text + "\n-- downgrade: irreversible\n";
    text += "\n-- downgrade\n";
    if (revision.parents.size() < 2) {
        text +=
            "-- Write the SQL that undoes the upgrade here (it may stay empty when there is\n"
            "-- nothing to undo).\n";
    }
    return text;
}

}  // namespace migrations::generator
