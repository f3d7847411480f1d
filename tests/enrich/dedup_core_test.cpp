// The de-duplication core on small hand-made cases: each way of joining a
// group, the pairs that must stay apart, re-posts, re-runs, persistence
// through the key-value store, and settings.
#include "dedup.hpp"
#include "records.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

using namespace aj::dedup;

namespace {

// About 120 words of one job's text, and the employer's paragraph.
const std::string kJob =
    "You will build and run the payment services that every product team depends on, from the ledger to the "
    "settlement pipeline. The payments group owns reliability, cost and developer experience for thirty services. "
    "Design, build and operate backend services in Go on Kubernetes. Improve the delivery pipeline so teams ship "
    "safely several times a day. Lead incident reviews and turn their findings into lasting fixes. Work with product "
    "engineers to shape the APIs they build on. Measure and reduce the cost of our cloud infrastructure. Write clear "
    "design documents and review the designs of others. You have built distributed systems in production, know Go "
    "or Java well, and automate repetitive operational work. ";
const std::string kAbout =
    "About Acme: Acme builds cloud software for logistics companies. We have 600 people in Toronto and Vancouver "
    "and offer hybrid work, a learning budget and health benefits from day one.";

Posting posting(std::string key, std::string site, std::string title, std::string company, std::string location) {
  Posting p;
  p.key = std::move(key);
  p.site = std::move(site);
  p.title = std::move(title);
  p.company = std::move(company);
  p.location = std::move(location);
  p.date_posted = "2024-05-06";
  return p;
}

}  // namespace

TEST(DedupCore, JoinsByApplyUrlAndKeepsEverySourceUrl) {
  MemoryKeyValue kv;
  Deduplicator d(kv);
  Posting ats = posting("greenhouse:4012001", "greenhouse", "Senior Software Engineer", "Acme Inc.", "Toronto, ON");
  ats.job_url = ats.job_url_direct = "https://boards.greenhouse.io/acme/jobs/4012001";
  Posting li = posting("linkedin:3912345", "linkedin", "Backend Platform Engineer", "ACME", "Toronto, Ontario, Canada");
  li.job_url = "https://www.linkedin.com/jobs/view/3912345/?trackingId=abc";
  li.job_url_direct = "https://boards.greenhouse.io/acme/jobs/4012001?gh_src=linkedin";

  Outcome a = d.add(ats);
  EXPECT_EQ(a.group, "greenhouse:4012001");
  EXPECT_FALSE(a.joined);
  EXPECT_EQ(a.reason, "");
  EXPECT_EQ(a.members, 1u);
  Outcome b = d.add(li);
  EXPECT_EQ(b.group, "greenhouse:4012001");
  EXPECT_TRUE(b.joined);
  EXPECT_EQ(b.via, Via::apply_url);
  EXPECT_EQ(b.reason, "same apply URL");
  EXPECT_EQ(b.members, 2u);
}

TEST(DedupCore, JoinsByRequisitionIdAtTheSameCompanyOnly) {
  MemoryKeyValue kv;
  Deduplicator d(kv);
  Posting ats = posting("workday:R0048213", "workday", "Data Analyst II", "Maple Ledger Bank", "Toronto, ON");
  ats.requisition_id = "R0048213";
  Posting gd = posting("glassdoor:1009", "glassdoor", "Analyst, Data & Reporting", "Maple Ledger Bank Ltd.", "Toronto");
  gd.requisition_id = "Job ID: R0048213";
  Posting other = posting("indeed:abc", "indeed", "Data Analyst II", "Apex Bank", "Toronto, ON");
  other.requisition_id = "R0048213";  // the same id at another employer is another job
  d.add(ats);
  Outcome g = d.add(gd);
  EXPECT_TRUE(g.joined);
  EXPECT_EQ(g.reason, "same requisition id");
  Outcome o = d.add(other);
  EXPECT_FALSE(o.joined);
  EXPECT_EQ(o.group, "indeed:abc");
}

TEST(DedupCore, JoinsByCompanyTitleAndPlace) {
  MemoryKeyValue kv;
  Deduplicator d(kv);
  d.add(posting("linkedin:1", "linkedin", "Sr. Software Eng (Remote)", "Acme Corporation", "Remote"));
  Outcome o = d.add(posting("indeed:x", "indeed", "Senior Software Engineer - Remote", "Acme Inc.", "Remote - Canada"));
  EXPECT_TRUE(o.joined);
  EXPECT_EQ(o.group, "linkedin:1");
  EXPECT_EQ(o.reason, "same company, title and place");
  // Another level, another city: apart.
  EXPECT_FALSE(d.add(posting("indeed:y", "indeed", "Software Engineer", "Acme Inc.", "Remote")).joined);
  EXPECT_FALSE(d.add(posting("indeed:z", "indeed", "Senior Software Engineer", "Acme Inc.", "Toronto, ON")).joined);
  EXPECT_FALSE(d.add(posting("indeed:w", "indeed", "Senior Software Engineer", "Apex Inc.", "Remote")).joined);
}

TEST(DedupCore, JoinsNearIdenticalDescriptionsButNotAnotherLevelCityOrCompany) {
  MemoryKeyValue kv;
  Deduplicator d(kv);
  Posting ats = posting("greenhouse:1", "greenhouse", "Senior Software Engineer, Payments", "Acme Inc.", "Toronto, ON");
  ats.description = kJob + kAbout;
  d.add(ats);

  // A title with a word more, no URL in common: the text finds it.
  Posting li =
      posting("linkedin:2", "linkedin", "Senior Software Engineer - Payments Team", "Acme", "Toronto, Ontario");
  li.description = "About the job\n" + kJob + "\n\n" + kAbout;
  Outcome o = d.add(li);
  EXPECT_TRUE(o.joined);
  EXPECT_EQ(o.via, Via::description);
  EXPECT_GE(o.similarity, 0.8);
  EXPECT_EQ(o.reason.rfind("near-identical description (0.", 0), 0u) << o.reason;

  // No company on one side: still one job.
  Posting gd = posting("glassdoor:3", "glassdoor", "Senior Software Engineer Payments", "", "Toronto");
  gd.description = kJob + kAbout;
  EXPECT_TRUE(d.add(gd).joined);

  // The same text for another level, another city, another company, another job title: apart.
  for (auto [key, title, company, location] :
       {std::tuple{"indeed:a", "Software Engineer, Payments", "Acme", "Toronto, ON"},
        std::tuple{"indeed:b", "Staff Software Engineer, Payments", "Acme", "Toronto, ON"},
        std::tuple{"indeed:c", "Senior Software Engineer, Payments", "Acme", "Vancouver, BC"},
        std::tuple{"indeed:d", "Senior Software Engineer, Payments", "Apex Corp", "Toronto, ON"},
        std::tuple{"indeed:e", "Sales Director", "Acme", "Toronto, ON"}}) {
    Posting p = posting(key, "indeed", title, company, location);
    p.description = kJob + kAbout;
    Outcome x = d.add(p);
    EXPECT_FALSE(x.joined) << title << " at " << company << " in " << location << ": " << x.reason;
  }
}

TEST(DedupCore, OneTemplateForTwoTeamsOrTwoRequisitionsStaysApart) {
  MemoryKeyValue kv;
  Deduplicator d(kv);
  Posting mkt = posting("workday:1", "workday", "Data Analyst, Marketing", "Acme", "Toronto");
  mkt.description = kJob + kAbout;
  d.add(mkt);
  // Each title has a word the other lacks: another team's job on the same template.
  Posting risk = posting("indeed:2", "indeed", "Data Analyst - Credit Risk", "Acme", "Toronto");
  risk.description = kJob + kAbout;
  EXPECT_FALSE(d.add(risk).joined);
  // A word the other title merely writes apart is no conflict.
  Posting cyber = posting("workday:3", "workday", "Cybersecurity Analyst", "Apex", "Ottawa");
  cyber.description = "Security operations. " + kJob;
  d.add(cyber);
  Posting cyber2 = posting("indeed:4", "indeed", "Cyber Security Analyst", "Apex", "Ottawa");
  cyber2.description = "Security operations. " + kJob;
  EXPECT_TRUE(d.add(cyber2).joined);
  // Two requisition ids are two jobs, whatever the text says.
  Posting req1 = posting("workday:5", "workday", "Platform Engineer", "Zenith", "Toronto");
  req1.description = kJob;
  req1.requisition_id = "R100";
  d.add(req1);
  Posting req2 = posting("workday:6", "workday", "Platform Engineer, Payments", "Zenith", "Toronto");
  req2.description = kJob;
  req2.requisition_id = "R200";
  EXPECT_FALSE(d.add(req2).joined);
}

TEST(DedupCore, ShortOrUnrelatedDescriptionsDoNotJoin) {
  MemoryKeyValue kv;
  Deduplicator d(kv);
  Posting a = posting("indeed:1", "indeed", "Payments Engineer", "Acme", "Toronto");
  a.description = "Build payment services in Go. Hybrid, Toronto.";  // < 40 words: no signature
  Posting b = posting("linkedin:1", "linkedin", "Engineer, Payments Platform", "Acme", "Toronto");
  b.description = a.description;
  d.add(a);
  EXPECT_FALSE(d.add(b).joined);
}

TEST(DedupCore, ThresholdAndUseDescriptionsAreObeyed) {
  Posting a = posting("greenhouse:1", "greenhouse", "Senior Software Engineer, Payments", "Acme", "Toronto");
  a.description = kJob + kAbout;
  Posting b = posting("linkedin:2", "linkedin", "Senior Software Engineer, Payments Platform", "Acme", "Toronto");
  b.description = kJob + "We are looking for someone who loves clean, fast and well tested payment code. " + kAbout;
  {
    MemoryKeyValue kv;
    Deduplicator d(kv);
    d.add(a);
    EXPECT_TRUE(d.add(b).joined);
  }
  {
    MemoryKeyValue kv;
    Settings strict;
    strict.threshold = 0.99;
    Deduplicator d(kv, strict);
    d.add(a);
    EXPECT_FALSE(d.add(b).joined);
  }
  {
    MemoryKeyValue kv;
    Settings off;
    off.use_descriptions = false;
    Deduplicator d(kv, off);
    d.add(a);
    EXPECT_FALSE(d.add(b).joined);
    for (const auto& [key, value] : kv.map()) EXPECT_NE(key.rfind("b/", 0), 0u) << "no LSH buckets when off: " << key;
  }
}

TEST(DedupCore, RecognisesReposts) {
  MemoryKeyValue kv;
  Deduplicator d(kv);
  Posting first = posting("linkedin:100", "linkedin", "Data Analyst", "Acme", "Toronto, ON");
  first.date_posted = "2024-05-01";
  Posting copy = posting("indeed:aa", "indeed", "Data Analyst", "Acme", "Toronto, ON");
  copy.date_posted = "2024-05-03";  // another site a few days later: a copy, not a re-post
  Posting again = posting("linkedin:200", "linkedin", "Data Analyst", "Acme Inc.", "Toronto");
  again.date_posted = "2024-06-02";  // the same site, a new id, a month later
  Posting late = posting("glassdoor:9", "glassdoor", "Data Analyst", "Acme", "Toronto");
  late.date_posted = "2024-05-25";  // first seen on this site, but 24 days after the group began

  EXPECT_EQ(d.add(first).repost_of, "");
  EXPECT_EQ(d.add(copy).repost_of, "");
  Outcome r = d.add(again);
  EXPECT_TRUE(r.joined);
  EXPECT_EQ(r.repost_of, "linkedin:100");
  EXPECT_EQ(d.add(late).repost_of, "linkedin:100");  // the group's first member

  // Same site and id seen again is the same posting, not a re-post.
  EXPECT_EQ(d.add(first).repost_of, "");
}

TEST(DedupCore, ReprocessingIsIdempotentAndFillsWhatWasMissing) {
  MemoryKeyValue kv;
  Deduplicator d(kv);
  Posting a = posting("greenhouse:1", "greenhouse", "Senior Software Engineer, Payments", "Acme", "Toronto");
  a.job_url = "https://boards.greenhouse.io/acme/jobs/1";
  Posting b = posting("indeed:2", "indeed", "Senior Software Engineer - Payments", "Acme Inc", "Toronto, ON");
  b.job_url = "https://ca.indeed.com/viewjob?jk=2";
  d.add(a);
  d.add(b);
  const auto records = kv.map();

  Outcome again = d.add(b);
  EXPECT_TRUE(again.seen_before);
  EXPECT_TRUE(again.joined);
  EXPECT_EQ(again.group, "greenhouse:1");
  EXPECT_EQ(again.reason, "same company, title and place");
  EXPECT_EQ(again.via, Via::company_title_place);
  EXPECT_EQ(again.members, 2u);
  Outcome first_again = d.add(a);  // the first member now sees the whole group
  EXPECT_FALSE(first_again.joined);
  EXPECT_EQ(first_again.members, 2u);
  EXPECT_EQ(kv.map(), records);

  // The description fetched since (a later run): now findable by its text.
  Posting described = a;
  described.description = kJob + kAbout;
  d.add(described);
  EXPECT_NE(kv.map(), records);
  Posting gd = posting("glassdoor:3", "glassdoor", "Payments Engineer, Senior", "", "Toronto");
  gd.description = kJob + kAbout;
  Outcome g = d.add(gd);
  EXPECT_TRUE(g.joined);
  EXPECT_EQ(g.group, "greenhouse:1");
  EXPECT_EQ(g.via, Via::description);
}

TEST(DedupCore, GroupsPersistThroughTheStoreAcrossInstances) {
  MemoryKeyValue kv;
  Posting a = posting("greenhouse:1", "greenhouse", "Senior Software Engineer", "Acme", "Toronto");
  a.description = kJob + kAbout;
  Posting b = posting("linkedin:2", "linkedin", "Senior Software Engineer, Backend", "Acme", "Toronto");
  b.description = kJob + kAbout;
  { Deduplicator(kv).add(a); }
  Outcome o = Deduplicator(kv).add(b);  // a later run: nothing in memory but the store
  EXPECT_TRUE(o.joined);
  EXPECT_EQ(o.group, "greenhouse:1");

  // Signatures of other parameters never share a bucket or a comparison.
  Settings other;
  other.minhash.num_hashes = 128;
  Posting c = posting("indeed:3", "indeed", "Senior Software Engineer, Backend Payments", "Acme", "Toronto");
  c.description = kJob + kAbout;
  EXPECT_FALSE(Deduplicator(kv, other).add(c).joined);
}

TEST(DedupCore, RecordsRoundTripAndBadOnesReadAsAbsent) {
  MemberRecord m;
  m.group = "linkedin:1\twith a tab";
  m.reason = "same apply URL";
  m.signature = {0, 1, 0xFFFFFFFFu, 0x01020304u};
  m.shingle_size = 5;
  m.shingles = 99;
  auto back = decode_member(encode(m));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->group, m.group);
  EXPECT_EQ(back->signature, m.signature);
  EXPECT_EQ(back->shingles, 99u);
  GroupRecord g{"2024-05-01", "acme", {{"a:1", "a", "2024-05-01"}, {"b:2", "b", ""}}};
  auto gb = decode_group(encode(g));
  ASSERT_TRUE(gb);
  EXPECT_EQ(gb->members.size(), 2u);
  EXPECT_EQ(gb->members[1].key, "b:2");
  EXPECT_EQ(gb->first_date, "2024-05-01");
  EXPECT_FALSE(decode_member("garbage"));
  EXPECT_FALSE(decode_group(encode(g).substr(0, 20)));

  // A member record that does not decode: the posting is handled as new.
  MemoryKeyValue kv;
  kv.put("m/indeed:1", "not a record");
  Outcome o = Deduplicator(kv).add(posting("indeed:1", "indeed", "Engineer", "Acme", "Toronto"));
  EXPECT_FALSE(o.seen_before);
  EXPECT_EQ(o.group, "indeed:1");
}

TEST(DedupCore, RejectsSettingsOutOfRange) {
  MemoryKeyValue kv;
  auto with = [](auto change) {
    Settings s;
    change(s);
    return s;
  };
  EXPECT_THROW(Deduplicator(kv, with([](Settings& s) { s.threshold = 0; })), std::invalid_argument);
  EXPECT_THROW(Deduplicator(kv, with([](Settings& s) { s.threshold = 1.5; })), std::invalid_argument);
  EXPECT_THROW(Deduplicator(kv, with([](Settings& s) { s.minhash.bands = 7; })), std::invalid_argument);
  EXPECT_THROW(Deduplicator(kv, with([](Settings& s) { s.minhash.shingle_size = 0; })), std::invalid_argument);
  EXPECT_THROW(Deduplicator(kv, with([](Settings& s) { s.minhash.min_words = 2; })), std::invalid_argument);
  EXPECT_THROW(Deduplicator(kv, with([](Settings& s) { s.repost_days = 0; })), std::invalid_argument);
  EXPECT_THROW(Deduplicator(kv).add(Posting{}), std::invalid_argument);  // no key
}

TEST(DedupCore, DaysBetweenDates) {
  EXPECT_EQ(days_between("2024-02-28", "2024-03-01"), 2);  // a leap year
  EXPECT_EQ(days_between("2024-06-02", "2024-05-01"), -32);
  EXPECT_EQ(days_between("2024-05-01T10:00:00Z", "2024-05-15"), 14);
  EXPECT_FALSE(days_between("", "2024-05-01"));
  EXPECT_FALSE(days_between("May 1", "2024-05-01"));
}
