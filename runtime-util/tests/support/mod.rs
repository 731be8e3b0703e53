//! Helpers shared by the codec tests.

#![allow(dead_code)] // each test file uses a subset

use futures::StreamExt;
use runtime_test::io::{Builder, Mock};
use runtime_util::codec::{Decoder, FramedRead};

/// A mock that delivers `input` in reads of at most `chunk` bytes.
pub(crate) fn chunked(input: &[u8], chunk: usize) -> Mock {
    let mut builder = Builder::new();
    for piece in input.chunks(chunk.max(1)) {
        builder.read(piece);
    }
    builder.build()
}

/// Decodes everything `io` delivers with `decoder`, rendering each item
/// (or error) with `Debug`.
///
/// A framed stream ends (`None`) after an error but may be polled again; so
/// this keeps polling until two `None`s in a row (end of file), recording a
/// lone `None` as `"end"`.
pub(crate) fn decode_all<D>(io: Mock, decoder: D) -> Vec<String>
where
    D: Decoder,
    D::Item: std::fmt::Debug,
    D::Error: std::fmt::Display,
{
    runtime_test::block_on(async {
        let mut framed = FramedRead::new(io, decoder);
        let mut out = Vec::new();
        let mut ended = false;
        loop {
            match framed.next().await {
                Some(Ok(item)) => out.push(format!("{item:?}")),
                Some(Err(err)) => out.push(format!("error: {err}")),
                None if ended => {
                    out.pop();
                    return out;
                }
                None => {
                    out.push("end".to_owned());
                    ended = true;
                    continue;
                }
            }
            ended = false;
        }
    })
}

/// Decodes `input` delivered whole, then one byte at a time, then in
/// 3-byte pieces, with fresh decoders from `make`, checks that every
/// delivery gives the same result, and returns it.
pub(crate) fn decode_every_way<D, F>(input: &[u8], make: F) -> Vec<String>
where
    F: Fn() -> D,
    D: Decoder,
    D::Item: std::fmt::Debug,
    D::Error: std::fmt::Display,
{
    let whole = decode_all(chunked(input, input.len()), make());
    let bytewise = decode_all(chunked(input, 1), make());
    let threes = decode_all(chunked(input, 3), make());
    assert_eq!(whole, bytewise, "whole vs byte-at-a-time");
    assert_eq!(whole, threes, "whole vs 3-byte pieces");
    whole
}

/// Like [`decode_every_way`], but stops at the first error (a codec that
/// keeps its bad header repeats the error each time it is polled again).
/// The mock is told not to mind the bytes left unread.
pub(crate) fn decode_until_error_every_way<D, F>(input: &[u8], make: F) -> Vec<String>
where
    F: Fn() -> D,
    D: Decoder,
    D::Item: std::fmt::Debug,
    D::Error: std::fmt::Display,
{
    let run = |chunk: usize| {
        let mut builder = Builder::new();
        for piece in input.chunks(chunk.max(1)) {
            builder.read(piece);
        }
        runtime_test::block_on(async {
            // Leftover script steps are expected here: read them out after
            // the error so the mock's drop check passes.
            let mut framed = FramedRead::new(builder.build(), make());
            let mut out = Vec::new();
            while let Some(item) = framed.next().await {
                match item {
                    Ok(item) => out.push(format!("{item:?}")),
                    Err(err) => {
                        out.push(format!("error: {err}"));
                        break;
                    }
                }
            }
            let mut mock = framed.into_inner();
            drain(&mut mock).await;
            out
        })
    };
    let whole = run(input.len());
    assert_eq!(whole, run(1), "whole vs byte-at-a-time");
    assert_eq!(whole, run(3), "whole vs 3-byte pieces");
    whole
}

/// Reads `mock` to end of file.
pub(crate) async fn drain(mock: &mut Mock) {
    use runtime_core::io::{AsyncRead, ReadBuf};
    let mut scratch = [0u8; 64];
    loop {
        let mut buf = ReadBuf::new(&mut scratch);
        futures::future::poll_fn(|cx| std::pin::Pin::new(&mut *mock).poll_read(cx, &mut buf))
            .await
            .unwrap();
        if buf.filled().is_empty() {
            return;
        }
    }
}
