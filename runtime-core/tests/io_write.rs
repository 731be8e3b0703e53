//! AsyncWriteExt: write, write_all, write_vectored, write_buf,
//! write_all_buf, the numeric writes, flush and shutdown.

#[path = "support/io_mock.rs"]
mod mock;

use std::io::{Cursor, ErrorKind, IoSlice};
use std::pin::pin;

use bytes::Buf;
use mock::{CountWaker, Trickle, block_on, poll_once};
use runtime_core::io::AsyncWriteExt;

#[test]
fn write_takes_what_the_sink_accepts() {
    block_on(async {
        let mut w = Trickle::new(3);
        assert_eq!(w.write(b"abcdef").await.unwrap(), 3);
        assert_eq!(w.data, b"abc");
        assert_eq!(w.writes, 1);
    });
}

#[test]
fn write_is_cancel_safe() {
    let (count, waker) = CountWaker::new();
    let mut w = Trickle::new(8);
    w.pending_every_other = true;
    {
        let mut fut = pin!(w.write(b"lost?"));
        assert!(poll_once(fut.as_mut(), &waker).is_pending());
    }
    assert_eq!(count.count(), 1);
    assert!(w.data.is_empty());
}

#[test]
fn write_all_with_one_byte_writer() {
    block_on(async {
        let mut w = Trickle::new(1);
        w.write_all(b"hello").await.unwrap();
        assert_eq!(w.data, b"hello");
        assert_eq!(w.writes, 5);
    });
}

#[test]
fn write_all_survives_pending() {
    block_on(async {
        let mut w = Trickle::new(2);
        w.pending_every_other = true;
        w.write_all(b"abcde").await.unwrap();
        assert_eq!(w.data, b"abcde");
        assert_eq!(w.writes, 6);
    });
}

#[test]
fn write_all_zero_is_write_zero() {
    block_on(async {
        let mut w = Trickle::new(4);
        w.limit = Some(3);
        let err = w.write_all(b"abcdef").await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WriteZero);
        assert_eq!(w.data, b"abc");
    });
}

#[test]
fn write_all_propagates_error() {
    block_on(async {
        let mut w = Trickle::new(4);
        w.limit = Some(2);
        w.fail_at_limit = Some(ErrorKind::BrokenPipe);
        let err = w.write_all(b"abcdef").await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BrokenPipe);
    });
}

#[test]
fn write_all_of_nothing_does_not_write() {
    block_on(async {
        let mut w = Trickle::new(4);
        w.write_all(b"").await.unwrap();
        assert_eq!(w.writes, 0);
    });
}

#[test]
fn write_vectored_uses_sink_support() {
    block_on(async {
        let bufs = [IoSlice::new(b"ab"), IoSlice::new(b""), IoSlice::new(b"cd")];
        let mut plain = Trickle::new(10);
        assert_eq!(plain.write_vectored(&bufs).await.unwrap(), 2);
        assert_eq!(plain.data, b"ab");

        let mut gathered = Trickle::new(10);
        gathered.vectored = true;
        assert_eq!(gathered.write_vectored(&bufs).await.unwrap(), 4);
        assert_eq!(gathered.data, b"abcd");
    });
}

#[test]
fn write_buf_advances_by_written() {
    block_on(async {
        let mut w = Trickle::new(2);
        let mut src = Cursor::new(b"abcde".to_vec());
        assert_eq!(w.write_buf(&mut src).await.unwrap(), 2);
        assert_eq!(src.position(), 2);
        assert_eq!(w.write_buf(&mut src).await.unwrap(), 2);
        assert_eq!(w.write_buf(&mut src).await.unwrap(), 1);
        assert_eq!(w.write_buf(&mut src).await.unwrap(), 0);
        assert_eq!(w.data, b"abcde");
        assert_eq!(w.writes, 3);
    });
}

#[test]
fn write_all_buf_plain_and_vectored() {
    block_on(async {
        for vectored in [false, true] {
            let mut w = Trickle::new(3);
            w.vectored = vectored;
            let mut src = (&b"hello "[..]).chain(&b"world"[..]);
            w.write_all_buf(&mut src).await.unwrap();
            assert_eq!(w.data, b"hello world");
            assert_eq!(src.remaining(), 0);
            assert_eq!(w.writes, 4, "vectored = {vectored}");
        }
    });
}

#[test]
fn write_all_buf_write_zero_keeps_position() {
    block_on(async {
        let mut w = Trickle::new(4);
        w.limit = Some(5);
        let mut src = Cursor::new(b"0123456789".to_vec());
        let err = w.write_all_buf(&mut src).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WriteZero);
        assert_eq!(src.position(), 5);
    });
}

#[test]
fn write_all_buf_dropped_midway_records_progress() {
    let (_, waker) = CountWaker::new();
    let mut w = Trickle::new(2);
    w.pending_every_other = true;
    let mut src = Cursor::new(b"abcdef".to_vec());
    {
        let mut fut = pin!(w.write_all_buf(&mut src));
        assert!(poll_once(fut.as_mut(), &waker).is_pending()); // pending
        assert!(poll_once(fut.as_mut(), &waker).is_pending()); // wrote 2, pending
    }
    assert_eq!(src.position(), 2);
    assert_eq!(w.data, b"ab");
}

macro_rules! write_numbers {
    ($($name:ident: $write:ident, $ty:ty, $value:expr, $to:ident;)*) => {$(
        #[test]
        fn $name() {
            block_on(async {
                let value: $ty = $value;
                // One byte per write: the future must keep its position.
                let mut w = Trickle::new(1);
                w.$write(value).await.unwrap();
                assert_eq!(w.data, value.$to());
                assert_eq!(w.writes, std::mem::size_of::<$ty>());

                // An `Interrupted` failure before every byte is retried.
                let mut w = Trickle::new(1);
                w.interrupt_every_other = true;
                w.$write(value).await.unwrap();
                assert_eq!(w.data, value.$to());
                assert_eq!(w.interrupted, std::mem::size_of::<$ty>());

                // A sink that stops one byte short.
                let mut short = Trickle::new(16);
                short.limit = Some(std::mem::size_of::<$ty>() - 1);
                if std::mem::size_of::<$ty>() > 1 {
                    let err = short.$write(value).await.unwrap_err();
                    assert_eq!(err.kind(), ErrorKind::WriteZero);
                }
            });
        }
    )*};
}

write_numbers! {
    wr_u8: write_u8, u8, 0xA5, to_be_bytes;
    wr_i8: write_i8, i8, -77, to_be_bytes;
    wr_u16: write_u16, u16, 0xBEEF, to_be_bytes;
    wr_i16: write_i16, i16, -12345, to_be_bytes;
    wr_u32: write_u32, u32, 0xDEAD_BEEF, to_be_bytes;
    wr_i32: write_i32, i32, -123_456_789, to_be_bytes;
    wr_u64: write_u64, u64, 0x0102_0304_0506_0708, to_be_bytes;
    wr_i64: write_i64, i64, i64::MIN + 3, to_be_bytes;
    wr_u128: write_u128, u128, u128::MAX / 3, to_be_bytes;
    wr_i128: write_i128, i128, i128::MIN + 5, to_be_bytes;
    wr_f32: write_f32, f32, -1.25e7, to_be_bytes;
    wr_f64: write_f64, f64, std::f64::consts::PI, to_be_bytes;
    wr_u16_le: write_u16_le, u16, 0xBEEF, to_le_bytes;
    wr_i16_le: write_i16_le, i16, -12345, to_le_bytes;
    wr_u32_le: write_u32_le, u32, 0xDEAD_BEEF, to_le_bytes;
    wr_i32_le: write_i32_le, i32, -123_456_789, to_le_bytes;
    wr_u64_le: write_u64_le, u64, 0x0102_0304_0506_0708, to_le_bytes;
    wr_i64_le: write_i64_le, i64, i64::MIN + 3, to_le_bytes;
    wr_u128_le: write_u128_le, u128, u128::MAX / 3, to_le_bytes;
    wr_i128_le: write_i128_le, i128, i128::MIN + 5, to_le_bytes;
    wr_f32_le: write_f32_le, f32, -1.25e7, to_le_bytes;
    wr_f64_le: write_f64_le, f64, std::f64::consts::PI, to_le_bytes;
}

#[test]
fn write_u8_to_full_sink_is_write_zero() {
    block_on(async {
        let mut w = Trickle::new(1);
        w.limit = Some(0);
        assert_eq!(
            w.write_u8(1).await.unwrap_err().kind(),
            ErrorKind::WriteZero
        );
    });
}

#[test]
fn flush_and_shutdown_reach_the_sink() {
    block_on(async {
        let mut w = Trickle::new(1);
        w.flush().await.unwrap();
        w.flush().await.unwrap();
        w.shutdown().await.unwrap();
        assert_eq!((w.flushes, w.shutdowns), (2, 1));
    });
}

#[test]
fn cursor_over_fixed_slice_reports_write_zero_when_full() {
    block_on(async {
        let mut storage = [0u8; 4];
        let mut c = Cursor::new(&mut storage[..]);
        let err = c.write_all(b"abcdef").await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WriteZero);
        assert_eq!(&storage, b"abcd");
    });
}

#[test]
fn write_all_retries_interrupted() {
    block_on(async {
        let mut w = Trickle::new(2);
        w.interrupt_every_other = true;
        w.write_all(b"hello").await.unwrap();
        assert_eq!(w.data, b"hello");
        assert_eq!(w.interrupted, 3);
        assert_eq!(w.writes, 6);
    });
}

#[test]
fn write_all_buf_retries_interrupted() {
    block_on(async {
        for vectored in [false, true] {
            let mut w = Trickle::new(3);
            w.vectored = vectored;
            w.interrupt_every_other = true;
            let mut src = (&b"hello "[..]).chain(&b"world"[..]);
            w.write_all_buf(&mut src).await.unwrap();
            assert_eq!(w.data, b"hello world");
            assert_eq!(src.remaining(), 0);
            assert_eq!(w.interrupted, 4, "vectored = {vectored}");
        }
    });
}

#[test]
fn single_writes_do_not_retry_interrupted() {
    block_on(async {
        let mut w = Trickle::new(8);
        w.interrupt_every_other = true;
        assert_eq!(
            w.write(b"ab").await.unwrap_err().kind(),
            ErrorKind::Interrupted
        );
        w.interrupt_every_other = false;
        w.write(b"ab").await.unwrap();

        let mut w = Trickle::new(8);
        w.interrupt_every_other = true;
        let mut src = Cursor::new(b"ab".to_vec());
        assert_eq!(
            w.write_buf(&mut src).await.unwrap_err().kind(),
            ErrorKind::Interrupted
        );
        assert_eq!(src.position(), 0);

        let mut w = Trickle::new(8);
        w.interrupt_every_other = true;
        assert_eq!(
            w.write_vectored(&[IoSlice::new(b"ab")])
                .await
                .unwrap_err()
                .kind(),
            ErrorKind::Interrupted
        );
    });
}

/// A writer that records which write method was used; the one it does not
/// advertise panics.
#[derive(Default)]
struct OneWay {
    vectored: bool,
    data: Vec<u8>,
    calls: usize,
}

impl runtime_core::io::AsyncWrite for OneWay {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        assert!(!self.vectored, "poll_write on a vectored writer");
        self.calls += 1;
        self.data.extend_from_slice(buf);
        std::task::Poll::Ready(Ok(buf.len()))
    }

    fn poll_write_vectored(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> std::task::Poll<std::io::Result<usize>> {
        assert!(self.vectored, "poll_write_vectored on a plain writer");
        self.calls += 1;
        let mut n = 0;
        for b in bufs {
            self.data.extend_from_slice(b);
            n += b.len();
        }
        std::task::Poll::Ready(Ok(n))
    }

    fn is_write_vectored(&self) -> bool {
        self.vectored
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
}

#[test]
fn write_buf_gathers_chunks_for_a_vectored_writer() {
    block_on(async {
        // A vectored writer takes all the chunks of a chained buffer at once.
        let mut w = OneWay {
            vectored: true,
            ..OneWay::default()
        };
        let mut src = (&b"hello"[..]).chain(&b" "[..]).chain(&b"world"[..]);
        assert_eq!(w.write_buf(&mut src).await.unwrap(), 11);
        assert_eq!(w.data, b"hello world");
        assert_eq!((w.calls, src.remaining()), (1, 0));

        // A plain writer gets the current chunk only.
        let mut w = OneWay::default();
        let mut src = (&b"hello"[..]).chain(&b" world"[..]);
        assert_eq!(w.write_buf(&mut src).await.unwrap(), 5);
        assert_eq!(w.write_buf(&mut src).await.unwrap(), 6);
        assert_eq!(w.data, b"hello world");
        assert_eq!(w.calls, 2);
        // Nothing left: no write at all.
        assert_eq!(w.write_buf(&mut src).await.unwrap(), 0);
        assert_eq!(w.calls, 2);
    });
}

#[test]
fn write_all_buf_uses_only_the_advertised_write_method() {
    block_on(async {
        for vectored in [false, true] {
            let mut w = OneWay {
                vectored,
                ..OneWay::default()
            };
            let mut src = (&b"hello"[..]).chain(&b" "[..]).chain(&b"world"[..]);
            w.write_all_buf(&mut src).await.unwrap();
            assert_eq!(w.data, b"hello world");
            assert_eq!(w.calls, if vectored { 1 } else { 3 });
        }
    });
}
