// @brief `--format json`: the JSON writer and the documents of the verbs (schema: docs/cli.md).
#include "cli/json.hpp"

#include <cmath>
#include <cstdio>

#include "cli/format.hpp"
#include "graph/revision_graph.hpp"
#include "planner.hpp"

namespace migrations::cli {

namespace {

// The length of the UTF-8 sequence starting at text[i], or 0 when it is not a valid one.
std::size_t utf8_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    unsigned min = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    unsigned code = lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        code = (code << 6) | (byte(i + k) & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
    return length;
}

std::string ids(const Catalog& catalog, const graph::IndexList& indices) {
    std::vector<std::string> items;
    items.reserve(indices.size());
    for (graph::Index index : indices) items.emplace_back(catalog[index].id);
    return json_strings(items);
}

std::string state_name(const RevisionStatus& status) {
    if (!status.applied) return "not_applied";
    return status.row.state;
}

// The revision object of heads, history and show.
JsonObject revision_object(const Catalog& catalog, const graph::RevisionGraph& graph, graph::Index index) {
    const RevisionSpec revision = catalog[index];
    std::vector<std::string> labels;
    for (const char* label : revision.branch_labels) labels.emplace_back(label);
    JsonObject object;
    object.text("revision", revision.id)
        .raw("parents", ids(catalog, graph.parents(index)))
        .raw("depends_on", ids(catalog, graph.dependencies(index)))
        .raw("branch_labels", json_strings(labels))
        .raw("children", ids(catalog, graph.children(index)))
        .boolean("head", graph.children(index).empty())
        .boolean("branchpoint", graph.children(index).size() >= 2)
        .boolean("mergepoint", graph.parents(index).size() >= 2)
        .text("message", revision.message)
        .text("file", revision.file);
    if (revision.created[0] != '\0') {
        object.text("created", revision.created);
    } else {
        object.null("created");
    }
    return object.boolean("transactional", revision.transactional).boolean("reversible", !revision.irreversible);
}

std::string array_of(const std::vector<std::string>& objects) {
    std::string text = "[";
    for (std::size_t k = 0; k < objects.size(); ++k) text += (k == 0 ? "" : ",") + objects[k];
    return text + "]";
}

}  // namespace

bool json_requested(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i] != nullptr ? argv[i] : "";
        if (arg == "--format=json" ||
            (arg == "--format" && i + 1 < argc && argv[i + 1] != nullptr && std::string_view(argv[i + 1]) == "json")) {
            return true;
        }
    }
    return false;
}

std::string json_quote(std::string_view text) {
    std::string quoted = "\"";
    quoted.reserve(text.size() + 2);
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            const std::size_t length = utf8_length(text, i);
            if (length == 0) {
                quoted += "\xEF\xBF\xBD";  // U+FFFD
                ++i;
            } else {
                quoted.append(text.substr(i, length));
                i += length;
            }
            continue;
        }
        ++i;
        switch (c) {
            case '"':
                quoted += "\\\"";
                break;
            case '\\':
                quoted += "\\\\";
                break;
            case '\n':
                quoted += "\\n";
                break;
            case '\r':
                quoted += "\\r";
                break;
            case '\t':
                quoted += "\\t";
                break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    char escape[8];
                    std::snprintf(escape, sizeof escape, "\\u%04x", c);
                    quoted += escape;
                } else {
                    quoted += static_cast<char>(c);
                }
        }
    }
    return quoted + "\"";
}

std::string json_strings(const std::vector<std::string>& items) {
    std::vector<std::string> quoted;
    quoted.reserve(items.size());
    for (const std::string& item : items) quoted.push_back(json_quote(item));
    return array_of(quoted);
}

JsonObject& JsonObject::key(std::string_view name) {
    if (body_.size() > 1) body_ += ",";
    body_ += json_quote(name) + ":";
    return *this;
}

JsonObject& JsonObject::text(std::string_view name, std::string_view value) {
    key(name).body_ += json_quote(value);
    return *this;
}

JsonObject& JsonObject::boolean(std::string_view name, bool value) {
    key(name).body_ += value ? "true" : "false";
    return *this;
}

JsonObject& JsonObject::number(std::string_view name, double value) {
    if (!std::isfinite(value)) return null(name);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.3f", value);
    key(name).body_ += buffer;
    return *this;
}

JsonObject& JsonObject::integer(std::string_view name, long long value) {
    key(name).body_ += std::to_string(value);
    return *this;
}

JsonObject& JsonObject::null(std::string_view name) {
    key(name).body_ += "null";
    return *this;
}

JsonObject& JsonObject::raw(std::string_view name, std::string_view json) {
    key(name).body_ += json;
    return *this;
}

JsonObject json_document(std::string_view command) {
    JsonObject document;
    document.integer("format_version", kJsonFormatVersion).text("command", command);
    return document;
}

std::string json_heads(const Catalog& catalog) {
    const graph::RevisionGraph graph(catalog);
    std::vector<std::string> heads;
    for (graph::Index head : graph.heads()) heads.push_back(revision_object(catalog, graph, head).str());
    return json_document("heads").raw("heads", array_of(heads)).str() + "\n";
}

std::string json_history(const Catalog& catalog, const std::vector<bool>& selected,
                         const std::vector<RevisionStatus>* database, const std::string& url) {
    const graph::RevisionGraph graph(catalog);
    const std::vector<const RevisionStatus*> status_of = status_by_index(catalog, database);
    std::vector<std::string> revisions;
    for (std::size_t k = catalog.size(); k-- > 0;) {
        if (!selected.empty() && !selected[k]) continue;
        JsonObject object = revision_object(catalog, graph, static_cast<graph::Index>(k));
        if (database != nullptr) {
            const RevisionStatus* status = status_of[k];
            object.boolean("current", status != nullptr && status->is_current);
            object.text("state", status != nullptr ? state_name(*status) : "not_applied");
            if (status != nullptr && status->applied) {
                object.text("applied_at", status->row.applied_at);
            } else {
                object.null("applied_at");
            }
        }
        revisions.push_back(object.str());
    }
    JsonObject document = json_document("history");
    if (database != nullptr) {
        document.text("database", url);
    } else {
        document.null("database");
    }
    return document.raw("revisions", array_of(revisions)).str() + "\n";
}

std::string json_show(const Catalog& catalog, const std::string& target) {
    const detail::Planner planner(catalog);
    std::vector<std::string> revisions;
    for (graph::Index index : planner.resolve(target)) {
        revisions.push_back(revision_object(catalog, planner.graph(), index).str());
    }
    return json_document("show").raw("revisions", array_of(revisions)).str() + "\n";
}

std::string json_current(const Catalog& catalog, const std::string& url, const std::vector<std::string>& current,
                         const std::vector<RevisionStatus>& history) {
    std::vector<std::string> entries;
    for (const std::string& id : current) {
        const RevisionStatus* status = nullptr;
        for (const RevisionStatus& entry : history) {
            if (entry.revision == id) status = &entry;
        }
        JsonObject object;
        object.text("revision", id);
        if (status == nullptr || catalog.find(id) < 0) {
            object.boolean("known", false);
        } else {
            object.boolean("known", true)
                .boolean("head", status->is_head)
                .text("message", status->message)
                .text("file", status->file)
                .text("state", state_name(*status))
                .text("applied_at", status->row.applied_at);
        }
        entries.push_back(object.str());
    }
    return json_document("current").text("database", url).raw("current", array_of(entries)).str() + "\n";
}

std::string json_result(std::string_view command, const std::string& url, const MigrationResult& result) {
    return json_document(command)
               .text("database", url)
               .raw("from", json_strings(result.from))
               .raw("to", json_strings(result.to))
               .raw("revisions", json_strings(result.revisions))
               .number("elapsed_ms", result.elapsed.count())
               .boolean("fast_path", result.fast_path)
               .str() +
           "\n";
}

std::string json_status(const std::string& url, const CheckResult& result) {
    return json_document("status")
               .text("database", url)
               .boolean("ok", result.ok)
               .raw("problems", json_strings(result.problems))
               .str() +
           "\n";
}

std::string json_repair(const std::string& url, const RepairResult& result) {
    std::vector<std::string> repaired;
    for (const RepairedChecksum& fixed : result.repaired) {
        repaired.push_back(JsonObject()
                               .text("revision", fixed.revision)
                               .text("file", fixed.file)
                               .text("old_checksum", fixed.old_checksum)
                               .text("new_checksum", fixed.new_checksum)
                               .str());
    }
    return json_document("repair").text("database", url).raw("repaired", array_of(repaired)).str() + "\n";
}

std::string json_error(std::string_view command, std::string_view message, int exit_code, const Error* error) {
    JsonObject detail;
    detail.text("message", message).integer("exit_code", exit_code);
    if (error != nullptr) {
        detail.text("kind", error_kind_name(error->kind()));
        if (error->revision().empty()) {
            detail.null("revision");
        } else {
            detail.text("revision", error->revision());
        }
        if (error->file().empty()) {
            detail.null("file");
        } else {
            detail.text("file", error->file());
        }
        detail.integer("line", error->line()).integer("database_code", error->database_code());
    }
    JsonObject document;
    document.integer("format_version", kJsonFormatVersion);
    if (command.empty()) {
        document.null("command");
    } else {
        document.text("command", command);
    }
    return document.raw("error", detail.str()).str() + "\n";
}

}  // namespace migrations::cli
