// @brief Owned catalogs for tests: the storage behind a CatalogSpec built at run time.
#include "support/test_catalog.hpp"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <stdexcept>

namespace migrations::testing {

namespace {

struct Storage {
    std::deque<std::string> strings;
    std::deque<std::vector<const char*>> pointer_lists;
    std::deque<std::vector<std::uint32_t>> index_lists;
    std::deque<std::vector<Section>> section_lists;
    std::vector<RevisionSpec> revisions;
    std::vector<std::uint32_t> by_id;
    CatalogSpec spec{};

    const char* keep(std::string text) { return strings.emplace_back(std::move(text)).c_str(); }
};

std::string fake_checksum(const RevisionDef& def) {
    std::string key = def.upgrade;
    for (const auto& parent : def.parents) key += "|" + parent;
    std::string hex;
    std::size_t h = std::hash<std::string>{}(key);
    for (int round = 0; round < 4; ++round) {
        char buffer[17];
        std::snprintf(buffer, sizeof buffer, "%016zx", h);
        hex += buffer;
        h = std::hash<std::string>{}(hex);
    }
    return hex;
}

}  // namespace

CatalogBuilder& CatalogBuilder::add(std::string id, std::vector<std::string> parents) {
    RevisionDef def;
    def.id = std::move(id);
    def.parents = std::move(parents);
    defs_.push_back(std::move(def));
    return *this;
}
CatalogBuilder& CatalogBuilder::up(std::string sql) { defs_.back().upgrade = std::move(sql); return *this; }
CatalogBuilder& CatalogBuilder::down(std::string sql) { defs_.back().downgrade = std::move(sql); return *this; }
CatalogBuilder& CatalogBuilder::depends(std::vector<std::string> ids) { defs_.back().depends_on = std::move(ids); return *this; }
CatalogBuilder& CatalogBuilder::label(std::string label) { defs_.back().labels.push_back(std::move(label)); return *this; }
CatalogBuilder& CatalogBuilder::no_transaction() { defs_.back().transactional = false; return *this; }
CatalogBuilder& CatalogBuilder::irreversible() { defs_.back().irreversible = true; return *this; }
CatalogBuilder& CatalogBuilder::commit_after(Dialect dialect) {
    defs_.back().commit_after |= 1U << static_cast<unsigned>(dialect);
    return *this;
}
CatalogBuilder& CatalogBuilder::message(std::string text) { defs_.back().message = std::move(text); return *this; }
CatalogBuilder& CatalogBuilder::checksum(std::string hex) { defs_.back().checksum = std::move(hex); return *this; }
CatalogBuilder& CatalogBuilder::file(std::string path, unsigned first_line) {
    defs_.back().file = std::move(path);
    defs_.back().first_line = first_line;
    return *this;
}

Catalog CatalogBuilder::build(std::string name) const {
    auto storage = std::make_shared<Storage>();
    const auto index_of = [&](const std::string& id, std::size_t before) -> std::uint32_t {
        for (std::size_t i = 0; i < before; ++i) {
            if (defs_[i].id == id) return static_cast<std::uint32_t>(i);
        }
        throw std::invalid_argument("test catalog: '" + id + "' is unknown or comes after its child");
    };
    const auto sections = [&](const std::string& sql, unsigned first_line) {
        auto& pieces = storage->pointer_lists.emplace_back();
        pieces.push_back(storage->keep(sql));
        auto& list = storage->section_lists.emplace_back();
        list.push_back(Section{"", first_line, SqlText{{pieces.data(), pieces.size()}}});
        return Array<Section>{list.data(), list.size()};
    };
    for (std::size_t i = 0; i < defs_.size(); ++i) {
        const RevisionDef& def = defs_[i];
        RevisionSpec spec{};
        spec.id = storage->keep(def.id);
        spec.message = storage->keep(def.message.empty() ? "revision " + def.id : def.message);
        spec.created = storage->keep("");
        spec.file = storage->keep(def.file.empty() ? "migrations/" + def.id + ".sql" : def.file);
        auto& parents = storage->index_lists.emplace_back();
        for (const auto& p : def.parents) parents.push_back(index_of(p, i));
        spec.parents = {parents.data(), parents.size()};
        auto& depends = storage->index_lists.emplace_back();
        for (const auto& d : def.depends_on) depends.push_back(index_of(d, i));
        spec.depends_on = {depends.data(), depends.size()};
        auto& labels = storage->pointer_lists.emplace_back();
        for (const auto& l : def.labels) labels.push_back(storage->keep(l));
        spec.branch_labels = {labels.data(), labels.size()};
        spec.upgrade = sections(def.upgrade, def.first_line);
        const unsigned down_line = def.first_line + 2 +
                                   static_cast<unsigned>(std::count(def.upgrade.begin(), def.upgrade.end(), '\n'));
        spec.downgrade = def.irreversible ? Array<Section>{} : sections(def.downgrade, down_line);
        const char* sum = storage->keep(def.checksum.empty() ? fake_checksum(def) : def.checksum);
        spec.checksum[0] = sum;
        spec.checksum[1] = sum;
        spec.transactional = def.transactional;
        spec.irreversible = def.irreversible;
        spec.commit_after = def.commit_after;
        storage->revisions.push_back(spec);
    }
    for (std::uint32_t i = 0; i < defs_.size(); ++i) storage->by_id.push_back(i);
    std::sort(storage->by_id.begin(), storage->by_id.end(),
              [&](std::uint32_t a, std::uint32_t b) { return defs_[a].id < defs_[b].id; });
    storage->spec.name = storage->keep(std::move(name));
    storage->spec.revisions = {storage->revisions.data(), storage->revisions.size()};
    storage->spec.by_id = {storage->by_id.data(), storage->by_id.size()};
    storage->spec.dialects = 3;
    const CatalogSpec& spec = storage->spec;
    return Catalog(spec, storage);
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
