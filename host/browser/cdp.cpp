#include "browser/cdp.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <set>

namespace aj::browser {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace json = boost::json;
using tcp = asio::ip::tcp;

namespace {
struct Waiter {
  std::mutex m;
  std::condition_variable cv;
  bool done = false;
  Reply reply;
};
}  // namespace

struct Connection::Impl : std::enable_shared_from_this<Impl> {
  Impl(std::shared_ptr<asio::io_context> io_ctx, EventFn e, ClosedFn c)
      : io_keep(std::move(io_ctx)), io(*io_keep), ws(asio::make_strand(io)), on_event(std::move(e)),
        on_closed(std::move(c)) {}

  std::shared_ptr<asio::io_context> io_keep;
  asio::io_context& io;
  websocket::stream<beast::tcp_stream> ws;
  beast::flat_buffer rbuf;
  std::deque<std::string> outq;  // I/O thread only
  bool writing = false;          // I/O thread only
  EventFn on_event;
  ClosedFn on_closed;

  std::mutex m;
  std::map<int64_t, ReplyFn> pending;
  std::set<std::shared_ptr<Waiter>> waiters;
  int64_t next_id = 1;
  bool is_closed = false;
  bool opened = false;
  std::string close_reason;

  void read() {
    ws.async_read(rbuf, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->fail(ec == websocket::error::closed ? "the browser closed the DevTools connection"
                                                              : "the DevTools connection broke: " + ec.message());
      self->dispatch();
      self->read();
    });
  }

  void dispatch() {
    std::string text = beast::buffers_to_string(rbuf.data());
    rbuf.consume(rbuf.size());
    json::error_code jec;
    json::value v = json::parse(text, jec);
    if (jec || !v.is_object()) return;
    auto& o = v.as_object();
    std::string session;
    if (auto* s = o.if_contains("sessionId"); s && s->is_string()) session = std::string(s->as_string());
    if (auto* id = o.if_contains("id"); id && id->is_int64()) {
      ReplyFn done;
      {
        std::lock_guard lock(m);
        auto it = pending.find(id->as_int64());
        if (it == pending.end()) return;  // its caller gave up
        done = std::move(it->second);
        pending.erase(it);
      }
      Reply r;
      if (auto* e = o.if_contains("error"); e && e->is_object()) {
        r.kind = Reply::Kind::error;
        if (auto* msg = e->as_object().if_contains("message"); msg && msg->is_string())
          r.error = std::string(msg->as_string());
        if (auto* data = e->as_object().if_contains("data"); data && data->is_string())
          r.error += std::string(": ") + std::string(data->as_string());
      } else {
        r.kind = Reply::Kind::ok;
        if (auto* res = o.if_contains("result"); res && res->is_object()) r.result = std::move(res->as_object());
      }
      if (done) done(std::move(r));
      return;
    }
    if (auto* method = o.if_contains("method"); method && method->is_string()) {
      json::object params;
      if (auto* p = o.if_contains("params"); p && p->is_object()) params = std::move(p->as_object());
      on_event(std::string(method->as_string()), params, session);
    }
  }

  void write() {
    if (writing || outq.empty()) return;
    writing = true;
    ws.text(true);
    ws.async_write(asio::buffer(outq.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->writing = false;
      self->outq.pop_front();
      if (ec) return self->fail("the DevTools connection broke while sending: " + ec.message());
      self->write();
    });
  }

  // Ends every pending command and tells the owner once.
  void fail(const std::string& reason) {
    std::map<int64_t, ReplyFn> left;
    bool first = false;
    {
      std::lock_guard lock(m);
      if (!is_closed) {
        is_closed = true;
        close_reason = reason;
        first = true;
      }
      left.swap(pending);
    }
    for (auto& [id, done] : left) {
      Reply r;
      r.kind = Reply::Kind::closed;
      r.error = reason;
      if (done) done(std::move(r));
    }
    beast::error_code ignored;
    beast::get_lowest_layer(ws).socket().close(ignored);
    if (first && opened && on_closed) on_closed(reason);
  }
};

Connection::Connection(std::shared_ptr<asio::io_context> io, EventFn on_event, ClosedFn on_closed)
    : impl_(std::make_shared<Impl>(std::move(io), std::move(on_event), std::move(on_closed))) {}

Connection::~Connection() { close("the browser service closed"); }

bool Connection::connect(const std::string& ws_url, Clock::time_point deadline, std::string& error) {
  // ws://HOST:PORT/PATH
  const std::string scheme = "ws://";
  if (ws_url.compare(0, scheme.size(), scheme) != 0) {
    error = "unexpected DevTools address " + ws_url;
    return false;
  }
  auto rest = ws_url.substr(scheme.size());
  auto slash = rest.find('/');
  auto hostport = rest.substr(0, slash);
  auto path = slash == std::string::npos ? "/" : rest.substr(slash);
  auto colon = hostport.rfind(':');
  if (colon == std::string::npos) {
    error = "no port in the DevTools address " + ws_url;
    return false;
  }
  auto host = hostport.substr(0, colon);
  auto port = hostport.substr(colon + 1);

  auto promise = std::make_shared<std::promise<std::string>>();
  auto future = promise->get_future();
  auto impl = impl_;
  asio::post(impl->ws.get_executor(), [impl, promise, host, port, path, hostport] {
    beast::error_code ec;
    tcp::resolver resolver(impl->io);
    auto endpoints = resolver.resolve(host, port, ec);
    if (ec) return promise->set_value("cannot resolve " + host + ": " + ec.message());
    beast::get_lowest_layer(impl->ws).expires_after(std::chrono::seconds(30));
    beast::get_lowest_layer(impl->ws).async_connect(
        endpoints, [impl, promise, hostport, path](beast::error_code ec, const tcp::endpoint&) {
          if (ec) return promise->set_value("cannot connect to the browser at " + hostport + ": " + ec.message());
          beast::get_lowest_layer(impl->ws).expires_never();
          impl->ws.set_option(websocket::stream_base::timeout{std::chrono::seconds(30), websocket::stream_base::none(),
                                                               false});
          impl->ws.read_message_max(std::size_t{512} << 20);  // full-page screenshots and PDFs
          impl->ws.async_handshake(hostport, path, [impl, promise](beast::error_code ec) {
            if (ec) return promise->set_value("the DevTools handshake failed: " + ec.message());
            {
              std::lock_guard lock(impl->m);
              impl->opened = true;
            }
            impl->read();
            impl->write();
            promise->set_value("");
          });
        });
  });
  if (future.wait_until(deadline) != std::future_status::ready) {
    error = "the browser did not accept the DevTools connection in time";
    close(error);
    return false;
  }
  error = future.get();
  return error.empty();
}

void Connection::send(const std::string& method, json::object params, const std::string& session, ReplyFn done) {
  json::object msg;
  int64_t id;
  {
    std::lock_guard lock(impl_->m);
    if (impl_->is_closed) {
      std::string reason = impl_->close_reason;
      if (done) {
        Reply r;
        r.kind = Reply::Kind::closed;
        r.error = reason;
        done(std::move(r));
      }
      return;
    }
    id = impl_->next_id++;
    impl_->pending.emplace(id, std::move(done));
  }
  msg["id"] = id;
  msg["method"] = method;
  msg["params"] = std::move(params);
  if (!session.empty()) msg["sessionId"] = session;
  asio::post(impl_->ws.get_executor(), [impl = impl_, text = json::serialize(msg)]() mutable {
    impl->outq.push_back(std::move(text));
    impl->write();
  });
}

Reply Connection::call(const std::string& method, json::object params, const std::string& session,
                       Clock::time_point deadline, const std::atomic<bool>* cancel) {
  auto w = std::make_shared<Waiter>();
  {
    std::lock_guard lock(impl_->m);
    impl_->waiters.insert(w);
  }
  send(method, std::move(params), session, [w](Reply r) {
    std::lock_guard lock(w->m);
    w->reply = std::move(r);
    w->done = true;
    w->cv.notify_all();
  });
  Reply out;
  {
    std::unique_lock lock(w->m);
    while (!w->done) {
      if (cancel && cancel->load()) {
        out.kind = Reply::Kind::cancelled;
        out.error = "the run is stopping";
        break;
      }
      if (w->cv.wait_until(lock, deadline) == std::cv_status::timeout && !w->done) {
        out.kind = Reply::Kind::timeout;
        out.error = method + " did not answer in time";
        break;
      }
    }
    if (w->done) out = std::move(w->reply);
  }
  std::lock_guard lock(impl_->m);
  impl_->waiters.erase(w);
  return out;
}

void Connection::wake_all() {
  std::set<std::shared_ptr<Waiter>> ws;
  {
    std::lock_guard lock(impl_->m);
    ws = impl_->waiters;
  }
  for (auto& w : ws) {
    std::lock_guard lock(w->m);
    w->cv.notify_all();
  }
}

void Connection::close(const std::string& reason) {
  auto impl = impl_;
  {
    std::lock_guard lock(impl->m);
    if (impl->is_closed) return;
  }
  // The socket belongs to the I/O thread; fail() there. Waiters are answered by fail().
  auto done = std::make_shared<std::promise<void>>();
  auto f = done->get_future();
  asio::post(impl->ws.get_executor(), [impl, reason, done] {
    impl->opened = false;  // a deliberate close is not a crash
    impl->fail(reason);
    done->set_value();
  });
  if (impl->io.stopped() || f.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
    // The I/O thread is gone or stuck: answer the pending commands from here.
    std::map<int64_t, ReplyFn> left;
    {
      std::lock_guard lock(impl->m);
      impl->is_closed = true;
      left.swap(impl->pending);
    }
    for (auto& [id, fn] : left)
      if (fn) fn(Reply{Reply::Kind::closed, {}, reason});
  }
}

bool Connection::closed() const {
  std::lock_guard lock(impl_->m);
  return impl_->is_closed;
}

}  // namespace aj::browser
