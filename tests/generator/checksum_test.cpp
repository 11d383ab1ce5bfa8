// @brief Tests of revision checksums: what changes them and what does not.
#include "checksum.hpp"

#include <gtest/gtest.h>

#include "parser.hpp"

namespace migrations::generator {
namespace {

std::string checksum_of(const std::string& text, Dialect dialect = Dialect::sqlite) {
    Diagnostics diagnostics;
    const RevisionFile file = parse_revision(text, "a.sql", kAllDialects, diagnostics);
    EXPECT_TRUE(diagnostics.empty());
    return revision_checksum(file, dialect);
}

std::string revision(const std::string& parents, const std::string& message, const std::string& upgrade) {
    return "-- revision: r\n-- down_revision: " + parents + "\n-- message: " + message + "\n-- upgrade\n" + upgrade +
           "-- downgrade\nDROP TABLE t;\n";
}

std::string crlf(const std::string& text) {
    std::string result;
    for (char c : text) result += c == '\n' ? std::string("\r\n") : std::string(1, c);
    return result;
}

const std::string kBase = revision("a, b", "create t", "CREATE TABLE t (x INT);\n");

TEST(Checksum, IsSha256InLowercaseHex) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Checksum, NormalisesWhiteSpaceAndLineEndings) {
    EXPECT_EQ(normalise_sql("\xEF\xBB\xBF\n\n  a  \r\n\t\nb\t\n\n"), "  a\n\nb");
    EXPECT_EQ(normalise_sql(" \n\t"), "");
}

TEST(Checksum, IgnoresTheMessageLineEndingsAndTrailingSpace) {
    const std::string sum = checksum_of(kBase);
    EXPECT_EQ(sum.size(), 64U);
    EXPECT_EQ(checksum_of(revision("a, b", "another message", "CREATE TABLE t (x INT);\n")), sum);
    EXPECT_EQ(checksum_of(crlf(kBase)), sum);
    EXPECT_EQ(checksum_of("\xEF\xBB\xBF" + kBase), sum);
    EXPECT_EQ(checksum_of(revision("a, b", "create t", "\nCREATE TABLE t (x INT);   \n\n")), sum);
    EXPECT_EQ(checksum_of(revision("b,a", "create t", "CREATE TABLE t (x INT);\n")), sum);
}

TEST(Checksum, ChangesWithTheSqlOrTheParents) {
    const std::string sum = checksum_of(kBase);
    EXPECT_NE(checksum_of(revision("a, b", "create t", "CREATE TABLE t (y INT);\n")), sum);
    EXPECT_NE(checksum_of(revision("a, c", "create t", "CREATE TABLE t (x INT);\n")), sum);
    EXPECT_NE(checksum_of(revision("a", "create t", "CREATE TABLE t (x INT);\n")), sum);
    EXPECT_NE(checksum_of(revision("a, b", "create t", "CREATE  TABLE t (x INT);\n")), sum);
}

TEST(Checksum, UsesTheDialectSectionWhenThereIsOne) {
    const std::string text =
        "-- revision: r\n-- down_revision: none\n-- message: m\n-- upgrade\nSELECT 1;\n-- upgrade: postgresql\n"
        "SELECT 2;\n-- downgrade\nSELECT 3;\n";
    EXPECT_EQ(checksum_of(text, Dialect::sqlite), checksum_of(revision("none", "m", "SELECT 1;\n")));
    EXPECT_NE(checksum_of(text, Dialect::postgresql), checksum_of(text, Dialect::sqlite));
}

}  // namespace
}  // namespace migrations::generator
