// The readable text of an HTML page, with its title, date and address from the <head>.
//
// html_to_text() parses with libxml2's forgiving HTML parser and walks the tree. Left out:
// everything in <head>, script, style, noscript, template, svg, iframe, form controls, nav,
// aside, footer, elements marked hidden or aria-hidden="true", and <header> unless it sits
// inside an <article> or <main> (where it holds the headline). Block elements (p, div, h1-h6,
// li, tr, br, ...) end a line, so headlines and paragraphs become separate sentences; runs of
// white space collapse to one space except inside <pre>. Entities are decoded.
//
// The date comes from the first of these that has one: <meta> article:published_time,
// og:published_time, datePublished, pubdate, publishdate, date, dc.date(.issued),
// sailthru.date, parsely-pub-date (as name, property or itemprop), then the first
// <time datetime>. It is returned as written; the caller normalises it. The title is
// og:title or <title>; the address og:url or <link rel="canonical">.
//
// The byte encoding: `encoding` when given (the caller decoded a BOM or UTF-16 already);
// otherwise a charset named in the first 4 KiB (<meta charset> or http-equiv), else UTF-8.
// libxml2 converts other charsets (EUC-KR, Shift_JIS, ...) through iconv. No I/O, no printing.
#pragma once

#include <string>
#include <string_view>

namespace relgraph {

struct HtmlPage {
  std::string text;   // UTF-8, one block per line
  std::string title;  // may be empty
  std::string date;   // as written in the page; may be empty
  std::string url;    // may be empty
};

HtmlPage html_to_text(std::string_view bytes, const char* encoding = nullptr);

// The charset a page names in its first 4 KiB (lower case), or "" when it names none.
std::string sniff_html_charset(std::string_view bytes);

}  // namespace relgraph
