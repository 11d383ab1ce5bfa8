// @brief Owned catalogs for tests: the generator's revision model, serialized in memory.
#include "support/test_catalog.hpp"

#include <algorithm>
#include <cstdio>
#include <migrations/session.hpp>
#include <stdexcept>

#include "catalog_builder.hpp"
#include "checksum.hpp"

namespace migrations::testing {

CatalogBuilder& CatalogBuilder::add(std::string id, std::vector<std::string> parents) {
    RevisionDef def;
    def.id = std::move(id);
    def.parents = std::move(parents);
    defs_.push_back(std::move(def));
    return *this;
}
CatalogBuilder& CatalogBuilder::up(std::string sql) {
    defs_.back().upgrade = std::move(sql);
    return *this;
}
CatalogBuilder& CatalogBuilder::up(Dialect dialect, std::string sql) {
    defs_.back().dialect_upgrades.emplace_back(dialect, std::move(sql));
    return *this;
}
CatalogBuilder& CatalogBuilder::down(std::string sql) {
    defs_.back().downgrade = std::move(sql);
    return *this;
}
CatalogBuilder& CatalogBuilder::depends(std::vector<std::string> ids) {
    defs_.back().depends_on = std::move(ids);
    return *this;
}
CatalogBuilder& CatalogBuilder::label(std::string label) {
    defs_.back().labels.push_back(std::move(label));
    return *this;
}
CatalogBuilder& CatalogBuilder::no_transaction() {
    defs_.back().transactional = false;
    return *this;
}
CatalogBuilder& CatalogBuilder::irreversible() {
    defs_.back().irreversible = true;
    return *this;
}
CatalogBuilder& CatalogBuilder::commit_after(Dialect dialect) {
    defs_.back().commit_after |= 1U << static_cast<unsigned>(dialect);
    return *this;
}
CatalogBuilder& CatalogBuilder::message(std::string text) {
    defs_.back().message = std::move(text);
    return *this;
}
CatalogBuilder& CatalogBuilder::checksum(std::string hex) {
    defs_.back().checksum = std::move(hex);
    return *this;
}
CatalogBuilder& CatalogBuilder::cpp(std::string source) {
    defs_.back().cpp = true;
    defs_.back().cpp_source = std::move(source);
    return *this;
}
CatalogBuilder& CatalogBuilder::file(std::string path, unsigned first_line) {
    defs_.back().file = std::move(path);
    defs_.back().first_line = first_line;
    return *this;
}

Catalog CatalogBuilder::build(std::string name) const {
    // The revision model the generator validates into, serialized by the generator's own
    // serializer, with the checksums the generator computes (unless a test sets one).
    generator::RevisionSet set;
    const auto index_of = [&](const std::string& id, std::size_t before) -> std::uint32_t {
        for (std::size_t i = 0; i < before; ++i) {
            if (defs_[i].id == id) return static_cast<std::uint32_t>(i);
        }
        throw std::invalid_argument("test catalog: '" + id + "' is unknown or comes after its child");
    };
    const auto section = [](const std::string& sql, unsigned first_line, const char* marker) {
        generator::SectionText text;
        text.marker = marker;
        text.marker_line = first_line - 1;
        text.first_line = first_line;
        text.sql = sql;
        return text;
    };
    for (std::size_t i = 0; i < defs_.size(); ++i) {
        const RevisionDef& def = defs_[i];
        generator::RevisionFile file;
        file.id = def.id;
        file.message = def.message.empty() ? "revision " + def.id : def.message;
        file.relative_path = def.file.empty() ? "migrations/" + def.id + (def.cpp ? ".cpp" : ".sql") : def.file;
        file.path = file.relative_path;
        auto& parents = set.parents.emplace_back();
        for (const auto& p : def.parents) {
            file.parents.push_back({p, 2});
            parents.push_back(index_of(p, i));
        }
        auto& depends = set.depends_on.emplace_back();
        for (const auto& d : def.depends_on) {
            file.depends_on.push_back({d, 4});
            depends.push_back(index_of(d, i));
        }
        for (const auto& l : def.labels) file.branch_labels.push_back({l, 4});
        // Each section starts two lines after the previous one's last line (its marker between).
        const auto after = [](const generator::SectionText& text) {
            return text.first_line + 2 + static_cast<unsigned>(std::count(text.sql.begin(), text.sql.end(), '\n'));
        };
        file.cpp = def.cpp;
        file.cpp_source = def.cpp_source;
        if (!def.cpp) file.upgrade.push_back(section(def.upgrade, def.first_line, "-- upgrade"));
        for (const auto& [dialect, sql] : def.dialect_upgrades) {
            file.upgrade.push_back(section(sql, after(file.upgrade.back()), "-- upgrade: dialect"));
            file.upgrade.back().dialect = dialect;
        }
        if (!def.irreversible && !def.cpp)
            file.downgrade.push_back(section(def.downgrade, after(file.upgrade.back()), "-- downgrade"));
        file.transactional = def.transactional;
        file.irreversible = def.irreversible;
        file.commit_after = def.commit_after;
        file.well_formed = true;
        auto& sums = set.checksums.emplace_back();
        for (std::size_t d = 0; d < kDialectCount; ++d) {
            sums[d] = def.checksum.empty() ? generator::revision_checksum(file, static_cast<Dialect>(d)) : def.checksum;
        }
        set.revisions.push_back(std::move(file));
    }
    for (std::uint32_t i = 0; i < defs_.size(); ++i) set.by_id.push_back(i);
    std::sort(set.by_id.begin(), set.by_id.end(),
              [&](std::uint32_t a, std::uint32_t b) { return defs_[a].id < defs_[b].id; });
    set.dialects = 3;
    return generator::make_catalog(set, name);
}

Catalog graph_catalog(const std::string& notation) {
    CatalogBuilder builder;
    std::size_t start = 0;
    while (start < notation.size()) {
        std::size_t end = notation.find(';', start);
        if (end == std::string::npos) end = notation.size();
        std::string item = notation.substr(start, end - start);
        start = end + 1;
        std::string label;
        if (auto hash = item.find('#'); hash != std::string::npos) {
            label = item.substr(hash + 1);
            item.resize(hash);
        }
        std::vector<std::string> depends;
        const auto split = [](const std::string& text) {
            std::vector<std::string> out;
            std::size_t from = 0;
            while (from < text.size()) {
                std::size_t comma = text.find(',', from);
                if (comma == std::string::npos) comma = text.size();
                if (comma > from) out.push_back(text.substr(from, comma - from));
                from = comma + 1;
            }
            return out;
        };
        if (auto bar = item.find('|'); bar != std::string::npos) {
            depends = split(item.substr(bar + 1));
            item.resize(bar);
        }
        const auto colon = item.find(':');
        const std::string id = item.substr(0, colon);
        builder.add(id, split(item.substr(colon + 1)))
            .up("CREATE TABLE t_" + id + " (x INTEGER);")
            .down("DROP TABLE t_" + id + ";");
        if (!depends.empty()) builder.depends(depends);
        if (!label.empty()) builder.label(label);
    }
    return builder.build();
}

}  // namespace migrations::testing

namespace migrations::testing {

Catalog logging_catalog(int count, int vacuum_at) {
    CatalogBuilder builder;
    for (int i = 0; i < count; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "r%04d", i);
        char parent[16];
        std::snprintf(parent, sizeof parent, "r%04d", i - 1);
        std::string up = i == 0 ? "CREATE TABLE log (revision TEXT);\n" : "";
        up += "CREATE TABLE t_" + std::string(id) + " (x INTEGER);\nINSERT INTO log VALUES ('" + id + "');";
        builder.add(id, i == 0 ? std::vector<std::string>{} : std::vector<std::string>{parent});
        if (i == vacuum_at) {
            builder.up("VACUUM;").down("VACUUM;").no_transaction();
            continue;
        }
        builder.up(up).down("DROP TABLE t_" + std::string(id) + ";");
    }
    return builder.build("logging_migrations");
}

namespace {

void log_from_cpp(Session& session) {
    const std::string id = session.revision();
    // Data only: check()'s drift comparison takes C++ revisions as leaving the schema alone.
    if (session.upgrading()) {
        session.execute("INSERT INTO log VALUES ($1)", {id});
    } else {
        session.execute("DELETE FROM log WHERE revision = $1", {id});
    }
}

}  // namespace

Catalog cpp_logging_catalog(int count) {
    static CppStep steps[200];
    for (CppStep& step : steps) step = {&log_from_cpp, 8};
    CatalogBuilder builder;
    for (int i = 0; i < count; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "r%04d", i);
        char parent[16];
        std::snprintf(parent, sizeof parent, "r%04d", i - 1);
        builder.add(id, i == 0 ? std::vector<std::string>{} : std::vector<std::string>{parent});
        if (i % 3 == 2) {
            builder.cpp("MIGRATIONS_UPGRADE(session) { log_from_cpp(session); } // " + std::string(id));
            continue;
        }
        std::string up = i == 0 ? "CREATE TABLE log (revision TEXT);\n" : "";
        up += "CREATE TABLE t_" + std::string(id) + " (x INTEGER);\nINSERT INTO log VALUES ('" + id + "');";
        builder.up(up).down("DROP TABLE t_" + std::string(id) + ";\nDELETE FROM log WHERE revision = '" + id + "';");
    }
    return builder.build("cpp_logging_migrations").with_cpp_steps(steps, 2 * static_cast<std::size_t>(count / 3 + 1));
}

Catalog slow_catalog() {
    CatalogBuilder builder;
    builder.add("fast1").up("CREATE TABLE knob (n INTEGER); INSERT INTO knob VALUES (10);").down("DROP TABLE knob;");
    builder.add("slow2", {"fast1"})
        .up("CREATE TABLE big (x INTEGER);\n"
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < (SELECT n FROM knob))\n"
            "INSERT INTO big SELECT x FROM c;")
        .down("DROP TABLE big;");
    return builder.build("slow_migrations");
}

Catalog exclusive_catalog() {
    CatalogBuilder builder;
    builder.add("fast1").up("CREATE TABLE knob (n INTEGER); INSERT INTO knob VALUES (10);").down("DROP TABLE knob;");
    builder.add("exclusive2", {"fast1"})
        .up("BEGIN EXCLUSIVE;\n"
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < (SELECT n FROM knob))\n"
            "SELECT count(*) FROM c;\n"
            "COMMIT;")
        .down("SELECT 1;")
        .no_transaction();
    return builder.build("exclusive_migrations");
}

std::vector<Options> option_combinations() {
    std::vector<Options> result;
    for (int bits = 0; bits < 16; ++bits) {
        Options options;
        options.check_schema = (bits & 1) == 0;
        options.transaction = (bits & 2) == 0 ? TransactionMode::per_run : TransactionMode::per_revision;
        if ((bits & 4) != 0) options.on_event = [](const Event&) {};
        if ((bits & 8) != 0) {
            options.statement_timeout = std::chrono::seconds(30);
            options.statement_lock_timeout = std::chrono::milliseconds(0);
            options.lock_retries = 0;
        }
        result.push_back(std::move(options));
    }
    return result;
}

}  // namespace migrations::testing
