//! AsyncReadExt: read, read_exact, read_to_end, read_to_string, read_buf,
//! the numeric reads, take and chain.

#[path = "support/io_mock.rs"]
mod mock;

use std::io::ErrorKind;
use std::pin::pin;
use std::task::Poll;

use mock::{CountWaker, Script, Step, block_on, data, poll_once};
use runtime_core::io::{AsyncBufReadExt, AsyncReadExt};

#[test]
fn read_returns_what_is_available() {
    block_on(async {
        let mut rd = Script::new([data(b"ab"), data(b"cdef")]);
        let mut buf = [0u8; 3];
        assert_eq!(rd.read(&mut buf).await.unwrap(), 2);
        assert_eq!(&buf[..2], b"ab");
        assert_eq!(rd.read(&mut buf).await.unwrap(), 3);
        assert_eq!(&buf, b"cde");
        assert_eq!(rd.read(&mut buf).await.unwrap(), 1);
        assert_eq!(rd.read(&mut buf).await.unwrap(), 0);
    });
}

#[test]
fn read_into_empty_slice_is_zero() {
    block_on(async {
        let mut rd: &[u8] = b"abc";
        assert_eq!(rd.read(&mut []).await.unwrap(), 0);
        assert_eq!(rd, b"abc");
    });
}

#[test]
fn read_propagates_error() {
    block_on(async {
        let mut rd = Script::new([Step::Fail(ErrorKind::ConnectionReset)]);
        let err = rd.read(&mut [0u8; 4]).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ConnectionReset);
    });
}

#[test]
fn read_does_not_retry_interrupted() {
    block_on(async {
        // Only the looping methods retry; a single read reports it.
        let mut rd = Script::new([Step::Fail(ErrorKind::Interrupted), data(b"x")]);
        let err = rd.read(&mut [0u8; 4]).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Interrupted);
        let mut rd = Script::new([Step::Fail(ErrorKind::Interrupted), data(b"x")]);
        let mut b = bytes::BytesMut::with_capacity(4);
        let err = rd.read_buf(&mut b).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Interrupted);
    });
}

#[test]
fn read_pending_then_ready_wakes_once() {
    let (count, waker) = CountWaker::new();
    let mut rd = Script::new([Step::Pending, data(b"x")]);
    let mut buf = [0u8; 1];
    let mut fut = pin!(rd.read(&mut buf));
    assert!(poll_once(fut.as_mut(), &waker).is_pending());
    assert_eq!(count.count(), 1);
    assert!(matches!(
        poll_once(fut.as_mut(), &waker),
        Poll::Ready(Ok(1))
    ));
    assert_eq!(buf, *b"x");
}

#[test]
fn read_is_cancel_safe() {
    // A read dropped while pending consumed nothing.
    let (_, waker) = CountWaker::new();
    let mut rd = Script::new([Step::Pending, data(b"kept")]);
    {
        let mut buf = [0u8; 8];
        let mut fut = pin!(rd.read(&mut buf));
        assert!(poll_once(fut.as_mut(), &waker).is_pending());
    }
    block_on(async {
        let mut buf = [0u8; 8];
        assert_eq!(rd.read(&mut buf).await.unwrap(), 4);
        assert_eq!(&buf[..4], b"kept");
    });
}

#[test]
fn read_exact_across_short_reads() {
    block_on(async {
        let mut rd = Script::new([data(b"a"), Step::Pending, data(b"bc"), data(b"defg")]);
        let mut buf = [0u8; 5];
        assert_eq!(rd.read_exact(&mut buf).await.unwrap(), 5);
        assert_eq!(&buf, b"abcde");
        let mut rest = [0u8; 2];
        rd.read_exact(&mut rest).await.unwrap();
        assert_eq!(&rest, b"fg");
    });
}

#[test]
fn read_exact_eof_midway_is_unexpected_eof() {
    block_on(async {
        let mut rd = Script::new([data(b"abc")]);
        let mut buf = [0u8; 5];
        let err = rd.read_exact(&mut buf).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnexpectedEof);
        assert_eq!(&buf[..3], b"abc");
    });
}

#[test]
fn read_exact_of_nothing_succeeds_at_eof() {
    block_on(async {
        let mut rd: &[u8] = b"";
        assert_eq!(rd.read_exact(&mut []).await.unwrap(), 0);
    });
}

#[test]
fn read_exact_retries_interrupted() {
    block_on(async {
        let mut rd = Script::new([
            Step::Fail(ErrorKind::Interrupted),
            data(b"ab"),
            Step::Fail(ErrorKind::Interrupted),
            Step::Fail(ErrorKind::Interrupted),
            data(b"cdef"),
        ]);
        let mut buf = [0u8; 5];
        assert_eq!(rd.read_exact(&mut buf).await.unwrap(), 5);
        assert_eq!(&buf, b"abcde");
        assert_eq!(rd.reads, 5);
        // An interruption followed by end of file is still end of file.
        let mut rd = Script::new([data(b"a"), Step::Fail(ErrorKind::Interrupted)]);
        let err = rd.read_exact(&mut [0u8; 2]).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnexpectedEof);
    });
}

#[test]
fn read_exact_error_midway() {
    block_on(async {
        let mut rd = Script::new([data(b"ab"), Step::Fail(ErrorKind::BrokenPipe)]);
        let err = rd.read_exact(&mut [0u8; 4]).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BrokenPipe);
    });
}

#[test]
fn read_exact_dropped_midway_loses_the_partial_bytes() {
    // Documented as not cancellation safe: the first bytes were consumed
    // from the reader, and a new call starts over.
    let (_, waker) = CountWaker::new();
    let mut rd = Script::new([data(b"ab"), Step::Pending, data(b"cdef")]);
    {
        let mut buf = [0u8; 4];
        let mut fut = pin!(rd.read_exact(&mut buf));
        assert!(poll_once(fut.as_mut(), &waker).is_pending());
    }
    block_on(async {
        let mut buf = [0u8; 4];
        rd.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"cdef");
    });
}

#[test]
fn read_to_end_appends_and_counts() {
    block_on(async {
        let mut rd = Script::new([data(b"hello "), Step::Pending, data(b"world")]);
        let mut buf = b">".to_vec();
        assert_eq!(rd.read_to_end(&mut buf).await.unwrap(), 11);
        assert_eq!(buf, b">hello world");
        assert_eq!(rd.read_to_end(&mut buf).await.unwrap(), 0);
    });
}

#[test]
fn read_to_end_large_input_grows_vec() {
    block_on(async {
        let big: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let mut rd = &big[..];
        let mut out = Vec::new();
        assert_eq!(rd.read_to_end(&mut out).await.unwrap(), big.len());
        assert_eq!(out, big);
    });
}

#[test]
fn read_to_end_error_keeps_bytes_read() {
    block_on(async {
        let mut rd = Script::new([data(b"abc"), Step::Fail(ErrorKind::TimedOut)]);
        let mut out = Vec::new();
        let err = rd.read_to_end(&mut out).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TimedOut);
        assert_eq!(out, b"abc");
    });
}

#[test]
fn read_to_end_retries_interrupted() {
    block_on(async {
        let mut rd = Script::new([
            Step::Fail(ErrorKind::Interrupted),
            data(b"hello"),
            Step::Fail(ErrorKind::Interrupted),
            data(b" world"),
            Step::Fail(ErrorKind::Interrupted),
        ]);
        let mut buf = b">".to_vec();
        assert_eq!(rd.read_to_end(&mut buf).await.unwrap(), 11);
        assert_eq!(buf, b">hello world");
    });
}

#[test]
fn read_to_string_retries_interrupted() {
    block_on(async {
        let mut rd = Script::new([
            data(&[b'a', 0xC3]),
            Step::Fail(ErrorKind::Interrupted),
            data(&[0xA9]),
            Step::Fail(ErrorKind::Interrupted),
        ]);
        let mut s = String::from("pre:");
        assert_eq!(rd.read_to_string(&mut s).await.unwrap(), 3);
        assert_eq!(s, "pre:aé");
    });
}

#[test]
fn read_to_string_appends_utf8() {
    block_on(async {
        // A multi-byte character split across two reads.
        let mut rd = Script::new([data(&[b'a', 0xC3]), data(&[0xA9, b'!'])]);
        let mut s = String::from("pre:");
        assert_eq!(rd.read_to_string(&mut s).await.unwrap(), 4);
        assert_eq!(s, "pre:aé!");
    });
}

#[test]
fn read_to_string_invalid_utf8_leaves_string_unchanged() {
    block_on(async {
        let mut rd = Script::new([data(b"ok "), data(&[0xFF, 0xFE])]);
        let mut s = String::from("before");
        let err = rd.read_to_string(&mut s).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidData);
        assert_eq!(s, "before");
        // The error is the `Utf8Error` of the whole would-be string: valid
        // up to the end of what was there plus the valid new bytes.
        assert_eq!(
            err.to_string(),
            "invalid utf-8 sequence of 1 bytes from index 9"
        );
        let utf8 = err
            .into_inner()
            .expect("an inner error")
            .downcast::<std::str::Utf8Error>()
            .expect("a Utf8Error");
        assert_eq!(utf8.valid_up_to(), "beforeok ".len());
        assert_eq!(utf8.error_len(), Some(1));
    });
}

#[test]
fn read_to_string_io_error_leaves_string_unchanged() {
    block_on(async {
        let mut rd = Script::new([data(b"partial"), Step::Fail(ErrorKind::Other)]);
        let mut s = String::from("before");
        let err = rd.read_to_string(&mut s).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Other);
        assert_eq!(s, "before");
    });
}

#[test]
fn read_buf_advances_bufmut() {
    block_on(async {
        let mut rd: &[u8] = b"0123456789";
        let mut v = Vec::with_capacity(4);
        let n = rd.read_buf(&mut v).await.unwrap();
        assert!(n >= 4);
        assert_eq!(v, b"0123456789"[..n]);

        // A full fixed-size BufMut reads nothing.
        let mut storage = [0u8; 2];
        let mut slice = &mut storage[..];
        assert_eq!(rd.read_buf(&mut slice).await.unwrap(), 2.min(10 - n));
        let mut empty: &mut [u8] = &mut [];
        assert_eq!(rd.read_buf(&mut empty).await.unwrap(), 0);
    });
}

#[test]
fn read_buf_into_bytes_mut_at_eof_is_zero() {
    block_on(async {
        let mut rd: &[u8] = b"";
        let mut b = bytes::BytesMut::with_capacity(16);
        assert_eq!(rd.read_buf(&mut b).await.unwrap(), 0);
        assert!(b.is_empty());
    });
}

macro_rules! roundtrip {
    ($($name:ident: $read:ident, $ty:ty, $value:expr, $to:ident;)*) => {$(
        #[test]
        fn $name() {
            block_on(async {
                let value: $ty = $value;
                let bytes = value.$to();
                // One byte per read: the future must keep its partial state.
                let steps = bytes.iter().map(|b| data(&[*b])).collect::<Vec<_>>();
                let mut rd = Script::new(steps);
                assert_eq!(rd.$read().await.unwrap(), value);

                // End of file one byte short.
                let mut short = &bytes[..bytes.len() - 1];
                let err = short.$read().await.unwrap_err();
                assert_eq!(err.kind(), ErrorKind::UnexpectedEof);

                // An `Interrupted` read before every byte is retried.
                let steps = bytes
                    .iter()
                    .flat_map(|b| [Step::Fail(ErrorKind::Interrupted), data(&[*b])])
                    .collect::<Vec<_>>();
                let mut rd = Script::new(steps);
                assert_eq!(rd.$read().await.unwrap(), value);
                assert_eq!(rd.reads, 2 * bytes.len());

                // ... up to end of file, which is still `UnexpectedEof`.
                let mut rd = Script::new([Step::Fail(ErrorKind::Interrupted)]);
                let err = rd.$read().await.unwrap_err();
                assert_eq!(err.kind(), ErrorKind::UnexpectedEof);

                // Any other error ends the read.
                let mut rd = Script::new([Step::Fail(ErrorKind::ConnectionReset), data(&bytes)]);
                let err = rd.$read().await.unwrap_err();
                assert_eq!(err.kind(), ErrorKind::ConnectionReset);
            });
        }
    )*};
}

roundtrip! {
    rt_u8: read_u8, u8, 0xA5, to_be_bytes;
    rt_i8: read_i8, i8, -77, to_be_bytes;
    rt_u16: read_u16, u16, 0xBEEF, to_be_bytes;
    rt_i16: read_i16, i16, -12345, to_be_bytes;
    rt_u32: read_u32, u32, 0xDEAD_BEEF, to_be_bytes;
    rt_i32: read_i32, i32, -123_456_789, to_be_bytes;
    rt_u64: read_u64, u64, 0x0102_0304_0506_0708, to_be_bytes;
    rt_i64: read_i64, i64, i64::MIN + 3, to_be_bytes;
    rt_u128: read_u128, u128, u128::MAX / 3, to_be_bytes;
    rt_i128: read_i128, i128, i128::MIN + 5, to_be_bytes;
    rt_f32: read_f32, f32, -1.25e7, to_be_bytes;
    rt_f64: read_f64, f64, std::f64::consts::PI, to_be_bytes;
    rt_u16_le: read_u16_le, u16, 0xBEEF, to_le_bytes;
    rt_i16_le: read_i16_le, i16, -12345, to_le_bytes;
    rt_u32_le: read_u32_le, u32, 0xDEAD_BEEF, to_le_bytes;
    rt_i32_le: read_i32_le, i32, -123_456_789, to_le_bytes;
    rt_u64_le: read_u64_le, u64, 0x0102_0304_0506_0708, to_le_bytes;
    rt_i64_le: read_i64_le, i64, i64::MIN + 3, to_le_bytes;
    rt_u128_le: read_u128_le, u128, u128::MAX / 3, to_le_bytes;
    rt_i128_le: read_i128_le, i128, i128::MIN + 5, to_le_bytes;
    rt_f32_le: read_f32_le, f32, -1.25e7, to_le_bytes;
    rt_f64_le: read_f64_le, f64, std::f64::consts::PI, to_le_bytes;
}

#[test]
fn read_u8_at_eof_is_unexpected_eof() {
    block_on(async {
        let mut rd: &[u8] = b"";
        assert_eq!(
            rd.read_u8().await.unwrap_err().kind(),
            ErrorKind::UnexpectedEof
        );
    });
}

#[test]
fn byte_order_is_as_documented() {
    block_on(async {
        let mut rd: &[u8] = &[0x12, 0x34, 0x12, 0x34];
        assert_eq!(rd.read_u16().await.unwrap(), 0x1234);
        assert_eq!(rd.read_u16_le().await.unwrap(), 0x3412);
    });
}

#[test]
fn take_limits_and_reports_eof() {
    block_on(async {
        let rd = Script::new([data(b"abc"), data(b"defgh")]);
        let mut t = rd.take(5);
        let mut out = Vec::new();
        assert_eq!(t.read_to_end(&mut out).await.unwrap(), 5);
        assert_eq!(out, b"abcde");
        assert_eq!(t.limit(), 0);
        t.set_limit(10);
        out.clear();
        t.read_to_end(&mut out).await.unwrap();
        assert_eq!(out, b"fgh");
        assert_eq!(t.limit(), 7);
    });
}

#[test]
fn take_zero_reads_nothing_from_inner() {
    block_on(async {
        let mut t = Script::new([data(b"abc")]).take(0);
        assert_eq!(t.read(&mut [0u8; 4]).await.unwrap(), 0);
        assert_eq!(t.get_ref().reads, 0);
    });
}

#[test]
fn take_as_buf_read_caps_buffer() {
    block_on(async {
        let mut t = (&b"line one\nline two\n"[..]).take(6);
        let mut line = String::new();
        assert_eq!(t.read_line(&mut line).await.unwrap(), 6);
        assert_eq!(line, "line o");
        assert_eq!(t.read_line(&mut line).await.unwrap(), 0);
        assert_eq!(t.into_inner(), b"ne\nline two\n");
    });
}

#[test]
fn chain_reads_first_then_second() {
    block_on(async {
        let first = Script::new([data(b"ab"), Step::Pending, data(b"c")]);
        let second = Script::new([data(b"de")]);
        let mut c = first.chain(second);
        let mut out = String::new();
        assert_eq!(c.read_to_string(&mut out).await.unwrap(), 5);
        assert_eq!(out, "abcde");
        let (a, b) = c.get_ref();
        assert_eq!(a.reads, 4);
        assert_eq!(b.reads, 2);
    });
}

#[test]
fn chain_with_empty_buffer_does_not_skip_first() {
    block_on(async {
        let mut c = (&b"ab"[..]).chain(&b"cd"[..]);
        // A zero-length read must not be mistaken for the first's EOF.
        assert_eq!(c.read(&mut []).await.unwrap(), 0);
        let mut buf = [0u8; 4];
        c.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"abcd");
    });
}

#[test]
fn chain_as_buf_read_crosses_boundary() {
    block_on(async {
        let mut c = (&b"one\ntw"[..]).chain(&b"o\nthree"[..]);
        let mut lines = Vec::new();
        let mut line = String::new();
        while c.read_line(&mut line).await.unwrap() != 0 {
            lines.push(std::mem::take(&mut line));
        }
        assert_eq!(lines, ["one\n", "two\n", "three"]);
    });
}

#[test]
fn read_to_end_does_not_grow_an_exactly_sized_vec() {
    block_on(async {
        // Before reading into it, the vector is given room for at least 32
        // bytes unless it still has its original capacity of at least 32
        // bytes; so only capacities from 32 up are left alone.
        let all: Vec<u8> = (0..100).collect();
        for len in [0usize, 1, 31, 32, 33, 64, 99] {
            for split in [0, len / 2] {
                for cap in [0usize, len, len + 1, len + 40, 100]
                    .into_iter()
                    .filter(|&cap| cap >= 32)
                {
                    let bytes = &all[..len];
                    let steps = if split == 0 {
                        vec![data(bytes)]
                    } else {
                        vec![data(&bytes[..split]), data(&bytes[split..])]
                    };
                    let mut rd = Script::new(steps);
                    let mut buf = Vec::with_capacity(cap);
                    let cap = buf.capacity();
                    assert_eq!(rd.read_to_end(&mut buf).await.unwrap(), len);
                    assert_eq!(buf, bytes);
                    if cap >= len {
                        assert_eq!(buf.capacity(), cap, "len {len} split {split} cap {cap}");
                    }
                }
            }
        }
    });
}

/// A reader that initialises more than it fills and checks, on every call,
/// that read_to_end remembered how much of the spare room it initialised.
struct InitTracker {
    extra_init: usize,
    calls: usize,
}

impl runtime_core::io::AsyncRead for InitTracker {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
        buf: &mut runtime_core::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let seen = buf.initialized().len() - buf.filled().len();
        assert_eq!(
            seen, self.extra_init,
            "initialised spare room was forgotten"
        );
        if self.calls == 20 {
            return Poll::Ready(Ok(()));
        }
        self.calls += 1;
        // Initialise two more bytes than before, fill one.
        let want = (self.extra_init + 2).min(buf.remaining());
        buf.initialize_unfilled_to(want).fill(b'i');
        buf.advance(1);
        self.extra_init = want - 1;
        Poll::Ready(Ok(()))
    }
}

#[test]
fn read_to_end_remembers_initialised_spare_room() {
    block_on(async {
        let mut buf = Vec::with_capacity(64);
        let mut rd = InitTracker {
            extra_init: 0,
            calls: 0,
        };
        assert_eq!(rd.read_to_end(&mut buf).await.unwrap(), 20);
        assert_eq!(buf, vec![b'i'; 20]);
    });
}

#[test]
fn read_to_end_grows_like_tokio() {
    block_on(async {
        // A vector with less than 32 bytes of capacity gets room for 32
        // before the first read, even for an empty source.
        let mut buf = Vec::new();
        assert_eq!((&b""[..]).read_to_end(&mut buf).await.unwrap(), 0);
        assert_eq!(buf.capacity(), 32);

        // 34 bytes of room for 38 bytes of data: full after one read, a
        // probe read finds 4 more and grows the vector (doubling), then room
        // for 32 more is made before the read that finds end of file.
        let data: Vec<u8> = (0..38).collect();
        let mut rd = Script::new([Step::Data(data.clone())]);
        let mut buf = Vec::with_capacity(34);
        assert_eq!(rd.read_to_end(&mut buf).await.unwrap(), 38);
        assert_eq!(buf, data);
        assert_eq!(buf.capacity(), 34 * 4);
    });
}

/// A reader that logs, per call, how much room it was offered and how much
/// of it was already initialised; it initialises three bytes and fills one.
struct RoomLog {
    log: Vec<(usize, usize)>,
    calls: usize,
}

impl runtime_core::io::AsyncRead for RoomLog {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
        buf: &mut runtime_core::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let seen = buf.initialized().len() - buf.filled().len();
        self.log.push((buf.remaining(), seen));
        if self.calls == 0 {
            return Poll::Ready(Ok(()));
        }
        self.calls -= 1;
        buf.initialize_unfilled_to(3).fill(b'r');
        buf.advance(1);
        Poll::Ready(Ok(()))
    }
}

#[test]
fn read_to_end_probes_a_nearly_full_vec_before_growing_it() {
    block_on(async {
        let mut rd = RoomLog {
            log: Vec::new(),
            calls: 44,
        };
        let mut buf = Vec::with_capacity(40);
        assert_eq!(rd.read_to_end(&mut buf).await.unwrap(), 44);
        assert_eq!(buf, vec![b'r'; 44]);
        let mut want = Vec::new();
        // Reads into the spare room, which stays initialised across reads.
        want.push((40, 0));
        want.extend((1..9).map(|i| (40 - i, 2)));
        // Less than 32 bytes of room left: 32-byte probes on the stack,
        // the last of which (at 40 bytes) makes the vector grow.
        want.extend((9..=40).map(|_| (32, 0)));
        // Grown to 80: reads into the fresh, uninitialised room again.
        want.push((39, 0));
        want.extend((42..=44).map(|len| (80 - len, 2)));
        assert_eq!(rd.log, want);
        assert_eq!(buf.capacity(), 80);
    });
}
