// @brief Building an owned Catalog from parsed revisions, through the generator's serializer.
#include "catalog_builder.hpp"

#include <memory>

#include "catalog_blob.hpp"

namespace migrations::generator {

Catalog make_catalog(const RevisionSet& set, const std::string& name) {
    auto blob = std::make_shared<const std::string>(serialize_catalog(set, name));
    const std::string& bytes = *blob;
    return Catalog(bytes.data(), bytes.size(), std::shared_ptr<const void>(std::move(blob)));
}

}  // namespace migrations::generator
