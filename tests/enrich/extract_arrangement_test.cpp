// Work arrangement from location, title and text: table-driven cases including
// negations, qualifiers and "remote" in other senses.
#include <gtest/gtest.h>

#include "extract/extract.hpp"

namespace {

struct Case {
  const char* title;
  const char* location;
  const char* text;
  const char* expected;
};

std::string arrangement(const Case& c) { return ajx::find_arrangement(ajx::Text::of(c.title, c.text), c.location); }

void check(const std::vector<Case>& cases) {
  for (const auto& c : cases)
    EXPECT_EQ(arrangement(c), c.expected)
        << "title: " << c.title << "\nlocation: " << c.location << "\ntext: " << c.text;
}

TEST(Arrangement, FromLocation) {
  check({
      {"Software Engineer", "Remote", "", "remote"},
      {"Software Engineer", "Remote - US", "Join our team.", "remote"},
      {"Software Engineer", "Canada (Remote)", "", "remote"},
      {"Analyst", "Toronto, ON (Hybrid)", "", "hybrid"},
      {"Analyst", "Hybrid remote in Toronto, ON", "", "hybrid"},
      {"Analyst", "Remote in Vancouver, BC", "", "remote"},
      {"Technician", "On-site - Calgary, AB", "", "onsite"},
      {"Technician", "Montréal, QC (Télétravail)", "", "remote"},
      {"Technician", "Toronto, ON", "", ""},
  });
}

TEST(Arrangement, LocationAndTitleWinOverText) {
  check({
      {"Developer", "Remote", "Our office in Toronto has on-site parking. You will work in the office.", "remote"},
      {"Developer (Hybrid)", "Toronto, ON", "This is a fully remote role.", "hybrid"},
      {"Senior Developer - Remote", "", "We have offices in Toronto where you will work in office.", "remote"},
      {"Onsite IT Support Technician", "", "Remote work is possible.", "onsite"},
  });
}

TEST(Arrangement, RemoteInOtherSensesIsNotRemote) {
  check({
      {"Remote Sensing Specialist", "Ottawa, ON", "Analyse satellite imagery.", ""},
      {"Nurse", "", "Experience with remote patient monitoring is an asset.", ""},
      {"Field Technician", "", "Travel to remote sites across northern Ontario.", ""},
      {"Engineer", "", "Design remote monitoring systems and remote control units.", ""},
      {"Pilot", "", "Fly to remote and northern communities.", ""},
      {"Analyst", "", "Provide remote desktop support and remote access troubleshooting.", ""},
      {"Manager", "", "Experience managing remote teams across time zones.", ""},
  });
}

TEST(Arrangement, NegationsAreOnsite) {
  check({
      {"Analyst", "", "Please note: this is not a remote role.", "onsite"},
      {"Analyst", "", "This is not a remote position. You will report to our Mississauga office.", "onsite"},
      {"Analyst", "", "No remote work. Monday to Friday.", "onsite"},
      {"Analyst", "", "Remote work is not available for this position.", "onsite"},
      {"Analyst", "", "This role isn't remote.", "onsite"},
      {"Analyst", "", "Remote candidates will not be considered.", "onsite"},
      {"Analyste", "", "Le télétravail n'est pas possible pour ce poste.", "onsite"},
      {"Analyst", "", "This position is not fully remote; expect 3 days in the office.", "hybrid"},
  });
}

TEST(Arrangement, RemoteQualifiers) {
  check({
      {"Developer", "", "This is a remote within Canada position.", "remote"},
      {"Developer", "", "Location: Remote (Canada)", "remote"},
      {"Developer", "", "We are a fully remote company.", "remote"},
      {"Developer", "", "This role is 100% remote.", "remote"},
      {"Developer", "", "You can work from home anywhere in Ontario.", "remote"},
      {"Developer", "", "WFH with a home office stipend.", "remote"},
      {"Developer", "", "We are remote-first.", "remote"},
      {"Developer", "", "You will be working remotely with a distributed team.", "remote"},
      {"Développeur", "", "Poste en télétravail partout au Québec.", "remote"},
      {"Developer", "", "Fully remote, with occasional travel to our Toronto office.", "remote"},
      {"Developer", "", "Remote position, Monday to Friday.", "remote"},
  });
}

TEST(Arrangement, PartTimeRemoteIsHybrid) {
  check({
      {"Analyst", "", "This is a hybrid role.", "hybrid"},
      {"Analyst", "", "We work 3 days in office and 2 from home.", "hybrid"},
      {"Analyst", "", "Expect to be in the office 2 days a week.", "hybrid"},
      {"Analyst", "", "You will work 2 days a week in the office.", "hybrid"},
      {"Analyst", "", "Occasional remote work is possible.", "hybrid"},
      {"Analyst", "", "Flexibility to work from home 2 days per week.", "hybrid"},
      {"Analyst", "", "Our hybrid work model gives you flexibility.", "hybrid"},
      {"Analyste", "", "Télétravail partiel offert.", "hybrid"},
      {"Analyste", "", "Mode hybride: deux jours au bureau par semaine.", "hybrid"},
      {"Analyst", "", "This role is 60% remote.", "hybrid"},
      {"Analyst", "", "In-office 3 days per week, Tuesday to Thursday.", "hybrid"},
      {"Analyst", "", "Employees work remotely on Fridays.", "hybrid"},
  });
}

TEST(Arrangement, HybridInOtherSensesIsNotHybrid) {
  check({
      {"Cloud Architect", "", "Design hybrid cloud solutions on Azure.", ""},
      {"Mechanic", "", "Service hybrid vehicles and electric cars.", ""},
      {"Developer", "", "Build hybrid mobile apps with Ionic.", ""},
  });
}

TEST(Arrangement, Onsite) {
  check({
      {"Technician", "", "This is an on-site role at our Brampton plant.", "onsite"},
      {"Technician", "", "The position is onsite.", "onsite"},
      {"Technician", "", "You must work on site every day.", "onsite"},
      {"Technician", "", "This is an in-office position.", "onsite"},
      {"Technicien", "", "Travail sur place à Laval.", "onsite"},
      {"Technicien", "", "Poste en présentiel.", "onsite"},
      {"Technician", "", "Work 5 days a week in the office.", "onsite"},
  });
}

TEST(Arrangement, AmenitiesAndVisitsAreNotOnsite) {
  check({
      {"Developer", "", "Perks: free on-site parking and an on-site gym.", ""},
      {"Developer", "", "Proficient in Office 365.", ""},
      {"Consultant", "", "Fully remote with occasional on-site client visits.", "remote"},
      {"Recruiter", "", "Coordinate in-person interviews.", ""},
  });
}

TEST(Arrangement, ExplicitLabelsWinOverPassingMentions) {
  check({
      {"Analyst", "", "Workplace type: Hybrid\nWe are a remote-friendly company with remote teams.", "hybrid"},
      {"Analyst", "", "Location type: Remote\nOur office has an on-site cafe. Work in the office when you like.",
       "remote"},
      {"Analyst", "", "Work arrangement: On-site\nOccasional remote work may be possible.", "onsite"},
      {"Analyst", "", "Remote: No\nWe work with remote clients.", "onsite"},
      {"Analyste", "", "Mode de travail : hybride\nPossibilité de télétravail.", "hybrid"},
  });
}

TEST(Arrangement, WhatTheRoleIsWinsOverTheCompany) {
  check({
      {"Engineer", "", "We are a remote-first company for most roles, but this role is on-site at our Toronto lab.",
       "onsite"},
      {"Accountant", "", "Hybrid: in the office Monday to Wednesday", "hybrid"},
      {"Tax Manager", "", "Flexible hybrid work: most of our team is in the office two or three days a week.",
       "hybrid"},
  });
}

TEST(Arrangement, Workplaces) {
  check({
      {"Physiotherapist", "", "This is an in-clinic position.", "onsite"},
      {"Merchandiser", "", "All work is done in our three stores.", "onsite"},
      {"Project Manager", "", "Based at the project site office, with visits to head office.", "onsite"},
      {"Branch Advisor", "", "Branch-based: you meet clients in person.", "onsite"},
      {"Student", "", "Staff report to the Town's operations centre each morning.", "onsite"},
      {"Assistante", "", "Poste sur site, à nos bureaux de la Part-Dieu.", "onsite"},
      {"Électricien", "", "Travail sur les chantiers de la région.", "onsite"},
      {"Chauffeur", "", "Livrer les commandes chez les clients et sur les chantiers.", ""},
      {"Retail", "", "Design in-store displays.", ""},
      {"Analyst", "", "Work from our Vancouver office.", "onsite"},
  });
}

TEST(Arrangement, UnsaidIsEmpty) {
  check({
      {"Accountant", "Toronto, ON", "Prepare financial statements. Full-time, permanent.", ""},
      {"Driver", "", "Deliver packages 5 days a week.", ""},
      {"", "", "", ""},
  });
}

}  // namespace
