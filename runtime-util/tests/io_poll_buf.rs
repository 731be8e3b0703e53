//! `poll_read_buf`, `poll_write_buf` and `read_buf`.
#![cfg(feature = "io")]

use std::io::{self, IoSlice};
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Buf, Bytes, BytesMut};
use runtime_core::io::AsyncWrite;
use runtime_test::io::Builder;
use runtime_test::{assert_pending, assert_ready_err, assert_ready_ok, task};
use runtime_util::io::{poll_read_buf, poll_write_buf, read_buf};

#[test]
fn read_buf_appends_and_reports_eof() {
    let mut mock = Builder::new().read(b"ab").read(b"cd").build();
    let mut buf = BytesMut::from(&b">"[..]);
    runtime_test::block_on(async {
        assert_eq!(read_buf(&mut mock, &mut buf).await.unwrap(), 2);
        assert_eq!(read_buf(&mut mock, &mut buf).await.unwrap(), 2);
        assert_eq!(read_buf(&mut mock, &mut buf).await.unwrap(), 0);
    });
    assert_eq!(&buf[..], b">abcd");
}

#[test]
fn poll_read_buf_error_and_pending_leave_the_buffer_alone() {
    let (mut mock, mut handle) = Builder::new()
        .read_error(io::Error::new(io::ErrorKind::Interrupted, "again"))
        .build_with_handle();
    let mut buf = BytesMut::from(&b"keep"[..]);
    let mut t = task::spawn(());
    let err = assert_ready_err!(t.enter(|cx, _| poll_read_buf(Pin::new(&mut mock), cx, &mut buf)));
    assert_eq!(err.kind(), io::ErrorKind::Interrupted);
    assert_pending!(t.enter(|cx, _| poll_read_buf(Pin::new(&mut mock), cx, &mut buf)));
    assert_eq!(&buf[..], b"keep");
    handle.read(b"!");
    let n = assert_ready_ok!(t.enter(|cx, _| poll_read_buf(Pin::new(&mut mock), cx, &mut buf)));
    assert_eq!(n, 1);
    assert_eq!(&buf[..], b"keep!");
}

/// Records whether writes came vectored.
#[derive(Default)]
struct Recorder {
    vectored: bool,
    out: Vec<u8>,
    calls: Vec<&'static str>,
}

impl AsyncWrite for Recorder {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        b: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.calls.push("write");
        self.out.extend_from_slice(b);
        Poll::Ready(Ok(b.len()))
    }
    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.calls.push("vectored");
        let mut n = 0;
        for b in bufs {
            self.out.extend_from_slice(b);
            n += b.len();
        }
        Poll::Ready(Ok(n))
    }
    fn is_write_vectored(&self) -> bool {
        self.vectored
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[test]
fn poll_write_buf_uses_vectored_writes_when_efficient() {
    let mut t = task::spawn(());
    for vectored in [false, true] {
        let mut w = Recorder {
            vectored,
            ..Recorder::default()
        };
        let mut buf = Bytes::from_static(b"ab").chain(Bytes::from_static(b"cd"));
        while buf.has_remaining() {
            assert_ready_ok!(t.enter(|cx, _| poll_write_buf(Pin::new(&mut w), cx, &mut buf)));
        }
        assert_eq!(w.out, b"abcd");
        if vectored {
            assert_eq!(w.calls, ["vectored"]);
        } else {
            assert_eq!(w.calls, ["write", "write"]);
        }
        // An empty buffer writes nothing.
        let n = assert_ready_ok!(t.enter(|cx, _| poll_write_buf(Pin::new(&mut w), cx, &mut buf)));
        assert_eq!(n, 0);
    }
}

#[test]
fn poll_write_buf_error_leaves_the_buffer_alone() {
    let mut mock = Builder::new()
        .write_error(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
        .build();
    let mut buf = Bytes::from_static(b"data");
    let mut t = task::spawn(());
    let err = assert_ready_err!(t.enter(|cx, _| poll_write_buf(Pin::new(&mut mock), cx, &mut buf)));
    assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    assert_eq!(&buf[..], b"data");
}

#[test]
fn write_all_vectored_writes_everything_in_pieces() {
    use runtime_util::io::write_all_vectored;
    // The mock matches bytes however the writes are split.
    let mut mock = Builder::new().write(b"abcdef").build();
    let mut bufs = [
        IoSlice::new(b""),
        IoSlice::new(b"abc"),
        IoSlice::new(b"def"),
    ];
    runtime_test::block_on(write_all_vectored(&mut mock, &mut bufs)).unwrap();

    // A writer that accepts nothing: WriteZero, and the slices still hold
    // the unwritten bytes.
    struct Zero;
    impl AsyncWrite for Zero {
        fn poll_write(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
            _: &[u8],
        ) -> Poll<io::Result<usize>> {
            Poll::Ready(Ok(0))
        }
        fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
        fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
    }
    let mut bufs = [IoSlice::new(b"x")];
    let err = runtime_test::block_on(write_all_vectored(&mut Zero, &mut bufs)).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::WriteZero);
    assert_eq!(&*bufs[0], b"x");
}

#[test]
fn write_all_vectored_retries_interrupted_writes_and_returns_other_errors() {
    use runtime_util::io::write_all_vectored;
    let mut mock = Builder::new()
        .write_error(io::ErrorKind::Interrupted.into())
        .write(b"a")
        .write_error(io::ErrorKind::Interrupted.into())
        .write(b"bcd")
        .build();
    let mut bufs = [IoSlice::new(b""), IoSlice::new(b"ab"), IoSlice::new(b"cd")];
    runtime_test::block_on(write_all_vectored(&mut mock, &mut bufs)).unwrap();

    let mut mock = Builder::new()
        .write(b"a")
        .write_error(io::ErrorKind::ConnectionReset.into())
        .build();
    let mut bufs = [IoSlice::new(b"ab")];
    let err = runtime_test::block_on(write_all_vectored(&mut mock, &mut bufs)).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::ConnectionReset);
}

#[cfg(feature = "io-util")]
#[test]
fn read_exact_arc_reads_exactly_len_bytes_retrying_interrupted_reads() {
    use runtime_util::io::read_exact_arc;
    let mock = Builder::new()
        .read(b"ab")
        .read_error(io::ErrorKind::Interrupted.into())
        .read(b"cde")
        .build();
    let arc = runtime_test::block_on(read_exact_arc(mock, 5)).unwrap();
    assert_eq!(&arc[..], b"abcde");

    // Only `len` bytes are taken from the reader.
    let long: &[u8] = b"0123456789";
    let mut long = long;
    let arc = runtime_test::block_on(read_exact_arc(&mut long, 4)).unwrap();
    assert_eq!((&arc[..], long), (&b"0123"[..], &b"456789"[..]));

    let empty: &[u8] = b"";
    let arc = runtime_test::block_on(read_exact_arc(empty, 0)).unwrap();
    assert!(arc.is_empty());

    let short: &[u8] = b"xy";
    let err = runtime_test::block_on(read_exact_arc(short, 3)).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);

    let mock = Builder::new()
        .read(b"a")
        .read_error(io::ErrorKind::ConnectionReset.into())
        .build();
    let err = runtime_test::block_on(read_exact_arc(mock, 2)).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::ConnectionReset);
}
