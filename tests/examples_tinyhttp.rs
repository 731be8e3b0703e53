//! The `tinyhttp` example's codec and connection loop, driven over in-memory
//! duplex pipes and byte by byte, with the exact bytes on the wire checked.

#[allow(dead_code)]
#[path = "../examples/tinyhttp.rs"]
mod tinyhttp;

use bytes::BytesMut;
use runtime::io::{AsyncReadExt, AsyncWriteExt, duplex};
use runtime_util::codec::{Decoder, Encoder};
use tinyhttp::{HttpCodec, HttpError, Request, Response};

const HELLO: &str =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 14\r\n\r\nHello, world!\n";

/// Sends `input` to a fresh connection, closes the write side, and returns
/// everything the server answered and how the connection ended.
async fn exchange(input: &[u8]) -> (String, Result<(), HttpError>) {
    let (mut client, server) = duplex(1 << 20);
    let server = runtime::spawn(tinyhttp::serve_connection(server));
    client.write_all(input).await.unwrap();
    client.shutdown().await.unwrap();
    let mut output = Vec::new();
    client.read_to_end(&mut output).await.unwrap();
    (String::from_utf8(output).unwrap(), server.await.unwrap())
}

#[runtime::test]
async fn keep_alive_serves_pipelined_requests_until_connection_close() {
    let (output, result) = exchange(
        b"GET / HTTP/1.1\r\nHost: a\r\n\r\n\
          POST /echo HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello\
          GET / HTTP/1.1\r\nConnection: close\r\n\r\n\
          GET / HTTP/1.1\r\n\r\n",
    )
    .await;
    result.unwrap();
    // The fourth request came after `Connection: close` and is not served.
    assert_eq!(
        output,
        format!(
            "{HELLO}\
             HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello\
             HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 14\r\n\r\nHello, world!\n"
        )
    );
}

#[runtime::test]
async fn http_1_0_closes_after_one_response_unless_asked_to_keep_alive() {
    let (output, result) = exchange(b"GET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\n\r\n").await;
    result.unwrap();
    assert_eq!(
        output,
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 14\r\n\r\nHello, world!\n"
    );

    let (output, result) = exchange(b"GET / HTTP/1.0\r\nconnection: Keep-Alive\r\n\r\n").await;
    result.unwrap();
    assert_eq!(output, HELLO);
}

#[runtime::test]
async fn unknown_paths_are_404_and_unknown_methods_405() {
    let (output, result) =
        exchange(b"GET /nowhere HTTP/1.1\r\n\r\nDELETE / HTTP/1.1\r\n\r\n").await;
    result.unwrap();
    assert_eq!(
        output,
        "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nnot found\n\
         HTTP/1.1 405 Method Not Allowed\r\nContent-Type: text/plain\r\nContent-Length: 19\r\n\r\nmethod not allowed\n"
    );
}

#[runtime::test]
async fn malformed_input_gets_400_and_the_connection_closes() {
    let cases: [(&[u8], &str); 6] = [
        (b"nonsense\r\n\r\n", "malformed request line"),
        (b"get / HTTP/1.1\r\n\r\n", "malformed method"),
        (b"GET / HTTP/2.0\r\n\r\n", "unsupported HTTP version"),
        (
            b"GET / HTTP/1.1\r\nNoColon\r\n\r\n",
            "header without a colon",
        ),
        (
            b"POST /echo HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            "malformed Content-Length",
        ),
        (
            b"POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
            "Transfer-Encoding is not supported",
        ),
    ];
    for (input, why) in cases {
        // A good request before the bad one is answered first.
        let mut bytes = b"GET / HTTP/1.1\r\n\r\n".to_vec();
        bytes.extend_from_slice(input);
        let (output, result) = exchange(&bytes).await;
        let body = format!("{why}\n");
        assert_eq!(
            output,
            format!(
                "{HELLO}HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
        );
        assert!(
            matches!(result, Err(HttpError::BadRequest(w)) if w == why),
            "{why}: {result:?}"
        );
    }
}

#[runtime::test]
async fn a_request_cut_short_by_the_end_of_the_stream_gets_400() {
    let (output, result) = exchange(b"POST /echo HTTP/1.1\r\nContent-Length: 10\r\n\r\nhalf").await;
    assert_eq!(
        output,
        "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 18\r\n\r\nrequest cut short\n"
    );
    assert!(matches!(
        result,
        Err(HttpError::BadRequest("request cut short"))
    ));

    let (output, result) = exchange(b"GET / HTTP/1.1\r\nHo").await;
    assert!(
        output.starts_with("HTTP/1.1 400 Bad Request\r\n"),
        "{output}"
    );
    assert!(matches!(
        result,
        Err(HttpError::BadRequest("request cut short"))
    ));
}

#[runtime::test]
async fn a_body_over_the_limit_gets_413_before_it_is_sent() {
    let (mut client, server) = duplex(1 << 20);
    let server = runtime::spawn(tinyhttp::serve_connection(server));
    let head = format!(
        "POST /echo HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
        tinyhttp::MAX_BODY + 1
    );
    // Only the head is sent, and the write side stays open: the answer
    // cannot depend on the body.
    client.write_all(head.as_bytes()).await.unwrap();
    assert!(matches!(
        server.await.unwrap(),
        Err(HttpError::PayloadTooLarge)
    ));
    let mut output = Vec::new();
    client.read_to_end(&mut output).await.unwrap();
    assert_eq!(
        String::from_utf8(output).unwrap(),
        "HTTP/1.1 413 Payload Too Large\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 23\r\n\r\nrequest body too large\n"
    );
}

#[test]
fn a_head_without_an_end_is_refused_once_it_passes_the_limit() {
    let mut codec = HttpCodec::default();
    let mut buf = BytesMut::from(&b"GET / HTTP/1.1\r\nX: "[..]);
    buf.extend_from_slice(&vec![b'a'; tinyhttp::MAX_HEAD]);
    assert!(matches!(
        codec.decode(&mut buf),
        Err(HttpError::BadRequest("request head too large"))
    ));
}

#[test]
fn requests_delivered_one_byte_at_a_time_decode_the_same() {
    let input: &[u8] =
        b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET / HTTP/1.0\r\n\r\n";
    let mut codec = HttpCodec::default();
    let mut buf = BytesMut::new();
    let mut requests = Vec::new();
    for &byte in input {
        buf.extend_from_slice(&[byte]);
        while let Some(request) = codec.decode(&mut buf).unwrap() {
            requests.push(request);
        }
    }
    assert_eq!(codec.decode_eof(&mut buf).unwrap(), None);
    assert_eq!(
        requests,
        [
            Request {
                method: "POST".into(),
                path: "/echo".into(),
                minor_version: 1,
                headers: vec![
                    ("Host".into(), "x".into()),
                    ("Content-Length".into(), "3".into())
                ],
                body: "abc".into(),
            },
            Request {
                method: "GET".into(),
                path: "/".into(),
                minor_version: 0,
                headers: vec![],
                body: "".into(),
            },
        ]
    );
}

#[test]
fn the_encoder_writes_status_headers_length_and_body() {
    let mut codec = HttpCodec::default();
    let mut buf = BytesMut::new();
    let response = Response {
        status: 200,
        headers: vec![("X-Test", "1".to_owned())],
        body: "ok".into(),
    };
    codec.encode(response, &mut buf).unwrap();
    assert_eq!(
        &buf[..],
        b"HTTP/1.1 200 OK\r\nX-Test: 1\r\nContent-Length: 2\r\n\r\nok"
    );
}

#[runtime::test]
async fn a_pipe_that_carries_one_byte_at_a_time_gives_the_same_answers() {
    // Capacity 1: the server sees every read return a single byte.
    let (client, server) = duplex(1);
    let server = runtime::spawn(tinyhttp::serve_connection(server));
    let (mut reader, mut writer) = runtime::io::split(client);
    let send = async {
        writer
            .write_all(
                b"POST /echo HTTP/1.1\r\nContent-Length: 4\r\n\r\npingGET / HTTP/1.1\r\nConnection: close\r\n\r\n",
            )
            .await
            .unwrap();
    };
    let receive = async {
        let mut output = Vec::new();
        reader.read_to_end(&mut output).await.unwrap();
        String::from_utf8(output).unwrap()
    };
    let ((), output) = runtime::join!(send, receive);
    assert_eq!(
        output,
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nping\
         HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 14\r\n\r\nHello, world!\n"
    );
    server.await.unwrap().unwrap();
}
