//! `either::Either`: every trait forwards to the side the value holds.

use std::io::{self, Cursor, IoSlice, SeekFrom};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::{SinkExt, StreamExt, stream};
use runtime_core::io::{
    AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncSeekExt, AsyncWrite, AsyncWriteExt,
};
use runtime_test::block_on;
use runtime_util::either::Either;

/// A writer that logs every call it receives and accepts at most `limit`
/// bytes per call.
#[derive(Debug, Default)]
struct Recorder {
    vectored: bool,
    limit: usize,
    calls: Vec<String>,
    data: Vec<u8>,
}

impl Recorder {
    fn new(vectored: bool, limit: usize) -> Self {
        Recorder {
            vectored,
            limit,
            ..Recorder::default()
        }
    }
}

impl AsyncWrite for Recorder {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let n = buf.len().min(self.limit);
        self.calls.push(format!("write {n}"));
        self.data.extend_from_slice(&buf[..n]);
        Poll::Ready(Ok(n))
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let mut n = 0;
        for buf in bufs {
            let take = buf.len().min(self.limit - n);
            self.data.extend_from_slice(&buf[..take]);
            n += take;
        }
        self.calls
            .push(format!("write_vectored {} {n}", bufs.len()));
        Poll::Ready(Ok(n))
    }

    fn is_write_vectored(&self) -> bool {
        self.vectored
    }

    fn poll_flush(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.calls.push("flush".into());
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.calls.push("shutdown".into());
        Poll::Ready(Ok(()))
    }
}

fn recorded(either: Either<Recorder, Recorder>) -> Recorder {
    match either {
        Either::Left(r) | Either::Right(r) => r,
    }
}

#[test]
fn future_resolves_to_the_output_of_the_side_held() {
    block_on(async {
        let pick = |left: bool| {
            if left {
                Either::Left(async { "left" })
            } else {
                Either::Right(std::future::ready("right"))
            }
        };
        assert_eq!(pick(true).await, "left");
        assert_eq!(pick(false).await, "right");
    });
}

#[test]
fn future_stays_pending_while_its_side_is() {
    let (tx, rx) = futures::channel::oneshot::channel::<u8>();
    let either: Either<_, std::future::Ready<Result<u8, _>>> = Either::Left(rx);
    let mut run = runtime_test::task::spawn(either);
    assert!(run.poll().is_pending());
    tx.send(4).unwrap();
    assert!(run.is_woken());
    assert_eq!(run.poll(), Poll::Ready(Ok(4)));
}

#[test]
fn async_read_reads_from_either_side() {
    block_on(async {
        let mut left: Either<&[u8], Cursor<Vec<u8>>> = Either::Left(b"from the left");
        let mut out = String::new();
        left.read_to_string(&mut out).await.unwrap();
        assert_eq!(out, "from the left");

        let mut right: Either<&[u8], Cursor<Vec<u8>>> =
            Either::Right(Cursor::new(b"from the right".to_vec()));
        let mut out = [0u8; 4];
        right.read_exact(&mut out).await.unwrap();
        assert_eq!(&out, b"from");
        // Reading past the end reports the error of the side held.
        let mut rest = [0u8; 64];
        let err = right.read_exact(&mut rest).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
    });
}

#[test]
fn async_buf_read_fills_and_consumes_on_either_side() {
    block_on(async {
        for either in [
            Either::Left(&b"one\ntwo\n"[..]),
            Either::Right(Cursor::new(&b"one\ntwo\n"[..])),
        ] {
            let mut either = either;
            let mut lines = Vec::new();
            let mut line = String::new();
            while either.read_line(&mut line).await.unwrap() > 0 {
                lines.push(std::mem::take(&mut line));
            }
            assert_eq!(lines, ["one\n", "two\n"]);
        }

        let mut either: Either<&[u8], Cursor<&[u8]>> = Either::Right(Cursor::new(b"abc"));
        assert_eq!(either.fill_buf().await.unwrap(), b"abc");
        Pin::new(&mut either).consume(2);
        assert_eq!(either.fill_buf().await.unwrap(), b"c");
    });
}

#[test]
fn async_seek_moves_the_side_held() {
    block_on(async {
        let mut either: Either<Cursor<Vec<u8>>, Cursor<&[u8]>> =
            Either::Right(Cursor::new(b"0123456789"));
        assert_eq!(either.seek(SeekFrom::Start(4)).await.unwrap(), 4);
        assert_eq!(either.seek(SeekFrom::Current(2)).await.unwrap(), 6);
        let mut rest = String::new();
        either.read_to_string(&mut rest).await.unwrap();
        assert_eq!(rest, "6789");

        let mut either: Either<Cursor<Vec<u8>>, Cursor<&[u8]>> =
            Either::Left(Cursor::new(b"abc".to_vec()));
        assert_eq!(either.seek(SeekFrom::End(-1)).await.unwrap(), 2);
        // A seek before the start is refused by the cursor, through `Either`.
        let err = either.seek(SeekFrom::Current(-10)).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    });
}

#[test]
fn async_write_forwards_writes_flush_and_shutdown() {
    block_on(async {
        for left in [true, false] {
            let recorder = Recorder::new(false, 3);
            let mut either = if left {
                Either::Left(recorder)
            } else {
                Either::Right(recorder)
            };
            either.write_all(b"hello").await.unwrap();
            either.flush().await.unwrap();
            either.shutdown().await.unwrap();
            let recorder = recorded(either);
            assert_eq!(recorder.data, b"hello");
            assert_eq!(
                recorder.calls,
                ["write 3", "write 2", "flush", "shutdown"],
                "left: {left}"
            );
        }
    });
}

#[test]
fn vectored_writes_reach_the_side_held_and_report_its_capability() {
    block_on(async {
        let bufs = [IoSlice::new(b"ab"), IoSlice::new(b"cd")];

        let mut either: Either<Recorder, Recorder> = Either::Right(Recorder::new(true, 3));
        assert!(either.is_write_vectored());
        assert_eq!(either.write_vectored(&bufs).await.unwrap(), 3);
        let recorder = recorded(either);
        assert_eq!(recorder.data, b"abc");
        assert_eq!(recorder.calls, ["write_vectored 2 3"]);

        let either: Either<Recorder, Recorder> = Either::Left(Recorder::new(false, 3));
        assert!(!either.is_write_vectored());
        let either: Either<Vec<u8>, Recorder> = Either::Left(Vec::new());
        assert!(either.is_write_vectored());
    });
}

#[test]
fn stream_yields_the_items_of_the_side_held() {
    block_on(async {
        let numbers = |left: bool| {
            if left {
                Either::Left(stream::iter([1, 2, 3]))
            } else {
                Either::Right(stream::once(async { 10 }))
            }
        };
        assert_eq!(numbers(true).collect::<Vec<_>>().await, [1, 2, 3]);
        assert_eq!(numbers(false).collect::<Vec<_>>().await, [10]);
    });
}

#[test]
fn sink_sends_closes_and_reports_errors_of_the_side_held() {
    block_on(async {
        let (left_tx, left_rx) = futures::channel::mpsc::channel::<u8>(4);
        let (right_tx, mut right_rx) = futures::channel::mpsc::channel::<u8>(4);

        let mut sink: Either<_, futures::channel::mpsc::Sender<u8>> = Either::Left(left_tx);
        sink.send(1).await.unwrap();
        sink.send(2).await.unwrap();
        sink.close().await.unwrap();
        assert_eq!(left_rx.collect::<Vec<_>>().await, [1, 2]);

        let mut sink: Either<futures::channel::mpsc::Sender<u8>, _> = Either::Right(right_tx);
        sink.feed(7).await.unwrap();
        sink.flush().await.unwrap();
        assert_eq!(right_rx.next().await, Some(7));
        // The receiver is gone: the error comes from the sender held.
        drop(right_rx);
        let err = sink.send(8).await.unwrap_err();
        assert!(err.is_disconnected());
    });
}

#[test]
fn clone_and_debug_follow_the_side_held() {
    let left: Either<Vec<u8>, &str> = Either::Left(vec![1, 2]);
    let copy = left.clone();
    assert!(matches!(copy, Either::Left(ref v) if v == &[1, 2]));
    assert_eq!(format!("{left:?}"), "Left([1, 2])");
    let right: Either<Vec<u8>, &str> = Either::Right("r");
    assert_eq!(format!("{:?}", right.clone()), "Right(\"r\")");
}

#[test]
fn is_unpin_send_and_sync_when_both_sides_are() {
    fn check<T: Send + Sync + Unpin>() {}
    check::<Either<Vec<u8>, Cursor<Vec<u8>>>>();
    fn reader<T: AsyncRead>() {}
    reader::<Either<&[u8], Either<Cursor<Vec<u8>>, &[u8]>>>();
}
