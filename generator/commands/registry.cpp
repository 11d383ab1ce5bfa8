// @brief The list of `migrations` verbs.
#include "commands/command.hpp"

namespace migrations::generator {

const std::vector<CommandFactory>& command_factories() {
    static const std::vector<CommandFactory> kFactories = {
        &make_init_command,      &make_revision_command, &make_merge_command,        &make_heads_command,
        &make_branches_command,  &make_history_command,  &make_show_command,         &make_upgrade_command,
        &make_downgrade_command, &make_stamp_command,    &make_current_command,      &make_sql_command,
        &make_repair_command,    &make_status_command,   &make_validate_command,     &make_lint_command,
        &make_generate_command,  &make_verify_command,   &make_autogenerate_command,
    };
    return kFactories;
}

}  // namespace migrations::generator
