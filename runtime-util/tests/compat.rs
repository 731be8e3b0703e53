//! `Compat`: runtime I/O traits <-> `futures-io` traits, both directions.
#![cfg(feature = "compat")]

use std::io::{self, SeekFrom};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::executor::block_on;
use runtime_core::io::{AsyncBufReadExt, AsyncReadExt, AsyncSeekExt, AsyncWriteExt};
use runtime_util::compat::{
    Compat, FuturesAsyncReadCompatExt, FuturesAsyncWriteCompatExt, TokioAsyncReadCompatExt,
    TokioAsyncWriteCompatExt,
};

#[test]
fn futures_reader_as_runtime_reader() {
    block_on(async {
        let mut reader = futures::io::Cursor::new(b"abcdef".to_vec()).compat();
        let mut first = [0u8; 4];
        AsyncReadExt::read_exact(&mut reader, &mut first)
            .await
            .unwrap();
        assert_eq!(&first, b"abcd");
        let mut rest = Vec::new();
        AsyncReadExt::read_to_end(&mut reader, &mut rest)
            .await
            .unwrap();
        assert_eq!(rest, b"ef");
        assert_eq!(reader.get_ref().position(), 6);
    });
}

#[test]
fn runtime_reader_as_futures_reader() {
    block_on(async {
        let data: &[u8] = b"hello world";
        let mut reader = TokioAsyncReadCompatExt::compat(data);
        let mut buf = [0u8; 5];
        let n = futures::io::AsyncReadExt::read(&mut reader, &mut buf)
            .await
            .unwrap();
        assert_eq!(n, 5);
        assert_eq!(&buf, b"hello");
        let mut rest = String::new();
        futures::io::AsyncReadExt::read_to_string(&mut reader, &mut rest)
            .await
            .unwrap();
        assert_eq!(rest, " world");
        assert_eq!(
            futures::io::AsyncReadExt::read(&mut reader, &mut buf)
                .await
                .unwrap(),
            0
        );
    });
}

#[test]
fn futures_writer_as_runtime_writer_and_shutdown_closes() {
    block_on(async {
        let mut writer = futures::io::Cursor::new(Vec::new()).compat_write();
        AsyncWriteExt::write_all(&mut writer, b"abc").await.unwrap();
        AsyncWriteExt::flush(&mut writer).await.unwrap();
        AsyncWriteExt::shutdown(&mut writer).await.unwrap();
        assert_eq!(writer.into_inner().into_inner(), b"abc");
    });
}

/// A runtime writer that records calls.
#[derive(Default)]
struct RecordingWriter {
    data: Vec<u8>,
    flushes: usize,
    shutdowns: usize,
}

impl runtime_core::io::AsyncWrite for RecordingWriter {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        // At most 2 bytes per call, to exercise partial writes.
        let n = buf.len().min(2);
        self.data.extend_from_slice(&buf[..n]);
        Poll::Ready(Ok(n))
    }

    fn poll_flush(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.flushes += 1;
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.shutdowns += 1;
        Poll::Ready(Ok(()))
    }
}

#[test]
fn runtime_writer_as_futures_writer_close_is_shutdown() {
    block_on(async {
        let mut writer = RecordingWriter::default().compat_write();
        futures::io::AsyncWriteExt::write_all(&mut writer, b"hello")
            .await
            .unwrap();
        futures::io::AsyncWriteExt::flush(&mut writer)
            .await
            .unwrap();
        assert_eq!(writer.get_ref().flushes, 1);
        assert_eq!(writer.get_ref().shutdowns, 0);
        futures::io::AsyncWriteExt::close(&mut writer)
            .await
            .unwrap();
        let inner = writer.into_inner();
        assert_eq!(inner.data, b"hello");
        assert_eq!(inner.shutdowns, 1);
    });
}

/// A runtime reader that fails.
struct FailingReader;

impl runtime_core::io::AsyncRead for FailingReader {
    fn poll_read(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        _buf: &mut runtime_core::io::ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Poll::Ready(Err(io::Error::new(io::ErrorKind::ConnectionReset, "boom")))
    }
}

#[test]
fn errors_pass_through_in_both_directions() {
    block_on(async {
        let mut once = FailingReader.compat();
        let err = futures::io::AsyncReadExt::read(&mut once, &mut [0u8; 4])
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::ConnectionReset);

        // And back again: runtime -> futures -> runtime.
        let mut twice = FailingReader.compat().compat();
        let err = AsyncReadExt::read(&mut twice, &mut [0u8; 4])
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::ConnectionReset);
        assert_eq!(err.to_string(), "boom");
    });
}

#[test]
fn buf_read_in_both_directions() {
    block_on(async {
        let mut lines = futures::io::Cursor::new(b"one\ntwo\n".to_vec()).compat();
        let mut line = String::new();
        AsyncBufReadExt::read_line(&mut lines, &mut line)
            .await
            .unwrap();
        assert_eq!(line, "one\n");

        let data: &[u8] = b"three\nfour";
        let mut lines = TokioAsyncReadCompatExt::compat(data);
        let mut line = String::new();
        futures::io::AsyncBufReadExt::read_line(&mut lines, &mut line)
            .await
            .unwrap();
        assert_eq!(line, "three\n");
        let mut rest = String::new();
        futures::io::AsyncBufReadExt::read_line(&mut lines, &mut rest)
            .await
            .unwrap();
        assert_eq!(rest, "four");
    });
}

#[test]
fn futures_seek_as_runtime_seek() {
    block_on(async {
        let mut s = futures::io::Cursor::new(b"0123456789".to_vec()).compat();
        assert_eq!(
            AsyncSeekExt::seek(&mut s, SeekFrom::Start(4))
                .await
                .unwrap(),
            4
        );
        assert_eq!(
            AsyncSeekExt::seek(&mut s, SeekFrom::Current(2))
                .await
                .unwrap(),
            6
        );
        assert_eq!(AsyncSeekExt::stream_position(&mut s).await.unwrap(), 6);
        let mut b = [0u8; 1];
        AsyncReadExt::read_exact(&mut s, &mut b).await.unwrap();
        assert_eq!(&b, b"6");
        assert_eq!(
            AsyncSeekExt::seek(&mut s, SeekFrom::End(-1)).await.unwrap(),
            9
        );
    });
}

/// A runtime seeker whose seeks take one `Pending` to complete.
#[derive(Default)]
struct SlowSeeker {
    pos: u64,
    target: Option<u64>,
    starts: usize,
    pending_once: bool,
}

impl runtime_core::io::AsyncSeek for SlowSeeker {
    fn start_seek(mut self: Pin<&mut Self>, position: SeekFrom) -> io::Result<()> {
        self.starts += 1;
        let target = match position {
            SeekFrom::Start(n) => n as i64,
            SeekFrom::Current(d) => self.pos as i64 + d,
            SeekFrom::End(_) => return Err(io::Error::new(io::ErrorKind::Unsupported, "no end")),
        };
        if target < 0 {
            return Err(io::Error::from(io::ErrorKind::InvalidInput));
        }
        self.target = Some(target as u64);
        self.pending_once = true;
        Ok(())
    }

    fn poll_complete(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<u64>> {
        if self.pending_once {
            self.pending_once = false;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        if let Some(t) = self.target.take() {
            self.pos = t;
        }
        Poll::Ready(Ok(self.pos))
    }
}

// `compat()` is offered to readers; a seekable object is usually one.
impl runtime_core::io::AsyncRead for SlowSeeker {
    fn poll_read(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        _buf: &mut runtime_core::io::ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[test]
fn runtime_seek_as_futures_seek_starts_once_across_pending() {
    block_on(async {
        let mut seeker = SlowSeeker::default().compat();
        assert_eq!(Compat::get_mut(&mut seeker).pos, 0);
        let s = futures::io::AsyncSeekExt::seek(&mut seeker, SeekFrom::Start(7))
            .await
            .unwrap();
        assert_eq!(s, 7);
        assert_eq!(seeker.get_ref().starts, 1);
        let s = futures::io::AsyncSeekExt::seek(&mut seeker, SeekFrom::Current(-2))
            .await
            .unwrap();
        assert_eq!(s, 5);
        assert_eq!(seeker.get_ref().starts, 2);
        let err = futures::io::AsyncSeekExt::seek(&mut seeker, SeekFrom::End(0))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::Unsupported);
        // A failed start leaves nothing in flight: the next seek starts anew.
        let s = futures::io::AsyncSeekExt::seek(&mut seeker, SeekFrom::Start(1))
            .await
            .unwrap();
        assert_eq!(s, 1);
        assert_eq!(seeker.get_ref().starts, 4);
    });
}

#[test]
fn accessors_reach_the_inner_object() {
    let mut c = futures::io::Cursor::new(vec![1u8, 2, 3]).compat();
    assert_eq!(c.get_ref().get_ref(), &vec![1, 2, 3]);
    c.get_mut().get_mut().push(4);
    assert_eq!(c.into_inner().into_inner(), vec![1, 2, 3, 4]);
    let dbg = format!("{:?}", futures::io::Cursor::new(vec![0u8]).compat());
    assert!(dbg.starts_with("Compat { inner: Cursor"), "{dbg}");
}

/// A runtime-side object that, like a file with a write still in flight,
/// refuses `start_seek` until `poll_complete` has finished that write.
struct WritesInBackground {
    data: Vec<u8>,
    pos: usize,
    /// A write is still "in flight": a seek must wait for it.
    busy: bool,
}

impl runtime_core::io::AsyncWrite for WritesInBackground {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let end = self.pos + buf.len();
        if self.data.len() < end {
            self.data.resize(end, 0);
        }
        let pos = self.pos;
        self.data[pos..end].copy_from_slice(buf);
        self.pos = end;
        self.busy = true;
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.busy = false;
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.poll_flush(cx)
    }
}

impl runtime_core::io::AsyncSeek for WritesInBackground {
    fn start_seek(mut self: Pin<&mut Self>, pos: SeekFrom) -> io::Result<()> {
        if self.busy {
            return Err(io::Error::other("a write is in flight"));
        }
        self.pos = match pos {
            SeekFrom::Start(n) => n as usize,
            SeekFrom::End(n) => (self.data.len() as i64 + n) as usize,
            SeekFrom::Current(n) => (self.pos as i64 + n) as usize,
        };
        Ok(())
    }

    fn poll_complete(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<u64>> {
        self.busy = false;
        Poll::Ready(Ok(self.pos as u64))
    }
}

#[test]
fn futures_seek_waits_for_what_the_runtime_object_has_in_flight() {
    block_on(async {
        let inner = WritesInBackground {
            data: Vec::new(),
            pos: 0,
            busy: false,
        };
        let mut file = TokioAsyncWriteCompatExt::compat_write(inner);
        futures::io::AsyncWriteExt::write_all(&mut file, b"abcdef")
            .await
            .unwrap();
        // The write is still in flight: the seek completes it first rather
        // than failing.
        let at = futures::io::AsyncSeekExt::seek(&mut file, SeekFrom::Start(2))
            .await
            .unwrap();
        assert_eq!(at, 2);
        futures::io::AsyncWriteExt::write_all(&mut file, b"XY")
            .await
            .unwrap();
        let end = futures::io::AsyncSeekExt::seek(&mut file, SeekFrom::End(0))
            .await
            .unwrap();
        assert_eq!(end, 6);
        assert_eq!(file.get_ref().data, b"abXYef");
    });
}
