#!/bin/sh
# The generated catalog is data: its object file carries no data relocation (no pointer for
# the loader to fix up at every start), and it is no larger than 1.3x the SQL of the revision
# files plus a small table. Usage: catalog_object_test.sh <built consumer dir> <revision dir>
set -eu
built="$1"
revisions="$2"
object=$(find "$built" -name 'consumer_migrations.cpp.o' | head -n 1)
[ -n "$object" ] || { echo "no consumer_migrations.cpp.o under $built"; exit 1; }
# Relocation sections of data (.rela.data.rel.ro, .rela.rodata, ...): the accessor's code may
# refer to the array and the runtime (.rela.text*), debug and unwind tables may too, and so
# may the one pointer to the C++ personality routine (DW.ref.__gxx_personality_v0, shared by
# every object with an exception cleanup and merged into one by the linker).
data_relocations=$(readelf -r -W "$object" | grep "^Relocation section" |
                   grep -v -e "'\.rela\?\.text" -e "'\.rela\?\.debug" -e "'\.rela\?\.eh_frame" -e "DW\.ref\.__gxx_personality_v0" || true)
if [ -n "$data_relocations" ]; then
    echo "the catalog object has data relocations:"
    echo "$data_relocations"
    exit 1
fi
sql_bytes=$(cat "$revisions"/*.sql | wc -c)
revision_count=$(ls "$revisions"/*.sql | wc -l)
# Every allocated section (code, read-only data, data) of the object.
object_bytes=$(size -A "$object" | awk '$1 ~ /^\.(text|rodata|data)/ { total += $2 } END { print total }')
# The revision files' bytes hold the SQL, the ids, messages and file names the catalog stores
# once each, plus a header in the files of about the size of the record that replaces it (a
# checksum, varint lists). Beyond 1.3x that: the 56-byte header, the name and the accessor's
# code (about 150 bytes): 512 bytes whatever the number of revisions.
limit=$(( sql_bytes * 13 / 10 + 512 ))
echo "catalog object: $object_bytes bytes for $sql_bytes bytes of revision files ($revision_count revisions), limit $limit, no data relocation"
[ "$object_bytes" -le "$limit" ]
