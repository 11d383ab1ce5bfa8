// @brief Round trip through `migrations generate`: the text the runtime sees is, byte for
// byte, the text of the revision files (CRLF turned into LF, no BOM).
#include <gtest/gtest.h>

#include <cstring>

#include "catalog_blob.hpp"
#include "catalog_builder.hpp"
#include "checksum.hpp"
#include "empty_catalog.hpp"
#include "loader.hpp"
#include "parser.hpp"
#include "roundtrip_catalog.hpp"

namespace migrations::generator {
namespace {

RevisionFile parse_fixture(const RevisionSpec& revision) {
    std::string error;
    const std::string path = std::string(MIGRATIONS_FIXTURE_ROOT) + "/" + revision.file;
    const auto text = read_file(path, error);
    EXPECT_TRUE(text.has_value()) << path << ": " << error;
    Diagnostics diagnostics;
    RevisionFile file = parse_revision(text.value_or(""), path, kAllDialects, diagnostics);
    EXPECT_TRUE(diagnostics.empty());
    return file;
}

void expect_same_sections(const Array<Section>& compiled, const std::vector<SectionText>& parsed) {
    ASSERT_EQ(compiled.size, parsed.size());
    for (std::size_t k = 0; k < parsed.size(); ++k) {
        EXPECT_STREQ(compiled[k].dialect, parsed[k].dialect ? dialect_name(*parsed[k].dialect) : "");
        EXPECT_EQ(compiled[k].first_line, parsed[k].first_line);
        EXPECT_EQ(compiled[k].sql.str(), parsed[k].sql);
        EXPECT_EQ(compiled[k].sql.data[compiled[k].sql.size], '\0');
    }
}

TEST(RoundTrip, GivesTheRuntimeTheTextOfEveryFile) {
    const Catalog& catalog = roundtrip_catalog();
    ASSERT_EQ(catalog.size(), 3U);
    for (std::size_t i = 0; i < catalog.size(); ++i) {
        SCOPED_TRACE(catalog[i].file);
        const RevisionFile file = parse_fixture(catalog[i]);
        EXPECT_EQ(catalog[i].id, file.id);
        EXPECT_EQ(catalog[i].message, file.message);
        EXPECT_EQ(catalog[i].created, file.created);
        expect_same_sections(catalog[i].upgrade, file.upgrade);
        expect_same_sections(catalog[i].downgrade, file.downgrade);
        EXPECT_EQ(catalog[i].checksum[0], revision_checksum(file, Dialect::sqlite));
        EXPECT_EQ(catalog[i].checksum[1], revision_checksum(file, Dialect::postgresql));
    }
}

TEST(RoundTrip, KeepsQuotesBackslashesTrigraphsAndUtf8) {
    const RevisionSpec& awkward = roundtrip_catalog()[0];
    EXPECT_STREQ(awkward.file, "fixtures/roundtrip/001_awkward.sql");
    EXPECT_STREQ(awkward.message,
                 "quotes \"double\" 'single', back\\slash, ?\?= trigraph, caf\xC3\xA9 \xE2\x98\x83 \xF0\x9F\x98\x80");
    EXPECT_EQ(awkward.upgrade[0].first_line, 8U);
    EXPECT_EQ(awkward.upgrade[0].sql.str(),
              "CREATE TABLE \"quoted\" (\n"
              "    a TEXT DEFAULT 'it''s',\n"
              "    b TEXT DEFAULT 'C:\\path\\to\\file\\',\n"
              "    c TEXT DEFAULT '?\?=?\?/?\?''?\?!?\?<?\?>?\?-?\?\?',\n"
              "    d TEXT DEFAULT 'caf\xC3\xA9 \xE2\x98\x83 \xF0\x9F\x98\x80 \xC3\xA9"
              "7 \\x41BC \\101',\n"
              "    e TEXT DEFAULT '\ttab'\n"
              ");\n"
              "-- trailing comment \\\n"
              "\n");
    EXPECT_EQ(awkward.downgrade[0].sql.str(), "DROP TABLE \"quoted\";");
    ASSERT_EQ(awkward.branch_labels.size, 1U);
    EXPECT_STREQ(awkward.branch_labels[0], "trunk");
}

TEST(RoundTrip, TurnsCrlfIntoLfAndDropsTheBom) {
    const RevisionSpec& crlf = roundtrip_catalog()[1];
    EXPECT_STREQ(crlf.id, "crlf02");
    EXPECT_STREQ(crlf.message, "written on Windows");
    EXPECT_EQ(crlf.upgrade[0].first_line, 6U);
    EXPECT_EQ(crlf.upgrade[0].sql.str(), "CREATE TABLE w (\n  x INT  \n);\n\n");
}

TEST(RoundTrip, SplitsALargeSectionIntoPieces) {
    const RevisionSpec& large = roundtrip_catalog()[2];
    const auto sqlite = Catalog::upgrade_section(large, Dialect::sqlite);
    ASSERT_TRUE(sqlite.has_value());
    EXPECT_GT(sqlite->sql.str().size(), 40000U);
    EXPECT_EQ(sqlite->sql.size, std::strlen(sqlite->sql.data));
    EXPECT_EQ(Catalog::upgrade_section(large, Dialect::postgresql)->sql.str(),
              "CREATE TABLE big (id SERIAL PRIMARY KEY, v TEXT);\n");
}

TEST(RoundTrip, CarriesTheBytesTheToolsVerbsSerializeInMemory) {
    // `migrations generate` wrote this binary's blob; the developer verbs (history, show,
    // upgrade --dir ...) serialize the same directory in memory: the same bytes.
    LoadOptions load;
    load.dir = std::string(MIGRATIONS_FIXTURE_ROOT) + "/fixtures/roundtrip";
    load.source_root = MIGRATIONS_FIXTURE_ROOT;
    Diagnostics diagnostics;
    const std::optional<RevisionSet> set = load_revisions(load, diagnostics);
    ASSERT_TRUE(set.has_value());
    EXPECT_TRUE(roundtrip_catalog().blob() == serialize_catalog(*set, "roundtrip_catalog"));
    EXPECT_TRUE(make_catalog(*set, "roundtrip_catalog").blob() == roundtrip_catalog().blob());
}

TEST(RoundTrip, CompilesAnEmptyDirectoryIntoAnEmptyCatalogBesideAnother) {
    const Catalog& empty = empty_catalog();
    EXPECT_EQ(empty.size(), 0U);
    EXPECT_STREQ(empty.name(), "empty_catalog");
    EXPECT_TRUE(empty.supports(Dialect::sqlite));
    EXPECT_FALSE(empty.supports(Dialect::postgresql));
    EXPECT_EQ(empty.find("awkward01"), -1);
    EXPECT_EQ(roundtrip_catalog().find("awkward01"), 0);
}

}  // namespace
}  // namespace migrations::generator
