// @brief The schema of the `--format json` documents (docs/cli.md, "JSON output"), checked on
// output parsed by a real JSON parser (nlohmann/json): every member present with its type,
// and no other.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace migrations::testing {

using Json = nlohmann::json;

/// The JSON type of a member.
enum class Type { string, boolean, number, integer, strings, array, object, string_or_null, integer_or_null };

struct Member {
    const char* name;
    Type type;
};

inline bool has_type(const Json& value, Type type) {
    switch (type) {
        case Type::string:
            return value.is_string();
        case Type::boolean:
            return value.is_boolean();
        case Type::number:
            return value.is_number();
        case Type::integer:
            return value.is_number_integer();
        case Type::strings:
            if (!value.is_array()) return false;
            for (const Json& item : value) {
                if (!item.is_string()) return false;
            }
            return true;
        case Type::array:
            return value.is_array();
        case Type::object:
            return value.is_object();
        case Type::string_or_null:
            return value.is_string() || value.is_null();
        case Type::integer_or_null:
            return value.is_number_integer() || value.is_null();
    }
    return false;
}

/// `object` has exactly `members`, each of its type.
inline void expect_members(const Json& object, const std::vector<Member>& members) {
    ASSERT_TRUE(object.is_object()) << object.dump();
    EXPECT_EQ(object.size(), members.size()) << object.dump();
    for (const Member& member : members) {
        ASSERT_TRUE(object.contains(member.name)) << "no '" << member.name << "' in " << object.dump();
        EXPECT_TRUE(has_type(object[member.name], member.type)) << member.name << " in " << object.dump();
    }
}

/// The one document `out` holds (one line), parsed; its format_version is 1 and its command
/// `command` (null when `command` is empty: a verb that was not recognised).
inline Json parse_document(const std::string& out, const std::string& command) {
    EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << "not one line: " << out;
    EXPECT_FALSE(out.empty()) << "no document";
    if (out.empty()) return Json::object();
    Json document;
    try {
        document = Json::parse(out);
    } catch (const Json::parse_error& error) {
        ADD_FAILURE() << error.what() << " in " << out;
        return Json::object();
    }
    EXPECT_EQ(document.value("format_version", 0), 1) << out;
    EXPECT_EQ(document.value("command", Json()), command.empty() ? Json() : Json(command)) << out;
    return document;
}

/// A revision of heads, history and show; `with_state`: of a history over a database.
inline void expect_revision(const Json& revision, bool with_state = false) {
    std::vector<Member> members = {
        {"revision", Type::string},       {"parents", Type::strings},        {"depends_on", Type::strings},
        {"branch_labels", Type::strings}, {"children", Type::strings},       {"head", Type::boolean},
        {"branchpoint", Type::boolean},   {"mergepoint", Type::boolean},     {"message", Type::string},
        {"file", Type::string},           {"created", Type::string_or_null}, {"transactional", Type::boolean},
        {"reversible", Type::boolean}};
    if (with_state) {
        members.insert(members.end(),
                       {{"current", Type::boolean}, {"state", Type::string}, {"applied_at", Type::string_or_null}});
    }
    expect_members(revision, members);
    if (!with_state) return;
    const std::string state = revision.value("state", "");
    EXPECT_TRUE(state == "applied" || state == "pending" || state == "not_applied") << state;
    EXPECT_EQ(revision["applied_at"].is_null(), state == "not_applied") << revision.dump();
}

/// The documents of upgrade, downgrade and stamp.
inline void expect_result(const Json& document) {
    expect_members(document, {{"format_version", Type::integer},
                              {"command", Type::string},
                              {"database", Type::string},
                              {"from", Type::strings},
                              {"to", Type::strings},
                              {"revisions", Type::strings},
                              {"elapsed_ms", Type::number},
                              {"fast_path", Type::boolean}});
}

/// The document of current.
inline void expect_current(const Json& document) {
    expect_members(document, {{"format_version", Type::integer},
                              {"command", Type::string},
                              {"database", Type::string},
                              {"current", Type::array}});
    for (const Json& entry : document["current"]) {
        if (entry.value("known", true)) {
            expect_members(entry, {{"revision", Type::string},
                                   {"known", Type::boolean},
                                   {"head", Type::boolean},
                                   {"message", Type::string},
                                   {"file", Type::string},
                                   {"state", Type::string},
                                   {"applied_at", Type::string}});
        } else {
            expect_members(entry, {{"revision", Type::string}, {"known", Type::boolean}});
        }
    }
}

/// The document of history; `with_database` when it was read from a database.
inline void expect_history(const Json& document, bool with_database) {
    expect_members(document, {{"format_version", Type::integer},
                              {"command", Type::string},
                              {"database", with_database ? Type::string : Type::string_or_null},
                              {"revisions", Type::array}});
    if (!with_database) {
        EXPECT_TRUE(document["database"].is_null());
    }
    for (const Json& revision : document["revisions"]) expect_revision(revision, with_database);
}

/// The document of status.
inline void expect_status(const Json& document) {
    expect_members(document, {{"format_version", Type::integer},
                              {"command", Type::string},
                              {"database", Type::string},
                              {"ok", Type::boolean},
                              {"problems", Type::strings}});
    EXPECT_EQ(document["ok"].get<bool>(), document["problems"].empty()) << document.dump();
}

/// The document of a failure with `exit_code`; `migration_error` when the runtime raised it
/// (kind, revision, file, line, database_code).
inline void expect_error(const Json& document, int exit_code, bool migration_error) {
    expect_members(document,
                   {{"format_version", Type::integer}, {"command", Type::string_or_null}, {"error", Type::object}});
    const Json& error = document["error"];
    if (migration_error) {
        expect_members(error, {{"message", Type::string},
                               {"exit_code", Type::integer},
                               {"kind", Type::string},
                               {"revision", Type::string_or_null},
                               {"file", Type::string_or_null},
                               {"line", Type::integer},
                               {"database_code", Type::integer}});
    } else {
        expect_members(error, {{"message", Type::string}, {"exit_code", Type::integer}});
    }
    EXPECT_EQ(error.value("exit_code", -1), exit_code) << document.dump();
}

}  // namespace migrations::testing
