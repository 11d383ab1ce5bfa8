// @brief The todo command line: migrates its database at startup, then runs one command.
//
//   todo [--database URL] add TITLE | list | done ID | delete ID | restore ID
//   todo [--database URL] db <verb> ...   (upgrade, downgrade, history, current, check, ...)
//
// The database is `--database URL`, else $DATABASE_URL, else sqlite:///todo.db.
#include "todo_migrations.hpp"
#include "todo_store.hpp"

#include <migrations/migrations.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

namespace {

constexpr const char* kDefaultUrl = "sqlite:///todo.db";

int usage() {
    std::fprintf(stderr,
                 "usage: todo [--database URL] add TITLE | list | done ID | delete ID | restore ID\n"
                 "       todo [--database URL] db <upgrade|downgrade|stamp|current|history|heads|show|check|sql> "
                 "[ARGS]\n");
    return 2;
}

std::int64_t parse_id(const std::string& text) {
    char* end = nullptr;
    const long long id = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || id <= 0) throw std::runtime_error("not a todo id: '" + text + "'");
    return id;
}

int run(const std::string& url, const std::vector<std::string>& args) {
    const std::string& verb = args[0];
    const std::unique_ptr<todo::TodoStore> store = todo::open_store(url);  // migrates at startup

    if (verb == "add" && args.size() == 2) {
        std::printf("added #%lld\n", static_cast<long long>(store->add(args[1])));
    } else if (verb == "list" && args.size() == 1) {
        for (const todo::Todo& todo : store->list()) {
            std::printf("%4lld [%c] %s\n", static_cast<long long>(todo.id), todo.completed_at.empty() ? ' ' : 'x',
                        todo.title.c_str());
        }
    } else if (verb == "done" && args.size() == 2) {
        store->complete(parse_id(args[1]));
    } else if (verb == "delete" && args.size() == 2) {
        store->remove(parse_id(args[1]));
    } else if (verb == "restore" && args.size() == 2) {
        store->restore(parse_id(args[1]));
    } else {
        return usage();
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const char* env_url = std::getenv("DATABASE_URL");
    std::string url = env_url && *env_url ? env_url : kDefaultUrl;
    int first = 1;
    if (argc > 2 && std::string(argv[1]) == "--database") {
        url = argv[2];
        first = 3;
    }
    if (first >= argc) return usage();

    if (std::string(argv[first]) == "db") {
        // `todo db <verb> ...`: Alembic's verbs from the runtime, on the same database.
        std::vector<const char*> cli_args = {"todo db"};
        for (int i = first + 1; i < argc; ++i) cli_args.push_back(argv[i]);
        if (first == 3) {  // an explicit --database outranks $DATABASE_URL there too
            cli_args.push_back("--database");
            cli_args.push_back(url.c_str());
        }
        return migrations::run_cli(static_cast<int>(cli_args.size()), cli_args.data(), todo_migrations(), url);
    }
    try {
        return run(url, std::vector<std::string>(argv + first, argv + argc));
    } catch (const std::exception& error) {
        std::fprintf(stderr, "todo: %s\n", error.what());
        return 1;
    }
}
