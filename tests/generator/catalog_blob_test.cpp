// @brief The serializer round trip: the generator's revision model -> binary catalog ->
// Catalog equals the model in every field; and the catalogs the runtime refuses.
#include "catalog_blob.hpp"

#include <gtest/gtest.h>

#include <migrations/error.hpp>

#include "catalog_builder.hpp"
#include "parser.hpp"
#include "validator.hpp"

namespace migrations::generator {
namespace {

RevisionSet make_set(const std::vector<std::string>& texts) {
    Diagnostics diagnostics;
    std::vector<RevisionFile> files;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        files.push_back(parse_revision(texts[i], "m/" + std::to_string(i) + ".sql", kAllDialects, diagnostics));
        files.back().relative_path = "db/m/" + std::to_string(i) + ".sql";
    }
    ValidationOptions options;
    options.dialects = kAllDialects;
    auto set = validate(std::move(files), options, diagnostics);
    EXPECT_TRUE(diagnostics.empty()) << (diagnostics.empty() ? "" : format(diagnostics.all().front()));
    return std::move(*set);
}

/// Every shape a field can take: a root, a branch, a merge with two parents, a dependency,
/// two labels, a created date, dialect sections, an irreversible and a non-transactional
/// revision, a commit boundary, quotes and UTF-8 in the text.
RevisionSet rich_set() {
    return make_set({
        "-- revision: a1\n-- down_revision: none\n-- message: root \"quoted\" caf\xC3\xA9\n"
        "-- created: 2026-01-01 10:00:00+00:00\n-- branch_labels: trunk, main\n"
        "-- upgrade\nCREATE TABLE t (x INT);\n-- upgrade: postgresql\nCREATE TABLE t (x SERIAL);\n"
        "-- downgrade\nDROP TABLE t;\n",
        "-- revision: b2\n-- down_revision: a1\n-- message: left\n-- transactional: false\n"
        "-- upgrade\nVACUUM;\n-- downgrade: irreversible\n",
        "-- revision: c3\n-- down_revision: a1\n-- message: right\n-- upgrade\nALTER TYPE mood ADD VALUE 'x';\n"
        "-- upgrade: sqlite\nSELECT 1;\n-- downgrade\nSELECT 2;\n-- downgrade: sqlite\nSELECT 3;\n",
        "-- revision: d4\n-- down_revision: b2, c3\n-- depends_on: a1\n-- message: merge\n"
        "-- upgrade\n\n-- downgrade\n\n",
    });
}

/// Statement ranges as text, for comparing ("none" when not split).
std::string ranges(const std::optional<std::vector<StatementRange>>& statements) {
    if (!statements) return "none";
    std::string text;
    for (const StatementRange& range : *statements) {
        text += std::to_string(range.offset) + "+" + std::to_string(range.size) + " ";
    }
    return text;
}

void expect_sections(const Array<Section>& blob, const std::vector<SectionText>& model) {
    ASSERT_EQ(blob.size, model.size());
    for (std::size_t k = 0; k < model.size(); ++k) {
        EXPECT_STREQ(blob[k].dialect, model[k].dialect ? dialect_name(*model[k].dialect) : "");
        EXPECT_EQ(blob[k].first_line, model[k].first_line);
        EXPECT_EQ(blob[k].sql.view(), model[k].sql);
        EXPECT_EQ(blob[k].sql.data[blob[k].sql.size], '\0');
        EXPECT_EQ(ranges(Catalog::statements(blob[k])), ranges(model[k].statements));
    }
}

TEST(CatalogBlob, ReadsBackEveryFieldOfTheModel) {
    const RevisionSet set = rich_set();
    const Catalog catalog = make_catalog(set, "rich_migrations");
    EXPECT_STREQ(catalog.name(), "rich_migrations");
    ASSERT_EQ(catalog.size(), set.revisions.size());
    EXPECT_TRUE(catalog.supports(Dialect::sqlite));
    EXPECT_TRUE(catalog.supports(Dialect::postgresql));
    ASSERT_EQ(catalog.by_id().size, set.by_id.size());
    for (std::size_t k = 0; k < set.by_id.size(); ++k) EXPECT_EQ(catalog.by_id()[k], set.by_id[k]);
    for (std::size_t i = 0; i < set.revisions.size(); ++i) {
        const RevisionFile& model = set.revisions[i];
        const RevisionSpec revision = catalog[i];
        SCOPED_TRACE(model.id);
        EXPECT_EQ(revision.id, model.id);
        EXPECT_EQ(catalog.find(model.id), static_cast<std::ptrdiff_t>(i));
        EXPECT_EQ(revision.message, model.message);
        EXPECT_EQ(revision.created, model.created);
        EXPECT_EQ(revision.file, model.relative_path);
        ASSERT_EQ(revision.parents.size, set.parents[i].size());
        for (std::size_t k = 0; k < set.parents[i].size(); ++k) EXPECT_EQ(revision.parents[k], set.parents[i][k]);
        ASSERT_EQ(revision.depends_on.size, set.depends_on[i].size());
        for (std::size_t k = 0; k < set.depends_on[i].size(); ++k) {
            EXPECT_EQ(revision.depends_on[k], set.depends_on[i][k]);
        }
        ASSERT_EQ(revision.branch_labels.size, model.branch_labels.size());
        for (std::size_t k = 0; k < model.branch_labels.size(); ++k) {
            EXPECT_EQ(revision.branch_labels[k], model.branch_labels[k].name);
        }
        expect_sections(revision.upgrade, model.upgrade);
        expect_sections(revision.downgrade, model.downgrade);
        for (std::size_t d = 0; d < kDialectCount; ++d) EXPECT_EQ(revision.checksum[d], set.checksums[i][d]);
        EXPECT_EQ(revision.transactional, model.transactional);
        EXPECT_EQ(revision.irreversible, model.irreversible);
        EXPECT_EQ(revision.commit_after, model.commit_after);
    }
    // The shapes the model was chosen for are there.
    EXPECT_EQ(catalog[catalog.find("d4")].parents.size, 2U);
    EXPECT_EQ(catalog[catalog.find("c3")].commit_after, 2U);
    EXPECT_EQ(catalog.find("zz"), -1);
}

TEST(CatalogBlob, StoresWherePostgresqlsParserSplitEachSectionThatRunsOnIt) {
    const std::string sql = "CREATE TABLE a (x int); -- note\n/* c */ SELECT ';' \n;\nDO $$ BEGIN NULL; END $$";
    const RevisionSet set =
        make_set({"-- revision: a1\n-- down_revision: none\n-- message: m\n"
                  "-- upgrade\n" +
                  sql + "\n-- upgrade: sqlite\nSELECT 1;\n-- downgrade\n\n"});
    const Catalog catalog = make_catalog(set, "x");
    const RevisionSpec revision = catalog[0];
    ASSERT_EQ(revision.upgrade.size, 2U);
    // First token to last token: the comments and the `;` left out.
    EXPECT_EQ(ranges(Catalog::statements(revision.upgrade[0])), "0+22 40+10 54+24 ");
    EXPECT_EQ(sql.substr(40, 10), "SELECT ';'");
    EXPECT_EQ(ranges(Catalog::statements(revision.upgrade[1])), "none");  // SQLite's only
    EXPECT_EQ(ranges(Catalog::statements(revision.downgrade[0])), "");    // split, no statement
}

TEST(CatalogBlob, SplitsTheSectionsTheChecksDidNotParse) {
    // The developer verbs load every dialect without PostgreSQL's syntax errors and lint; the
    // section is parsed all the same (the transaction checks and commit boundaries need it),
    // and a section PostgreSQL refuses is left unsplit.
    Diagnostics diagnostics;
    std::vector<RevisionFile> files;
    files.push_back(
        parse_revision("-- revision: a1\n-- down_revision: none\n-- message: m\n-- upgrade\n"
                       "SELECT 1; SELECT 2;\n-- downgrade\nDROP TABLE t PRAGMA;\n",
                       "m/a1.sql", kAllDialects, diagnostics, EmptyUpgrade::refused, PostgresqlParse::skipped));
    ValidationOptions options;
    options.dialects = kAllDialects;
    const auto set = validate(std::move(files), options, diagnostics);
    ASSERT_TRUE(set && diagnostics.empty());
    EXPECT_TRUE(set->revisions[0].upgrade[0].statements.has_value());
    const Catalog catalog = make_catalog(*set, "x");
    EXPECT_EQ(ranges(Catalog::statements(catalog[0].upgrade[0])), "0+8 10+8 ");
    EXPECT_EQ(ranges(Catalog::statements(catalog[0].downgrade[0])), "none");
}

TEST(CatalogBlob, IsTheSameBytesForTheSameModel) {
    EXPECT_EQ(serialize_catalog(rich_set(), "x"), serialize_catalog(rich_set(), "x"));
}

TEST(CatalogBlob, IsRefusedWhenItIsOfTheFirstFormat) {
    // Format 1 (32-bit words): the same magic and version word, so this runtime names it.
    const std::string blob = std::string("MGRC\1\0\0\0", 8) + std::string(33, '\0');
    try {
        const Catalog catalog(blob.data(), blob.size());
        FAIL() << "a catalog of format 1 was accepted";
    } catch (const Error& error) {
        EXPECT_EQ(std::string(error.what()),
                  "the compiled-in catalog has format version 1 but this runtime reads format version " +
                      std::to_string(kCatalogFormatVersion) +
                      ": regenerate it with the migrations tool of the same release as the runtime");
    }
}

TEST(CatalogBlob, IsPrintableButForTheVersionAndTheNulAfterEachString) {
    const RevisionSet set = rich_set();
    const std::string blob = serialize_catalog(set, "x");
    std::size_t nuls = 0;
    for (std::size_t i = 8; i < blob.size(); ++i) {
        const auto byte = static_cast<unsigned char>(blob[i]);
        if (byte == 0) {
            ++nuls;
        } else {
            // The SQL and messages of rich_set hold newlines and UTF-8; the table does not.
            EXPECT_TRUE(byte >= 0x20 || byte == '\n') << "byte " << i << " is " << static_cast<int>(byte);
        }
    }
    // The name, then per revision at least id, message, created, file, one checksum, a section.
    EXPECT_GE(nuls, 1 + 6 * set.revisions.size());
}

TEST(CatalogBlob, IsRefusedWhenItsFormatVersionIsNotTheRuntimes) {
    std::string blob = serialize_catalog(rich_set(), "x");
    blob[4] = static_cast<char>(kCatalogFormatVersion + 1);
    try {
        const Catalog catalog(blob.data(), blob.size());
        FAIL() << "a catalog of another format version was accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::bad_catalog);
        EXPECT_EQ(std::string(error.what()),
                  "the compiled-in catalog has format version " + std::to_string(kCatalogFormatVersion + 1) +
                      " but this runtime reads format version " + std::to_string(kCatalogFormatVersion) +
                      ": regenerate it with the migrations tool of the same release as the runtime");
    }
}

TEST(CatalogBlob, IsRefusedWhenItIsNotACatalogOrIsTruncated) {
    const std::string blob = serialize_catalog(rich_set(), "x");
    std::string other = blob;
    other[0] = 'X';
    try {
        const Catalog catalog(other.data(), other.size());
        FAIL() << "a blob without the magic was accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::bad_catalog);
        EXPECT_STREQ(error.what(), "the compiled-in catalog is not a migrations catalog (bad magic or size)");
    }
    try {
        const Catalog catalog(blob.data(), blob.size() - 1);
        FAIL() << "a truncated blob was accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::bad_catalog);
        EXPECT_EQ(std::string(error.what()), "the compiled-in catalog is truncated: its header says " +
                                                 std::to_string(blob.size()) + " bytes, the array holds " +
                                                 std::to_string(blob.size() - 1));
    }
}

TEST(CatalogBlob, DefaultsToAnEmptyCatalog) {
    const Catalog empty;
    EXPECT_EQ(empty.size(), 0U);
    EXPECT_STREQ(empty.name(), "");
    EXPECT_FALSE(empty.supports(Dialect::sqlite));
    EXPECT_EQ(empty.find("a"), -1);
}

}  // namespace
}  // namespace migrations::generator
