//! A small HTTP/1.1 server with a hand-written codec.
//!
//! ```sh
//! cargo run --example tinyhttp                  # listens on 127.0.0.1:8080
//! curl -v http://127.0.0.1:8080/                # Hello, world!
//! curl -v -d 'some text' http://127.0.0.1:8080/echo
//! printf 'nonsense\r\n\r\n' | nc 127.0.0.1 8080 # 400 Bad Request
//! ```
//!
//! The point of the example is [`HttpCodec`]: a `Decoder` that turns bytes
//! into [`Request`]s and an `Encoder` that turns [`Response`]s into bytes,
//! which `Framed` then drives over the socket. The codec supports what a
//! small server needs and refuses the rest with a clear error:
//!
//! - requests with a `Content-Length` body up to [`MAX_BODY`] bytes
//!   (a larger one gets `413 Payload Too Large` before it is read);
//! - heads up to [`MAX_HEAD`] bytes (a larger one is malformed);
//! - keep-alive: HTTP/1.1 connections stay open unless the client sends
//!   `Connection: close`, HTTP/1.0 ones close unless it sends
//!   `Connection: keep-alive`;
//! - anything it cannot parse (a bad request line, a header without a
//!   colon, chunked bodies, a request cut short) gets `400 Bad Request`,
//!   and the connection is closed.
//!
//! Routes: `GET /` answers `Hello, world!`, `POST /echo` answers with the
//! request's body, other paths are 404 and other methods on known paths 405.

use std::error::Error;
use std::fmt;

use bytes::{Buf, BufMut, Bytes, BytesMut};
use futures::{SinkExt, StreamExt};
use runtime::io::{AsyncRead, AsyncWrite};
use runtime::net::TcpListener;
use runtime_util::codec::{Decoder, Encoder, Framed};

/// The largest request body the server accepts, in bytes.
pub(crate) const MAX_BODY: usize = 64 * 1024;

/// The largest request head (request line and headers) accepted, in bytes.
pub(crate) const MAX_HEAD: usize = 8 * 1024;

/// A parsed request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Request {
    /// The method, such as `GET`.
    pub(crate) method: String,
    /// The request target, such as `/echo`.
    pub(crate) path: String,
    /// The minor version: `0` for HTTP/1.0, `1` for HTTP/1.1.
    pub(crate) minor_version: u8,
    /// The headers, names as sent, in order.
    pub(crate) headers: Vec<(String, String)>,
    /// The body (empty without a `Content-Length`).
    pub(crate) body: Bytes,
}

impl Request {
    /// The value of the first header called `name` (case-insensitive).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the connection stays open after this request.
    pub(crate) fn keep_alive(&self) -> bool {
        match self.header("connection") {
            Some(v) if v.eq_ignore_ascii_case("close") => false,
            Some(v) if v.eq_ignore_ascii_case("keep-alive") => true,
            _ => self.minor_version >= 1,
        }
    }
}

/// A response to encode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Response {
    /// The status code, such as 200.
    pub(crate) status: u16,
    /// Extra headers; `Content-Length` is always added by the encoder.
    pub(crate) headers: Vec<(&'static str, String)>,
    /// The body.
    pub(crate) body: Bytes,
}

impl Response {
    /// A `text/plain` response.
    pub(crate) fn text(status: u16, body: impl Into<Bytes>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", "text/plain".to_owned())],
            body: body.into(),
        }
    }

    /// Marks the response as the last one on its connection.
    pub(crate) fn closing(mut self) -> Response {
        self.headers.push(("Connection", "close".to_owned()));
        self
    }
}

/// The reason phrase of the status codes this server sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        _ => "Unknown",
    }
}

/// Why a request could not be decoded.
#[derive(Debug)]
pub(crate) enum HttpError {
    /// The bytes are not a request this server understands (400).
    BadRequest(&'static str),
    /// The announced body is larger than [`MAX_BODY`] (413).
    PayloadTooLarge,
    /// The connection failed.
    Io(std::io::Error),
}

impl HttpError {
    /// The response that tells the client about this error, if it can
    /// still be told.
    pub(crate) fn response(&self) -> Option<Response> {
        match self {
            HttpError::BadRequest(why) => Some(Response::text(400, format!("{why}\n")).closing()),
            HttpError::PayloadTooLarge => {
                Some(Response::text(413, "request body too large\n").closing())
            }
            HttpError::Io(_) => None,
        }
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HttpError::BadRequest(why) => write!(f, "bad request: {why}"),
            HttpError::PayloadTooLarge => write!(f, "request body too large"),
            HttpError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl Error for HttpError {}

impl From<std::io::Error> for HttpError {
    fn from(e: std::io::Error) -> Self {
        HttpError::Io(e)
    }
}

/// The request decoder and response encoder.
#[derive(Debug, Default)]
pub(crate) struct HttpCodec {
    /// The head parsed while waiting for the rest of its body, so that it is
    /// parsed once however the body arrives.
    pending: Option<(Request, usize)>,
}

/// Parses a request head (without its final blank line): the request and
/// the announced body length.
fn parse_head(head: &[u8]) -> Result<(Request, usize), HttpError> {
    let head = std::str::from_utf8(head).map_err(|_| HttpError::BadRequest("head is not UTF-8"))?;
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(path), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HttpError::BadRequest("malformed request line"));
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(HttpError::BadRequest("malformed method"));
    }
    if !path.starts_with('/') {
        return Err(HttpError::BadRequest("malformed request target"));
    }
    let minor_version = match version {
        "HTTP/1.0" => 0,
        "HTTP/1.1" => 1,
        _ => return Err(HttpError::BadRequest("unsupported HTTP version")),
    };

    let mut headers = Vec::new();
    let mut body_len = 0;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            return Err(HttpError::BadRequest("header without a colon"));
        };
        if name.is_empty() || name.bytes().any(|b| b.is_ascii_whitespace()) {
            return Err(HttpError::BadRequest("malformed header name"));
        }
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            body_len = value
                .parse::<usize>()
                .map_err(|_| HttpError::BadRequest("malformed Content-Length"))?;
            if body_len > MAX_BODY {
                return Err(HttpError::PayloadTooLarge);
            }
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(HttpError::BadRequest("Transfer-Encoding is not supported"));
        }
        headers.push((name.to_owned(), value.to_owned()));
    }
    let request = Request {
        method: method.to_owned(),
        path: path.to_owned(),
        minor_version,
        headers,
        body: Bytes::new(),
    };
    Ok((request, body_len))
}

impl Decoder for HttpCodec {
    type Item = Request;
    type Error = HttpError;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Request>, HttpError> {
        if self.pending.is_none() {
            let Some(end) = src.windows(4).position(|w| w == b"\r\n\r\n") else {
                if src.len() > MAX_HEAD {
                    return Err(HttpError::BadRequest("request head too large"));
                }
                return Ok(None);
            };
            if end > MAX_HEAD {
                return Err(HttpError::BadRequest("request head too large"));
            }
            let parsed = parse_head(&src[..end])?;
            src.advance(end + 4);
            // Make room for the body once, not byte by byte as it arrives.
            src.reserve(parsed.1.saturating_sub(src.len()));
            self.pending = Some(parsed);
        }
        let body_len = self.pending.as_ref().map_or(0, |(_, len)| *len);
        if src.len() < body_len {
            return Ok(None);
        }
        let (mut request, _) = self.pending.take().expect("a head was parsed above");
        request.body = src.split_to(body_len).freeze();
        Ok(Some(request))
    }

    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<Request>, HttpError> {
        match self.decode(src)? {
            Some(request) => Ok(Some(request)),
            None if src.is_empty() && self.pending.is_none() => Ok(None),
            None => Err(HttpError::BadRequest("request cut short")),
        }
    }
}

impl Encoder<Response> for HttpCodec {
    type Error = HttpError;

    fn encode(&mut self, response: Response, dst: &mut BytesMut) -> Result<(), HttpError> {
        use std::fmt::Write as _;
        let mut head = String::new();
        let status = response.status;
        // Writing into a String cannot fail.
        let _ = write!(head, "HTTP/1.1 {status} {}\r\n", reason(status));
        for (name, value) in &response.headers {
            let _ = write!(head, "{name}: {value}\r\n");
        }
        let _ = write!(head, "Content-Length: {}\r\n\r\n", response.body.len());
        dst.reserve(head.len() + response.body.len());
        dst.put_slice(head.as_bytes());
        dst.put_slice(&response.body);
        Ok(())
    }
}

/// The application: maps a request to its response.
pub(crate) fn respond(request: &Request) -> Response {
    match (request.method.as_str(), request.path.as_str()) {
        ("GET", "/") => Response::text(200, "Hello, world!\n"),
        ("POST", "/echo") => Response::text(200, request.body.clone()),
        (_, "/" | "/echo") => Response::text(405, "method not allowed\n"),
        _ => Response::text(404, "not found\n"),
    }
}

/// Serves requests on one connection until the client closes it, asks to
/// close it, or sends something malformed (answered with its error status
/// before closing).
///
/// # Errors
///
/// Fails on an I/O error, or with the decoding error after answering it.
pub(crate) async fn serve_connection<T>(io: T) -> Result<(), HttpError>
where
    T: AsyncRead + AsyncWrite + Unpin,
{
    let mut http = Framed::new(io, HttpCodec::default());
    while let Some(request) = http.next().await {
        let request = match request {
            Ok(request) => request,
            Err(e) => {
                if let Some(response) = e.response() {
                    // The client may be gone already; the decoding error is
                    // the one worth reporting.
                    let _ = http.send(response).await;
                }
                return Err(e);
            }
        };
        let response = respond(&request);
        if request.keep_alive() {
            http.send(response).await?;
        } else {
            http.send(response.closing()).await?;
            return Ok(());
        }
    }
    Ok(())
}

#[runtime::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    let listener = TcpListener::bind(&addr).await?;
    println!("tinyhttp listening on http://{}", listener.local_addr()?);
    loop {
        let (socket, peer) = listener.accept().await?;
        runtime::spawn(async move {
            if let Err(e) = serve_connection(socket).await {
                eprintln!("{peer}: {e}");
            }
        });
    }
}
