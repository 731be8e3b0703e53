//! `LinesStream` and `SplitStream` over in-memory readers.

#![cfg(feature = "io-util")]

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::executor::block_on;
use runtime_core::io::{AsyncBufReadExt, AsyncRead, BufReader, ReadBuf};
use runtime_stream::StreamExt;
use runtime_stream::wrappers::{LinesStream, SplitStream};

#[test]
fn lines_stream_yields_each_line_without_its_terminator() {
    let input: &[u8] = b"first\nsecond\r\n\nlast";
    let lines: Vec<String> = block_on(
        LinesStream::new(input.lines())
            .map(|line| line.unwrap())
            .collect(),
    );
    assert_eq!(lines, ["first", "second", "", "last"]);
}

#[test]
fn lines_stream_of_empty_input_ends_at_once() {
    let input: &[u8] = b"";
    let mut s = LinesStream::new(input.lines());
    assert!(block_on(s.next()).is_none());
}

#[test]
fn lines_stream_yields_a_read_error_as_an_item() {
    let reader = BufReader::new(FailAfter {
        data: b"ok\nbroken".to_vec(),
    });
    let mut s = LinesStream::new(reader.lines());
    assert_eq!(block_on(s.next()).unwrap().unwrap(), "ok");
    let err = block_on(s.next()).unwrap().unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::ConnectionReset);
}

#[test]
fn lines_stream_gives_the_lines_back() {
    let input: &[u8] = b"a\nb\n";
    let mut s = LinesStream::new(input.lines());
    assert_eq!(block_on(s.next()).unwrap().unwrap(), "a");
    let _: &runtime_core::io::Lines<&[u8]> = s.as_ref();
    let _: &mut runtime_core::io::Lines<&[u8]> = s.as_mut();
    let mut lines = s.into_inner();
    assert_eq!(block_on(lines.next_line()).unwrap(), Some("b".to_string()));
}

#[test]
fn split_stream_yields_segments() {
    let input: &[u8] = b"x;yy;;z;";
    let parts: Vec<Vec<u8>> = block_on(
        SplitStream::new(input.split(b';'))
            .map(|part| part.unwrap())
            .collect(),
    );
    assert_eq!(parts, [&b"x"[..], b"yy", b"", b"z"]);
}

#[test]
fn split_stream_yields_a_read_error_as_an_item() {
    let reader = BufReader::new(FailAfter {
        data: b"a,b".to_vec(),
    });
    let mut s = SplitStream::new(reader.split(b','));
    assert_eq!(block_on(s.next()).unwrap().unwrap(), b"a");
    let err = block_on(s.next()).unwrap().unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::ConnectionReset);
    let _split = s.into_inner();
}

/// A reader that returns its data, then fails with `ConnectionReset`.
struct FailAfter {
    data: Vec<u8>,
}

impl AsyncRead for FailAfter {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.data.is_empty() {
            return Poll::Ready(Err(io::ErrorKind::ConnectionReset.into()));
        }
        let n = self.data.len().min(buf.remaining());
        buf.put_slice(&self.data[..n]);
        self.data.drain(..n);
        Poll::Ready(Ok(()))
    }
}
