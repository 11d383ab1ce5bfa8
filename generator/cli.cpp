// @brief Argument parsing with CLI11 and dispatch to the registered verbs.
#include "cli.hpp"

#include <algorithm>
#include <cstdlib>
#include <migrations/error.hpp>
#include <migrations/version.hpp>
#include <ostream>
#include <sstream>
#include <string>

#include "cli/json.hpp"
#include "cli/redacting_stream.hpp"
#include "commands/command.hpp"
#include "did_you_mean.hpp"

namespace migrations::generator {
namespace {

// Writes to two stream buffers: stderr, and the copy the JSON error document quotes.
class TeeStreambuf final : public std::streambuf {
public:
    TeeStreambuf(std::streambuf* first, std::streambuf* second) : first_(first), second_(second) {}

protected:
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        const char ch = traits_type::to_char_type(c);
        first_->sputc(ch);
        second_->sputc(ch);
        return c;
    }
    std::streamsize xsputn(const char* text, std::streamsize count) override {
        first_->sputn(text, count);
        second_->sputn(text, count);
        return count;
    }
    int sync() override { return first_->pubsync(); }

private:
    std::streambuf* first_;
    std::streambuf* second_;
};

// The first argument that is not an option: the verb the user typed.
std::string typed_verb(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i] != nullptr ? argv[i] : "";
        if (!arg.empty() && arg[0] != '-') return arg;
    }
    return {};
}

// What stderr said, as the message of the JSON error document: without the final newline,
// and without the `migrations: error: ` or `migrations VERB: error: ` of each line (a
// diagnostic keeps its `file:line: error: `).
std::string error_message(const std::string& said, const std::string& verb) {
    std::string message;
    std::istringstream lines(said);
    for (std::string line; std::getline(lines, line);) {
        for (const std::string& prefix : {std::string("migrations: error: "), "migrations " + verb + ": error: "}) {
            if (line.rfind(prefix, 0) == 0) {
                line.erase(0, prefix.size());
                break;
            }
        }
        message += (message.empty() ? "" : "\n") + line;
    }
    return message;
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& raw_err) {
    // Every message may echo what the user typed (CLI11's "arguments were not expected", a
    // revision argument, a database URL): stderr goes through the runtime's redaction. With
    // --format json, what stderr says is also kept for the error document on stdout.
    std::ostringstream said;
    TeeStreambuf tee(raw_err.rdbuf(), said.rdbuf());
    std::ostream tee_stream(&tee);
    cli::RedactingStream err(tee_stream);
    for (int i = 1; i < argc; ++i) err.add_secrets_of(argv[i] != nullptr ? argv[i] : "");
    if (const char* env = std::getenv("DATABASE_URL"); env != nullptr) err.add_secrets_of(env);
    CommandIo io{out, err, cli::json_requested(argc, argv)};
    std::string verb;
    // A failure in JSON mode: the error document, quoting what stderr said, unless the verb
    // already printed one.
    const auto finish = [&](int code) {
        err.flush();
        if (io.json && code != kExitOk && !io.json_written) {
            out << cli::json_error(verb, error_message(said.str(), verb), code, nullptr) << std::flush;
        }
        return code;
    };

    CLI::App app("Alembic-style schema migrations for C++: the build-time and developer tool", "migrations");
    app.require_subcommand(1);
    app.set_version_flag("--version", "migrations " MIGRATIONS_VERSION_STRING " (catalog format " +
                                          std::to_string(MIGRATIONS_CATALOG_FORMAT_VERSION) + ")");
    std::vector<std::unique_ptr<Command>> commands;
    for (CommandFactory factory : command_factories()) commands.push_back(factory(app));

    // CLI11 would say "A subcommand is required" of a misspelt verb: name it, and the closest.
    if (const std::string typed = typed_verb(argc, argv); !typed.empty()) {
        const auto subs = app.get_subcommands({});
        if (std::none_of(subs.begin(), subs.end(), [&](CLI::App* sub) { return sub->check_name(typed); })) {
            std::vector<std::string> names;
            names.reserve(subs.size());
            for (const CLI::App* sub : subs) names.push_back(sub->get_name());
            const std::string suggestion =
                detail::closest(typed, std::vector<std::string_view>(names.begin(), names.end()));
            err << "migrations: error: unknown command '" << typed << "'"
                << (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)") << "; see migrations --help\n";
            return finish(kExitUsage);
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const auto parsed = app.get_subcommands();
        if (!parsed.empty()) verb = parsed.front()->get_name();
        const int code = app.exit(error, out, err);
        return finish(code == 0 ? kExitOk : kExitUsage);
    }
    for (const auto& command : commands) {
        if (!command->subcommand().parsed()) continue;
        verb = command->subcommand().get_name();
        try {
            return finish(command->run(io));
        } catch (const std::exception& error) {
            // A revision argument the runtime's planner cannot resolve (Error), and the like.
            err << "migrations " << verb << ": error: " << error.what() << "\n";
            return finish(kExitDiagnostics);
        }
    }
    return kExitUsage;  // unreachable: require_subcommand(1)
}

}  // namespace migrations::generator
