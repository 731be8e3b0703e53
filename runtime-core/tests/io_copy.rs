//! copy, copy_buf, copy_bidirectional(_with_sizes).

#[path = "support/io_mock.rs"]
mod mock;

use std::io::ErrorKind;
use std::pin::pin;

use mock::{CountWaker, Script, Step, Trickle, block_on, data, poll_once};
use runtime_core::io::{self, AsyncReadExt, AsyncWriteExt, BufReader, BufWriter};

#[test]
fn copy_moves_everything_and_flushes() {
    block_on(async {
        let mut rd = Script::new([data(b"abc"), Step::Pending, data(b"defgh")]);
        let mut wr = Trickle::new(2);
        assert_eq!(io::copy(&mut rd, &mut wr).await.unwrap(), 8);
        assert_eq!(wr.data, b"abcdefgh");
        // Once while the reader was pending with bytes written, once at the
        // end.
        assert_eq!(wr.flushes, 2);
        // copy does not shut the writer down.
        assert_eq!(wr.shutdowns, 0);
    });
}

#[test]
fn copy_large_input() {
    block_on(async {
        let input: Vec<u8> = (0..100_000u32).map(|i| (i * 7) as u8).collect();
        let mut rd = &input[..];
        let mut out = Vec::new();
        assert_eq!(io::copy(&mut rd, &mut out).await.unwrap(), 100_000);
        assert_eq!(out, input);
    });
}

#[test]
fn copy_of_empty_reader_is_zero() {
    block_on(async {
        let mut out = Vec::new();
        assert_eq!(io::copy(&mut io::empty(), &mut out).await.unwrap(), 0);
        assert!(out.is_empty());
    });
}

#[test]
fn copy_write_zero() {
    block_on(async {
        let mut rd: &[u8] = b"0123456789";
        let mut wr = Trickle::new(4);
        wr.limit = Some(6);
        let err = io::copy(&mut rd, &mut wr).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WriteZero);
        assert_eq!(wr.data, b"012345");
    });
}

#[test]
fn copy_read_error() {
    block_on(async {
        let mut rd = Script::new([data(b"ab"), Step::Fail(ErrorKind::ConnectionReset)]);
        let mut wr = Vec::new();
        let err = io::copy(&mut rd, &mut wr).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ConnectionReset);
    });
}

#[test]
fn copy_flushes_buffered_writer_while_reader_waits() {
    // A reader that waits after some data, into a BufWriter: copy must flush
    // before it parks, or the peer would never see the bytes.
    let (_, waker) = CountWaker::new();
    let (mut peer, near) = io::duplex(64);
    let mut src = Script::new([data(b"question"), Step::Pending]);
    let mut dst = BufWriter::new(near);
    {
        let mut fut = pin!(io::copy(&mut src, &mut dst));
        assert!(poll_once(fut.as_mut(), &waker).is_pending());
    }
    block_on(async {
        let mut got = [0u8; 8];
        peer.read_exact(&mut got).await.unwrap();
        assert_eq!(&got, b"question");
    });
}

#[test]
fn copy_buf_uses_reader_buffer() {
    block_on(async {
        let mut rd = BufReader::with_capacity(3, Script::new([data(b"abcdefg")]));
        let mut wr = Trickle::new(2);
        assert_eq!(io::copy_buf(&mut rd, &mut wr).await.unwrap(), 7);
        assert_eq!(wr.data, b"abcdefg");
        assert_eq!(wr.flushes, 1);
    });
}

#[test]
fn copy_buf_write_zero_and_errors() {
    block_on(async {
        let mut rd: &[u8] = b"abcdef";
        let mut wr = Trickle::new(4);
        wr.limit = Some(4);
        let err = io::copy_buf(&mut rd, &mut wr).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WriteZero);
        // Only what the writer took was consumed.
        assert_eq!(rd, b"ef");

        let mut bad = BufReader::new(Script::new([Step::Fail(ErrorKind::BrokenPipe)]));
        let err = io::copy_buf(&mut bad, &mut Vec::new()).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BrokenPipe);
    });
}

/// A writer that fails every other write with `Interrupted`, starting with
/// the first.
#[derive(Default)]
struct Interrupting {
    data: Vec<u8>,
    calls: usize,
}

impl io::AsyncWrite for Interrupting {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        self.calls += 1;
        if self.calls % 2 == 1 {
            return std::task::Poll::Ready(Err(ErrorKind::Interrupted.into()));
        }
        // One byte at a time, so that the copy needs several writes.
        self.data.push(buf[0]);
        std::task::Poll::Ready(Ok(1))
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
fn copy_retries_interrupted_reads_and_writes() {
    block_on(async {
        let mut rd = Script::new([
            Step::Fail(ErrorKind::Interrupted),
            data(b"ab"),
            Step::Fail(ErrorKind::Interrupted),
            data(b"cd"),
        ]);
        let mut wr = Interrupting::default();
        assert_eq!(io::copy(&mut rd, &mut wr).await.unwrap(), 4);
        assert_eq!(wr.data, b"abcd");
        assert_eq!(wr.calls, 8, "each byte's write was interrupted once");
    });
}

#[test]
fn copy_buf_retries_interrupted_reads_and_writes() {
    block_on(async {
        let mut rd = BufReader::new(Script::new([
            Step::Fail(ErrorKind::Interrupted),
            data(b"ab"),
            Step::Fail(ErrorKind::Interrupted),
            data(b"cd"),
        ]));
        let mut wr = Interrupting::default();
        assert_eq!(io::copy_buf(&mut rd, &mut wr).await.unwrap(), 4);
        assert_eq!(wr.data, b"abcd");
        assert_eq!(wr.calls, 8);
    });
}

#[test]
fn copy_buf_flushes_buffered_writer_while_reader_waits() {
    // As for `copy`: the peer must see the bytes before copy_buf parks on
    // its reader.
    let (_, waker) = CountWaker::new();
    let (mut peer, near) = io::duplex(64);
    let mut src = BufReader::new(Script::new([data(b"question"), Step::Pending]));
    let mut dst = BufWriter::new(near);
    {
        let mut fut = pin!(io::copy_buf(&mut src, &mut dst));
        assert!(poll_once(fut.as_mut(), &waker).is_pending());
    }
    block_on(async {
        let mut got = [0u8; 8];
        peer.read_exact(&mut got).await.unwrap();
        assert_eq!(&got, b"question");
    });
}

#[test]
fn copy_bidirectional_one_side_closes_first() {
    block_on(async {
        let (mut client, mut a) = io::duplex(32);
        let (mut b, mut server) = io::duplex(32);

        // The client sends and closes its write side at once; the server
        // answers only after it has seen the client's end of file.
        client.write_all(b"request").await.unwrap();
        client.shutdown().await.unwrap();

        let proxy = io::copy_bidirectional(&mut a, &mut b);
        let server_side = async {
            let mut req = Vec::new();
            server.read_to_end(&mut req).await.unwrap();
            assert_eq!(req, b"request");
            server.write_all(b"response").await.unwrap();
            server.shutdown().await.unwrap();
        };
        let (counts, ()) = futures::join!(proxy, server_side);
        assert_eq!(counts.unwrap(), (7, 8));

        let mut resp = Vec::new();
        client.read_to_end(&mut resp).await.unwrap();
        assert_eq!(resp, b"response");
    });
}

#[test]
fn copy_bidirectional_error_ends_both() {
    block_on(async {
        let (mut a, peer_a) = io::duplex(8);
        let (mut b, peer_b) = io::duplex(8);
        drop(peer_b); // writes to b fail with BrokenPipe
        let mut peer_a = peer_a;
        peer_a.write_all(b"x").await.unwrap();
        let err = io::copy_bidirectional(&mut a, &mut b).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BrokenPipe);
    });
}

#[test]
fn copy_bidirectional_with_small_buffers() {
    block_on(async {
        let (mut left, mut a) = io::duplex(1024);
        let (mut b, mut right) = io::duplex(1024);
        let payload: Vec<u8> = (0..500u32).map(|i| i as u8).collect();
        left.write_all(&payload).await.unwrap();
        left.shutdown().await.unwrap();
        right.write_all(b"back").await.unwrap();
        right.shutdown().await.unwrap();
        let counts = io::copy_bidirectional_with_sizes(&mut a, &mut b, 7, 3)
            .await
            .unwrap();
        assert_eq!(counts, (500, 4));
        let mut got = Vec::new();
        right.read_to_end(&mut got).await.unwrap();
        assert_eq!(got, payload);
        let mut back = Vec::new();
        left.read_to_end(&mut back).await.unwrap();
        assert_eq!(back, b"back");
    });
}

#[test]
#[should_panic(expected = "`a_to_b_buf_size` must be greater than 0")]
fn copy_bidirectional_with_zero_a_to_b_buffer_panics() {
    let (mut a, _peer_a) = io::duplex(8);
    let (mut b, _peer_b) = io::duplex(8);
    block_on(io::copy_bidirectional_with_sizes(&mut a, &mut b, 0, 8)).unwrap();
}

#[test]
#[should_panic(expected = "`b_to_a_buf_size` must be greater than 0")]
fn copy_bidirectional_with_zero_b_to_a_buffer_panics() {
    let (mut a, _peer_a) = io::duplex(8);
    let (mut b, _peer_b) = io::duplex(8);
    block_on(io::copy_bidirectional_with_sizes(&mut a, &mut b, 8, 0)).unwrap();
}
