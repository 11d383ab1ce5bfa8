// @brief Serialization of a RevisionSet into the binary catalog.
#include "catalog_blob.hpp"

#include <catalog_format.hpp>
#include <unordered_map>
#include <vector>

#include "checks/postgresql_parse.hpp"

namespace migrations::generator {
namespace {

namespace format = catalog_format;

/// Writes the blob front to back: header (filled in last), name, records, the record offsets,
/// by_id. Every string field is written once; a later equal one refers to it when that is
/// shorter.
class Writer {
public:
    explicit Writer(const RevisionSet& set)
        : set_(set), index_digits_(format::digits_for(set.revisions.empty() ? 0 : set.revisions.size() - 1)) {}

    std::string write(std::string_view name);

private:
    void text(std::string_view text);
    void indices(const std::vector<std::uint32_t>& values);
    void sections(const std::vector<SectionText>& texts);
    /// The statement list of a section that runs on PostgreSQL: the parse the checks made, else
    /// (a set built without the parser: tests, benchmarks) PostgreSQL's parser now.
    void split(const SectionText& section, bool runs_on_postgresql);

    const RevisionSet& set_;
    const std::size_t index_digits_;
    std::string out_;
    std::string list_;
    std::unordered_map<std::string_view, std::uint32_t> strings_;
};

void Writer::text(std::string_view text) {
    const auto found = strings_.find(text);
    if (found != strings_.end()) {
        // A reference costs digits of 2 * offset + 1; the text itself its size, a NUL and a size.
        std::string ref;
        format::append_string_ref(ref, found->second);
        if (ref.size() < text.size() + 2) {
            out_ += ref;
            return;
        }
    } else {
        strings_.emplace(text, static_cast<std::uint32_t>(out_.size()));
    }
    format::append_string(out_, text);
}

void Writer::indices(const std::vector<std::uint32_t>& values) {
    format::append_varint(out_, static_cast<std::uint32_t>(values.size()));
    for (std::uint32_t value : values) format::append_fixed(out_, value, index_digits_);
}

void Writer::split(const SectionText& section, bool runs_on_postgresql) {
    std::optional<std::vector<StatementRange>> parsed;
    if (section.statements) {
        parsed = section.statements;
    } else if (runs_on_postgresql) {
        parsed = statement_ranges(section.sql);
    }
    if (!parsed) {
        format::append_varint(out_, 0);
        return;
    }
    list_.clear();
    std::uint32_t previous_end = 0;
    for (const StatementRange& statement : *parsed) {
        format::append_varint(list_, statement.offset - previous_end);
        format::append_varint(list_, statement.size);
        previous_end = statement.offset + statement.size;
    }
    format::append_varint(out_, static_cast<std::uint32_t>(list_.size() + 1));
    out_ += list_;
}

void Writer::sections(const std::vector<SectionText>& texts) {
    std::vector<const SectionText*> selected;
    for (const SectionText& section : texts) {
        if (!section.dialect || ((set_.dialects >> static_cast<unsigned>(*section.dialect)) & 1U)) {
            selected.push_back(&section);
        }
    }
    const bool postgresql = ((set_.dialects >> static_cast<unsigned>(Dialect::postgresql)) & 1U) != 0;
    const SectionText* on_postgresql = postgresql ? effective_section(texts, Dialect::postgresql) : nullptr;
    format::append_varint(out_, static_cast<std::uint32_t>(selected.size()));
    for (const SectionText* section : selected) {
        format::append_varint(out_, section->dialect ? 1U + static_cast<unsigned>(*section->dialect) : 0U);
        format::append_varint(out_, section->first_line);
        text(section->sql);
        split(*section, section == on_postgresql);
    }
}

std::string Writer::write(std::string_view name) {
    const std::size_t count = set_.revisions.size();
    std::size_t sql = 0;
    for (const RevisionFile& revision : set_.revisions) {
        for (const SectionText& section : revision.upgrade) sql += section.sql.size();
        for (const SectionText& section : revision.downgrade) sql += section.sql.size();
    }
    out_.reserve(format::kHeaderSize + sql + 160 * count);
    out_.append(format::kMagic, sizeof format::kMagic);
    for (unsigned shift = 0; shift < 32; shift += 8)
        out_ += static_cast<char>((kCatalogFormatVersion >> shift) & 0xFFU);
    out_.resize(format::kHeaderSize);
    std::uint64_t header[format::header_words] = {};
    header[format::header_revision_count] = count;
    header[format::header_dialects] = set_.dialects;
    header[format::header_index_digits] = index_digits_;
    header[format::header_name] = out_.size();
    text(name);
    std::vector<std::size_t> records;
    records.reserve(count);
    std::uint32_t cpp_count = 0;  // C++ revisions so far: the next one's index in the table of steps
    for (std::size_t i = 0; i < count; ++i) {
        const RevisionFile& revision = set_.revisions[i];
        records.push_back(out_.size());
        text(revision.id);
        text(revision.message);
        text(revision.created);
        text(revision.relative_path);
        format::append_varint(out_, (revision.transactional ? format::kTransactional : 0U) |
                                        (revision.irreversible ? format::kIrreversible : 0U) |
                                        (revision.cpp ? format::kCpp | cpp_count++ << format::kCppIndexShift : 0U));
        format::append_varint(out_, revision.commit_after);
        indices(set_.parents[i]);
        indices(set_.depends_on[i]);
        format::append_varint(out_, static_cast<std::uint32_t>(revision.branch_labels.size()));
        for (const NamedRef& label : revision.branch_labels) text(label.name);
        for (std::size_t d = 0; d < kDialectCount; ++d) text(set_.checksums[i][d]);
        sections(revision.upgrade);
        sections(revision.downgrade);
    }
    const std::size_t offset_digits = format::digits_for(records.empty() ? 0 : records.back());
    header[format::header_offset_digits] = offset_digits;
    header[format::header_records] = out_.size();
    for (std::size_t at : records) format::append_fixed(out_, at, offset_digits);
    header[format::header_by_id] = out_.size();
    for (std::uint32_t index : set_.by_id) format::append_fixed(out_, index, index_digits_);
    header[format::header_size] = out_.size();
    std::string words;
    for (std::uint64_t word : header) format::append_fixed(words, word, format::kHeaderDigits);
    out_.replace(format::kVersionAt + 4, words.size(), words);
    return std::move(out_);
}

}  // namespace

std::string serialize_catalog(const RevisionSet& set, std::string_view name) { return Writer(set).write(name); }

}  // namespace migrations::generator
