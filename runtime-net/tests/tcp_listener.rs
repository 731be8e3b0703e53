//! TcpListener: binding, accepting, std conversions, and running out of
//! file descriptors.

mod support;

use std::future::poll_fn;
use std::io;
use std::net::SocketAddr;
use std::task::Poll;

use runtime_net::{TcpListener, TcpStream};
use support::*;

#[test]
fn bind_port_zero_and_accept_reports_peer() {
    block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        assert_ne!(addr.port(), 0);
        let (client, accepted) = futures::join!(TcpStream::connect(addr), listener.accept());
        let client = client.unwrap();
        let (server, peer) = accepted.unwrap();
        assert_eq!(peer, client.local_addr().unwrap());
        assert_eq!(server.peer_addr().unwrap(), peer);
    });
}

#[test]
fn bind_forms_and_many_addresses() {
    block_on(async {
        let a = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let taken = a.local_addr().unwrap();
        // The first address is taken; the second binds.
        let free: SocketAddr = "127.0.0.1:0".parse().unwrap();
        let b = TcpListener::bind(&[taken, free][..]).await.unwrap();
        assert_ne!(b.local_addr().unwrap(), taken);
        // Only taken addresses: the last error comes back.
        let err = TcpListener::bind(taken).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AddrInUse);
        let empty: &[SocketAddr] = &[];
        let err = TcpListener::bind(empty).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let err = TcpListener::bind("not an address").await.unwrap_err();
        assert_ne!(err.kind(), io::ErrorKind::AddrInUse);
    });
}

#[test]
fn accept_is_cancel_safe() {
    block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        // Poll accept once with nobody connecting, then drop the future.
        let mut polls = 0;
        poll_fn(|cx| {
            polls += 1;
            assert!(listener.poll_accept(cx).is_pending());
            Poll::Ready(())
        })
        .await;
        assert_eq!(polls, 1);
        let _client = std::net::TcpStream::connect(addr).unwrap();
        let (_, peer) = listener.accept().await.unwrap();
        assert_eq!(peer, _client.local_addr().unwrap());
    });
}

#[test]
fn ttl_and_std_round_trip() {
    block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        listener.set_ttl(17).unwrap();
        assert_eq!(listener.ttl().unwrap(), 17);
        let addr = listener.local_addr().unwrap();
        let std = listener.into_std().unwrap();
        assert_eq!(std.local_addr().unwrap(), addr);
        let listener = TcpListener::try_from(std).unwrap();
        let (c, s) = futures::join!(TcpStream::connect(addr), listener.accept());
        c.unwrap();
        s.unwrap();
    });
}

#[test]
fn dropping_listeners_and_streams_closes_every_fd() {
    in_child_process("dropping_listeners_and_streams_closes_every_fd", || {
        block_on(fd_round_trip())
    });
}

async fn fd_round_trip() {
    {
        // Warm up: the first socket may allocate lazily.
        drop(tcp_pair().await);
        let before = open_fds();
        for _ in 0..50 {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let (a, b) = futures::join!(
                TcpStream::connect(listener.local_addr().unwrap()),
                listener.accept()
            );
            drop((a.unwrap(), b.unwrap(), listener));
        }
        assert_eq!(open_fds(), before);
    }
}

/// An accept that hits the descriptor limit returns EMFILE to the caller
/// (no internal retry loop), and accepts the same pending connection once a
/// descriptor is free again. Runs in a child process, since it lowers
/// RLIMIT_NOFILE.
#[test]
fn accept_returns_emfile_and_recovers() {
    in_child_process("accept_returns_emfile_and_recovers", emfile_child);
}

fn emfile_child() {
    block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        // The kernel completes the handshake; the connection waits in the
        // backlog for accept.
        let _client = std::net::TcpStream::connect(addr).unwrap();

        // Lower the soft limit to what is open now, then use up every gap.
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: `lim` is a valid rlimit to fill in.
        assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) }, 0);
        lim.rlim_cur = (open_fds() + 8) as libc::rlim_t;
        // SAFETY: `lim` is a valid rlimit; lowering the soft limit is allowed.
        assert_eq!(unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &lim) }, 0);
        let mut hogs = Vec::new();
        loop {
            match std::fs::File::open("/dev/null") {
                Ok(f) => hogs.push(f),
                Err(e) => {
                    assert_eq!(e.raw_os_error(), Some(libc::EMFILE));
                    break;
                }
            }
        }
        assert!(!hogs.is_empty());

        // The first accept waits for the listener's readiness, then returns
        // the error; each later one returns it on its first poll. The call
        // never loops on the error internally, and never hangs.
        let err = listener.accept().await.unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EMFILE));
        for _ in 0..3 {
            let mut polls = 0;
            let res = poll_fn(|cx| {
                polls += 1;
                listener.poll_accept(cx)
            })
            .await;
            let err = res.unwrap_err();
            assert_eq!(err.raw_os_error(), Some(libc::EMFILE));
            assert_eq!(polls, 1);
        }

        // Free one descriptor: the pending connection is accepted.
        hogs.pop();
        let (stream, peer) = listener.accept().await.unwrap();
        assert_eq!(peer, _client.local_addr().unwrap());
        drop(stream);
    });
}
