//! `io::simplex`: a bounded one-way byte channel.
#![cfg(feature = "io")]

use std::io::{ErrorKind, IoSlice};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use runtime_core::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use runtime_test::{assert_pending, assert_ready, task};
use runtime_util::io::simplex;

fn noop() -> Context<'static> {
    Context::from_waker(Waker::noop())
}

#[test]
fn bytes_flow_through_a_small_buffer_in_order() {
    let (mut tx, mut rx) = simplex::new(3);
    let data: Vec<u8> = (0..=255).collect();
    let mut writer = task::spawn(async {
        tx.write_all(&data).await.unwrap();
        tx.shutdown().await.unwrap();
    });
    let mut out = Vec::new();
    let mut reader = task::spawn(rx.read_to_end(&mut out));
    // Drive both by hand, outside any runtime (so with no budget): each
    // side waits for the other, and is woken by it.
    let mut writer_done = false;
    loop {
        if !writer_done {
            writer_done = writer.poll().is_ready();
        }
        if let Poll::Ready(n) = reader.poll() {
            assert_eq!(n.unwrap(), 256);
            break;
        }
        assert!(writer.is_woken() || reader.is_woken());
    }
    drop(reader);
    assert_eq!(out, data);
}

#[test]
fn a_full_buffer_makes_the_writer_wait_until_a_read() {
    let (mut tx, mut rx) = simplex::new(2);
    let mut cx = noop();
    assert!(matches!(
        Pin::new(&mut tx).poll_write(&mut cx, b"abc"),
        Poll::Ready(Ok(2))
    ));
    let mut write = task::spawn(async { tx.write_all(b"c").await });
    assert_pending!(write.poll());
    let mut byte = [0; 1];
    let mut buf = ReadBuf::new(&mut byte);
    assert!(matches!(
        Pin::new(&mut rx).poll_read(&mut cx, &mut buf),
        Poll::Ready(Ok(()))
    ));
    assert_eq!(buf.filled(), b"a");
    assert!(write.is_woken());
    assert_ready!(write.poll()).unwrap();
}

#[test]
fn an_empty_buffer_makes_the_reader_wait_until_a_write() {
    let (mut tx, mut rx) = simplex::new(8);
    let mut byte = [0; 4];
    let mut read = task::spawn(rx.read(&mut byte));
    assert_pending!(read.poll());
    assert!(matches!(
        Pin::new(&mut tx).poll_write(&mut noop(), b"hi"),
        Poll::Ready(Ok(2))
    ));
    assert!(read.is_woken());
    assert_eq!(assert_ready!(read.poll()).unwrap(), 2);
    assert_eq!(&byte[..2], b"hi");
}

#[test]
fn empty_writes_and_full_read_buffers_return_at_once() {
    let (mut tx, mut rx) = simplex::new(1);
    let mut cx = noop();
    assert!(matches!(
        Pin::new(&mut tx).poll_write(&mut cx, b"x"),
        Poll::Ready(Ok(1))
    ));
    // Full channel, but nothing to write.
    assert!(matches!(
        Pin::new(&mut tx).poll_write(&mut cx, b""),
        Poll::Ready(Ok(0))
    ));
    let (_tx2, mut rx2) = simplex::new(1);
    // Empty channel, but no room to read into.
    let mut buf = ReadBuf::new(&mut []);
    assert!(matches!(
        Pin::new(&mut rx2).poll_read(&mut cx, &mut buf),
        Poll::Ready(Ok(()))
    ));
    let _ = &mut rx;
}

#[test]
fn vectored_writes_fill_the_room_left() {
    let (mut tx, mut rx) = simplex::new(5);
    assert!(tx.is_write_vectored());
    let bufs = [
        IoSlice::new(b""),
        IoSlice::new(b"abc"),
        IoSlice::new(b"defg"),
    ];
    assert!(matches!(
        Pin::new(&mut tx).poll_write_vectored(&mut noop(), &bufs),
        Poll::Ready(Ok(5))
    ));
    drop(tx);
    let mut out = Vec::new();
    runtime_test::block_on(rx.read_to_end(&mut out)).unwrap();
    assert_eq!(out, b"abcde");
}

#[test]
fn shutdown_and_drop_close_the_channel_and_wake_the_other_half() {
    // Shutdown: the reader gets the rest, then end of file; the writer's
    // next writes and flushes fail; shutting down again is fine.
    let (mut tx, mut rx) = simplex::new(8);
    let mut out = Vec::new();
    let mut read = task::spawn(rx.read_to_end(&mut out));
    assert_pending!(read.poll());
    runtime_test::block_on(tx.write_all(b"end")).unwrap();
    assert_pending!(read.poll());
    runtime_test::block_on(tx.shutdown()).unwrap();
    assert!(read.is_woken());
    assert_eq!(assert_ready!(read.poll()).unwrap(), 3);
    drop(read);
    assert_eq!(out, b"end");
    let err = runtime_test::block_on(tx.write_all(b"x")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BrokenPipe);
    let err = runtime_test::block_on(tx.flush()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BrokenPipe);
    runtime_test::block_on(tx.shutdown()).unwrap();

    // Dropping the receiver wakes a writer waiting for room.
    let (mut tx, rx) = simplex::new(1);
    let mut write = task::spawn(async { tx.write_all(b"ab").await });
    assert_pending!(write.poll());
    drop(rx);
    assert!(write.is_woken());
    assert_eq!(
        assert_ready!(write.poll()).unwrap_err().kind(),
        ErrorKind::BrokenPipe
    );

    // Dropping the sender: end of file after the buffered bytes.
    let (tx, mut rx) = simplex::new(4);
    drop(tx);
    let mut buf = [0; 2];
    let err = runtime_test::block_on(rx.read_exact(&mut buf)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnexpectedEof);
}

#[test]
#[should_panic(expected = "greater than zero")]
fn zero_capacity_panics() {
    let _ = simplex::new(0);
}
