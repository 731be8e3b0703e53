//! `ReaderStream` and `StreamReader`: bytes to chunks and back.
#![cfg(feature = "io")]

use std::io;
use std::pin::Pin;

use bytes::{Buf, Bytes};
use futures::StreamExt;
use runtime_core::io::{AsyncBufRead, AsyncRead, ReadBuf};
use runtime_test::io::Builder;
use runtime_test::{assert_pending, assert_ready, assert_ready_ok, task};
use runtime_util::io::{ReaderStream, StreamReader};

#[test]
fn reader_stream_yields_each_read_then_ends() {
    let mock = Builder::new().read(b"abc").read(b"de").build();
    let chunks: Vec<Bytes> =
        runtime_test::block_on(ReaderStream::new(mock).map(Result::unwrap).collect());
    assert_eq!(chunks, ["abc", "de"]);
}

#[test]
fn reader_stream_respects_capacity() {
    let mock = Builder::new().read(b"0123456789").build();
    let chunks: Vec<Bytes> = runtime_test::block_on(
        ReaderStream::with_capacity(mock, 4)
            .map(Result::unwrap)
            .collect(),
    );
    assert!(
        chunks.iter().all(|c| !c.is_empty() && c.len() <= 4),
        "{chunks:?}"
    );
    assert_eq!(chunks.concat(), b"0123456789");
}

#[test]
fn reader_stream_ends_after_an_error() {
    let mock = Builder::new()
        .read(b"ok")
        .read_error(io::Error::new(io::ErrorKind::BrokenPipe, "gone"))
        .build();
    let mut stream = task::spawn(ReaderStream::new(mock));
    assert_eq!(assert_ready!(stream.poll_next()).unwrap().unwrap(), "ok");
    let err = assert_ready!(stream.poll_next()).unwrap().unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    assert_eq!(err.to_string(), "gone");
    assert!(assert_ready!(stream.poll_next()).is_none());
    assert!(assert_ready!(stream.poll_next()).is_none());
}

#[test]
fn reader_stream_pending_registers_the_waker() {
    let (mock, mut handle) = Builder::new().build_with_handle();
    let mut stream = task::spawn(ReaderStream::new(mock));
    assert_pending!(stream.poll_next());
    handle.read(b"x");
    assert!(stream.is_woken());
    assert_eq!(assert_ready!(stream.poll_next()).unwrap().unwrap(), "x");
    drop(handle);
    assert!(assert_ready!(stream.poll_next()).is_none());
}

fn read_some<R: AsyncRead + Unpin>(
    t: &mut task::Spawn<()>,
    r: &mut R,
    cap: usize,
) -> std::task::Poll<io::Result<Vec<u8>>> {
    let mut out = vec![0u8; cap];
    let mut buf = ReadBuf::new(&mut out);
    t.enter(|cx, _| Pin::new(&mut *r).poll_read(cx, &mut buf))
        .map_ok(|()| buf.filled().to_vec())
}

#[test]
fn stream_reader_reads_across_chunks_and_skips_empty_ones() {
    let chunks = futures::stream::iter(vec![
        Ok::<_, io::Error>(Bytes::from_static(b"hel")),
        Ok(Bytes::new()),
        Ok(Bytes::from_static(b"lo")),
    ]);
    let mut reader = StreamReader::new(chunks);
    let mut t = task::spawn(());
    assert_eq!(assert_ready_ok!(read_some(&mut t, &mut reader, 2)), b"he");
    assert_eq!(assert_ready_ok!(read_some(&mut t, &mut reader, 8)), b"l");
    assert_eq!(assert_ready_ok!(read_some(&mut t, &mut reader, 8)), b"lo");
    assert_eq!(assert_ready_ok!(read_some(&mut t, &mut reader, 8)), b"");
}

#[test]
fn stream_reader_error_then_continues() {
    let chunks = futures::stream::iter(vec![
        Ok(Bytes::from_static(b"a")),
        Err(io::Error::new(io::ErrorKind::TimedOut, "slow")),
        Ok(Bytes::from_static(b"b")),
    ]);
    let mut reader = StreamReader::new(chunks);
    let mut t = task::spawn(());
    assert_eq!(assert_ready_ok!(read_some(&mut t, &mut reader, 8)), b"a");
    let err = assert_ready!(read_some(&mut t, &mut reader, 8)).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::TimedOut);
    assert_eq!(assert_ready_ok!(read_some(&mut t, &mut reader, 8)), b"b");
}

#[test]
fn stream_reader_buf_read_and_into_inner_with_chunk() {
    let chunks = futures::stream::iter(vec![Ok::<_, io::Error>(Bytes::from_static(b"xyz"))]);
    let mut reader = StreamReader::new(chunks);
    let mut t = task::spawn(());
    let filled = t.enter(|cx, _| {
        Pin::new(&mut reader)
            .poll_fill_buf(cx)
            .map_ok(<[u8]>::to_vec)
    });
    assert_eq!(assert_ready_ok!(filled), b"xyz");
    Pin::new(&mut reader).consume(1);
    let (_stream, chunk) = reader.into_inner_with_chunk();
    assert_eq!(chunk.unwrap().chunk(), b"yz");
}

#[test]
fn round_trip_through_both() {
    let mock = Builder::new().read(b"round ").read(b"trip").build();
    let mut reader = StreamReader::new(ReaderStream::new(mock));
    runtime_test::block_on(async {
        let mut all = Vec::new();
        loop {
            let mut out = [0u8; 3];
            let mut buf = ReadBuf::new(&mut out);
            futures::future::poll_fn(|cx| Pin::new(&mut reader).poll_read(cx, &mut buf))
                .await
                .unwrap();
            if buf.filled().is_empty() {
                break;
            }
            all.extend_from_slice(buf.filled());
        }
        assert_eq!(all, b"round trip");
    });
}

#[test]
fn stream_reader_does_not_poll_a_finished_stream() {
    // A stream that panics if polled after returning `None`.
    let chunks = futures::stream::iter(vec![Ok::<_, io::Error>(Bytes::from_static(b"x"))]);
    let mut reader = StreamReader::new(chunks.fuse_checked());
    let mut t = task::spawn(());
    assert_eq!(assert_ready_ok!(read_some(&mut t, &mut reader, 8)), b"x");
    assert_eq!(assert_ready_ok!(read_some(&mut t, &mut reader, 8)), b"");
    assert_eq!(assert_ready_ok!(read_some(&mut t, &mut reader, 8)), b"");
}

/// Wraps a stream so that polling it after `None` panics.
trait FuseChecked: futures::Stream + Sized {
    fn fuse_checked(self) -> Checked<Self> {
        Checked(Some(self))
    }
}
impl<S: futures::Stream> FuseChecked for S {}

struct Checked<S>(Option<S>);

impl<S: futures::Stream + Unpin> futures::Stream for Checked<S> {
    type Item = S::Item;
    fn poll_next(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<S::Item>> {
        let inner = self.0.as_mut().expect("polled after returning None");
        let item = futures::ready!(Pin::new(inner).poll_next(cx));
        if item.is_none() {
            self.0 = None;
        }
        std::task::Poll::Ready(item)
    }
}
