//! UnixListener and UnixStream.

mod support;

use std::io;

use runtime_net::{UnixListener, UnixStream};
use support::*;

#[test]
fn bind_connect_accept_exchange() {
    block_on(async {
        let path = sock_path("stream");
        let listener = UnixListener::bind(&path).unwrap();
        assert_eq!(
            listener.local_addr().unwrap().as_pathname(),
            Some(path.as_path())
        );
        let (client, accepted) = futures::join!(UnixStream::connect(&path), listener.accept());
        let mut client = client.unwrap();
        let (mut server, addr) = accepted.unwrap();
        assert!(addr.is_unnamed());
        assert_eq!(
            client.peer_addr().unwrap().as_pathname(),
            Some(path.as_path())
        );
        write_all(&mut client, b"over unix").await.unwrap();
        let mut buf = [0u8; 9];
        read_exact(&mut server, &mut buf).await.unwrap();
        assert_eq!(&buf, b"over unix");
        shutdown(&mut server).await.unwrap();
        assert_eq!(read(&mut client, &mut buf).await.unwrap(), 0);
        std::fs::remove_file(&path).unwrap();
    });
}

#[test]
fn connect_errors() {
    block_on(async {
        let path = sock_path("missing");
        let err = UnixStream::connect(&path).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        // A bound path twice.
        let path = sock_path("twice");
        let _l = UnixListener::bind(&path).unwrap();
        assert_eq!(
            UnixListener::bind(&path).unwrap_err().kind(),
            io::ErrorKind::AddrInUse
        );
        std::fs::remove_file(&path).unwrap();
    });
}

#[test]
fn pair_peer_cred_is_this_process() {
    block_on(async {
        let (a, _b) = UnixStream::pair().unwrap();
        let cred = a.peer_cred().unwrap();
        // SAFETY: these calls cannot fail and touch no memory.
        let (uid, gid, pid) = unsafe { (libc::getuid(), libc::getgid(), libc::getpid()) };
        assert_eq!((cred.uid(), cred.gid(), cred.pid()), (uid, gid, Some(pid)));
        assert!(a.local_addr().unwrap().is_unnamed());
        assert!(a.take_error().unwrap().is_none());
    });
}

#[test]
fn try_forms_and_readiness() {
    block_on(async {
        let (a, b) = UnixStream::pair().unwrap();
        let mut buf = [0u8; 8];
        assert_eq!(
            b.try_read(&mut buf).unwrap_err().kind(),
            io::ErrorKind::WouldBlock
        );
        a.writable().await.unwrap();
        assert_eq!(a.try_write(b"abc").unwrap(), 3);
        let n = loop {
            b.readable().await.unwrap();
            match b.try_read(&mut buf) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Err(e) => panic!("{e}"),
            }
        };
        assert_eq!(&buf[..n], b"abc");
        let bufs = [io::IoSlice::new(b"x"), io::IoSlice::new(b"yz")];
        assert_eq!(a.try_write_vectored(&bufs).unwrap(), 3);
        let mut v: Vec<u8> = Vec::with_capacity(8);
        let n = loop {
            b.readable().await.unwrap();
            match b.try_read_buf(&mut v) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Err(e) => panic!("{e}"),
            }
        };
        assert_eq!((n, &v[..]), (3, &b"xyz"[..]));
    });
}

/// Anything that is a view of a stream: the stream itself and every half.
fn fd_of<S: AsRef<UnixStream>>(s: &S) -> std::os::fd::RawFd {
    use std::os::fd::AsRawFd;
    s.as_ref().as_raw_fd()
}

#[test]
fn stream_and_halves_are_as_ref_stream() {
    block_on(async {
        let (mut a, _b) = UnixStream::pair().unwrap();
        let fd = std::os::fd::AsRawFd::as_raw_fd(&a);
        assert_eq!(fd_of(&a), fd);
        {
            let (r, w) = a.split();
            assert_eq!((fd_of(&r), fd_of(&w)), (fd, fd));
        }
        let (r, w) = a.into_split();
        assert_eq!((fd_of(&r), fd_of(&w)), (fd, fd));
    });
}

#[test]
fn split_and_into_split() {
    block_on(async {
        let (mut a, mut b) = UnixStream::pair().unwrap();
        {
            let (mut r, mut w) = a.split();
            write_all(&mut w, b"ping").await.unwrap();
            let mut buf = [0u8; 4];
            read_exact(&mut b, &mut buf).await.unwrap();
            write_all(&mut b, &buf).await.unwrap();
            read_exact(&mut r, &mut buf).await.unwrap();
            assert_eq!(&buf, b"ping");
        }
        let (r, w) = a.into_split();
        let task = runtime_core::task::spawn(async move {
            let mut w = w;
            write_all(&mut w, b"task").await.unwrap();
            w
        });
        let mut buf = [0u8; 4];
        read_exact(&mut b, &mut buf).await.unwrap();
        assert_eq!(&buf, b"task");
        let w = task.await.unwrap();
        let a = r.reunite(w).unwrap();
        // Dropping the owned write half shuts down writing.
        let (_r, w) = a.into_split();
        drop(w);
        assert_eq!(read(&mut b, &mut buf).await.unwrap(), 0);
    });
}

#[test]
fn std_round_trip() {
    block_on(async {
        let (a, mut b) = UnixStream::pair().unwrap();
        let std = a.into_std().unwrap();
        let mut a = UnixStream::from_std(std).unwrap();
        write_all(&mut a, b"!").await.unwrap();
        let mut one = [0u8; 1];
        read_exact(&mut b, &mut one).await.unwrap();
        assert_eq!(&one, b"!");
        let path = sock_path("std");
        let l = UnixListener::bind(&path).unwrap();
        let std = l.into_std().unwrap();
        let l = UnixListener::try_from(std).unwrap();
        let (c, s) = futures::join!(UnixStream::connect(&path), l.accept());
        c.unwrap();
        s.unwrap();
        std::fs::remove_file(&path).unwrap();
    });
}

#[test]
fn bind_addr_and_connect_addr_take_a_socket_address() {
    block_on(async {
        let path = sock_path("stream-addr");
        let std_addr = std::os::unix::net::SocketAddr::from_pathname(&path).unwrap();
        let addr = runtime_net::unix::SocketAddr::from(std_addr);
        let listener = UnixListener::bind_addr(&addr).unwrap();
        assert_eq!(
            listener.local_addr().unwrap().as_pathname(),
            Some(path.as_path())
        );
        let (client, accepted) = futures::join!(UnixStream::connect_addr(&addr), listener.accept());
        let mut client = client.unwrap();
        let (mut server, _) = accepted.unwrap();
        use runtime_core::io::{AsyncReadExt, AsyncWriteExt};
        client.write_all(b"by address").await.unwrap();
        drop(client);
        let mut got = Vec::new();
        server.read_to_end(&mut got).await.unwrap();
        assert_eq!(got, b"by address");
        // Binding the same address again fails as for a path.
        let err = UnixListener::bind_addr(&addr).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AddrInUse);
        // Nobody listens there any more once the listener is gone.
        drop(listener);
        let err = UnixStream::connect_addr(&addr).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::ConnectionRefused);
    });
}

#[test]
#[cfg(any(target_os = "linux", target_os = "android"))]
fn a_path_starting_with_nul_names_an_abstract_socket() {
    block_on(async {
        let name = format!("\0runtime-net-abstract-{}", std::process::id());
        let listener = UnixListener::bind(&name).unwrap();
        // Nothing appears in the filesystem.
        assert!(listener.local_addr().unwrap().as_pathname().is_none());
        let (client, accepted) = futures::join!(UnixStream::connect(&name), listener.accept());
        let mut client = client.unwrap();
        let (mut server, _) = accepted.unwrap();
        use runtime_core::io::{AsyncReadExt, AsyncWriteExt};
        client.write_all(b"abstract").await.unwrap();
        drop(client);
        let mut got = Vec::new();
        server.read_to_end(&mut got).await.unwrap();
        assert_eq!(got, b"abstract");
        // A NUL elsewhere in a path is still an error.
        let err = UnixListener::bind("bad\0path").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    });
}
