//! `net::Listener`: accepting through the trait over TCP and Unix sockets,
//! and through `Either`.
#![cfg(feature = "net")]

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};

use runtime_core::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};
use runtime_net::{TcpListener, TcpStream, UnixListener, UnixStream};
use runtime_util::either::Either;
use runtime_util::net::{Listener, ListenerAcceptFut};

fn rt() -> runtime_core::runtime::Runtime {
    runtime_core::runtime::Builder::new_current_thread()
        .driver_layer(runtime_net::driver::layer())
        .build()
        .unwrap()
}

/// A fresh socket path in the temporary directory, removed on drop.
struct SocketPath(PathBuf);

impl SocketPath {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "runtime-util-listener-{}-{n}.sock",
            std::process::id()
        ));
        let _ = std::fs::remove_file(&path);
        SocketPath(path)
    }
}

impl Drop for SocketPath {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Accepts one connection through the trait only and echoes one message.
async fn echo_one<L>(listener: &mut L) -> io::Result<L::Addr>
where
    L: Listener,
    L::Io: Unpin,
{
    let (mut io, addr) = listener.accept().await?;
    let mut buf = [0u8; 32];
    let n = io.read(&mut buf).await?;
    io.write_all(&buf[..n]).await?;
    Ok(addr)
}

#[test]
fn tcp_listener_accepts_through_the_trait() {
    rt().block_on(async {
        let mut listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = Listener::local_addr(&listener).unwrap();
        assert_eq!(addr, listener.local_addr().unwrap());

        let mut client = TcpStream::connect(addr).await.unwrap();
        client.write_all(b"ping").await.unwrap();
        let peer: std::net::SocketAddr = echo_one(&mut listener).await.unwrap();
        assert_eq!(peer, client.local_addr().unwrap());

        let mut reply = [0u8; 4];
        client.read_exact(&mut reply).await.unwrap();
        assert_eq!(&reply, b"ping");
    });
}

#[test]
fn unix_listener_accepts_through_the_trait() {
    rt().block_on(async {
        let path = SocketPath::new();
        let mut listener = UnixListener::bind(&path.0).unwrap();
        let local: runtime_net::unix::SocketAddr = Listener::local_addr(&listener).unwrap();
        assert_eq!(local.as_pathname(), Some(path.0.as_path()));

        let mut client = UnixStream::connect(&path.0).await.unwrap();
        client.write_all(b"over unix").await.unwrap();
        let peer = echo_one(&mut listener).await.unwrap();
        // The client did not bind: its address is unnamed.
        assert!(peer.is_unnamed());

        let mut reply = [0u8; 9];
        client.read_exact(&mut reply).await.unwrap();
        assert_eq!(&reply, b"over unix");
    });
}

#[test]
fn poll_accept_is_pending_until_a_connection_arrives() {
    rt().block_on(async {
        let mut listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();

        let pending = std::future::poll_fn(|cx: &mut Context<'_>| {
            Poll::Ready(Listener::poll_accept(&mut listener, cx).is_pending())
        })
        .await;
        assert!(pending);

        let client = TcpStream::connect(addr).await.unwrap();
        let (_server, peer) = std::future::poll_fn(|cx| Listener::poll_accept(&mut listener, cx))
            .await
            .unwrap();
        assert_eq!(peer, client.local_addr().unwrap());
    });
}

#[test]
fn dropping_an_accept_future_loses_no_connection() {
    rt().block_on(async {
        let mut listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        {
            let mut accept: ListenerAcceptFut<'_, TcpListener> = Listener::accept(&mut listener);
            assert!(futures::poll!(&mut accept).is_pending());
        }
        let client = TcpStream::connect(addr).await.unwrap();
        let (_server, peer) = Listener::accept(&mut listener).await.unwrap();
        assert_eq!(peer, client.local_addr().unwrap());
    });
}

#[test]
fn either_accepts_on_the_side_it_holds() {
    rt().block_on(async {
        let tcp = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let path = SocketPath::new();
        let unix = UnixListener::bind(&path.0).unwrap();
        let mut listeners: [Either<TcpListener, UnixListener>; 2] =
            [Either::Left(tcp), Either::Right(unix)];

        // Left: TCP.
        let Either::Left(tcp_addr) = listeners[0].local_addr().unwrap() else {
            panic!("a TCP listener reported a Unix address");
        };
        let mut client = TcpStream::connect(tcp_addr).await.unwrap();
        match listeners[0].accept().await.unwrap() {
            Either::Left((mut stream, peer)) => {
                assert_eq!(peer, client.local_addr().unwrap());
                stream.write_all(b"tcp").await.unwrap();
            }
            Either::Right(_) => panic!("a TCP listener accepted a Unix stream"),
        }
        let mut got = [0u8; 3];
        client.read_exact(&mut got).await.unwrap();
        assert_eq!(&got, b"tcp");

        // Right: Unix.
        match listeners[1].local_addr().unwrap() {
            Either::Right(addr) => assert_eq!(addr.as_pathname(), Some(path.0.as_path())),
            Either::Left(_) => panic!("a Unix listener reported a TCP address"),
        }
        let mut client = UnixStream::connect(&path.0).await.unwrap();
        let (stream, peer) = match listeners[1].accept().await.unwrap() {
            Either::Right(accepted) => accepted,
            Either::Left(_) => panic!("a Unix listener accepted a TCP stream"),
        };
        assert!(peer.is_unnamed());
        // The streams of both sides fit in one `Either`, itself a stream.
        let mut stream: Either<TcpStream, UnixStream> = Either::Right(stream);
        stream.write_all(b"unix").await.unwrap();
        let mut got = [0u8; 4];
        client.read_exact(&mut got).await.unwrap();
        assert_eq!(&got, b"unix");
    });
}

/// A listener that hands out scripted results.
struct Scripted {
    results: VecDeque<io::Result<(DuplexStream, u32)>>,
}

impl Listener for Scripted {
    type Io = DuplexStream;
    type Addr = u32;

    fn poll_accept(&mut self, _: &mut Context<'_>) -> Poll<io::Result<(DuplexStream, u32)>> {
        match self.results.pop_front() {
            Some(result) => Poll::Ready(result),
            None => Poll::Pending,
        }
    }

    fn local_addr(&self) -> io::Result<u32> {
        Err(io::Error::new(io::ErrorKind::NotConnected, "scripted"))
    }
}

#[test]
fn accept_errors_come_back_unchanged_and_the_listener_stays_usable() {
    rt().block_on(async {
        let (stream, _peer) = runtime_core::io::duplex(16);
        let scripted = Scripted {
            results: VecDeque::from([
                Err(io::Error::other("too many open files")),
                Ok((stream, 7)),
            ]),
        };
        let mut either: Either<TcpListener, Scripted> = Either::Right(scripted);

        let err = either.accept().await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::Other);
        assert_eq!(err.to_string(), "too many open files");
        match either.accept().await.unwrap() {
            Either::Right((_, addr)) => assert_eq!(addr, 7),
            Either::Left(_) => panic!("wrong side"),
        }
        let err = either.local_addr().unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotConnected);
    });
}

#[test]
fn accept_future_is_send_sync_unpin_and_debug() {
    fn check<T: Send + Sync + Unpin + std::fmt::Debug>(_: &T) {}
    rt().block_on(async {
        let mut listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        // `TcpListener` has an inherent `accept` too: name the trait's.
        let accept = Listener::accept(&mut listener);
        check(&accept);
        assert!(format!("{accept:?}").starts_with("ListenerAcceptFut"));
    });
}
