// Document dates: the many ways articles spell a publication date, normalised to ISO 8601.
//
// normalise_date() accepts ISO 8601 and its common relaxations ("2025-03-04",
// "2025-03-04T10:00:00+09:00", "2025-03-04 10:00:00", "2025/03/04", "2025.03.04."), RFC 2822
// as in RSS ("Tue, 04 Mar 2025 10:00:00 +0900"), English month names ("March 4, 2025",
// "4 Mar 2025 10:00 PM"), Korean dates ("2025년 3월 4일 오후 2:30"), digits only as
// YYYYMMDD[hhmm[ss]] ("20250304", "20250304101500") and Unix times in seconds or milliseconds
// ("1741082400", 9, 10 or 13 digits). The result is "YYYY-MM-DD" when no time is given, else
// "YYYY-MM-DDTHH:MM:SS" followed by the zone when one is given ("Z" or "+09:00"; named zones
// such as GMT, KST, EST are turned into offsets). The clock time is kept as written (not
// converted to UTC), so the first ten characters are always the calendar date the source
// meant. Anything else (unknown words, impossible days such as 2025-02-30) gives nullopt. No
// I/O, no std::regex.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace relgraph {

std::optional<std::string> normalise_date(std::string_view text);

// A Unix time (seconds since 1970-01-01 UTC) as "YYYY-MM-DDTHH:MM:SSZ"; nullopt outside the
// years 1000-9999.
std::optional<std::string> date_from_unix_seconds(long long seconds);

}  // namespace relgraph
