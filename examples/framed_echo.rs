//! A length-delimited echo server and its client, in one process.
//!
//! ```sh
//! cargo run --example framed_echo
//! ```
//!
//! The server and the client both wrap their TCP stream in a `Framed` with a
//! `LengthDelimitedCodec`: every message travels as a 4-byte big-endian
//! length followed by that many bytes, so message boundaries survive however
//! TCP splits or joins the bytes. The server sends every frame back as it
//! came; the client sends a few frames of different sizes (including an
//! empty one), checks each reply, and the program exits after the round
//! trips.
//!
//! Frames longer than [`MAX_FRAME_LENGTH`] are refused by the codec before
//! it buffers them, so a peer that announces a huge length costs nothing.

use std::error::Error;

use bytes::Bytes;
use futures::{SinkExt, StreamExt};
use runtime::io::{AsyncRead, AsyncWrite};
use runtime::net::{TcpListener, TcpStream};
use runtime_util::codec::{Framed, LengthDelimitedCodec};

/// The largest frame either side accepts.
pub(crate) const MAX_FRAME_LENGTH: usize = 64 * 1024;

/// The codec both sides use: 4-byte big-endian length prefix, bounded frames.
pub(crate) fn codec() -> LengthDelimitedCodec {
    LengthDelimitedCodec::builder()
        .max_frame_length(MAX_FRAME_LENGTH)
        .new_codec()
}

/// Sends every frame back to the peer until it closes its side, and returns
/// the number of frames echoed.
///
/// # Errors
///
/// Fails on an I/O error, on a frame over [`MAX_FRAME_LENGTH`] (kind
/// `InvalidData`), and on a frame cut short by the end of the stream (kind
/// `Other`, "bytes remaining on stream").
pub(crate) async fn echo_frames<T>(io: T) -> std::io::Result<u64>
where
    T: AsyncRead + AsyncWrite + Unpin,
{
    let mut frames = Framed::new(io, codec());
    let mut echoed = 0;
    while let Some(frame) = frames.next().await {
        frames.send(frame?.freeze()).await?;
        echoed += 1;
    }
    Ok(echoed)
}

/// Sends each message as one frame, waits for its echo, and returns the
/// replies in order.
///
/// # Errors
///
/// Fails on an I/O error, and with kind `UnexpectedEof` when the server
/// closes before answering every message.
pub(crate) async fn round_trips<T>(io: T, messages: &[&[u8]]) -> std::io::Result<Vec<Bytes>>
where
    T: AsyncRead + AsyncWrite + Unpin,
{
    let mut frames = Framed::new(io, codec());
    let mut replies = Vec::with_capacity(messages.len());
    for message in messages {
        frames.send(Bytes::copy_from_slice(message)).await?;
        match frames.next().await {
            Some(reply) => replies.push(reply?.freeze()),
            None => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "the server closed the connection before replying",
                ));
            }
        }
    }
    Ok(replies)
}

#[runtime::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    println!("framed echo server listening on {addr}");

    let server = runtime::spawn(async move {
        let (socket, peer) = listener.accept().await?;
        let echoed = echo_frames(socket).await?;
        println!("server: echoed {echoed} frames to {peer}");
        Ok::<_, std::io::Error>(())
    });

    let messages: [&[u8]; 4] = [b"hello", b"", &[0xAB; 1000], b"goodbye"];
    let client = TcpStream::connect(addr).await?;
    let replies = round_trips(client, &messages).await?;
    for (message, reply) in messages.iter().zip(&replies) {
        assert_eq!(&reply[..], *message);
        println!("client: {} bytes came back unchanged", reply.len());
    }
    // `round_trips` dropped the client, closing it: the server finishes.
    server.await??;
    Ok(())
}
