// The posting's language and whether French is required: table-driven cases,
// including English-as-an-asset in French postings and French in other senses.
#include <gtest/gtest.h>

#include "extract/extract.hpp"

namespace {

std::string language(const char* title, const char* text) { return ajx::find_language(ajx::Text::of(title, text)); }

std::string french(const char* title, const char* text) {
  const ajx::Text t = ajx::Text::of(title, text);
  return ajx::find_french(t, ajx::find_language(t));
}

TEST(Language, EnglishAndFrench) {
  EXPECT_EQ(language("Software Developer", "We are looking for a developer to join our team and build the product."),
            "en");
  EXPECT_EQ(language("Développeur logiciel",
                     "Nous sommes à la recherche d'un développeur pour se joindre à notre équipe. Vous travaillerez "
                     "avec les équipes produit et des clients dans un environnement stimulant."),
            "fr");
  EXPECT_EQ(language("Comptable", "Relevant du directeur financier, le titulaire du poste est responsable de la paie."),
            "fr");
  EXPECT_EQ(language("Développeur principal", ""), "fr");
  EXPECT_EQ(language("Senior Developer", ""), "en");
  EXPECT_EQ(language("", ""), "en");
  // An English posting that mentions French stays English.
  EXPECT_EQ(language("Bilingual Agent", "You will answer calls in English and French. Le français est requis."), "en");
}

struct Case {
  const char* title;
  const char* text;
  const char* expected;
};

void check(const std::vector<Case>& cases) {
  for (const auto& c : cases) EXPECT_EQ(french(c.title, c.text), c.expected) << c.title << "\n" << c.text;
}

TEST(French, Required) {
  check({
      {"Agent", "French required.", "required"},
      {"Agent", "Bilingual (English/French) required.", "required"},
      {"Agent", "You must be fluent in French and English.", "required"},
      {"Agent", "Bilingualism is mandatory for this position.", "required"},
      {"Agent", "Requirements:\n- 2 years of experience\n- Bilingual in English and French", "required"},
      {"Bilingual Customer Service Representative", "Answer customer calls.", "required"},
      {"Agent", "Excellent written and spoken French.", "required"},
      {"Agent", "Fluency in English and French is required; Spanish is an asset.", "required"},
      {"Agent", "English required, French is also required.", "required"},
      {"Agent", "Bilingue (français/anglais) requis.", "required"},
  });
}

TEST(French, Asset) {
  check({
      {"Agent", "French is an asset.", "asset"},
      {"Agent", "Knowledge of French considered an asset.", "asset"},
      {"Agent", "Bilingualism is a plus.", "asset"},
      {"Agent", "Nice to have: French", "asset"},
      {"Agent", "English required, French an asset.", "asset"},
      {"Agent", "Assets:\n- Experience with Salesforce\n- Bilingual (English/French)", "asset"},
      {"Agent", "Preferred qualifications\nFluency in French", "asset"},
      {"Agent", "Bilingualism (French/English) is not required but would be an asset.", "asset"},
      {"Agent", "Preference will be given to bilingual candidates.", "asset"},
  });
}

TEST(French, None) {
  check({
      {"Cook", "Prepare French fries and French toast.", "none"},
      {"Barista", "Operate the French press and espresso machine.", "none"},
      {"Analyst", "Grow our share of the French Canadian market.", "none"},
      {"Analyst", "Experience with Python and SQL.", "none"},
      {"Agent", "Bilingual in English and Spanish required.", "none"},
      {"Agent", "French is not required.", "none"},
      {"Agent", "Our office is in Montréal, Québec.", "none"},
      {"Agent", "Our Montreal office serves French-speaking clients.", "none"},
      {"Agent", "Mandarin or Cantonese is an asset.", "none"},
  });
}

TEST(French, WhichLanguageTheQualifierIsAbout) {
  check({
      {"Officer", "Language requirements: English or French essential", "none"},
      {"Specialist", "French or Mandarin is an asset.", "asset"},
      {"Counsellor", "Requirements\n- Bilingual counsellors (English/French) are an asset", "asset"},
      {"Teacher", "Qualifications\n- French as a Second Language (FSL) Part 1 is an asset", "asset"},
      // A list item is not a heading: "un atout" belongs to the line above.
      {"Conseiller",
       "Nous cherchons une personne pour notre équipe.\nExigences\n- Certification CISSP ou CISM, un atout\n"
       "- Excellente maîtrise du français",
       "required"},
  });
}

TEST(French, WrittenInFrench) {
  check({
      {"Comptable", "Nous cherchons un comptable pour notre équipe. Vous serez responsable de la paie et des comptes.",
       "required"},
      // English is the asset here, not French.
      {"Analyste",
       "Vous travaillerez avec les équipes des ventes. Maîtrise du français. L'anglais est un atout pour ce poste.",
       "required"},
      {"Analyste", "Vous travaillerez avec les équipes des ventes. Atout : anglais.", "required"},
      {"Analyste", "Nous offrons un poste dans une équipe dynamique. Le bilinguisme est un atout.", "required"},
      {"Analyste", "Vous travaillerez avec les clients et les équipes. Le français est un atout.", "asset"},
  });
}

}  // namespace
