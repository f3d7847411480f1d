// Which URLs a component's tabs may load (browser.allowed_hosts).
#include "browser/hosts.hpp"

#include <gtest/gtest.h>

namespace aj::browser {
namespace {

TEST(AllowedHosts, AnyHttpHostWhenNoneAreListed) {
  EXPECT_EQ(refusal("https://www.eluta.ca/search?q=c%2B%2B", {}), "");
  EXPECT_EQ(refusal("http://127.0.0.1:8080/x", {}), "");
  EXPECT_EQ(refusal("about:blank", {"example.com"}), "");
}

TEST(AllowedHosts, OtherSchemesAreAlwaysRefused) {
  for (const char* url : {"file:///etc/passwd", "chrome://settings", "javascript:alert(1)", "data:text/html,hi",
                          "ftp://example.com/", "not a url"})
    EXPECT_NE(refusal(url, {}).find("only http:// and https://"), std::string::npos) << url;
}

TEST(AllowedHosts, ExactHostsWildcardsAndPorts) {
  std::vector<std::string> allowed = {"eluta.ca", "*.greenhouse.io", "127.0.0.1:8080", "[::1]"};
  EXPECT_EQ(refusal("https://eluta.ca/jobs", allowed), "");
  EXPECT_EQ(refusal("https://ELUTA.CA./jobs", allowed), "");  // case and a trailing dot
  EXPECT_NE(refusal("https://www.eluta.ca/jobs", allowed), "");  // a subdomain needs *.
  EXPECT_EQ(refusal("https://boards.greenhouse.io/acme", allowed), "");
  EXPECT_EQ(refusal("https://greenhouse.io/", allowed), "");
  EXPECT_NE(refusal("https://evilgreenhouse.io/", allowed), "");
  EXPECT_EQ(refusal("http://127.0.0.1:8080/a", allowed), "");
  EXPECT_NE(refusal("http://127.0.0.1:9090/a", allowed), "");
  EXPECT_EQ(refusal("http://[::1]:3000/", allowed), "");
  // userinfo does not fool the host check
  EXPECT_NE(refusal("https://eluta.ca@evil.example/", allowed), "");
  auto why = refusal("http://localhost:8080/", allowed);
  EXPECT_NE(why.find("localhost"), std::string::npos) << why;
  EXPECT_NE(why.find("allowed_hosts"), std::string::npos) << why;
}

TEST(AllowedHosts, UrlHost) {
  EXPECT_EQ(url_host("https://User:pw@Jobs.Example.COM:8443/a?b#c"), "jobs.example.com");
  EXPECT_EQ(url_host("http://[::1]:80/"), "[::1]");
  EXPECT_EQ(url_host("mailto:x@example.com"), "");
}

}  // namespace
}  // namespace aj::browser
