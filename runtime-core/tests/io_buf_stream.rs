//! BufReader, BufWriter and BufStream: buffering, bypass, flushing, seeking.

#[path = "support/io_mock.rs"]
mod mock;

use std::io::{Cursor, ErrorKind, IoSlice, SeekFrom};

use mock::{Script, Trickle, block_on, data};
use runtime_core::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncSeekExt, AsyncWriteExt, BufReader, BufStream, BufWriter,
};

#[test]
fn buf_reader_serves_small_reads_from_one_inner_read() {
    block_on(async {
        let mut rd = BufReader::with_capacity(16, Script::new([data(b"abcdefgh")]));
        let mut one = [0u8; 1];
        for expected in b"abcdefgh" {
            rd.read_exact(&mut one).await.unwrap();
            assert_eq!(one[0], *expected);
        }
        assert_eq!(rd.get_ref().reads, 1);
        assert_eq!(rd.buffer(), b"");
    });
}

#[test]
fn buf_reader_bypasses_buffer_for_big_reads() {
    block_on(async {
        let mut rd = BufReader::with_capacity(4, Script::new([data(b"0123456789")]));
        let mut big = [0u8; 8];
        assert_eq!(rd.read(&mut big).await.unwrap(), 8);
        assert_eq!(&big, b"01234567");
        // Nothing went through the buffer.
        assert!(rd.buffer().is_empty());
        let mut small = [0u8; 1];
        rd.read_exact(&mut small).await.unwrap();
        assert_eq!(rd.buffer(), b"9");
    });
}

#[test]
fn buf_reader_into_inner_drops_buffer() {
    block_on(async {
        let mut rd = BufReader::with_capacity(4, &b"abcdef"[..]);
        assert_eq!(rd.read_u8().await.unwrap(), b'a');
        assert_eq!(rd.buffer(), b"bcd");
        assert_eq!(rd.into_inner(), b"ef");
    });
}

#[test]
fn buf_reader_seek_current_accounts_for_buffer() {
    block_on(async {
        let mut rd = BufReader::with_capacity(4, Cursor::new(b"0123456789".to_vec()));
        assert_eq!(rd.read_u8().await.unwrap(), b'0');
        // The inner cursor is at 4, the logical position at 1.
        assert_eq!(rd.stream_position().await.unwrap(), 1);
        assert_eq!(rd.seek(SeekFrom::Current(2)).await.unwrap(), 3);
        assert_eq!(rd.read_u8().await.unwrap(), b'3');
        assert_eq!(rd.seek(SeekFrom::Start(8)).await.unwrap(), 8);
        assert_eq!(rd.read_u8().await.unwrap(), b'8');
        assert_eq!(rd.seek(SeekFrom::End(-10)).await.unwrap(), 0);
        assert_eq!(rd.read_u8().await.unwrap(), b'0');
        rd.rewind().await.unwrap();
        let mut all = String::new();
        rd.read_to_string(&mut all).await.unwrap();
        assert_eq!(all, "0123456789");
    });
}

#[test]
fn buf_reader_seek_current_with_overflowing_offset() {
    block_on(async {
        let mut rd = BufReader::with_capacity(4, Cursor::new(b"0123456789".to_vec()));
        assert_eq!(rd.read_u8().await.unwrap(), b'0');
        // i64::MIN - remainder overflows: done in two steps, and fails as the
        // cursor says (negative position), not with a panic.
        let err = rd.seek(SeekFrom::Current(i64::MIN)).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
    });
}

#[test]
fn buf_reader_seek_before_start_is_invalid_input() {
    block_on(async {
        let mut rd = BufReader::new(Cursor::new(b"abc".to_vec()));
        let err = rd.seek(SeekFrom::Current(-1)).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
    });
}

#[test]
fn buf_writer_buffers_until_flush() {
    block_on(async {
        let mut w = BufWriter::with_capacity(8, Trickle::new(100));
        w.write_all(b"abc").await.unwrap();
        w.write_all(b"def").await.unwrap();
        assert_eq!(w.buffer(), b"abcdef");
        assert_eq!(w.get_ref().writes, 0);
        w.flush().await.unwrap();
        assert_eq!(w.get_ref().data, b"abcdef");
        assert_eq!(w.get_ref().writes, 1);
        assert_eq!(w.get_ref().flushes, 1);
        assert!(w.buffer().is_empty());
    });
}

#[test]
fn buf_writer_flushes_when_full() {
    block_on(async {
        let mut w = BufWriter::with_capacity(4, Trickle::new(100));
        w.write_all(b"abc").await.unwrap();
        w.write_all(b"de").await.unwrap(); // would overflow: flush "abc" first
        assert_eq!(w.get_ref().data, b"abc");
        assert_eq!(w.buffer(), b"de");
    });
}

#[test]
fn buf_writer_big_write_bypasses_buffer() {
    block_on(async {
        let mut w = BufWriter::with_capacity(4, Trickle::new(100));
        w.write_all(b"ab").await.unwrap();
        assert_eq!(w.write(b"0123456789").await.unwrap(), 10);
        // The buffered bytes went first, in order.
        assert_eq!(w.get_ref().data, b"ab0123456789");
        assert!(w.buffer().is_empty());
    });
}

#[test]
fn buf_writer_flushes_on_shutdown() {
    block_on(async {
        let mut w = BufWriter::new(Trickle::new(3));
        w.write_all(b"0123456789").await.unwrap();
        assert!(w.get_ref().data.is_empty());
        w.shutdown().await.unwrap();
        let inner = w.into_inner();
        assert_eq!(inner.data, b"0123456789");
        assert_eq!(inner.shutdowns, 1);
        assert_eq!(inner.writes, 4);
    });
}

#[test]
fn buf_writer_flush_with_pending_inner_resumes() {
    block_on(async {
        let mut inner = Trickle::new(2);
        inner.pending_every_other = true;
        let mut w = BufWriter::with_capacity(16, inner);
        w.write_all(b"abcdefg").await.unwrap();
        w.flush().await.unwrap();
        assert_eq!(w.get_ref().data, b"abcdefg");
    });
}

#[test]
fn buf_writer_flush_write_zero() {
    block_on(async {
        let mut inner = Trickle::new(2);
        inner.limit = Some(3);
        let mut w = BufWriter::with_capacity(16, inner);
        w.write_all(b"abcdef").await.unwrap();
        let err = w.flush().await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WriteZero);
        // What was written left the buffer; the rest stays.
        assert_eq!(w.get_ref().data, b"abc");
        assert_eq!(w.buffer(), b"def");
    });
}

#[test]
fn buf_writer_vectored_gathers_small_slices() {
    block_on(async {
        let mut w = BufWriter::with_capacity(8, Trickle::new(100));
        assert!(w.is_write_vectored_helper());
        let bufs = [
            IoSlice::new(b"ab"),
            IoSlice::new(b"cd"),
            IoSlice::new(b"efghij"),
        ];
        // Inner is not vectored: whole slices are buffered while they fit.
        assert_eq!(w.write_vectored(&bufs).await.unwrap(), 4);
        assert_eq!(w.buffer(), b"abcd");

        let mut inner = Trickle::new(100);
        inner.vectored = true;
        let mut w = BufWriter::with_capacity(8, inner);
        assert_eq!(w.write_vectored(&bufs).await.unwrap(), 10);
        // Too big for the buffer: handed on in one gathered write.
        assert_eq!(w.get_ref().data, b"abcdefghij");
    });
}

trait IsVectored {
    fn is_write_vectored_helper(&self) -> bool;
}

impl<W: runtime_core::io::AsyncWrite> IsVectored for BufWriter<W> {
    fn is_write_vectored_helper(&self) -> bool {
        runtime_core::io::AsyncWrite::is_write_vectored(self)
    }
}

#[test]
fn buf_writer_seek_flushes_first() {
    block_on(async {
        let mut w = BufWriter::new(Cursor::new(vec![0u8; 6]));
        w.write_all(b"abc").await.unwrap();
        assert_eq!(w.seek(SeekFrom::Start(1)).await.unwrap(), 1);
        w.write_all(b"Z").await.unwrap();
        w.flush().await.unwrap();
        assert_eq!(w.get_ref().get_ref(), b"aZc\0\0\0");
    });
}

#[test]
fn buf_stream_reads_and_writes_through_buffers() {
    block_on(async {
        let (a, mut b) = runtime_core::io::duplex(64);
        let mut stream = BufStream::with_capacity(8, 8, a);
        stream.write_all(b"hi").await.unwrap();
        let mut got = [0u8; 2];
        // Not flushed yet: the peer sees nothing.
        assert!(futures::poll!(std::pin::pin!(b.read_exact(&mut got))).is_pending());
        stream.flush().await.unwrap();
        b.read_exact(&mut got).await.unwrap();
        assert_eq!(&got, b"hi");

        b.write_all(b"line\nrest").await.unwrap();
        let mut line = String::new();
        stream.read_line(&mut line).await.unwrap();
        assert_eq!(line, "line\n");
    });
}

#[test]
fn buf_stream_from_inverted_wrappers_keeps_buffers() {
    block_on(async {
        let mut inv = BufWriter::new(BufReader::new(Cursor::new(b"abc".to_vec())));
        assert_eq!(inv.read_u8().await.unwrap(), b'a');
        inv.write_all(b"pending").await.unwrap();
        let mut stream = BufStream::from(inv);
        let mut rest = Vec::new();
        // The read buffer's "bc" survived the conversion.
        stream.read_to_end(&mut rest).await.unwrap();
        assert_eq!(rest, b"bc");
    });
}

#[test]
fn buf_reader_failed_seek_keeps_buffer() {
    use runtime_core::io::AsyncBufRead;
    use std::pin::Pin;
    block_on(async {
        let inner: &[u8] = &[5, 6, 7, 0, 1, 2, 3, 4];
        let mut rd = BufReader::with_capacity(2, Cursor::new(inner));
        assert_eq!(rd.seek(SeekFrom::End(-3)).await.unwrap(), 5);
        assert_eq!(rd.fill_buf().await.unwrap(), &[2, 3][..]);
        assert!(rd.seek(SeekFrom::Current(i64::MIN)).await.is_err());
        // The failed seek lost no position: the same bytes come next.
        assert_eq!(rd.fill_buf().await.unwrap(), &[2, 3][..]);
        Pin::new(&mut rd).consume(1);
        assert_eq!(rd.buffer(), &[3][..]);
        // And relative seeks still count from the logical position.
        assert_eq!(rd.seek(SeekFrom::Current(-1)).await.unwrap(), 5);
        assert_eq!(rd.fill_buf().await.unwrap(), &[2, 3][..]);
        assert_eq!(rd.seek(SeekFrom::Current(1)).await.unwrap(), 6);
        assert_eq!(rd.fill_buf().await.unwrap(), &[3, 4][..]);
    });
}

#[test]
#[should_panic(expected = "capacity must be greater than zero")]
fn buf_reader_zero_capacity_panics() {
    let _ = BufReader::with_capacity(0, Cursor::new(b"data".to_vec()));
}

#[test]
#[should_panic(expected = "capacity must be greater than zero")]
fn buf_stream_zero_read_capacity_panics() {
    let _ = BufStream::with_capacity(0, 8, Cursor::new(Vec::new()));
}

/// A seekable reader whose next `poll_complete` can be made to return
/// `Pending` once, as an operation still in flight would.
struct SlowSeek {
    inner: Cursor<&'static [u8]>,
    pending: bool,
    completes: usize,
}

impl runtime_core::io::AsyncRead for SlowSeek {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut runtime_core::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl runtime_core::io::AsyncSeek for SlowSeek {
    fn start_seek(mut self: std::pin::Pin<&mut Self>, pos: SeekFrom) -> std::io::Result<()> {
        assert!(
            !self.pending,
            "a seek started while the last one is in flight"
        );
        std::pin::Pin::new(&mut self.inner).start_seek(pos)
    }

    fn poll_complete(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<u64>> {
        self.completes += 1;
        if std::mem::take(&mut self.pending) {
            cx.waker().wake_by_ref();
            return std::task::Poll::Pending;
        }
        std::pin::Pin::new(&mut self.inner).poll_complete(cx)
    }
}

#[test]
fn buf_reader_poll_complete_without_seek_finishes_inner_operation() {
    use runtime_core::io::AsyncSeek;
    use std::pin::Pin;
    block_on(async {
        let inner = SlowSeek {
            inner: Cursor::new(b"abcd"),
            pending: false,
            completes: 0,
        };
        let mut rd = BufReader::with_capacity(2, inner);
        assert_eq!(rd.fill_buf().await.unwrap(), b"ab");
        rd.get_mut().pending = true;
        // No seek started: the inner reader's operation is driven to its
        // end (through one `Pending`), and the buffer is kept.
        let pos = std::future::poll_fn(|cx| Pin::new(&mut rd).poll_complete(cx))
            .await
            .unwrap();
        assert_eq!(pos, 2, "the inner reader's position");
        assert_eq!(rd.get_ref().completes, 2);
        assert_eq!(rd.buffer(), b"ab");
        assert_eq!(rd.seek(SeekFrom::Current(1)).await.unwrap(), 1);
        assert!(rd.buffer().is_empty());
        assert_eq!(rd.fill_buf().await.unwrap(), b"bc");
    });
}

/// A writer whose first write is interrupted.
struct InterruptedOnce {
    interrupted: bool,
    written: Vec<u8>,
}

impl runtime_core::io::AsyncWrite for InterruptedOnce {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        if !std::mem::replace(&mut self.interrupted, true) {
            return std::task::Poll::Ready(Err(ErrorKind::Interrupted.into()));
        }
        self.written.extend_from_slice(buf);
        std::task::Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
}

#[test]
fn buf_writer_flush_retries_an_interrupted_write() {
    block_on(async {
        let inner = InterruptedOnce {
            interrupted: false,
            written: Vec::new(),
        };
        let mut wr = BufWriter::with_capacity(8, inner);
        assert_eq!(wr.write(b"hello").await.unwrap(), 5);
        wr.flush().await.unwrap();
        assert_eq!(wr.get_ref().written, b"hello");
        assert!(wr.buffer().is_empty());
    });
}

#[test]
fn buf_writer_step_by_step() {
    block_on(async {
        let mut w = BufWriter::with_capacity(2, Vec::new());
        w.write(&[0, 1]).await.unwrap();
        assert_eq!(w.buffer(), []);
        assert_eq!(*w.get_ref(), [0, 1]);
        w.write(&[2]).await.unwrap();
        w.write(&[3]).await.unwrap();
        assert_eq!(w.buffer(), [2, 3]);
        assert_eq!(*w.get_ref(), [0, 1]);
        w.flush().await.unwrap();
        assert_eq!(w.buffer(), []);
        assert_eq!(*w.get_ref(), [0, 1, 2, 3]);
        w.write(&[4]).await.unwrap();
        w.write(&[5]).await.unwrap();
        w.write(&[6]).await.unwrap();
        assert_eq!(w.buffer(), [6]);
        assert_eq!(*w.get_ref(), [0, 1, 2, 3, 4, 5]);
        w.write(&[7, 8]).await.unwrap();
        assert_eq!(w.buffer(), []);
        assert_eq!(*w.get_ref(), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
        w.write(&[9, 10, 11]).await.unwrap();
        assert_eq!(*w.get_ref(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    });
}

#[test]
fn buf_writer_seek_current_counts_buffered_bytes() {
    block_on(async {
        let mut w = BufWriter::with_capacity(3, Cursor::new(Vec::new()));
        w.write_all(&[0, 1, 2, 3, 4, 5]).await.unwrap();
        w.write_all(&[6, 7]).await.unwrap();
        assert_eq!(w.seek(SeekFrom::Current(0)).await.unwrap(), 8);
        assert_eq!(&w.get_ref().get_ref()[..], &[0, 1, 2, 3, 4, 5, 6, 7][..]);
        assert_eq!(w.seek(SeekFrom::Start(2)).await.unwrap(), 2);
        w.write_all(&[8, 9]).await.unwrap();
        w.flush().await.unwrap();
        assert_eq!(&w.into_inner().into_inner()[..], &[0, 1, 8, 9, 4, 5, 6, 7]);
    });
}
