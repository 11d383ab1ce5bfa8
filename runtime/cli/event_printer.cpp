// @brief The stderr lines of run_cli while a migration runs.
#include "cli/event_printer.hpp"

#include "cli/format.hpp"

#include <string_view>

namespace migrations::cli {

namespace {

const char* direction_name(Direction direction) { return direction == Direction::upgrade ? "upgrade" : "downgrade"; }

bool is_warning(std::string_view notice) {
    return notice.rfind("NOTICE", 0) != 0 && notice.rfind("DEBUG", 0) != 0 && notice.rfind("INFO", 0) != 0 &&
           notice.rfind("LOG", 0) != 0;
}

}  // namespace

std::function<void(const Event&)> event_printer(std::ostream& out, std::string program, Verbosity verbosity) {
    if (verbosity == Verbosity::quiet) return {};
    const bool verbose = verbosity == Verbosity::verbose;
    return [&out, program = std::move(program), verbose](const Event& event) {
        std::string line;
        switch (event.kind) {
            case EventKind::run_started:
                if (verbose) line = std::to_string(event.count) + " revision(s) to run";
                break;
            case EventKind::revision_starting:
                line = std::string("running ") + direction_name(event.direction) + " " + std::string(event.revision) +
                       " (" + std::string(event.message) + ")";
                break;
            case EventKind::revision_finished:
                if (verbose) {
                    line = std::string(direction_name(event.direction)) + " " + std::string(event.revision) +
                           " done in " + milliseconds(event.duration.count());
                }
                break;
            case EventKind::committed:
                if (verbose) line = "committed (through " + std::string(event.revision) + ")";
                break;
            case EventKind::lock_wait:
                line = "waiting for the migration lock (" + milliseconds(event.duration.count()) +
                       " so far): " + std::string(event.message);
                break;
            case EventKind::lock_retry:
                line = std::string(event.message) + "\n  rolled back; attempt " + std::to_string(event.index + 1) +
                       " of " + std::to_string(event.count) + " in " + milliseconds(event.duration.count());
                break;
            case EventKind::server_notice:
                if (verbose || is_warning(event.message)) {
                    line = std::string(event.revision) + ": " + std::string(event.message);
                }
                break;
        }
        if (!line.empty()) out << program << ": " << line << "\n" << std::flush;
    };
}

}  // namespace migrations::cli
