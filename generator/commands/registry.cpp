// @brief The list of `migrations` verbs.
#include "commands/command.hpp"

namespace migrations::generator {

const std::vector<CommandFactory>& command_factories() {
    static const std::vector<CommandFactory> factories = {
        &make_generate_command,
        &make_check_command,
        &make_verify_command,
        &make_autogenerate_command,
    };
    return factories;
}

}  // namespace migrations::generator
