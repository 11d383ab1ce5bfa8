// @brief URL parsing and password redaction.
#include <migrations/error.hpp>
#include <migrations/url.hpp>

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

struct BadUrl {
    const char* url;
    const char* message;
};

TEST(UrlParse, RejectsMalformedUrlsWithAClearMessage) {
    const BadUrl cases[] = {
        {"app.db", "bad database URL 'app.db': expected scheme://..., e.g. sqlite:///app.db or postgresql://user@host/db"},
        {"sqlite://", "bad database URL 'sqlite://': no database path; use sqlite:///relative.db, "
                      "sqlite:////absolute/path.db or sqlite://:memory:"},
        {"sqlite://app.db", "bad database URL 'sqlite://app.db': an SQLite URL has no host; use sqlite:///app.db for "
                            "a relative path"},
        {"postgresql://u:secret@h:port/db", "bad database URL 'postgresql://u:***@h:port/db': invalid port 'port'"},
        {"sq lite:///x", "bad database URL 'sq lite:///x': invalid scheme 'sq lite'"},
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
    };
    for (const auto& [url, redacted] : cases) EXPECT_EQ(redact_url(url), redacted) << url;
}

}  // namespace
}  // namespace migrations
