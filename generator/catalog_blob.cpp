// @brief Serialization of a RevisionSet into the binary catalog.
#include "catalog_blob.hpp"

#include <catalog_format.hpp>
#include <algorithm>
#include <unordered_map>
#include <vector>

namespace migrations::generator {
namespace {

namespace format = catalog_format;

/// Words first (header, by_id, revision records, lists, section records), then the bytes
/// (strings and SQL, each followed by a NUL). Words that refer to bytes are recorded in
/// `text_refs_` and moved past the words once their size is known.
class Writer {
public:
    explicit Writer(const RevisionSet& set) : set_(set) {}

    std::string write(std::string_view name);

private:
    std::size_t reserve(std::size_t words) {
        const std::size_t at = words_.size();
        words_.resize(at + words, 0);
        return at;
    }
    /// Sets word `at` to the offset of `text` in the byte area (interned unless `unique`).
    void text(std::size_t at, std::string_view text, bool unique = false);
    /// Writes `values` as words and returns their word index.
    std::size_t list(const std::vector<std::uint32_t>& values);
    /// Writes the selected sections' records; sets the record's offset and count words.
    void sections(std::size_t record, format::Revision offset, format::Revision count,
                  const std::vector<SectionText>& texts);

    const RevisionSet& set_;
    std::vector<std::uint32_t> words_;
    std::vector<std::size_t> word_refs_;  // words holding a word index, to become byte offsets
    std::vector<std::size_t> text_refs_;  // words holding a byte-area offset
    std::string bytes_;
    std::unordered_map<std::string, std::uint32_t> interned_;
};

void Writer::text(std::size_t at, std::string_view text, bool unique) {
    text_refs_.push_back(at);
    if (!unique) {
        const auto found = interned_.find(std::string(text));
        if (found != interned_.end()) {
            words_[at] = found->second;
            return;
        }
        interned_.emplace(std::string(text), static_cast<std::uint32_t>(bytes_.size()));
    }
    words_[at] = static_cast<std::uint32_t>(bytes_.size());
    bytes_ += text;
    bytes_ += '\0';
}

std::size_t Writer::list(const std::vector<std::uint32_t>& values) {
    const std::size_t at = reserve(values.size());
    std::copy(values.begin(), values.end(), words_.begin() + static_cast<std::ptrdiff_t>(at));
    return at;
}

void Writer::sections(std::size_t record, format::Revision offset, format::Revision count,
                      const std::vector<SectionText>& texts) {
    std::vector<const SectionText*> selected;
    for (const SectionText& section : texts) {
        if (!section.dialect || ((set_.dialects >> static_cast<unsigned>(*section.dialect)) & 1U)) {
            selected.push_back(&section);
        }
    }
    const std::size_t at = reserve(format::section_words * selected.size());
    words_[record + offset] = static_cast<std::uint32_t>(at);
    word_refs_.push_back(record + offset);
    words_[record + count] = static_cast<std::uint32_t>(selected.size());
    for (std::size_t k = 0; k < selected.size(); ++k) {
        const SectionText& section = *selected[k];
        const std::size_t s = at + format::section_words * k;
        words_[s + format::section_dialect] = section.dialect ? 1U + static_cast<unsigned>(*section.dialect) : 0U;
        words_[s + format::section_first_line] = section.first_line;
        text(s + format::section_sql, section.sql, true);
        words_[s + format::section_sql_size] = static_cast<std::uint32_t>(section.sql.size());
    }
}

std::string Writer::write(std::string_view name) {
    const std::size_t count = set_.revisions.size();
    reserve(format::header_words);
    words_[format::header_version] = kCatalogFormatVersion;
    words_[format::header_revision_count] = static_cast<std::uint32_t>(count);
    words_[format::header_dialects] = set_.dialects;
    text(format::header_name, name);
    words_[format::header_by_id] = static_cast<std::uint32_t>(list(set_.by_id));
    word_refs_.push_back(format::header_by_id);
    const std::size_t records = reserve(format::revision_words * count);
    std::uint32_t cpp_count = 0;  // C++ revisions so far: the next one's index in the table of steps
    words_[format::header_revisions] = static_cast<std::uint32_t>(records);
    word_refs_.push_back(format::header_revisions);
    for (std::size_t i = 0; i < count; ++i) {
        const RevisionFile& revision = set_.revisions[i];
        const std::size_t r = records + format::revision_words * i;
        text(r + format::revision_id, revision.id);
        text(r + format::revision_message, revision.message);
        text(r + format::revision_created, revision.created);
        text(r + format::revision_file, revision.relative_path);
        const auto index_list = [&](format::Revision offset, format::Revision size,
                                    const std::vector<std::uint32_t>& values) {
            const std::size_t at = list(values);
            words_[r + offset] = static_cast<std::uint32_t>(at);
            word_refs_.push_back(r + offset);
            words_[r + size] = static_cast<std::uint32_t>(values.size());
        };
        index_list(format::revision_parents, format::revision_parent_count, set_.parents[i]);
        index_list(format::revision_depends_on, format::revision_depends_on_count, set_.depends_on[i]);
        const std::size_t labels = reserve(revision.branch_labels.size());
        for (std::size_t k = 0; k < revision.branch_labels.size(); ++k) text(labels + k, revision.branch_labels[k].name);
        words_[r + format::revision_labels] = static_cast<std::uint32_t>(labels);
        word_refs_.push_back(r + format::revision_labels);
        words_[r + format::revision_label_count] = static_cast<std::uint32_t>(revision.branch_labels.size());
        sections(r, format::revision_upgrade, format::revision_upgrade_count, revision.upgrade);
        sections(r, format::revision_downgrade, format::revision_downgrade_count, revision.downgrade);
        for (std::size_t d = 0; d < kDialectCount; ++d) text(r + format::revision_checksum + d, set_.checksums[i][d]);
        words_[r + format::revision_flags] = (revision.transactional ? format::kTransactional : 0U) |
                                             (revision.irreversible ? format::kIrreversible : 0U);
        if (revision.cpp) words_[r + format::revision_flags] |= format::kCpp | cpp_count++ << format::kCppIndexShift;
        words_[r + format::revision_commit_after] = revision.commit_after;
    }
    const auto text_base = static_cast<std::uint32_t>(4 * words_.size());
    for (std::size_t at : word_refs_) words_[at] *= 4;
    for (std::size_t at : text_refs_) words_[at] += text_base;
    words_[format::header_size] = static_cast<std::uint32_t>(text_base + bytes_.size());
    std::string blob;
    blob.reserve(text_base + bytes_.size());
    for (std::size_t k = 0; k < words_.size(); ++k) {
        const std::uint32_t w = words_[k];
        if (k == format::header_magic) {
            blob.append(format::kMagic, 4);
            continue;
        }
        for (unsigned shift = 0; shift < 32; shift += 8) blob += static_cast<char>((w >> shift) & 0xFFU);
    }
    blob += bytes_;
    return blob;
}

}  // namespace

std::string serialize_catalog(const RevisionSet& set, std::string_view name) {
    return Writer(set).write(name);
}

}  // namespace migrations::generator
