//! duplex and simplex: data flow, back-pressure, closing, wakes.

#[path = "support/io_mock.rs"]
mod mock;

use std::io::{ErrorKind, IoSlice};
use std::pin::pin;
use std::task::Poll;

use mock::{CountWaker, block_on, poll_once};
use runtime_core::io::{self, AsyncReadExt, AsyncWriteExt, SimplexStream};

#[test]
fn duplex_both_directions() {
    block_on(async {
        let (mut a, mut b) = io::duplex(16);
        a.write_all(b"ping").await.unwrap();
        b.write_all(b"pong").await.unwrap();
        let mut buf = [0u8; 4];
        b.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"ping");
        a.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"pong");
    });
}

#[test]
fn duplex_back_pressure_at_capacity() {
    let (writer_wakes, writer_waker) = CountWaker::new();
    let (mut a, mut b) = io::duplex(4);
    {
        let mut w = pin!(a.write(b"abcdef"));
        // Only the capacity is taken.
        assert!(matches!(
            poll_once(w.as_mut(), &writer_waker),
            Poll::Ready(Ok(4))
        ));
    }
    let mut w = pin!(a.write(b"ef"));
    assert!(poll_once(w.as_mut(), &writer_waker).is_pending());
    assert_eq!(writer_wakes.count(), 0);

    // Reading makes room and wakes the writer exactly once.
    let (_, reader_waker) = CountWaker::new();
    let mut buf = [0u8; 3];
    {
        let mut r = pin!(b.read(&mut buf));
        assert!(matches!(
            poll_once(r.as_mut(), &reader_waker),
            Poll::Ready(Ok(3))
        ));
    }
    assert_eq!(&buf, b"abc");
    assert_eq!(writer_wakes.count(), 1);
    assert!(matches!(
        poll_once(w.as_mut(), &writer_waker),
        Poll::Ready(Ok(2))
    ));
}

#[test]
fn duplex_reader_is_woken_by_write() {
    let (reader_wakes, reader_waker) = CountWaker::new();
    let (mut a, mut b) = io::duplex(8);
    let mut buf = [0u8; 8];
    let mut r = pin!(b.read(&mut buf));
    assert!(poll_once(r.as_mut(), &reader_waker).is_pending());
    block_on(async { a.write_all(b"hi").await.unwrap() });
    assert_eq!(reader_wakes.count(), 1);
    assert!(matches!(
        poll_once(r.as_mut(), &reader_waker),
        Poll::Ready(Ok(2))
    ));
}

#[test]
fn duplex_shutdown_gives_eof_after_data() {
    block_on(async {
        let (mut a, mut b) = io::duplex(64);
        a.write_all(b"last words").await.unwrap();
        a.shutdown().await.unwrap();
        let mut got = String::new();
        assert_eq!(b.read_to_string(&mut got).await.unwrap(), 10);
        assert_eq!(got, "last words");
        // The other direction still works after a's shutdown.
        b.write_all(b"reply").await.unwrap();
        let mut buf = [0u8; 5];
        a.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"reply");
        // Writing after one's own shutdown fails.
        assert_eq!(
            a.write(b"x").await.unwrap_err().kind(),
            ErrorKind::BrokenPipe
        );
    });
}

#[test]
fn duplex_drop_closes_both_directions_and_wakes() {
    let (reader_wakes, reader_waker) = CountWaker::new();
    let (writer_wakes, writer_waker) = CountWaker::new();
    let (a, mut b) = io::duplex(2);
    {
        let mut fill = pin!(b.write(b"xy"));
        assert!(matches!(
            poll_once(fill.as_mut(), &writer_waker),
            Poll::Ready(Ok(2))
        ));
    }
    {
        let mut blocked = pin!(b.write(b"z"));
        assert!(poll_once(blocked.as_mut(), &writer_waker).is_pending());
    }
    {
        let mut buf = [0u8; 1];
        let mut r = pin!(b.read(&mut buf));
        assert!(poll_once(r.as_mut(), &reader_waker).is_pending());
    }

    drop(a);
    assert_eq!(reader_wakes.count(), 1);
    assert_eq!(writer_wakes.count(), 1);
    block_on(async {
        let mut buf = [0u8; 1];
        assert_eq!(b.read(&mut buf).await.unwrap(), 0);
        assert_eq!(
            b.write(b"z").await.unwrap_err().kind(),
            ErrorKind::BrokenPipe
        );
    });
}

#[test]
fn duplex_peer_drop_keeps_buffered_data_readable() {
    block_on(async {
        let (mut a, mut b) = io::duplex(64);
        a.write_all(b"still here").await.unwrap();
        drop(a);
        let mut got = Vec::new();
        b.read_to_end(&mut got).await.unwrap();
        assert_eq!(got, b"still here");
    });
}

#[test]
fn duplex_vectored_write_respects_capacity() {
    block_on(async {
        let (mut a, mut b) = io::duplex(5);
        let bufs = [IoSlice::new(b"abc"), IoSlice::new(b"defg")];
        assert_eq!(a.write_vectored(&bufs).await.unwrap(), 5);
        let mut buf = [0u8; 5];
        b.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"abcde");
    });
}

#[test]
fn duplex_large_transfer_through_small_pipe() {
    block_on(async {
        let (mut a, mut b) = io::duplex(7);
        let payload: Vec<u8> = (0..10_000u32).map(|i| (i % 253) as u8).collect();
        let send = async {
            a.write_all(&payload).await.unwrap();
            a.shutdown().await.unwrap();
        };
        let recv = async {
            let mut got = Vec::new();
            b.read_to_end(&mut got).await.unwrap();
            got
        };
        let ((), got) = futures::join!(send, recv);
        assert_eq!(got, payload);
    });
}

#[test]
fn simplex_halves() {
    block_on(async {
        let (mut rx, mut tx) = io::simplex(4);
        let send = async {
            tx.write_all(b"more than four").await.unwrap();
            tx.shutdown().await.unwrap();
        };
        let recv = async {
            let mut got = String::new();
            rx.read_to_string(&mut got).await.unwrap();
            got
        };
        let ((), got) = futures::join!(send, recv);
        assert_eq!(got, "more than four");
    });
}

#[test]
fn simplex_unsplit_is_a_loopback() {
    block_on(async {
        let mut pipe = SimplexStream::new_unsplit(8);
        pipe.write_all(b"echo").await.unwrap();
        let mut buf = [0u8; 4];
        pipe.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"echo");
        pipe.shutdown().await.unwrap();
        assert_eq!(pipe.read(&mut buf).await.unwrap(), 0);
        assert_eq!(
            pipe.write(b"x").await.unwrap_err().kind(),
            ErrorKind::BrokenPipe
        );
    });
}

#[test]
#[should_panic = "`max_buf_size` must be greater than 0"]
fn simplex_zero_capacity_panics() {
    let _ = SimplexStream::new_unsplit(0);
}

#[test]
#[should_panic = "`max_buf_size` must be greater than 0"]
fn simplex_halves_zero_capacity_panics() {
    let _ = io::simplex(0);
}

#[test]
#[should_panic = "`max_buf_size` must be greater than 0"]
fn duplex_zero_capacity_panics() {
    let _ = io::duplex(0);
}

#[test]
fn zero_length_read_is_ready_without_data_or_eof() {
    let (reader_wakes, reader_waker) = CountWaker::new();
    let (mut a, mut b) = io::duplex(1);
    {
        let mut empty: [u8; 0] = [];
        let mut r = pin!(b.read(&mut empty));
        assert!(matches!(
            poll_once(r.as_mut(), &reader_waker),
            Poll::Ready(Ok(0))
        ));
    }
    // No waker was left behind: data arriving wakes nobody.
    block_on(a.write_all(b"x")).unwrap();
    assert_eq!(reader_wakes.count(), 0);
}

#[test]
fn zero_length_write_is_ready_on_a_full_pipe_and_wakes_nobody() {
    let (reader_wakes, reader_waker) = CountWaker::new();
    let (writer_wakes, writer_waker) = CountWaker::new();
    let (mut a, mut b) = io::duplex(1);
    // A reader waiting for data.
    let mut buf = [0u8; 1];
    let mut r = pin!(b.read(&mut buf));
    assert!(poll_once(r.as_mut(), &reader_waker).is_pending());
    for bufs in [&[][..], &[IoSlice::new(&[]), IoSlice::new(&[])][..]] {
        let mut w = pin!(a.write_vectored(bufs));
        assert!(matches!(
            poll_once(w.as_mut(), &writer_waker),
            Poll::Ready(Ok(0))
        ));
    }
    {
        let mut w = pin!(a.write(&[]));
        assert!(matches!(
            poll_once(w.as_mut(), &writer_waker),
            Poll::Ready(Ok(0))
        ));
    }
    assert_eq!(reader_wakes.count(), 0);
    // Fill the pipe: zero-length writes are still ready at once.
    block_on(a.write_all(b"x")).unwrap();
    assert_eq!(reader_wakes.count(), 1);
    {
        let mut w = pin!(a.write(&[]));
        assert!(matches!(
            poll_once(w.as_mut(), &writer_waker),
            Poll::Ready(Ok(0))
        ));
    }
    assert_eq!(writer_wakes.count(), 0);
}

#[test]
fn zero_length_writes_to_a_closed_pipe_fail() {
    let (mut a, b) = io::duplex(1);
    drop(b);
    let err = block_on(a.write(&[])).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BrokenPipe);
    let bufs = [IoSlice::new(&[]), IoSlice::new(&[])];
    let err = block_on(a.write_vectored(&bufs)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BrokenPipe);
}

#[test]
fn duplex_read_into_empty_buf_does_not_wake_the_writer() {
    let (writer_wakes, writer_waker) = CountWaker::new();
    let (mut a, mut b) = io::duplex(2);
    {
        let mut fill = pin!(a.write(b"xy"));
        assert!(matches!(
            poll_once(fill.as_mut(), &writer_waker),
            Poll::Ready(Ok(2))
        ));
    }
    let mut blocked = pin!(a.write(b"z"));
    assert!(poll_once(blocked.as_mut(), &writer_waker).is_pending());

    // Reading nothing makes no room: the writer stays asleep.
    let (_, reader_waker) = CountWaker::new();
    {
        let mut empty: [u8; 0] = [];
        let mut r = pin!(b.read(&mut empty));
        assert!(matches!(
            poll_once(r.as_mut(), &reader_waker),
            Poll::Ready(Ok(0))
        ));
    }
    assert_eq!(writer_wakes.count(), 0);

    let mut buf = [0u8; 1];
    {
        let mut r = pin!(b.read(&mut buf));
        assert!(matches!(
            poll_once(r.as_mut(), &reader_waker),
            Poll::Ready(Ok(1))
        ));
    }
    assert_eq!(writer_wakes.count(), 1);
    assert!(matches!(
        poll_once(blocked.as_mut(), &writer_waker),
        Poll::Ready(Ok(1))
    ));
}

/// Writes and reads of sizes that do not divide the capacity, so that the
/// pipe's store wraps around at every offset, interleaved with pipes that
/// still grow: every byte arrives once and in order.
#[test]
fn duplex_odd_sizes_wrap_and_grow_in_order() {
    for cap in [1, 7, 64, 100, 1000, 70_000] {
        let (mut a, mut b) = io::duplex(cap);
        let payload: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut sent = 0;
        let mut got = Vec::with_capacity(payload.len());
        let mut sizes = [13usize, 1, 300, 64, 4097, 5].iter().cycle();
        let (_, waker) = CountWaker::new();
        while got.len() < payload.len() {
            // Write until the pipe is full (or the payload is out).
            while sent < payload.len() {
                let end = (sent + sizes.next().unwrap()).min(payload.len());
                let mut w = pin!(a.write(&payload[sent..end]));
                match poll_once(w.as_mut(), &waker) {
                    Poll::Ready(Ok(n)) => sent += n,
                    Poll::Pending => break,
                    Poll::Ready(Err(e)) => panic!("{e}"),
                }
            }
            // Read a few odd-sized pieces.
            for _ in 0..3 {
                let mut buf = vec![0u8; *sizes.next().unwrap()];
                let mut r = pin!(b.read(&mut buf));
                match poll_once(r.as_mut(), &waker) {
                    Poll::Ready(Ok(n)) => got.extend_from_slice(&buf[..n]),
                    Poll::Pending => break,
                    Poll::Ready(Err(e)) => panic!("{e}"),
                }
            }
        }
        assert_eq!(got, payload, "capacity {cap}");
    }
}

#[test]
fn duplex_vectored_write_across_the_wrap() {
    block_on(async {
        let (mut a, mut b) = io::duplex(8);
        a.write_all(b"123456").await.unwrap();
        let mut buf = [0u8; 5];
        b.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"12345");
        // One byte held at offset 5: these 7 bytes go to the end and wrap.
        let bufs = [
            IoSlice::new(b"ab"),
            IoSlice::new(b""),
            IoSlice::new(b"cdefgh"),
        ];
        assert_eq!(a.write_vectored(&bufs).await.unwrap(), 7);
        let mut buf = [0u8; 8];
        b.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"6abcdefg");
    });
}

/// A waker that owns the other end of the pipe: dropping it closes the pipe.
struct OwnsPeer {
    _peer: io::DuplexStream,
}

impl std::task::Wake for OwnsPeer {
    fn wake(self: std::sync::Arc<Self>) {}
}

/// Polls `fut` with a waker owning `peer`, then replaces that waker: the
/// replaced waker (and with it `peer`) must be dropped outside the pipe's
/// lock, or the drop would deadlock on it.
fn replace_waker_owning_peer(peer: io::DuplexStream, fut: impl std::future::Future<Output = ()>) {
    use std::task::{Context, Waker};
    let mut fut = std::pin::pin!(fut);
    let owner = Waker::from(std::sync::Arc::new(OwnsPeer { _peer: peer }));
    assert!(
        fut.as_mut()
            .poll(&mut Context::from_waker(&owner))
            .is_pending()
    );
    drop(owner);
    let mut cx = Context::from_waker(Waker::noop());
    // The replacement drops the peer, which closes the pipe...
    assert!(fut.as_mut().poll(&mut cx).is_pending());
    // ...and the operation then sees it closed.
    assert!(fut.as_mut().poll(&mut cx).is_ready());
}

#[test]
fn replaced_read_waker_is_dropped_outside_the_lock() {
    let (mut reader, peer) = io::duplex(1);
    replace_waker_owning_peer(peer, async move {
        let mut buf = [0u8; 1];
        assert_eq!(reader.read(&mut buf).await.unwrap(), 0);
    });
}

#[test]
fn replaced_write_waker_is_dropped_outside_the_lock() {
    let (mut writer, peer) = io::duplex(1);
    replace_waker_owning_peer(peer, async move {
        let err = writer.write_all(b"xy").await.unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
    });
}
