//! TcpStream over loopback: data, addresses, options, try_* forms,
//! half-close, resets, and the split halves.

mod support;

use std::io::{self, IoSlice, IoSliceMut};

use runtime_core::io::AsyncWrite;
use std::time::Duration;

use runtime_net::{TcpListener, TcpStream};
use support::*;

#[test]
fn connect_and_exchange_both_ways() {
    block_on(async {
        let (mut a, mut b) = tcp_pair().await;
        assert_eq!(a.peer_addr().unwrap(), b.local_addr().unwrap());
        assert_eq!(b.peer_addr().unwrap(), a.local_addr().unwrap());
        write_all(&mut a, b"hello").await.unwrap();
        let mut buf = [0u8; 5];
        read_exact(&mut b, &mut buf).await.unwrap();
        assert_eq!(&buf, b"hello");
        write_all(&mut b, b"world!").await.unwrap();
        let mut buf = [0u8; 6];
        read_exact(&mut a, &mut buf).await.unwrap();
        assert_eq!(&buf, b"world!");
    });
}

#[test]
fn connect_refused_is_connection_refused() {
    block_on(async {
        // Bind then drop to find a port nobody listens on.
        let addr = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap()
        };
        let err = TcpStream::connect(addr).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::ConnectionRefused);
    });
}

#[test]
fn connect_tries_every_address_until_one_works() {
    block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let good = listener.local_addr().unwrap();
        let bad = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap()
        };
        let addrs = [bad, good];
        let (stream, accepted) = futures::join!(TcpStream::connect(&addrs[..]), listener.accept());
        assert_eq!(stream.unwrap().peer_addr().unwrap(), good);
        accepted.unwrap();
        let empty: &[std::net::SocketAddr] = &[];
        let err = TcpStream::connect(empty).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    });
}

#[test]
fn large_transfer_arrives_intact() {
    block_on(async {
        let (mut a, mut b) = tcp_pair().await;
        let data: Vec<u8> = (0..4 * 1024 * 1024u32).map(|i| (i % 251) as u8).collect();
        let expected = data.clone();
        let writer = runtime_core::task::spawn(async move {
            write_all(&mut a, &data).await.unwrap();
            shutdown(&mut a).await.unwrap();
            a
        });
        let got = read_to_end(&mut b).await.unwrap();
        assert_eq!(got.len(), expected.len());
        assert!(got == expected);
        writer.await.unwrap();
    });
}

#[test]
fn half_close_gives_peer_eof_while_reading_still_works() {
    block_on(async {
        let (mut a, mut b) = tcp_pair().await;
        write_all(&mut a, b"last words").await.unwrap();
        shutdown(&mut a).await.unwrap();
        // b sees the data, then end of file.
        assert_eq!(read_to_end(&mut b).await.unwrap(), b"last words");
        assert_eq!(read(&mut b, &mut [0u8; 8]).await.unwrap(), 0);
        // a can still read what b sends.
        write_all(&mut b, b"reply").await.unwrap();
        let mut buf = [0u8; 5];
        read_exact(&mut a, &mut buf).await.unwrap();
        assert_eq!(&buf, b"reply");
        // Writing after shutdown fails with BrokenPipe.
        let err = write(&mut a, b"x").await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        // Shutting down twice is fine.
        shutdown(&mut a).await.unwrap();
    });
}

#[test]
fn reset_gives_connection_reset_to_reader() {
    block_on(async {
        let (a, mut b) = tcp_pair().await;
        // Linger 0: closing sends RST instead of FIN.
        a.set_zero_linger().unwrap();
        assert_eq!(a.linger().unwrap(), Some(Duration::ZERO));
        drop(a);
        let err = read(&mut b, &mut [0u8; 8]).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::ConnectionReset);
    });
}

#[test]
fn shutdown_after_a_reset_is_ok() {
    block_on(async {
        let (a, mut b) = tcp_pair().await;
        a.set_zero_linger().unwrap();
        drop(a);
        // Once the RST has arrived (the read sees it), the socket is no
        // longer connected: shutting the write half down still succeeds.
        let err = read(&mut b, &mut [0u8; 8]).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::ConnectionReset);
        shutdown(&mut b).await.unwrap();
    });
}

#[test]
fn accepted_stream_reads_queued_bytes_without_waiting_for_an_event() {
    block_on(async {
        let listener = runtime_net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let mut client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        std::io::Write::write_all(&mut client, b"hello").unwrap();
        let (stream, _) = listener.accept().await.unwrap();
        // Wait (outside the runtime's readiness) until the bytes are queued.
        let mut peek = [0u8; 8];
        while std::net::TcpStream::peek(&client_view(&stream), &mut peek).unwrap_or(0) < 5 {
            std::thread::yield_now();
        }
        // The accepted stream starts out readable and writable: `try_*`
        // calls reach the socket before the driver reported anything.
        let mut buf = [0u8; 16];
        let n = stream.try_read(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"hello");
        assert_eq!(stream.try_write(b"world").unwrap(), 5);
        // Nothing more queued: the guess is cleared by the WouldBlock.
        assert_eq!(
            stream.try_read(&mut buf).unwrap_err().kind(),
            io::ErrorKind::WouldBlock
        );
    });
}

/// A std view of the same socket (for a `MSG_PEEK` that leaves the
/// runtime's readiness alone); forgotten, not closed, when done.
fn client_view(stream: &runtime_net::TcpStream) -> std::mem::ManuallyDrop<std::net::TcpStream> {
    use std::os::fd::{AsRawFd, FromRawFd};
    // SAFETY: the fd stays open while `stream` lives, and the view is never
    // dropped (ManuallyDrop), so it never closes it.
    std::mem::ManuallyDrop::new(unsafe { std::net::TcpStream::from_raw_fd(stream.as_raw_fd()) })
}

#[test]
fn writing_to_a_closed_peer_gives_broken_pipe_or_reset() {
    block_on(async {
        let (a, mut b) = tcp_pair().await;
        drop(a);
        // The first write may succeed (it provokes the RST); keep writing
        // until the error arrives. Never a panic, never a hang.
        let mut kinds = Vec::new();
        for _ in 0..1000 {
            match write(&mut b, &[0u8; 1024]).await {
                Ok(_) => {
                    runtime_core::task::yield_now().await;
                }
                Err(e) => {
                    kinds.push(e.kind());
                    break;
                }
            }
        }
        assert_eq!(kinds.len(), 1, "writing to a closed peer must fail");
        assert!(
            matches!(
                kinds[0],
                io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionReset
            ),
            "{:?}",
            kinds[0]
        );
        // Subsequent writes keep failing with BrokenPipe.
        let err = write(&mut b, b"x").await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    });
}

#[test]
fn peek_does_not_consume() {
    block_on(async {
        let (mut a, mut b) = tcp_pair().await;
        write_all(&mut a, b"abcdef").await.unwrap();
        let mut buf = [0u8; 3];
        // Peek may return fewer bytes than sent, but always a prefix.
        let n = b.peek(&mut buf).await.unwrap();
        assert!(n >= 1 && buf[..n] == b"abc"[..n]);
        let mut all = [0u8; 6];
        read_exact(&mut b, &mut all).await.unwrap();
        assert_eq!(&all, b"abcdef");
        // poll_peek through a ReadBuf.
        write_all(&mut a, b"xy").await.unwrap();
        let mut storage = [0u8; 8];
        let n = std::future::poll_fn(|cx| {
            let mut rb = runtime_core::io::ReadBuf::new(&mut storage);
            b.poll_peek(cx, &mut rb)
        })
        .await
        .unwrap();
        assert!(n >= 1 && storage[..n] == b"xy"[..n]);
        let mut two = [0u8; 2];
        read_exact(&mut b, &mut two).await.unwrap();
        assert_eq!(&two, b"xy");
    });
}

#[test]
fn try_read_and_try_write_with_readiness() {
    block_on(async {
        let (a, b) = tcp_pair().await;
        let mut buf = [0u8; 16];
        // Nothing sent yet: WouldBlock.
        let err = b.try_read(&mut buf).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);
        a.writable().await.unwrap();
        assert_eq!(a.try_write(b"ping").unwrap(), 4);
        let n = loop {
            b.readable().await.unwrap();
            match b.try_read(&mut buf) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Err(e) => panic!("{e}"),
            }
        };
        assert_eq!(&buf[..n], b"ping");
        // Vectored forms.
        let bufs = [IoSlice::new(b"ab"), IoSlice::new(b"cd")];
        assert_eq!(a.try_write_vectored(&bufs).unwrap(), 4);
        let mut x = [0u8; 1];
        let mut y = [0u8; 8];
        let n = loop {
            b.readable().await.unwrap();
            let mut slices = [IoSliceMut::new(&mut x), IoSliceMut::new(&mut y)];
            match b.try_read_vectored(&mut slices) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Err(e) => panic!("{e}"),
            }
        };
        assert_eq!(n, 4);
        assert_eq!((&x[..], &y[..3]), (&b"a"[..], &b"bcd"[..]));
        // try_read_buf appends to a BufMut.
        assert_eq!(a.try_write(b"buf!").unwrap(), 4);
        let mut v: Vec<u8> = Vec::with_capacity(16);
        let n = loop {
            b.readable().await.unwrap();
            match b.try_read_buf(&mut v) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Err(e) => panic!("{e}"),
            }
        };
        assert_eq!((n, &v[..]), (4, &b"buf!"[..]));
    });
}

#[test]
fn vectored_write_through_async_write() {
    block_on(async {
        let (mut a, mut b) = tcp_pair().await;
        assert!(a.is_write_vectored());
        let bufs = [
            IoSlice::new(b"one "),
            IoSlice::new(b"two "),
            IoSlice::new(b"three"),
        ];
        let n =
            std::future::poll_fn(|cx| std::pin::Pin::new(&mut a).poll_write_vectored(cx, &bufs))
                .await
                .unwrap();
        assert_eq!(n, 13);
        let mut buf = [0u8; 13];
        read_exact(&mut b, &mut buf).await.unwrap();
        assert_eq!(&buf, b"one two three");
    });
}

#[test]
fn socket_options_round_trip() {
    block_on(async {
        let (a, _b) = tcp_pair().await;
        a.set_nodelay(true).unwrap();
        assert!(a.nodelay().unwrap());
        a.set_nodelay(false).unwrap();
        assert!(!a.nodelay().unwrap());
        a.set_ttl(42).unwrap();
        assert_eq!(a.ttl().unwrap(), 42);
        #[allow(deprecated)]
        {
            a.set_linger(Some(Duration::from_secs(3))).unwrap();
            assert_eq!(a.linger().unwrap(), Some(Duration::from_secs(3)));
            a.set_linger(None).unwrap();
            assert_eq!(a.linger().unwrap(), None);
        }
        a.set_zero_linger().unwrap();
        assert_eq!(a.linger().unwrap(), Some(Duration::ZERO));
        a.set_quickack(true).unwrap();
        assert!(a.quickack().unwrap());
        a.set_quickack(false).unwrap();
        assert!(!a.quickack().unwrap());
        assert!(a.take_error().unwrap().is_none());
    });
}

#[test]
fn std_round_trip_keeps_the_connection() {
    block_on(async {
        let (a, mut b) = tcp_pair().await;
        let local = a.local_addr().unwrap();
        let std = a.into_std().unwrap();
        assert_eq!(std.local_addr().unwrap(), local);
        let mut a = TcpStream::from_std(std).unwrap();
        write_all(&mut a, b"still here").await.unwrap();
        let mut buf = [0u8; 10];
        read_exact(&mut b, &mut buf).await.unwrap();
        assert_eq!(&buf, b"still here");
        // TryFrom is from_std.
        let std = a.into_std().unwrap();
        let a = TcpStream::try_from(std).unwrap();
        assert_eq!(a.local_addr().unwrap(), local);
    });
}

#[test]
fn borrowed_split_reads_and_writes_concurrently() {
    block_on(async {
        let (mut a, mut b) = tcp_pair().await;
        let (mut ra, mut wa) = a.split();
        assert_eq!(ra.peer_addr().unwrap(), wa.peer_addr().unwrap());
        let echo = async {
            let mut buf = [0u8; 4];
            read_exact(&mut b, &mut buf).await.unwrap();
            write_all(&mut b, &buf).await.unwrap();
        };
        let client = async {
            write_all(&mut wa, b"echo").await.unwrap();
            let mut buf = [0u8; 4];
            read_exact(&mut ra, &mut buf).await.unwrap();
            buf
        };
        let ((), got) = futures::join!(echo, client);
        assert_eq!(&got, b"echo");
    });
}

#[test]
fn owned_split_moves_halves_to_tasks_and_reunites() {
    block_on(async {
        let (a, mut b) = tcp_pair().await;
        let (mut r, mut w) = a.into_split();
        let writer = runtime_core::task::spawn(async move {
            write_all(&mut w, b"from a task").await.unwrap();
            w
        });
        let mut buf = [0u8; 11];
        read_exact(&mut b, &mut buf).await.unwrap();
        assert_eq!(&buf, b"from a task");
        let w = writer.await.unwrap();
        write_all(&mut b, b"!").await.unwrap();
        let mut one = [0u8; 1];
        read_exact(&mut r, &mut one).await.unwrap();
        let stream = r.reunite(w).unwrap();
        assert_eq!(stream.peer_addr().unwrap(), b.local_addr().unwrap());
    });
}

#[test]
fn reunite_mismatched_halves_gives_them_back() {
    block_on(async {
        let (a, _pa) = tcp_pair().await;
        let (b, _pb) = tcp_pair().await;
        let (ra, wa) = a.into_split();
        let (rb, wb) = b.into_split();
        let err = ra.reunite(wb).unwrap_err();
        assert_eq!(
            err.to_string(),
            "tried to reunite halves that are not from the same socket"
        );
        let runtime_net::tcp::ReuniteError(ra, wb) = err;
        // The right pairs still reunite.
        ra.reunite(wa).unwrap();
        wb.reunite(rb).unwrap();
    });
}

#[test]
fn dropping_owned_write_half_shuts_down_unless_forgotten() {
    block_on(async {
        let (a, mut b) = tcp_pair().await;
        let (_r, w) = a.into_split();
        drop(w);
        assert_eq!(read(&mut b, &mut [0u8; 4]).await.unwrap(), 0);

        let (c, mut d) = tcp_pair().await;
        let (r, w) = c.into_split();
        w.forget();
        // The write direction is still open: the stream can send, and the
        // peer reads data rather than end of file.
        let stream: &TcpStream = r.as_ref();
        stream.writable().await.unwrap();
        assert_eq!(stream.try_write(b"open").unwrap(), 4);
        let mut buf = [0u8; 4];
        read_exact(&mut d, &mut buf).await.unwrap();
        assert_eq!(&buf, b"open");
    });
}

/// Anything that is a view of a stream: the stream itself and every half.
fn peer_of<S: AsRef<TcpStream>>(s: &S) -> std::net::SocketAddr {
    s.as_ref().peer_addr().unwrap()
}

#[test]
fn stream_and_halves_are_as_ref_stream() {
    block_on(async {
        let (mut a, b) = tcp_pair().await;
        let peer = b.local_addr().unwrap();
        assert_eq!(peer_of(&a), peer);
        {
            let (r, w) = a.split();
            assert_eq!((peer_of(&r), peer_of(&w)), (peer, peer));
        }
        let (r, w) = a.into_split();
        assert_eq!((peer_of(&r), peer_of(&w)), (peer, peer));
    });
}

#[test]
fn readiness_checks_take_no_budget_but_operations_do() {
    block_on(async {
        let (a, _b) = tcp_pair().await;
        a.writable().await.unwrap();
        // Far more readiness checks than a task's budget (128) within one
        // poll: none of them returns `Pending`.
        std::future::poll_fn(|cx| {
            for _ in 0..1_000 {
                let mut check = std::pin::pin!(a.writable());
                assert!(std::future::Future::poll(check.as_mut(), cx).is_ready());
            }
            std::task::Poll::Ready(())
        })
        .await;
    });
}
