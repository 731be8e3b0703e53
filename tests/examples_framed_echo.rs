//! The `framed_echo` example's server and client, driven over an in-memory
//! duplex pipe, with the exact bytes on the wire checked.

#[allow(dead_code)]
#[path = "../examples/framed_echo.rs"]
mod framed_echo;

use std::io::ErrorKind;

use runtime::io::{AsyncReadExt, AsyncWriteExt, duplex};

#[runtime::test]
async fn the_client_gets_every_frame_back_unchanged() {
    let (client, server) = duplex(256);
    let server = runtime::spawn(framed_echo::echo_frames(server));
    let big = vec![0xAB; 1000];
    let messages: [&[u8]; 4] = [b"hello", b"", &big, b"goodbye"];
    let replies = framed_echo::round_trips(client, &messages).await.unwrap();
    let replies: Vec<&[u8]> = replies.iter().map(|r| &r[..]).collect();
    assert_eq!(replies, messages);
    // Dropping the client closed the pipe: the server counted four frames.
    assert_eq!(server.await.unwrap().unwrap(), 4);
}

#[runtime::test]
async fn the_wire_format_is_a_four_byte_big_endian_length_then_the_payload() {
    let (mut client, server) = duplex(256);
    let server = runtime::spawn(framed_echo::echo_frames(server));
    let frames = b"\0\0\0\x03abc\0\0\0\0";
    client.write_all(frames).await.unwrap();
    let mut reply = [0u8; 11];
    client.read_exact(&mut reply).await.unwrap();
    assert_eq!(&reply, frames);
    client.shutdown().await.unwrap();
    assert_eq!(server.await.unwrap().unwrap(), 2);
    let mut rest = Vec::new();
    client.read_to_end(&mut rest).await.unwrap();
    assert_eq!(rest, b"");
}

#[runtime::test]
async fn a_frame_over_the_limit_is_refused_before_its_payload_arrives() {
    let (mut client, server) = duplex(256);
    let server = runtime::spawn(framed_echo::echo_frames(server));
    // 65_537 bytes announced, one more than MAX_FRAME_LENGTH; none sent.
    client.write_all(b"\0\x01\0\x01").await.unwrap();
    let err = server.await.unwrap().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidData);
    let mut reply = Vec::new();
    client.read_to_end(&mut reply).await.unwrap();
    assert_eq!(reply, b"");
}

#[runtime::test]
async fn a_frame_cut_short_by_the_end_of_the_stream_is_an_error() {
    let (mut client, server) = duplex(256);
    let server = runtime::spawn(framed_echo::echo_frames(server));
    client.write_all(b"\0\0\0\x02ok\0\0\0\x05hi").await.unwrap();
    client.shutdown().await.unwrap();
    let err = server.await.unwrap().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Other);
    assert_eq!(err.to_string(), "bytes remaining on stream");
    // The complete frame before the truncated one was still echoed.
    let mut reply = Vec::new();
    client.read_to_end(&mut reply).await.unwrap();
    assert_eq!(reply, b"\0\0\0\x02ok");
}

#[runtime::test]
async fn the_client_reports_a_server_that_hangs_up_before_replying() {
    let (client, mut server) = duplex(256);
    let server = runtime::spawn(async move {
        // Read the whole request frame, then hang up without answering.
        let mut request = [0u8; 11];
        server.read_exact(&mut request).await.unwrap();
        request
    });
    let err = framed_echo::round_trips(client, &[b"anyone?"])
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnexpectedEof);
    assert_eq!(&server.await.unwrap(), b"\0\0\0\x07anyone?");
}
