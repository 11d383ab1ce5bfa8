// @brief URL parsing and password redaction.
#include <migrations/error.hpp>
#include <migrations/url.hpp>

#include "redaction.hpp"

#include <gtest/gtest.h>

namespace migrations {
namespace {

TEST(UrlParse, ReadsTheThreeSqliteForms) {
    EXPECT_EQ(parse_url("sqlite:///app.db").path, "app.db");
    EXPECT_EQ(parse_url("sqlite:///data/app.db").path, "data/app.db");
    EXPECT_EQ(parse_url("sqlite:////var/lib/app.db").path, "/var/lib/app.db");
    EXPECT_EQ(parse_url("sqlite://:memory:").path, ":memory:");
    EXPECT_EQ(parse_url("sqlite:///:memory:").path, ":memory:");
    EXPECT_EQ(parse_url("SQLite:///app.db").scheme, "sqlite");
}

TEST(UrlParse, SplitsServerUrlsAndDecodesEscapes) {
    const DatabaseUrl url = parse_url("postgresql://app%40corp:p%40ss:word@db.example:5433/orders?sslmode=require");
    EXPECT_EQ(url.scheme, "postgresql");
    EXPECT_EQ(url.user, "app@corp");
    EXPECT_EQ(url.password, "p@ss:word");
    EXPECT_EQ(url.host, "db.example");
    EXPECT_EQ(url.port, "5433");
    EXPECT_EQ(url.path, "orders");
    EXPECT_EQ(url.query, "sslmode=require");
    EXPECT_EQ(url.redacted, "postgresql://app%40corp:***@db.example:5433/orders?sslmode=require");
    const DatabaseUrl v6 = parse_url("postgresql://u@[::1]:5432/db");
    EXPECT_EQ(v6.host, "::1");
    EXPECT_EQ(v6.port, "5432");
}

struct UserInfoCase {
    const char* url;
    const char* user;
    const char* password;
    const char* host;
    const char* port;
    const char* path;
    const char* query;
    const char* redacted;
};

// The user info ends at the last '@' before the path; a password with a raw '/' or '?' (no
// '@' before the path) ends at the last '@'; an '@' in the query after a port is no user info.
TEST(UrlParse, TakesTheUserInfoByOneRuleThatTheRedactionShares) {
    const UserInfoCase cases[] = {
        {"postgresql://u:Hash#S3cret@127.0.0.1:5432/db", "u", "Hash#S3cret", "127.0.0.1", "5432", "db", "",
         "postgresql://u:***@127.0.0.1:5432/db"},
        {"postgresql://u:S3cret/Pw@127.0.0.1:5432/db", "u", "S3cret/Pw", "127.0.0.1", "5432", "db", "",
         "postgresql://u:***@127.0.0.1:5432/db"},
        {"postgresql://u:S3cret?Pw@h/db?sslmode=disable", "u", "S3cret?Pw", "h", "", "db", "sslmode=disable",
         "postgresql://u:***@h/db?sslmode=disable"},
        {"postgresql://u:p@ss:w@h/db", "u", "p@ss:w", "h", "", "db", "", "postgresql://u:***@h/db"},
        {"postgresql://u:S3cret?Pw=1@h/db", "u", "S3cret?Pw=1", "h", "", "db", "", "postgresql://u:***@h/db"},
        {"postgresql://h:5432/db?application_name=a@b", "", "", "h", "5432", "db", "application_name=a@b",
         "postgresql://h:5432/db?application_name=a@b"},
        {"postgresql://h/db?application_name=a:b@c", "", "", "h", "", "db", "application_name=a:b@c",
         "postgresql://h/db?application_name=a:b@c"},
        {"postgresql://[::1]/db?x=a@b", "", "", "::1", "", "db", "x=a@b", "postgresql://[::1]/db?x=a@b"},
        {"postgresql://u@h/db", "u", "", "h", "", "db", "", "postgresql://u@h/db"},
    };
    for (const UserInfoCase& c : cases) {
        const DatabaseUrl url = parse_url(c.url);
        EXPECT_EQ(url.user, c.user) << c.url;
        EXPECT_EQ(url.password, c.password) << c.url;
        EXPECT_EQ(url.host, c.host) << c.url;
        EXPECT_EQ(url.port, c.port) << c.url;
        EXPECT_EQ(url.path, c.path) << c.url;
        EXPECT_EQ(url.query, c.query) << c.url;
        EXPECT_EQ(url.redacted, c.redacted) << c.url;
        EXPECT_EQ(redact_url(c.url), c.redacted) << c.url;
    }
}

struct DriverCase {
    const char* url;
    const char* scheme;
    const char* driver;
    const char* path;
};

TEST(UrlParse, SplitsOffSqlalchemyDrivers) {
    const DriverCase cases[] = {
        {"postgresql+psycopg2://u:pw@db:5432/app", "postgresql", "psycopg2", "app"},
        {"postgresql+asyncpg://u@db/app", "postgresql", "asyncpg", "app"},
        {"POSTGRESQL+PSYCOPG://db/app", "postgresql", "psycopg", "app"},
        {"postgres+pg8000://db/app", "postgres", "pg8000", "app"},
        {"sqlite+pysqlite:///app.db", "sqlite", "pysqlite", "app.db"},
        {"sqlite+aiosqlite:////var/app.db", "sqlite", "aiosqlite", "/var/app.db"},
        {"sqlite+pysqlite://:memory:", "sqlite", "pysqlite", ":memory:"},
        {"postgresql://db/app", "postgresql", "", "app"},
    };
    for (const DriverCase& c : cases) {
        const DatabaseUrl url = parse_url(c.url);
        EXPECT_EQ(url.scheme, c.scheme) << c.url;
        EXPECT_EQ(url.driver, c.driver) << c.url;
        EXPECT_EQ(url.path, c.path) << c.url;
    }
}

struct BadUrl {
    const char* url;
    const char* message;
};

TEST(UrlParse, RejectsMalformedUrlsWithAClearMessage) {
    const BadUrl cases[] = {
        {"app.db",
         "bad database URL 'app.db': expected scheme://..., e.g. sqlite:///app.db or postgresql://user@host/db"},
        {"sqlite://",
         "bad database URL 'sqlite://': no database path; use sqlite:///relative.db, "
         "sqlite:////absolute/path.db or sqlite://:memory:"},
        {"sqlite://app.db",
         "bad database URL 'sqlite://app.db': an SQLite URL has no host; use sqlite:///app.db for "
         "a relative path"},
        {"postgresql://u:secret@h:port/db",
         "bad database URL 'postgresql://u:***@h:port/db': the port is not a number "
         "(in a password, percent-encode '@', '/' and '?' as %40, %2F, %3F)"},
        {"sqlite://u:S3cretPw@host/x.db",
         "bad database URL 'sqlite://u:***@host/x.db': an SQLite URL has no user name "
         "or password; use sqlite:///relative.db or sqlite:////absolute/path.db"},
        {"postgresql:/u:S3cretPw@h/db",
         "bad database URL 'postgresql:/u:***@h/db': expected scheme://..., e.g. "
         "sqlite:///app.db or postgresql://user@host/db"},
        {"postgres//u:S3cretPw@h/db",
         "bad database URL 'postgres//u:***@h/db': expected scheme://..., e.g. "
         "sqlite:///app.db or postgresql://user@host/db"},

        {"sq lite:///x", "bad database URL 'sq lite:///x': invalid scheme 'sq lite'"},
        {"postgresql+://h/db", "bad database URL 'postgresql+://h/db': invalid scheme 'postgresql+'"},
        {"+psycopg2://h/db", "bad database URL '+psycopg2://h/db': invalid scheme '+psycopg2'"},
    };
    for (const BadUrl& c : cases) {
        try {
            (void)parse_url(c.url);
            ADD_FAILURE() << c.url << " parsed";
        } catch (const Error& error) {
            EXPECT_EQ(error.kind(), ErrorKind::bad_url);
            EXPECT_STREQ(error.what(), c.message);
        }
    }
}

TEST(UrlRedact, NeverShowsAPassword) {
    const std::pair<const char*, const char*> cases[] = {
        {"postgresql://app:s3cret@db/app", "postgresql://app:***@db/app"},
        {"postgresql://app:p@ss@db/app", "postgresql://app:***@db/app"},
        {"postgresql://app@db/app", "postgresql://app@db/app"},
        {"postgresql://db/app?user=x&password=hunter2&sslmode=require",
         "postgresql://db/app?user=x&password=***&sslmode=require"},
        {"host=db user=app password=hunter2 dbname=app", "host=db user=app password=*** dbname=app"},
        {"host=db password = 'two words' dbname=app", "host=db password = *** dbname=app"},
        {"sqlite:///app.db", "sqlite:///app.db"},
        {"sqlite:///password.db", "sqlite:///password.db"},
        {"", ""},
        {"postgresql://u:Hash#S3cret@127.0.0.1:5432/db", "postgresql://u:***@127.0.0.1:5432/db"},
        {"postgresql://h/db?sslpassword=S3cret&sslmode=require", "postgresql://h/db?sslpassword=***&sslmode=require"},
        {"host=h sslpassword='S3 cret' PGPASSWORD=S3cret", "host=h sslpassword=*** PGPASSWORD=***"},
        {"postgresql:/u:S3cret@h/db", "postgresql:/u:***@h/db"},
        {"postgres//u:S3cret@h/db", "postgres//u:***@h/db"},
        {"postgresql:///u:S3cret@h/db", "postgresql:///u:***@h/db"},
        {"u:S3cret@h/db", "u:***@h/db"},
        {"postgresql://u:S3cret Pw@h/db", "postgresql://u:***@h/db"},
    };
    for (const auto& [url, redacted] : cases) EXPECT_EQ(redact_url(url), redacted) << url;
}

TEST(RedactText, MasksUserInfoInAnyWordOfAMessage) {
    const std::pair<const char*, const char*> cases[] = {
        {"The following argument was not expected: postgresql://u:S3cret@h/db",
         "The following argument was not expected: postgresql://u:***@h/db"},
        {"app: unknown target 'postgresql:/u:S3cret@h/db': no revision",
         "app: unknown target 'postgresql:/u:***@h/db': no revision"},
        {"--database=postgres//u:S3cret/x@h:1/db and u:S3cret@host",
         "--database=postgres//u:***@h:1/db and u:***@host"},
        {"cannot connect to postgresql://h/db?password=***: refused",
         "cannot connect to postgresql://h/db?password=***: refused"},
        {"x password=S3cret y", "x password=*** y"},
        {"a1 -> b2 (head), mail admin@example.com; see https://example.com/a@b",
         "a1 -> b2 (head), mail admin@example.com; see https://example.com/a@b"},
    };
    for (const auto& [text, redacted] : cases) EXPECT_EQ(detail::redact_text(text), redacted) << text;
}

}  // namespace
}  // namespace migrations
