#include "browser/launcher.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace aj::browser {
namespace fs = std::filesystem;

namespace {

bool executable(const fs::path& p) { return !p.empty() && ::access(p.c_str(), X_OK) == 0 && !fs::is_directory(p); }

std::string on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream ss(path ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(ss, dir, ':'))
    if (!dir.empty() && executable(fs::path(dir) / name)) return (fs::path(dir) / name).string();
  return "";
}

}  // namespace

std::string find_executable(const std::string& configured, std::string& error) {
  if (!configured.empty()) {
    std::string p = configured.find('/') == std::string::npos ? on_path(configured) : configured;
    if (executable(p)) return p;
    error = "browser.executable \"" + configured + "\" is not an executable file; fix it in host.yaml";
    return "";
  }
  if (const char* env = std::getenv("AJ_CHROMIUM"); env && *env) {
    if (executable(env)) return env;
    error = "AJ_CHROMIUM=" + std::string(env) + " is not an executable file";
    return "";
  }
  // The binary itself rather than Debian's /usr/bin/chromium wrapper script,
  // so that the pid we hold is the browser's.
  if (executable("/usr/lib/chromium/chromium")) return "/usr/lib/chromium/chromium";
  for (const char* name : {"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"})
    if (auto p = on_path(name); !p.empty()) return p;
  error = "no Chromium found: install it (Debian: apt-get install chromium, which ./scripts/deps does), or set "
          "browser.executable in host.yaml or AJ_CHROMIUM";
  return "";
}

std::vector<std::string> command_line(const LaunchOptions& o) {
  std::vector<std::string> args = {
      o.executable,
      "--remote-debugging-port=0",
      "--remote-debugging-address=127.0.0.1",
      "--user-data-dir=" + o.user_data_dir,
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-default-apps",
      "--disable-popup-blocking",  // popups become tabs the plugin handles (or closes)
      "--disable-extensions",
      "--disable-domain-reliability",
      "--disable-client-side-phishing-detection",
      "--disable-breakpad",
      "--disable-crash-reporter",
      "--disable-quic",
      "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication",
      "--metrics-recording-only",
      "--no-pings",
      "--password-store=basic",
      "--use-mock-keychain",
      "--mute-audio",
      "--hide-scrollbars",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--window-size=1280,900",
  };
  if (o.headless) args.push_back("--headless=new");
  if (::geteuid() == 0) args.push_back("--no-sandbox");  // Chromium refuses to run as root otherwise
  for (const auto& a : o.extra_args) args.push_back(a);
  args.push_back("about:blank");
  return args;
}

bool launch(const LaunchOptions& o, Launched& out, std::string& error) {
  std::vector<std::string> args = command_line(o);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int err_pipe[2];
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    error = std::string("pipe: ") + std::strerror(errno);
    return false;
  }
  int devnull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    error = std::string("fork: ") + std::strerror(errno);
    ::close(err_pipe[0]);
    ::close(err_pipe[1]);
    if (devnull >= 0) ::close(devnull);
    return false;
  }
  if (pid == 0) {
    // Only async-signal-safe calls from here to exec.
    ::setpgid(0, 0);                       // Ctrl-C in the terminal is the host's to handle
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);    // never outlive the host
    if (::getppid() != parent) ::_exit(127);
    if (devnull >= 0) {
      ::dup2(devnull, 0);
      ::dup2(devnull, 1);
    }
    ::dup2(err_pipe[1], 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(err_pipe[1]);
  if (devnull >= 0) ::close(devnull);

  // Read stderr until "DevTools listening on ws://...".
  std::string seen;
  const std::string marker = "DevTools listening on ";
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(o.deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      error = "the browser did not start in time";
      break;
    }
    pollfd p{err_pipe[0], POLLIN, 0};
    int n = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left.count(), 1000)));
    if (n < 0 && errno != EINTR) {
      error = std::string("poll: ") + std::strerror(errno);
      break;
    }
    if (n <= 0) continue;
    char buf[4096];
    ssize_t got = ::read(err_pipe[0], buf, sizeof buf);
    if (got <= 0) {
      error = "the browser exited at start";
      break;
    }
    seen.append(buf, static_cast<size_t>(got));
    if (auto at = seen.find(marker); at != std::string::npos) {
      auto end = seen.find('\n', at);
      if (end == std::string::npos) continue;
      out.ws_url = seen.substr(at + marker.size(), end - at - marker.size());
      while (!out.ws_url.empty() && (out.ws_url.back() == '\r' || out.ws_url.back() == ' ')) out.ws_url.pop_back();
      out.pid = pid;
      out.stderr_fd = err_pipe[0];
      return true;
    }
    if (seen.size() > 64 * 1024) seen.erase(0, seen.size() - 16 * 1024);
  }
  ::close(err_pipe[0]);
  std::string status = reap(pid);
  if (status.empty()) terminate(pid, std::chrono::milliseconds(0));
  // The last lines it printed say why (a missing library, a profile in use).
  std::string tail = seen.size() > 600 ? seen.substr(seen.size() - 600) : seen;
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == ' ')) tail.pop_back();
  error += " (" + o.executable + (status.empty() ? "" : ", " + status) + ")" + (tail.empty() ? "" : ": " + tail);
  return false;
}

std::string reap(pid_t pid) {
  int st = 0;
  pid_t r = ::waitpid(pid, &st, WNOHANG);
  if (r == 0) return "";
  if (r < 0) return "exited";
  if (WIFSIGNALED(st)) return "killed by signal " + std::to_string(WTERMSIG(st));
  return "exited with status " + std::to_string(WEXITSTATUS(st));
}

bool wait_exit(pid_t pid, std::chrono::milliseconds limit) {
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) return false;
  pollfd p{pidfd, POLLIN, 0};
  int n = ::poll(&p, 1, static_cast<int>(limit.count()));
  ::close(pidfd);
  return n == 1;
}

void terminate(pid_t pid, std::chrono::milliseconds grace) {
  if (pid <= 0) return;
  if (grace.count() > 0) {
    // Wait for the exit on a pidfd: poll() with the grace as its timeout.
    int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (pidfd >= 0 && ::kill(pid, SIGTERM) == 0) {
      pollfd p{pidfd, POLLIN, 0};
      ::poll(&p, 1, static_cast<int>(grace.count()));
    }
    if (pidfd >= 0) ::close(pidfd);
  }
  ::kill(-pid, SIGKILL);  // it, and helpers left in its group
  ::kill(pid, SIGKILL);
  int st;
  ::waitpid(pid, &st, 0);
}

Memory tree_memory(pid_t root) {
  Memory total;
  if (root <= 0) return total;
  // Parent of every process, from /proc/PID/stat.
  std::multimap<pid_t, pid_t> children;
  if (DIR* d = ::opendir("/proc")) {
    while (dirent* e = ::readdir(d)) {
      pid_t pid = 0;
      auto [p, ec] = std::from_chars(e->d_name, e->d_name + std::strlen(e->d_name), pid);
      if (ec != std::errc() || *p) continue;
      std::ifstream f(std::string("/proc/") + e->d_name + "/stat");
      std::string line;
      if (!std::getline(f, line)) continue;
      auto close = line.rfind(')');
      if (close == std::string::npos) continue;
      std::istringstream rest(line.substr(close + 2));
      char state;
      pid_t ppid;
      if (rest >> state >> ppid) children.emplace(ppid, pid);
    }
    ::closedir(d);
  }
  long page = ::sysconf(_SC_PAGESIZE);
  std::vector<pid_t> todo{root};
  while (!todo.empty()) {
    pid_t pid = todo.back();
    todo.pop_back();
    std::ifstream f("/proc/" + std::to_string(pid) + "/statm");
    uint64_t size = 0, resident = 0;
    if (f >> size >> resident) total.rss += resident * static_cast<uint64_t>(page);
    std::ifstream rollup("/proc/" + std::to_string(pid) + "/smaps_rollup");
    std::string key;
    uint64_t kb;
    while (rollup >> key)
      if (key == "Pss:" && rollup >> kb) {
        total.pss += kb * 1024;
        break;
      }
    auto [a, b] = children.equal_range(pid);
    for (auto it = a; it != b; ++it) todo.push_back(it->second);
  }
  return total;
}

}  // namespace aj::browser
