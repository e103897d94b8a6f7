#pragma once

#include "connectionlimit.h"
#include "router.h"
#include "servercontext.h"
#include "sessionregistry.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <array>
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <queue>
#include <type_traits>

namespace rd::server {

/**
 * One client connection, plain or TLS (the same code for both stream types), hardened as Beast's
 * advanced server: a fresh parser with a body limit for every request, a timeout on every stream
 * operation, keep-alive, and at most kQueueLimit pipelined answers waiting to be written before
 * it stops reading. Runs on its own strand; requests are answered by handleRequest, and an answer
 * that comes later (a sign-in's, from the sign-in pool) is waited for without reading the next
 * request, so pipelined answers keep their order and no thread blocks. Holds its address's
 * connection slot until it closes.
 */
template <class Stream>
class HttpSession : public StoppableSession, public std::enable_shared_from_this<HttpSession<Stream>> {
public:
    static constexpr bool kTls = !std::is_same_v<Stream, boost::beast::tcp_stream>;
    static constexpr std::size_t kQueueLimit = 8;
    static constexpr std::chrono::seconds kTimeout{30};

    template <class... StreamArgs>
    HttpSession(ServerContext &context, SessionRegistry &registry, std::string client, ConnectionLimit::Slot slot,
                StreamArgs &&...streamArgs)
        : m_stream(std::forward<StreamArgs>(streamArgs)...)
        , m_context(context)
        , m_registry(registry)
        , m_client(std::move(client))
        , m_slot(std::move(slot))
    {}

    ~HttpSession() override { m_registry.remove(this); }

    void start()
    {
        boost::asio::dispatch(m_stream.get_executor(),
                              boost::beast::bind_front_handler(&HttpSession::onStart, this->shared_from_this()));
    }

    void stop() override
    {
        boost::asio::post(m_stream.get_executor(), [self = this->shared_from_this()] {
            self->m_stopping = true;
            self->closeIfIdle();
        });
    }

private:
    using ErrorCode = boost::beast::error_code;

    void onStart()
    {
        if constexpr (kTls) {
            lowest().expires_after(kTimeout);
            m_stream.async_handshake(boost::asio::ssl::stream_base::server,
                                     boost::beast::bind_front_handler(&HttpSession::onHandshake,
                                                                      this->shared_from_this()));
        } else {
            doRead();
        }
    }

    void onHandshake(ErrorCode ec)
    {
        if (ec)
            return report("TLS handshake", ec);
        doRead();
    }

    void doRead()
    {
        if (m_stopping)
            return doClose();
        // A fresh parser per request: its body limit and state never leak from one to the next.
        m_parser.emplace();
        m_parser->body_limit(m_context.options().bodyLimit);
        lowest().expires_after(kTimeout);
        m_reading = true;
        boost::beast::http::async_read(m_stream, m_buffer, *m_parser,
                                       boost::beast::bind_front_handler(&HttpSession::onRead,
                                                                        this->shared_from_this()));
    }

    void onRead(ErrorCode ec, std::size_t)
    {
        namespace http = boost::beast::http;
        m_reading = false;
        if (ec == http::error::end_of_stream)
            return doClose();
        if (ec == boost::asio::error::operation_aborted)
            return m_stopping ? doClose() : void();
        if (ec == http::error::body_limit) {
            m_drainAfterWrite = true;
            return queueWrite(errorResponse(http::status::payload_too_large, "body_too_large",
                                            "the request body is over the server's limit of " +
                                                std::to_string(m_context.options().bodyLimit) + " bytes",
                                            m_parser->get().version(), false));
        }
        if (ec && ec.category() == http::make_error_code(http::error::need_more).category()) {
            // Broken HTTP (bad request line, oversized header, bad chunking): say so, then close,
            // since the rest of the stream cannot be framed.
            return queueWrite(errorResponse(http::status::bad_request, "bad_request",
                                            "the request is not well-formed HTTP/1.1: " + ec.message(), 11, false));
        }
        if (ec)
            return report("read", ec);

        // The answer comes back on this session's strand, whichever thread gives it.
        m_awaiting = true;
        handleRequest(m_parser->release(), m_context, m_client, [self = this->shared_from_this()](Response res) {
            boost::asio::post(self->m_stream.get_executor(),
                              [self, res = std::move(res)]() mutable { self->onAnswer(std::move(res)); });
        });
    }

    void onAnswer(Response res)
    {
        m_awaiting = false;
        if (m_stopping)
            res.keep_alive(false);
        const bool keepAlive = res.keep_alive();
        queueWrite(std::move(res));
        // The pipelining cap: with kQueueLimit answers unwritten, wait for the client to read.
        if (keepAlive && m_queue.size() < kQueueLimit)
            doRead();
    }

    void queueWrite(Response &&res)
    {
        m_queue.emplace(std::move(res));
        if (m_queue.size() == 1)
            doWrite();
    }

    void doWrite()
    {
        const bool keepAlive = m_queue.front().keep_alive();
        lowest().expires_after(kTimeout);
        boost::beast::async_write(m_stream, std::move(m_queue.front()),
                                  boost::beast::bind_front_handler(&HttpSession::onWrite,
                                                                   this->shared_from_this(), keepAlive));
    }

    void onWrite(bool keepAlive, ErrorCode ec, std::size_t)
    {
        if (ec)
            return report("write", ec);
        if (!keepAlive)
            return m_drainAfterWrite ? drainAndClose() : doClose();
        const bool wasFull = m_queue.size() == kQueueLimit;
        m_queue.pop();
        if (!m_queue.empty())
            doWrite();
        else if (m_stopping)
            return closeIfIdle();
        if (wasFull && !m_reading && !m_awaiting)
            doRead();
    }

    /** During a stop: close now unless a request is being read or an answer written. */
    void closeIfIdle()
    {
        if (!m_queue.empty() || m_awaiting)
            return; // onWrite (after onAnswer) comes back here once the answers are out
        if (!m_reading)
            return doClose();
        if (m_parser && m_parser->got_some())
            return; // a request is arriving: it is answered (with Connection: close), then closed
        // An idle keep-alive connection: end its wait; onRead sees operation_aborted and closes.
        lowest().cancel();
    }

    void doClose()
    {
        if (m_closing)
            return;
        m_closing = true;
        // Before the socket is shut: a client that sees the close may at once open another.
        m_slot.release();
        if constexpr (kTls) {
            lowest().expires_after(std::chrono::seconds(5));
            m_stream.async_shutdown([self = this->shared_from_this()](ErrorCode) {});
        } else {
            ErrorCode ignored;
            lowest().socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
        }
    }

    /**
     * After refusing a body over the limit: the client may still be sending it, and closing a
     * socket with unread data makes the kernel send a reset that can destroy our 413 before the
     * client reads it. So stop sending, read and drop what comes (bounded), then close.
     */
    void drainAndClose()
    {
        if constexpr (kTls) {
            doClose();
        } else {
            ErrorCode ignored;
            lowest().socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
            lowest().expires_after(std::chrono::seconds(5));
            m_closing = true;
            m_slot.release();
            readAndDrop();
        }
    }

    void readAndDrop()
    {
        m_stream.async_read_some(boost::asio::buffer(m_drain),
                                 [self = this->shared_from_this()](ErrorCode ec, std::size_t n) {
                                     self->m_drained += n;
                                     if (!ec && self->m_drained < kMaxDrain)
                                         self->readAndDrop();
                                 });
    }

    void report(const char *what, ErrorCode ec)
    {
        namespace net = boost::asio;
        // Routine ends of a connection, not worth a line in the log.
        if (ec == net::error::operation_aborted || ec == boost::beast::error::timeout || ec == net::error::eof ||
            ec == net::error::connection_reset || ec == net::error::broken_pipe ||
            ec == net::ssl::error::stream_truncated)
            return;
        std::cerr << "syncserver: " << what << " (" << m_client << "): " << ec.message() << std::endl;
    }

    boost::beast::tcp_stream &lowest() { return boost::beast::get_lowest_layer(m_stream); }

    static constexpr std::size_t kMaxDrain = 1 << 20;

    Stream m_stream;
    ServerContext &m_context;
    SessionRegistry &m_registry;
    std::string m_client; ///< the client's IP address
    ConnectionLimit::Slot m_slot;
    boost::beast::flat_buffer m_buffer;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> m_parser;
    std::queue<boost::beast::http::message_generator> m_queue;
    std::array<char, 16 * 1024> m_drain{};
    std::size_t m_drained = 0;
    bool m_reading = false;
    bool m_awaiting = false; ///< a request handed to handleRequest, its answer not yet back
    bool m_stopping = false;
    bool m_closing = false;
    bool m_drainAfterWrite = false;
};

} // namespace rd::server
