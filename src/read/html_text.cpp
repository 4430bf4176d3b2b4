// The readable text of an HTML page (see html_text.h). The tree is walked without recursion
// (parent and sibling pointers), so deeply nested pages cannot overflow the stack.
#include "read/html_text.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <array>
#include <memory>
#include <mutex>
#include <string>

#include "unicode/ascii.h"

namespace relgraph {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view name_of(const xmlNode* n) {
  return n->name ? std::string_view(reinterpret_cast<const char*>(n->name)) : std::string_view();
}

// An attribute's value ("" when absent), lower-cased when asked.
std::string attribute(const xmlNode* n, const char* name, bool lower = false) {
  xmlChar* value = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!value) return {};
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return lower ? ascii_lower(out) : out;
}

bool has_attribute(const xmlNode* n, const char* name) {
  return xmlHasProp(n, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

template <std::size_t N>
bool one_of(std::string_view name, const std::array<std::string_view, N>& names) {
  for (const std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 20> kSkipped = {
    "head",   "script", "style", "noscript", "template", "svg",    "math",
    "iframe", "object", "embed", "canvas",   "select",   "button", "textarea",
    "input",  "nav",    "aside", "footer",   "dialog",   "option"};

constexpr std::array<std::string_view, 44> kBlocks = {
    "address", "article", "blockquote", "body",  "br",    "caption",  "center",     "dd",
    "details", "dir",     "div",        "dl",    "dt",    "fieldset", "figcaption", "figure",
    "form",    "h1",      "h2",         "h3",    "h4",    "h5",       "h6",         "header",
    "hgroup",  "hr",      "html",       "li",    "main",  "menu",     "ol",         "p",
    "pre",     "section", "summary",    "table", "tbody", "td",       "tfoot",      "th",
    "thead",   "tr",      "ul",         "legend"};

// <meta> names that carry the publication date, best first.
constexpr std::array<std::string_view, 16> kDateMeta = {
    "article:published_time", "og:published_time", "og:article:published_time",
    "datepublished",          "pubdate",           "publishdate",
    "publish-date",           "publish_date",      "date",
    "dc.date.issued",         "dc.date",           "dcterms.date",
    "dcterms.created",        "sailthru.date",     "parsely-pub-date",
    "article.published"};

class TextWalker {
 public:
  HtmlPage page;

  void walk(xmlNode* root) {
    if (!root) return;
    xmlNode* n = root;
    while (true) {
      const bool into = enter(n);
      if (into && n->children) {
        n = n->children;
        continue;
      }
      if (into) leave(n);
      while (n != root && !n->next) {
        n = n->parent;
        leave(n);
      }
      if (n == root) break;
      n = n->next;
    }
    finish();
  }

 private:
  std::string& out_ = page.text;
  int article_ = 0;  // open <article> / <main> elements
  int pre_ = 0;      // open <pre> elements
  int title_ = 0;    // inside <title>
  std::string title_text_, og_title_;
  std::size_t date_rank_ = kDateMeta.size();
  std::string meta_date_, time_date_, og_url_, canonical_;

  void newline() {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    if (!out_.empty() && out_.back() != '\n') out_ += '\n';
  }

  void text(std::string_view s) {
    if (title_ > 0) {
      title_text_ += s;
      return;
    }
    if (pre_ > 0) {
      out_ += s;
      return;
    }
    for (const char c : s) {
      if (is_space(c)) {
        if (!out_.empty() && out_.back() != ' ' && out_.back() != '\n') out_ += ' ';
      } else {
        out_ += c;
      }
    }
  }

  void meta(const xmlNode* n) {
    std::string key = attribute(n, "property", true);
    if (key.empty()) key = attribute(n, "name", true);
    if (key.empty()) key = attribute(n, "itemprop", true);
    if (key.empty()) return;
    const std::string content = attribute(n, "content");
    if (content.empty()) return;
    for (std::size_t rank = 0; rank < kDateMeta.size() && rank < date_rank_; ++rank) {
      if (key == kDateMeta[rank]) {
        date_rank_ = rank;
        meta_date_ = content;
      }
    }
    if (key == "og:title" && og_title_.empty()) og_title_ = content;
    if (key == "og:url" && og_url_.empty()) og_url_ = content;
  }

  bool hidden(const xmlNode* n) const {
    if (has_attribute(n, "hidden")) return true;
    if (attribute(n, "aria-hidden", true) == "true") return true;
    std::string style = attribute(n, "style", true);
    std::erase_if(style, is_space);
    return style.find("display:none") != std::string::npos ||
           style.find("visibility:hidden") != std::string::npos;
  }

  // Whether to walk into `n` (elements only: text is handled here and has no children).
  bool enter(const xmlNode* n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) text(reinterpret_cast<const char*>(n->content));
      return false;
    }
    if (n->type != XML_ELEMENT_NODE)
      return n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE;
    const std::string_view name = name_of(n);
    if (name == "meta") {
      meta(n);
      return false;
    }
    if (name == "link") {
      if (canonical_.empty() && attribute(n, "rel", true) == "canonical") {
        canonical_ = attribute(n, "href");
      }
      return false;
    }
    if (name == "time" && time_date_.empty()) time_date_ = attribute(n, "datetime");
    if (name == "title" && title_text_.empty()) {
      ++title_;
      return true;
    }
    if (name == "head") {  // only for its <meta>, <link> and <title>
      for (const xmlNode* c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        const std::string_view child = name_of(c);
        if (child == "meta" || child == "link" || child == "title") enter(c);
        if (child == "title") walk_title(c);
      }
      return false;
    }
    if (one_of(name, kSkipped)) return false;
    if (name == "header" && article_ == 0) return false;
    if (hidden(n)) return false;
    if (name == "article" || name == "main") ++article_;
    if (name == "pre") ++pre_;
    if (one_of(name, kBlocks)) newline();
    return true;
  }

  void walk_title(const xmlNode* title) {
    for (const xmlNode* c = title->children; c; c = c->next) {
      if (c->content && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)) {
        title_text_ += reinterpret_cast<const char*>(c->content);
      }
    }
    --title_;
  }

  void leave(const xmlNode* n) {
    if (n->type != XML_ELEMENT_NODE) return;
    const std::string_view name = name_of(n);
    if (name == "title") {
      if (title_ > 0) --title_;
      return;
    }
    if (name == "article" || name == "main") --article_;
    if (name == "pre") --pre_;
    if (one_of(name, kBlocks)) newline();
  }

  static std::string collapse(std::string_view s) {
    std::string out;
    for (const char c : s) {
      if (is_space(c)) {
        if (!out.empty() && out.back() != ' ') out += ' ';
      } else {
        out += c;
      }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }

  void finish() {
    newline();
    while (!out_.empty() && out_.front() == '\n') out_.erase(0, 1);
    page.title = collapse(!og_title_.empty() ? og_title_ : title_text_);
    page.date = collapse(!meta_date_.empty() ? meta_date_ : time_date_);
    page.url = collapse(!og_url_.empty() ? og_url_ : canonical_);
  }
};

void ignore_errors(void*, const char*, ...) {}

}  // namespace

std::string sniff_html_charset(std::string_view bytes) {
  const std::string head = ascii_lower(bytes.substr(0, 4096));
  std::size_t at = 0;
  while ((at = head.find("charset", at)) != std::string::npos) {
    at += 7;
    std::size_t i = at;
    while (i < head.size() && is_space(head[i])) ++i;
    if (i >= head.size() || head[i] != '=') continue;
    ++i;
    while (i < head.size() && (is_space(head[i]) || head[i] == '"' || head[i] == '\'')) ++i;
    std::size_t end = i;
    while (end < head.size() &&
           ((head[end] >= 'a' && head[end] <= 'z') || (head[end] >= '0' && head[end] <= '9') ||
            head[end] == '-' || head[end] == '_' || head[end] == '.' || head[end] == ':')) {
      ++end;
    }
    if (end > i) return head.substr(i, end - i);
  }
  return {};
}

HtmlPage html_to_text(std::string_view bytes, const char* encoding) {
  static std::once_flag init;
  std::call_once(init, [] {
    xmlInitParser();
    xmlSetGenericErrorFunc(nullptr, ignore_errors);
  });
  std::string charset;
  if (!encoding) {
    charset = sniff_html_charset(bytes);
    if (charset.empty() || charset == "utf8") charset = "utf-8";
    encoding = charset.c_str();
  }
  const int options =
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, encoding, options),
      &xmlFreeDoc);
  if (!doc && encoding != std::string_view("utf-8")) {  // an unknown charset: try UTF-8
    doc.reset(
        htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, "utf-8", options));
  }
  TextWalker walker;
  if (doc) walker.walk(reinterpret_cast<xmlNode*>(doc.get()));
  return std::move(walker.page);
}

}  // namespace relgraph
