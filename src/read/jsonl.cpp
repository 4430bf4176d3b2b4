// Reading JSON Lines records (see jsonl.h), with RapidJSON.
#include "read/jsonl.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cmath>
#include <cstdio>

namespace relgraph {

namespace {

using Value = rapidjson::Value;

// The value at a dotted path, or nullptr.
const Value* find(const Value& object, std::string_view path) {
  const Value* v = &object;
  while (true) {
    if (!v->IsObject()) return nullptr;
    const std::size_t dot = path.find('.');
    const std::string_view key = path.substr(0, dot);
    // An exact key with dots in it wins over a nested path.
    if (auto it = v->FindMember(Value(rapidjson::StringRef(path.data(), path.size())));
        it != v->MemberEnd()) {
      return &it->value;
    }
    auto it = v->FindMember(Value(rapidjson::StringRef(key.data(), key.size())));
    if (it == v->MemberEnd()) return nullptr;
    if (dot == std::string_view::npos) return &it->value;
    v = &it->value;
    path.remove_prefix(dot + 1);
  }
}

// A value as text: strings as they are, numbers as digits, arrays of strings joined by line
// breaks; "" for anything else.
std::string text_of(const Value& v) {
  if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
  if (v.IsInt64()) return std::to_string(v.GetInt64());
  if (v.IsUint64()) return std::to_string(v.GetUint64());
  if (v.IsDouble()) {
    const double d = v.GetDouble();
    if (!std::isfinite(d)) return {};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", std::floor(d));
    return buf;
  }
  if (v.IsArray()) {
    std::string out;
    for (const Value& item : v.GetArray()) {
      if (!item.IsString()) continue;
      if (!out.empty()) out += '\n';
      out.append(item.GetString(), item.GetStringLength());
    }
    return out;
  }
  return {};
}

std::string first_of(const Value& object, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (const Value* v = find(object, name)) {
      if (std::string s = text_of(*v); !s.empty()) return s;
    }
  }
  return {};
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

JsonlFields default_jsonl_fields() {
  JsonlFields f;
  f.id = {"id", "url", "link"};
  f.title = {"title", "headline"};
  f.date = {"date", "published", "published_at", "pubDate", "datetime", "timestamp"};
  f.url = {"url", "link"};
  f.text = {"text", "content", "body", "article"};
  return f;
}

bool set_jsonl_field(JsonlFields& fields, std::string_view assignment) {
  const std::size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) return false;
  const std::string_view name = assignment.substr(0, eq);
  std::vector<std::string> keys;
  std::string_view rest = assignment.substr(eq + 1);
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view key = rest.substr(0, comma);
    if (key.empty()) return false;
    keys.emplace_back(key);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  std::vector<std::string>* target = name == "id"      ? &fields.id
                                     : name == "title" ? &fields.title
                                     : name == "date"  ? &fields.date
                                     : name == "url"   ? &fields.url
                                     : name == "text"  ? &fields.text
                                                       : nullptr;
  if (!target) return false;
  *target = std::move(keys);
  return true;
}

bool parse_jsonl_record(std::string_view line, const JsonlFields& fields, JsonlRecord& record,
                        JsonlError& error) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(line.data(), line.size());
  if (doc.HasParseError()) {
    error.offset = doc.GetErrorOffset();
    std::string reason = rapidjson::GetParseError_En(doc.GetParseError());
    if (!reason.empty() && reason.back() == '.') reason.pop_back();
    error.message = "invalid JSON: " + reason;
    return false;
  }
  if (!doc.IsObject()) {
    error.offset = JsonlError::kNoOffset;
    error.message = "expected a JSON object (one article per line)";
    return false;
  }
  record.text = first_of(doc, fields.text);
  if (record.text.empty()) {
    error.offset = JsonlError::kNoOffset;
    error.message =
        "no text (looked for " + joined(fields.text) + "; choose with --field text=KEY)";
    return false;
  }
  record.id = first_of(doc, fields.id);
  record.title = first_of(doc, fields.title);
  record.date = first_of(doc, fields.date);
  record.url = first_of(doc, fields.url);
  return true;
}

}  // namespace relgraph
