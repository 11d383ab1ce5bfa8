// @brief Formatting of the command line's output for people.
#include "cli/format.hpp"

#include "planner.hpp"

#include <cstdio>

namespace migrations::cli {

std::string milliseconds(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, value < 100 ? "%.1f ms" : "%.0f ms", value);
    return buffer;
}

std::string describe_result(const std::string& url, const char* verb, const char* what, const MigrationResult& result) {
    if (result.revisions.empty()) return url + ": already at " + result.to_string() + ", nothing " + what;
    const std::size_t n = result.revisions.size();
    return url + ": " + verb + " " + std::to_string(n) + (n == 1 ? " revision" : " revisions") + " to " +
           result.to_string() + " in " + milliseconds(result.elapsed.count());
}

namespace {

std::string state_of(const RevisionStatus& status) {
    if (!status.applied) return "not applied";
    if (status.row.state != "applied") return status.row.state + " since " + status.row.applied_at;
    return "applied " + status.row.applied_at;
}

std::string marks(const RevisionStatus& status) {
    std::string text;
    if (status.is_head) text += " (head)";
    if (status.is_current) text += " (current)";
    return text;
}

}  // namespace

std::string format_current(const Catalog& catalog, const std::vector<std::string>& current,
                           const std::vector<RevisionStatus>& history, bool verbose) {
    if (current.empty()) return "base (nothing applied)\n";
    std::string text;
    for (const auto& id : current) {
        const RevisionStatus* status = nullptr;
        for (const auto& entry : history) {
            if (entry.revision == id) status = &entry;
        }
        if (status == nullptr || catalog.find(id) < 0) {
            text += id + " (unknown to this binary: the database was migrated by a newer build)\n";
            continue;
        }
        text += id + (status->is_head ? " (head)" : "") + "  " + status->message + "  " + state_of(*status);
        if (verbose) text += "  " + status->file;
        text += "\n";
    }
    return text;
}

std::string format_history(const std::vector<RevisionStatus>& history, bool verbose) {
    std::string text;
    for (const auto& status : history) {
        std::string parents;
        for (const auto& parent : status.parents) parents += (parents.empty() ? "" : ", ") + parent;
        text += (parents.empty() ? "<base>" : parents) + " -> " + status.revision + marks(status) + ", " +
                status.message + "  [" + state_of(status) + "]";
        if (verbose) {
            text += "  " + status.file;
            for (const auto& label : status.branch_labels) text += " #" + label;
        }
        text += "\n";
    }
    return text;
}

std::string format_show(const Catalog& catalog, const std::string& target) {
    const detail::Planner planner(catalog);
    std::string text;
    for (graph::Index i : planner.resolve(target)) {
        const RevisionSpec& revision = catalog[i];
        const auto list = [&](const Array<std::uint32_t>& indices) {
            std::string out;
            for (std::uint32_t j : indices) out += (out.empty() ? "" : ", ") + std::string(catalog[j].id);
            return out.empty() ? std::string("<base>") : out;
        };
        text += std::string("Revision: ") + revision.id + (planner.graph().children(i).empty() ? " (head)" : "") + "\n";
        text += "Parent: " + list(revision.parents) + "\n";
        if (!revision.depends_on.empty()) text += "Depends on: " + list(revision.depends_on) + "\n";
        if (!revision.branch_labels.empty()) {
            text += "Branch labels:";
            for (const char* label : revision.branch_labels) text += std::string(" ") + label;
            text += "\n";
        }
        text += std::string("File: ") + revision.file + "\n";
        if (revision.created[0] != '\0') text += std::string("Created: ") + revision.created + "\n";
        text += std::string("Transactional: ") + (revision.transactional ? "yes" : "no") + "\n";
        text += std::string("Reversible: ") + (revision.irreversible ? "no" : "yes") + "\n";
        text += std::string("Message: ") + revision.message + "\n";
    }
    return text;
}

}  // namespace migrations::cli
