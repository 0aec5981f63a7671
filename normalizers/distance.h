#pragma once
// Levenshtein distance over code points, bounded: the work stops as soon as the distance is
// known to exceed `limit`. Used to match OCR-damaged words against closed vocabularies (box
// labels, country names, end-use lexicon), where almost every comparison is a quick "no".

#include <cstddef>
#include <limits>
#include <string_view>

namespace declx {

// The edit distance of a and b (insertions, deletions, substitutions), or limit + 1 when it is
// larger than limit. Cost O((limit + 1) * max(|a|, |b|)) for unrelated strings.
size_t edit_distance(std::u32string_view a, std::u32string_view b,
                     size_t limit = std::numeric_limits<size_t>::max() - 1);

}  // namespace declx
