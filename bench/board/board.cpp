#include "board.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>

namespace bench_board {
namespace {

// A small, fast, seedable generator: the same posting number gives the same page.
struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& xs) { return xs[below(N)]; }
};

constexpr std::array<std::string_view, 24> kRoles = {
    "Software Developer", "Data Analyst", "Backend Engineer", "Frontend Developer", "DevOps Engineer",
    "Data Engineer", "Business Analyst", "QA Automation Engineer", "Full Stack Developer", "Machine Learning Engineer",
    "Site Reliability Engineer", "Product Manager", "Cloud Architect", "Database Administrator",
    "Security Analyst", "Mobile Developer", "Embedded Software Engineer", "Systems Analyst", "BI Developer",
    "Technical Support Analyst", "Scrum Master", "UX Designer", "Network Engineer", "Solutions Architect"};
constexpr std::array<std::string_view, 6> kLevels = {"", "", "Junior ", "Senior ", "Lead ", "Intermediate "};
constexpr std::array<std::string_view, 16> kSyllables = {"Maple", "North", "Lake", "Ridge", "Harbour", "Pine",
                                                         "Stone", "Cedar", "Bright", "True", "Blue", "Iron",
                                                         "Silver", "Aurora", "Summit", "River"};
constexpr std::array<std::string_view, 8> kKinds = {"Systems", "Labs", "Software", "Analytics", "Group",
                                                    "Technologies", "Financial", "Health"};
struct Place {
  std::string_view city, province, code;
};
constexpr std::array<Place, 16> kPlaces = {{{"Toronto", "Ontario", "ON"},
                                            {"Mississauga", "Ontario", "ON"},
                                            {"Ottawa", "Ontario", "ON"},
                                            {"Montreal", "Quebec", "QC"},
                                            {"Vancouver", "British Columbia", "BC"},
                                            {"Calgary", "Alberta", "AB"},
                                            {"Edmonton", "Alberta", "AB"},
                                            {"Waterloo", "Ontario", "ON"},
                                            {"Markham", "Ontario", "ON"},
                                            {"Brampton", "Ontario", "ON"},
                                            {"Halifax", "Nova Scotia", "NS"},
                                            {"Winnipeg", "Manitoba", "MB"},
                                            {"Oakville", "Ontario", "ON"},
                                            {"Victoria", "British Columbia", "BC"},
                                            {"Hamilton", "Ontario", "ON"},
                                            {"London", "Ontario", "ON"}}};
constexpr std::array<std::string_view, 20> kSkills = {
    "C++", "Python", "Java", "Go", "SQL", "PostgreSQL", "Kubernetes", "Docker", "AWS", "Azure",
    "React", "TypeScript", "Terraform", "Linux", "Kafka", "Spark", "Power BI", "Tableau", "Git", "REST APIs"};
constexpr std::array<std::string_view, 12> kDuties = {
    "Design, build and run services that handle millions of requests a day",
    "Work with product managers and designers to turn ideas into shipped features",
    "Review code, write tests and keep our continuous integration green",
    "Improve the performance and reliability of existing systems",
    "Build dashboards and reports that help the business make decisions",
    "Automate deployments and monitoring across our cloud environments",
    "Mentor other members of the team and share what you learn",
    "Investigate production incidents and write clear post-mortems",
    "Model data and write efficient queries for analytics workloads",
    "Take part in planning, estimation and retrospectives",
    "Document systems so that others can operate them",
    "Keep security and privacy in mind in everything you build"};
constexpr std::array<std::string_view, 8> kPerks = {
    "Health and dental benefits from day one", "A matching RRSP contribution", "Three weeks of vacation",
    "A yearly learning budget", "Flexible hours", "Parental leave top-up", "A home office allowance",
    "Employee share purchase plan"};
constexpr std::array<std::string_view, 5> kTypes = {"Full-time", "Full-time", "Full-time", "Contract", "Part-time"};
constexpr std::array<std::string_view, 3> kArrangements = {"Hybrid: three days a week in our office.",
                                                           "This role is on site.", "This role is remote within Canada."};

struct Posting {
  int64_t n = 0;
  std::string id, title, company, slug, city, province, code, date, type, arrangement;
  int pay_min = 0, pay_max = 0;  // CAD a year; 0: not shown
  int years = 0;
  std::string description_html;
};

std::string company_name(uint64_t c) {
  std::string s(kSyllables[c % kSyllables.size()]);
  for (char ch : kSyllables[(c / kSyllables.size()) % kSyllables.size()])
    s += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  return s + " " + std::string(kKinds[(c / 256) % kKinds.size()]);
}

std::string slug_of(std::string_view s) {
  std::string out;
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  return out;
}

std::string money(int v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "CA$%d,%03d.00", v / 1000, v % 1000);
  return buf;
}

Posting make_posting(int64_t n) {
  Rng r{static_cast<uint64_t>(n) * 7919 + 17};
  Posting p;
  p.n = n;
  p.id = std::to_string(4200000000LL + n);
  std::string role(r.pick(kRoles));
  p.title = std::string(r.pick(kLevels)) + role;
  p.company = company_name(r.below(2048));
  p.slug = slug_of(p.company);
  const Place& place = r.pick(kPlaces);
  p.city = place.city, p.province = place.province, p.code = place.code;
  p.date = "2026-11-" + std::string(r.below(9) < 1 ? "0" : "1") + std::to_string(1 + r.below(9));
  p.type = r.pick(kTypes);
  p.arrangement = r.pick(kArrangements);
  p.years = static_cast<int>(1 + r.below(8));
  if (r.below(10) < 6) {
    p.pay_min = 55000 + static_cast<int>(r.below(60)) * 1000;
    p.pay_max = p.pay_min + 10000 + static_cast<int>(r.below(30)) * 1000;
  }
  std::string& d = p.description_html;
  d += "<p>" + p.company + " builds software for Canadian businesses from our offices in " + p.city +
       ". We are growing and are looking for a " + p.title + " to join a team of " + std::to_string(4 + r.below(9)) +
       " people who care about their craft, their customers and each other.</p>\n";
  d += "<p>You will own meaningful work from the first week, with the support of experienced colleagues and a "
       "clear plan for your first ninety days.</p>\n";
  d += "<h3>What you will do</h3>\n<ul>\n";
  for (int i = 0, k = static_cast<int>(4 + r.below(4)); i < k; ++i) d += "<li>" + std::string(r.pick(kDuties)) + "</li>\n";
  d += "</ul>\n<h3>What you bring</h3>\n<ul>\n";
  d += "<li>" + std::to_string(p.years) + "+ years of professional experience as a " + role + " or similar</li>\n";
  for (int i = 0, k = static_cast<int>(3 + r.below(3)); i < k; ++i)
    d += "<li>Hands-on experience with " + std::string(r.pick(kSkills)) + " and " + std::string(r.pick(kSkills)) +
         "</li>\n";
  d += "<li>A degree in computer science, engineering or a related field, or equivalent experience</li>\n";
  d += "<li>Clear written and spoken communication in English</li>\n</ul>\n";
  d += "<h3>Nice to have</h3>\n<ul>\n<li>Experience with " + std::string(r.pick(kSkills)) + "</li>\n<li>" +
       std::string(r.pick(kSkills)) + " in production</li>\n</ul>\n";
  d += "<h3>What we offer</h3>\n<ul>\n";
  for (int i = 0; i < 4; ++i) d += "<li>" + std::string(r.pick(kPerks)) + "</li>\n";
  d += "</ul>\n";
  if (p.pay_min)
    d += "<p>The salary range for this position is $" + std::to_string(p.pay_min / 1000) + ",000 to $" +
         std::to_string(p.pay_max / 1000) + ",000 a year, depending on experience.</p>\n";
  d += "<p>" + p.arrangement + " " + p.type + ".</p>\n";
  d += "<p>" + p.company +
       " is an equal opportunity employer. We welcome applications from everyone and will provide accommodation "
       "throughout the hiring process on request.</p>\n";
  return p;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '/': out += "\\/"; break;  // no "</script>" inside the block
      default: out += c;
    }
  }
  return out + "\"";
}

// One card, as the guest search API sends it (the real capture's markup).
void append_card(std::string& out, const Posting& p, const std::string& href, int position) {
  out += R"(<li>
                  <a href=")" + href + "?position=" + std::to_string(position) +
         R"(&amp;pageNum=0&amp;trk=public_jobs_jserp-result_search-card" target="_self" data-impression-id="jobs-search-result-)" +
         std::to_string(position - 1) +
         R"(" data-tracking-control-name="public_jobs_jserp-result_search-card" data-tracking-will-navigate class="base-card relative w-full hover:no-underline focus:no-underline base-card--link base-search-card base-search-card--link job-search-card" data-tracking-client-ingraph data-entity-urn="urn:li:jobPosting:)" +
         p.id + R"(" data-reference-id="L+anp98AXknT2JLKglJBBw==" data-tracking-id="Q9q9R6e2xCBhUIhULo2xUw==" data-column="1" data-row="2">

            <!---->


                <div class="search-entity-media">

                  <img class="artdeco-entity-image artdeco-entity-image--square-4
                      artdeco-entity-image--ghost" data-delayed-url="https://static.licdn.com/aero-v1/sc/h/6puxblwmhnodu6fjircz4dn4h" data-ghost-classes="artdeco-entity-image--ghost" data-ghost-url="https://static.licdn.com/aero-v1/sc/h/6puxblwmhnodu6fjircz4dn4h" alt>

                </div>


                    <div class="base-search-card__info">
                      <h3 class="base-search-card__title">

                    )" + p.title + R"(

                      </h3>

                        <h4 class="base-search-card__subtitle">

                      )" + p.company + R"(

                        </h4>

            <!---->
                        <div class="base-search-card__metadata">

                      <span class="job-search-card__location">
                        )" + p.city + ", " + p.province + R"(, Canada
                      </span>
)";
  if (p.pay_min)
    out += R"(
                      <span class="job-search-card__salary-info">
                        )" + money(p.pay_min) + "/yr - " + money(p.pay_max) + R"(/yr
                      </span>
)";
  out += R"(
                  <div class="job-posting-benefits text-sm">
                    <icon class="job-posting-benefits__icon" data-delayed-url="https://static.licdn.com/aero-v1/sc/h/8zmuwb93gzlb935fk4ao4z779" data-svg-class-name="job-posting-benefits__icon-svg"></icon>
                    <span class="job-posting-benefits__text">
                      Be an early applicant
            <!---->        </span>
                  </div>


                      <time class="job-search-card__listdate" datetime=")" + p.date + R"(">

                  1 week ago

                      </time>

            <!---->
                        </div>
                    </div>
            <!---->

                  </a>




                  </li>
)";
}

}  // namespace

std::string Board::detail_path(int64_t n) const {
  return "/careers/" + make_posting(n).slug + "/" + std::to_string(n);
}

std::string Board::search_page(std::string_view keywords, int64_t start) const {
  int64_t k = keywords.size() > 1 && keywords[0] == 'q' ? std::atoll(std::string(keywords.substr(1)).c_str()) : -1;
  std::string out = "\n                        \n            <!DOCTYPE html>\n";
  if (k < 0 || k >= queries || start < 0) return out;
  int64_t first = k * per_query() + start;
  int64_t end = std::min<int64_t>((k + 1) * per_query(), postings);
  for (int64_t n = first, pos = 1; n < end && n < first + page_size; ++n, ++pos) {
    Posting p = make_posting(n);
    append_card(out, p, pages_base + "/careers/" + p.slug + "/" + std::to_string(n), static_cast<int>(start + pos));
  }
  return out;
}

std::string Board::detail_page(int64_t n) const {
  if (n < 0 || n >= postings) return "";
  Posting p = make_posting(n);
  std::string out;
  out.reserve(110000);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + p.title + " - " + p.company +
         " Careers</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta property=\"og:title\" content=\"" + p.title + " | " + p.company + "\">\n"
         "<meta property=\"og:site_name\" content=\"" + p.company + " Careers\">\n"
         "<link rel=\"stylesheet\" href=\"/assets/careers.css\">\n";
  // The JobPosting block, in the jobseek captures' shape.
  out += "<script type=\"application/ld+json\" nonce=\"bench\">{\"@context\": \"http://schema.org/\", \"@type\": "
         "\"JobPosting\", \"title\": " + json_string(p.title) + ", \"description\": " + json_string(p.description_html) +
         ", \"identifier\": {\"@type\": \"PropertyValue\", \"name\": " + json_string(p.company) +
         ", \"value\": \"R-" + std::to_string(p.n) + "\"}, \"hiringOrganization\": {\"@type\": \"Organization\", \"name\": " +
         json_string(p.company) + ", \"sameAs\": \"https://" + p.slug + ".example.com/\"}, \"datePosted\": \"" + p.date +
         "T09:00:00-05:00\", \"validThrough\": \"2027-01-31T23:59:59-05:00\", \"employmentType\": \"" +
         (p.type == "Full-time" ? "FULL_TIME" : p.type == "Contract" ? "CONTRACTOR" : "PART_TIME") +
         "\", \"jobLocation\": [{\"@type\": \"Place\", \"address\": {\"@type\": \"PostalAddress\", \"addressLocality\": " +
         json_string(p.city) + ", \"addressRegion\": \"" + p.code + "\", \"addressCountry\": \"CA\"}}]";
  if (p.pay_min)
    out += ", \"baseSalary\": {\"@type\": \"MonetaryAmount\", \"currency\": \"CAD\", \"value\": {\"@type\": "
           "\"QuantitativeValue\", \"minValue\": " + std::to_string(p.pay_min) + ", \"maxValue\": " +
           std::to_string(p.pay_max) + ", \"unitText\": \"YEAR\"}}";
  out += "}</script>\n</head>\n<body class=\"careers\">\n";
  // Site chrome: a navigation bar and a cookie banner, as career sites have.
  out += "<header class=\"site-header\"><nav class=\"main-nav\" role=\"navigation\"><ul>\n";
  for (int i = 0; i < 30; ++i)
    out += "<li class=\"nav-item\"><a class=\"nav-link\" href=\"/careers/" + p.slug + "/teams/" + std::to_string(i) +
           "\">Team " + std::to_string(i) + "</a></li>\n";
  out += "</ul></nav></header>\n<div class=\"cookie-banner\" id=\"consent\"><p>We use cookies to improve your "
         "experience.</p><button>Accept</button></div>\n";
  out += "<main class=\"job-posting\">\n<h1 class=\"job-title\">" + p.title + "</h1>\n<div class=\"job-meta\"><span>" +
         p.company + "</span> <span class=\"location\">" + p.city + ", " + p.code + "</span> <span>" + p.type +
         "</span></div>\n<section class=\"job-description\">\n" + p.description_html +
         "</section>\n<a class=\"apply-button\" href=\"/careers/" + p.slug + "/" + std::to_string(p.n) +
         "/apply\">Apply now</a>\n</main>\n";
  // A rail of similar jobs, each in the board's card markup: most of the page.
  out += "<aside class=\"similar-jobs\"><h2>Similar jobs</h2><ul class=\"jobs-search__results-list\">\n";
  for (int i = 1; i <= 24; ++i) {
    Posting s = make_posting((n + i * 37) % postings);
    append_card(out, s, pages_base + "/careers/" + s.slug + "/" + std::to_string(s.n), i);
  }
  out += "</ul></aside>\n<footer class=\"site-footer\"><ul>\n";
  for (int i = 0; i < 40; ++i)
    out += "<li><a href=\"/about/" + std::to_string(i) + "\">About " + p.company + " " + std::to_string(i) +
           "</a></li>\n";
  out += "</ul><p>&copy; 2026 " + p.company + "</p></footer>\n</body>\n</html>\n";
  return out;
}

int64_t trailing_number(std::string_view path) {
  std::size_t end = path.size();
  while (end > 0 && path[end - 1] == '/') --end;
  std::size_t begin = end;
  while (begin > 0 && path[begin - 1] >= '0' && path[begin - 1] <= '9') --begin;
  if (begin == end || end - begin > 15) return -1;
  return std::atoll(std::string(path.substr(begin, end - begin)).c_str());
}

std::string query_param(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    std::size_t eq = pair.find('=');
    if (pair.substr(0, eq) != name) continue;
    std::string out;
    std::string_view v = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i] == '+') out += ' ';
      else if (v[i] == '%' && i + 2 < v.size()) out += static_cast<char>(std::strtol(std::string(v.substr(i + 1, 2)).c_str(), nullptr, 16)), i += 2;
      else out += v[i];
    }
    return out;
  }
  return "";
}

}  // namespace bench_board
