// One DevTools-protocol connection to a browser: a WebSocket (Boost.Beast) on
// the module's I/O thread, commands matched to their replies by id, events
// handed to a callback with their session. Flat sessions: a page's commands
// carry its sessionId.
#pragma once

#include <boost/json/object.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace boost::asio {
class io_context;
}

namespace aj::browser {

using Clock = std::chrono::steady_clock;

struct Reply {
  enum class Kind { ok, error, timeout, closed, cancelled };
  Kind kind = Kind::closed;
  boost::json::object result;  // ok: the command's result
  std::string error;           // error: the protocol's message; closed: why
  bool ok() const { return kind == Kind::ok; }
};

class Connection {
 public:
  using EventFn = std::function<void(const std::string& method, boost::json::object& params, const std::string& session)>;
  using ClosedFn = std::function<void(const std::string& reason)>;
  using ReplyFn = std::function<void(Reply)>;

  /// Events and the close notice run on the I/O thread and must not block.
  /// `io` is run by the owner's I/O thread; the connection keeps it alive.
  Connection(std::shared_ptr<boost::asio::io_context> io, EventFn on_event, ClosedFn on_closed);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Connects to ws://127.0.0.1:PORT/devtools/browser/ID. Blocking; not on the I/O thread.
  bool connect(const std::string& ws_url, Clock::time_point deadline, std::string& error);

  /// Sends a command; `done` runs once on the I/O thread (or at once when closed). Any thread.
  void send(const std::string& method, boost::json::object params, const std::string& session, ReplyFn done = {});

  /// Sends and waits until the reply, the deadline, the connection closing, or
  /// `*cancel` turning true (checked whenever wake_all() is called). Never on the I/O thread.
  Reply call(const std::string& method, boost::json::object params, const std::string& session,
             Clock::time_point deadline, const std::atomic<bool>* cancel = nullptr);

  /// Wakes every call() so that it looks at its cancel flag.
  void wake_all();
  /// Closes the socket; pending commands end as `closed` with `reason`.
  void close(const std::string& reason);
  bool closed() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace aj::browser
