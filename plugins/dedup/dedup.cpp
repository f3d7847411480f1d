// The grouping itself (see dedup.hpp for the rules, records.hpp for what is kept).
#include "dedup.hpp"

#include "normalize.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace aj::dedup {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::optional<long> day_number(std::string_view date) {
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  auto num = [&](std::size_t from, std::size_t len) -> std::optional<long> {
    long v = 0;
    for (std::size_t i = from; i < from + len; ++i) {
      if (date[i] < '0' || date[i] > '9') return std::nullopt;
      v = v * 10 + (date[i] - '0');
    }
    return v;
  };
  auto y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1 || *d > 31) return std::nullopt;
  return days_from_civil(*y, static_cast<unsigned>(*m), static_cast<unsigned>(*d));
}

std::string reason_of(Via via, double similarity) {
  switch (via) {
    case Via::apply_url: return "same apply URL";
    case Via::requisition_id: return "same requisition id";
    case Via::company_title_place: return "same company, title and place";
    case Via::description: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "near-identical description (%.2f)", similarity);
      return buf;
    }
    case Via::none: break;
  }
  return {};
}

Via via_of(std::string_view reason) {
  if (reason.starts_with("same apply URL")) return Via::apply_url;
  if (reason.starts_with("same requisition")) return Via::requisition_id;
  if (reason.starts_with("same company")) return Via::company_title_place;
  if (reason.starts_with("near-identical")) return Via::description;
  return Via::none;
}

// Share of the shorter title's words found in the other.
double title_overlap(std::string_view a, std::string_view b) {
  auto words = [](std::string_view s) {
    std::vector<std::string_view> w;
    while (!s.empty()) {
      std::size_t sp = s.find(' ');
      w.push_back(s.substr(0, sp));
      s = sp == std::string_view::npos ? std::string_view() : s.substr(sp + 1);
    }
    return w;  // sorted already: TitleKey::key is
  };
  auto wa = words(a), wb = words(b);
  if (wa.empty() || wb.empty()) return 1;
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < wa.size() && j < wb.size();) {
    if (wa[i] == wb[j]) {
      ++common;
      ++i;
      ++j;
    } else if (wa[i] < wb[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(std::min(wa.size(), wb.size()));
}

// Each title has a word the other cannot account for ("Data Analyst, Marketing"
// and "Data Analyst, Risk"): two jobs written from one template. A word is
// accounted for when the other title has it, or a word containing it or
// contained in it ("cyber security" and "cybersecurity").
bool titles_conflict(std::string_view a, std::string_view b) {
  auto words = [](std::string_view s) {
    std::vector<std::string_view> w;
    while (!s.empty()) {
      std::size_t sp = s.find(' ');
      w.push_back(s.substr(0, sp));
      s = sp == std::string_view::npos ? std::string_view() : s.substr(sp + 1);
    }
    return w;
  };
  auto wa = words(a), wb = words(b);
  auto unexplained = [](const std::vector<std::string_view>& from, const std::vector<std::string_view>& in) {
    for (std::string_view w : from) {
      bool explained = std::any_of(in.begin(), in.end(), [&](std::string_view v) {
        if (v == w) return true;
        std::string_view shorter = v.size() < w.size() ? v : w, longer = v.size() < w.size() ? w : v;
        return shorter.size() >= 3 && longer.find(shorter) != std::string_view::npos;
      });
      if (!explained) return true;
    }
    return false;
  };
  return unexplained(wa, wb) && unexplained(wb, wa);
}

}  // namespace

std::optional<long> days_between(std::string_view a, std::string_view b) {
  auto da = day_number(a), db = day_number(b);
  if (!da || !db) return std::nullopt;
  return *db - *da;
}

struct Deduplicator::Prepared {
  std::string site;  // lower case
  std::string company;
  TitleKey title;
  std::string place;
  std::vector<std::string> url_keys;  // "x/url/..."
  std::string requisition;            // requisition_key, or ""
  std::string req_key;                // "x/req/..." or ""
  std::string ctp_key;                // "x/ctp/..." or ""
  Signature sig;
  std::vector<uint64_t> bands;
  std::vector<std::pair<std::string, bool>> looked_up;  // exact keys read, and whether they had a group
  std::vector<std::vector<std::string>> buckets;        // the keys in each band's bucket, once read
};

Deduplicator::Deduplicator(KeyValue& store, Settings settings)
    : kv_(store), s_(std::move(settings)), hasher_(s_.minhash) {
  const MinHashParams& m = s_.minhash;
  if (!(s_.threshold > 0 && s_.threshold <= 1))
    throw std::invalid_argument("threshold: must be above 0 and at most 1 (a Jaccard similarity)");
  if (m.num_hashes < 8 || m.num_hashes > 1024) throw std::invalid_argument("num_hashes: must be 8 to 1024");
  if (m.bands < 1 || m.num_hashes % m.bands != 0)
    throw std::invalid_argument("bands: must divide num_hashes (" + std::to_string(m.num_hashes) + ")");
  if (m.shingle_size < 1 || m.shingle_size > 16) throw std::invalid_argument("shingle_size: must be 1 to 16 words");
  if (m.min_words < m.shingle_size) throw std::invalid_argument("min_words: must be at least shingle_size");
  if (s_.repost_days < 1) throw std::invalid_argument("repost_days: must be at least 1");
  // Signatures made with other parameters never share a bucket with these.
  bucket_prefix_ = "b/" + std::to_string(m.num_hashes) + "x" + std::to_string(m.bands) + "s" +
                   std::to_string(m.shingle_size) + "/";
}

Deduplicator::Prepared Deduplicator::prepare(const Posting& p) const {
  Prepared x;
  x.site = lower_ascii(p.site);
  x.company = company_key(p.company);
  x.title = title_key(p.title, TitleContext{place_words(p.location, p.city, p.state, p.country), x.company});
  x.place = place_key(p.location, p.city, p.is_remote);
  for (const std::string* url : {&p.job_url, &p.job_url_direct}) {
    std::string k = apply_url_key(*url);
    if (k.empty()) continue;
    k = "x/url/" + k;
    if (std::find(x.url_keys.begin(), x.url_keys.end(), k) == x.url_keys.end()) x.url_keys.push_back(std::move(k));
  }
  x.requisition = requisition_key(p.requisition_id);
  if (!x.requisition.empty() && !x.company.empty()) x.req_key = "x/req/" + x.company + "|" + x.requisition;
  if (!x.company.empty() && !x.title.key.empty())
    x.ctp_key = "x/ctp/" + x.company + "|" + x.title.key + "|" + x.place;
  if (s_.use_descriptions) {
    x.sig = hasher_.sign(p.description);
    x.bands = hasher_.bands(x.sig);
  }
  return x;
}

std::optional<GroupRecord> Deduplicator::group(const std::string& id) {
  auto raw = kv_.get("g/" + id);
  if (!raw) return std::nullopt;
  return decode_group(*raw);
}

std::string Deduplicator::bucket_key(std::size_t band, uint64_t hash) const {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%zu/%016llx", band, static_cast<unsigned long long>(hash));
  return bucket_prefix_ + buf;
}

void Deduplicator::remember(const std::string& key, const MemberRecord& rec) {
  // A record is about 300 bytes plus 4 per hash: at most ~16 MB, then start again.
  const std::size_t cap = 16'000'000 / (300 + 4 * static_cast<std::size_t>(s_.minhash.num_hashes));
  if (members_.size() >= cap && !members_.count(key)) members_.clear();
  members_.insert_or_assign(key, rec);
}

const MemberRecord* Deduplicator::member(const std::string& key) {
  if (auto it = members_.find(key); it != members_.end()) return &it->second;
  auto raw = kv_.get("m/" + key);
  if (!raw) return nullptr;
  auto rec = decode_member(*raw);
  if (!rec) return nullptr;
  remember(key, *rec);
  return &members_.at(key);
}

void Deduplicator::put_member(const std::string& key, const MemberRecord& rec) {
  kv_.put("m/" + key, encode(rec));
  remember(key, rec);
}

void Deduplicator::claim_keys(const Prepared& x, const std::string& group_id) {
  std::vector<const std::string*> keys;
  for (const std::string& k : x.url_keys) keys.push_back(&k);
  if (!x.req_key.empty()) keys.push_back(&x.req_key);
  if (!x.ctp_key.empty()) keys.push_back(&x.ctp_key);
  for (const std::string* k : keys) {
    auto known = std::find_if(x.looked_up.begin(), x.looked_up.end(), [&](const auto& e) { return e.first == *k; });
    bool taken = known != x.looked_up.end() ? known->second : kv_.get(*k).has_value();
    if (!taken) kv_.put(*k, group_id);  // the first group to claim a key keeps it
  }
}

void Deduplicator::read_buckets(Prepared& x) {
  if (!x.buckets.empty()) return;
  x.buckets.resize(x.bands.size());
  for (std::size_t i = 0; i < x.bands.size(); ++i)
    if (auto raw = kv_.get(bucket_key(i, x.bands[i]))) x.buckets[i] = decode_keys(*raw);
}

void Deduplicator::add_to_buckets(Prepared& x, const std::string& key) {
  read_buckets(x);
  for (std::size_t i = 0; i < x.bands.size(); ++i) {
    std::vector<std::string>& keys = x.buckets[i];
    if (keys.size() >= s_.bucket_limit || std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    keys.push_back(key);
    kv_.put(bucket_key(i, x.bands[i]), encode_keys(keys));
  }
}

Outcome Deduplicator::seen_again(const Posting& p, MemberRecord rec, Prepared& x) {
  std::optional<GroupRecord> g = group(rec.group);
  bool changed = false;
  if (!g) {  // the group record is gone: start it again from this member
    g = GroupRecord{day_number(p.date_posted) ? p.date_posted.substr(0, 10) : "", x.company, {}};
    changed = true;
  }
  if (std::none_of(g->members.begin(), g->members.end(), [&](const GroupMember& m) { return m.key == p.key; })) {
    g->members.push_back({p.key, x.site, p.date_posted});
    changed = true;
  }
  if (changed) kv_.put("g/" + rec.group, encode(*g));
  claim_keys(x, rec.group);
  // A description it lacked the first time (fetched since) makes it findable now.
  if (rec.signature.empty() && !x.sig.empty()) {
    rec.signature = x.sig.values;
    rec.shingles = x.sig.shingles;
    rec.shingle_size = static_cast<uint32_t>(s_.minhash.shingle_size);
    put_member(p.key, rec);
    add_to_buckets(x, p.key);
  }
  Outcome o;
  o.group = rec.group;
  o.joined = rec.group != p.key;
  o.seen_before = true;
  o.reason = rec.reason;
  o.via = via_of(rec.reason);
  o.repost_of = rec.repost_of;
  o.members = g->members.size();
  return o;
}

Outcome Deduplicator::add(const Posting& p) {
  if (p.key.empty()) throw std::invalid_argument("a posting without a job key");
  Prepared x = prepare(p);
  if (const MemberRecord* rec = member(p.key)) return seen_again(p, *rec, x);

  // 1-3: exact keys, strongest first.
  std::string gid;
  std::optional<GroupRecord> g;
  Via via = Via::none;
  double similarity = 0;
  auto try_key = [&](const std::string& k, Via v) {
    if (k.empty() || !gid.empty()) return;
    auto id = kv_.get(k);
    x.looked_up.emplace_back(k, id.has_value());
    if (!id) return;
    auto found = group(*id);
    if (!found) return;
    // An apply URL shared by two employers' postings (an agency's page) is not one job.
    if (v == Via::apply_url && !x.company.empty() && !found->company.empty() && found->company != x.company) return;
    gid = *id;
    g = std::move(found);
    via = v;
  };
  for (const std::string& k : x.url_keys) try_key(k, Via::apply_url);
  try_key(x.req_key, Via::requisition_id);
  try_key(x.ctp_key, Via::company_title_place);

  // 4: near-identical descriptions, among the postings that share a band.
  if (gid.empty() && !x.bands.empty()) {
    read_buckets(x);
    std::vector<std::string> candidates;
    for (const std::vector<std::string>& bucket : x.buckets)
      candidates.insert(candidates.end(), bucket.begin(), bucket.end());
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    std::vector<std::pair<double, std::string>> matches;  // similarity, group
    for (const std::string& c : candidates) {
      if (c == p.key) continue;
      const MemberRecord* rec = member(c);
      if (!rec || rec->signature.size() != x.sig.values.size() ||
          rec->shingle_size != static_cast<uint32_t>(s_.minhash.shingle_size))
        continue;
      // The same company's other level or other city stays apart, whatever the text.
      if (!x.company.empty() && !rec->company.empty() && rec->company != x.company) continue;
      if (!x.title.key.empty() && !rec->title.empty() &&
          (rec->levels != x.title.levels || title_overlap(rec->title, x.title.key) < 0.5 ||
           titles_conflict(rec->title, x.title.key)))
        continue;
      // Two requisitions are two jobs, however alike their text.
      if (!x.requisition.empty() && !rec->requisition.empty() && rec->requisition != x.requisition) continue;
      if (!x.place.empty() && !rec->place.empty() && rec->place != x.place) continue;
      double j = jaccard_estimate(x.sig.values, rec->signature);
      double sim = j;
      // A truncated copy (half to 90% of the other's length): how much of it
      // the longer one contains. Not below half, where the estimate is mostly
      // noise; not above 90%, where it would only loosen the threshold.
      uint32_t lo = std::min(x.sig.shingles, rec->shingles), hi = std::max(x.sig.shingles, rec->shingles);
      if (2 * lo >= hi && 10 * lo < 9 * hi) sim = std::max(sim, containment_estimate(j, x.sig.shingles, rec->shingles));
      if (sim >= s_.threshold) matches.emplace_back(sim, rec->group);
    }
    // The most similar first. A member without a company may have joined a
    // group of another company's: check the group's company too.
    std::sort(matches.begin(), matches.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [sim, id] : matches) {
      auto found = group(id);
      if (!found || (!x.company.empty() && !found->company.empty() && found->company != x.company)) continue;
      gid = id;
      g = std::move(found);
      via = Via::description;
      similarity = sim;
      break;
    }
  }

  Outcome o;
  if (gid.empty()) {
    gid = p.key;
    g = GroupRecord{"", x.company, {}};
  } else {
    o.joined = true;
    o.via = via;
    o.similarity = similarity;
    o.reason = reason_of(via, similarity);
    // A re-post: the same site listed it before under another id, or it came
    // back well after the group's first date.
    const GroupMember* earlier = nullptr;
    for (const GroupMember& m : g->members) {
      if (m.site != x.site || m.key == p.key) continue;
      auto d = days_between(m.date, p.date_posted);
      if (d && *d > 0 && (!earlier || m.date > earlier->date)) earlier = &m;
    }
    if (earlier) {
      o.repost_of = earlier->key;
    } else if (auto d = days_between(g->first_date, p.date_posted); d && *d >= s_.repost_days) {
      o.repost_of = g->members.empty() ? gid : g->members.front().key;
    }
  }

  g->members.push_back({p.key, x.site, p.date_posted});
  if (const std::string d = p.date_posted.substr(0, 10);
      day_number(d) && (!day_number(g->first_date) || d < g->first_date))
    g->first_date = d;
  if (g->company.empty()) g->company = x.company;
  kv_.put("g/" + gid, encode(*g));

  MemberRecord rec;
  rec.group = gid;
  rec.reason = o.reason;
  rec.repost_of = o.repost_of;
  rec.site = x.site;
  rec.date = p.date_posted;
  rec.company = x.company;
  rec.place = x.place;
  rec.levels = x.title.levels;
  rec.title = x.title.key;
  rec.requisition = x.requisition;
  if (!x.sig.empty()) {
    rec.shingle_size = static_cast<uint32_t>(s_.minhash.shingle_size);
    rec.shingles = x.sig.shingles;
    rec.signature = x.sig.values;
  }
  put_member(p.key, rec);
  claim_keys(x, gid);
  add_to_buckets(x, p.key);

  o.group = gid;
  o.members = g->members.size();
  return o;
}

}  // namespace aj::dedup
