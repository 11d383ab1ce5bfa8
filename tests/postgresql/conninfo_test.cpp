// @brief Connection strings: recognising URLs and keyword strings, redacting passwords,
// and libpq's verdict on malformed ones (never quoting a password).
#include "postgresql/conninfo.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace migrations::postgresql {
namespace {

TEST(PostgresqlConninfo, RecognisesBothUrlSchemes) {
    EXPECT_TRUE(is_postgresql_url("postgresql://app@db:5432/app"));
    EXPECT_TRUE(is_postgresql_url("postgres://app@db/app"));
    EXPECT_TRUE(is_postgresql_url("PostgreSQL://db/app"));
    EXPECT_FALSE(is_postgresql_url("sqlite:///app.db"));
    EXPECT_FALSE(is_postgresql_url("host=db dbname=app"));
}

TEST(PostgresqlConninfo, RecognisesKeywordStrings) {
    EXPECT_TRUE(is_keyword_conninfo("host=db dbname=app"));
    EXPECT_TRUE(is_keyword_conninfo("  dbname = app"));
    EXPECT_FALSE(is_keyword_conninfo("postgresql://db/app"));
    EXPECT_FALSE(is_keyword_conninfo("app.db"));
    EXPECT_FALSE(is_keyword_conninfo(""));
}

struct RedactionCase {
    const char* given;
    const char* redacted;
};

class PostgresqlRedaction : public testing::TestWithParam<RedactionCase> {};

TEST_P(PostgresqlRedaction, NeverLetsAPasswordThrough) {
    EXPECT_EQ(redact_conninfo(GetParam().given), GetParam().redacted);
}

INSTANTIATE_TEST_SUITE_P(
    Table, PostgresqlRedaction,
    testing::Values(
        RedactionCase{"postgresql://app:s3cret@db:5432/app?sslmode=require",
                      "postgresql://app:***@db:5432/app?sslmode=require"},
        RedactionCase{"postgres://app:p%40ss@db/app", "postgres://app:***@db/app"},
        RedactionCase{"postgresql://app@db/app", "postgresql://app@db/app"},
        RedactionCase{"postgresql://db/app", "postgresql://db/app"},
        RedactionCase{"postgresql://app:@db/app", "postgresql://app:***@db/app"},
        RedactionCase{"postgresql://app:pa/ss@word@db/app", "postgresql://app:***@db/app"},
        RedactionCase{"postgresql://db/app?user=app&password=s3cret&sslmode=require",
                      "postgresql://db/app?user=app&password=***&sslmode=require"},
        RedactionCase{"postgresql://db/app?PASSWORD=s3cret", "postgresql://db/app?PASSWORD=***"},
        RedactionCase{"postgresql://app:one@db/app?password=two", "postgresql://app:***@db/app?password=***"},
        RedactionCase{"host=db user=app password=s3cret dbname=app", "host=db user=app password=*** dbname=app"},
        RedactionCase{"host=db password = 's3 cr\\'et' dbname=app", "host=db password = *** dbname=app"},
        RedactionCase{"password=s3cret", "password=***"}, RedactionCase{"host=db dbname=app", "host=db dbname=app"},
        RedactionCase{"host=db password", "host=db ***"},
        RedactionCase{"host=db password='unterminated", "host=db password=***"}),
    [](const auto& info) { return "Case" + std::to_string(info.index); });

TEST(PostgresqlConninfo, AddsAFallbackApplicationNameToAUrl) {
    EXPECT_EQ(prepare_conninfo("postgresql://db/app").libpq,
              "postgresql://db/app?fallback_application_name=migrations");
    EXPECT_EQ(prepare_conninfo("postgresql://db/app?sslmode=disable", "my app").libpq,
              "postgresql://db/app?sslmode=disable&fallback_application_name=my%20app");
}

TEST(PostgresqlConninfo, AddsAFallbackApplicationNameToAKeywordString) {
    EXPECT_EQ(prepare_conninfo("host=db dbname=app", "it's").libpq,
              "host=db dbname=app fallback_application_name='it\\'s'");
    EXPECT_EQ(prepare_conninfo("").libpq, "fallback_application_name='migrations'");
}

TEST(PostgresqlConninfo, KeepsTheRedactedFormForMessages) {
    EXPECT_EQ(prepare_conninfo("postgresql://app:s3cret@db/app").redacted, "postgresql://app:***@db/app");
}

TEST(PostgresqlConninfo, RejectsAnUnknownKeywordWithoutShowingThePassword) {
    try {
        (void)prepare_conninfo("host=db password=s3cret colour=blue");
        FAIL() << "accepted";
    } catch (const ConninfoError& error) {
        EXPECT_STREQ(error.what(),
                     "invalid PostgreSQL connection string \"host=db password=*** colour=blue\": "
                     "invalid connection option \"colour\"");
    }
}

TEST(PostgresqlConninfo, RejectsABadPercentEscapeWithoutShowingThePassword) {
    try {
        (void)prepare_conninfo("postgresql://app:s3%zzcret@db/app");
        FAIL() << "accepted";
    } catch (const ConninfoError& error) {
        const std::string what = error.what();
        EXPECT_EQ(what.find("s3%zz"), std::string::npos) << what;
        EXPECT_EQ(what,
                  "invalid PostgreSQL connection string \"postgresql://app:***@db/app\": "
                  "invalid percent-encoded token: \"***\"");
    }
}

TEST(PostgresqlConninfo, RejectsAnotherScheme) {
    try {
        (void)prepare_conninfo("mysql://app:s3cret@db/app");
        FAIL() << "accepted";
    } catch (const ConninfoError& error) {
        EXPECT_STREQ(error.what(),
                     "not a PostgreSQL connection string: \"mysql://app:***@db/app\" (expected "
                     "postgresql://user@host:port/dbname or \"host=... dbname=...\")");
    }
}

TEST(PostgresqlConninfo, TurnsAKeywordStringIntoAnEquivalentUrl) {
    EXPECT_EQ(keyword_conninfo_to_url("host=db port=5433 dbname=app"), "postgresql://?host=db&port=5433&dbname=app");
    EXPECT_EQ(keyword_conninfo_to_url(" user = app  password='it\\'s a/b' "),
              "postgresql://?user=app&password=it%27s%20a%2Fb");
    EXPECT_EQ(keyword_conninfo_to_url("host=/var/run/postgresql"), "postgresql://?host=%2Fvar%2Frun%2Fpostgresql");
    EXPECT_EQ(keyword_conninfo_to_url(""), "postgresql://");
}

TEST(PostgresqlConninfo, RefusesAMalformedKeywordStringWithoutShowingThePassword) {
    try {
        (void)keyword_conninfo_to_url("host=db password='s3cret");
        FAIL() << "accepted";
    } catch (const ConninfoError& error) {
        EXPECT_STREQ(error.what(),
                     "invalid PostgreSQL connection string \"host=db password=***\": unterminated "
                     "quoted value of \"password\"");
    }
    try {
        (void)keyword_conninfo_to_url("host=db dbname");
        FAIL() << "accepted";
    } catch (const ConninfoError& error) {
        EXPECT_STREQ(error.what(),
                     "invalid PostgreSQL connection string \"host=db dbname\": missing \"=\" after "
                     "\"dbname\"");
    }
}

}  // namespace
}  // namespace migrations::postgresql
