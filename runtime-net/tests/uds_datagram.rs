//! UnixDatagram.

mod support;

use std::io;

use runtime_net::UnixDatagram;
use support::*;

#[test]
fn pair_send_recv() {
    block_on(async {
        let (a, b) = UnixDatagram::pair().unwrap();
        assert_eq!(a.send(b"one").await.unwrap(), 3);
        assert_eq!(a.send(b"two!").await.unwrap(), 4);
        let mut buf = [0u8; 16];
        assert_eq!(b.recv(&mut buf).await.unwrap(), 3);
        assert_eq!(&buf[..3], b"one");
        assert_eq!(b.recv(&mut buf).await.unwrap(), 4);
        assert_eq!(&buf[..4], b"two!");
        assert_eq!(
            b.try_recv(&mut buf).unwrap_err().kind(),
            io::ErrorKind::WouldBlock
        );
    });
}

#[test]
fn bound_send_to_recv_from() {
    block_on(async {
        let pa = sock_path("dgram-a");
        let pb = sock_path("dgram-b");
        let a = UnixDatagram::bind(&pa).unwrap();
        let b = UnixDatagram::bind(&pb).unwrap();
        assert_eq!(a.send_to(b"hi", &pb).await.unwrap(), 2);
        let mut buf = [0u8; 8];
        let (n, from) = b.recv_from(&mut buf).await.unwrap();
        assert_eq!(
            (&buf[..n], from.as_pathname()),
            (&b"hi"[..], Some(pa.as_path()))
        );
        // An unbound sender is unnamed to the receiver.
        let u = UnixDatagram::unbound().unwrap();
        u.send_to(b"anon", &pb).await.unwrap();
        let (n, from) = b.recv_from(&mut buf).await.unwrap();
        assert_eq!(&buf[..n], b"anon");
        assert!(from.is_unnamed());
        // Connect and use send/recv.
        a.connect(&pb).unwrap();
        assert_eq!(a.peer_addr().unwrap().as_pathname(), Some(pb.as_path()));
        a.send(b"conn").await.unwrap();
        let (n, _) = b.recv_from(&mut buf).await.unwrap();
        assert_eq!(&buf[..n], b"conn");
        // Sending to a path nobody is bound to.
        let missing = sock_path("dgram-missing");
        assert!(u.send_to(b"x", &missing).await.is_err());
        std::fs::remove_file(&pa).unwrap();
        std::fs::remove_file(&pb).unwrap();
    });
}

#[test]
fn try_forms_and_poll_forms() {
    block_on(async {
        let (a, b) = UnixDatagram::pair().unwrap();
        a.writable().await.unwrap();
        assert_eq!(a.try_send(b"t").unwrap(), 1);
        b.readable().await.unwrap();
        let mut buf = [0u8; 4];
        let (n, from) = b.try_recv_from(&mut buf).unwrap();
        assert_eq!(n, 1);
        assert!(from.is_unnamed());
        let n = std::future::poll_fn(|cx| a.poll_send(cx, b"poll"))
            .await
            .unwrap();
        assert_eq!(n, 4);
        let mut storage = [0u8; 8];
        let mut rb = runtime_core::io::ReadBuf::new(&mut storage);
        std::future::poll_fn(|cx| b.poll_recv(cx, &mut rb))
            .await
            .unwrap();
        assert_eq!(rb.filled(), b"poll");
        a.send(b"from").await.unwrap();
        let mut storage = [0u8; 8];
        let mut rb = runtime_core::io::ReadBuf::new(&mut storage);
        let from = std::future::poll_fn(|cx| b.poll_recv_from(cx, &mut rb))
            .await
            .unwrap();
        assert_eq!(rb.filled(), b"from");
        assert!(from.is_unnamed());
        // Shutting down writing makes sends fail.
        a.shutdown(std::net::Shutdown::Write).unwrap();
        assert_eq!(
            a.send(b"x").await.unwrap_err().kind(),
            io::ErrorKind::BrokenPipe
        );
    });
}

#[test]
fn recv_buf_forms_fill_a_buf_mut() {
    block_on(async {
        let (a, b) = UnixDatagram::pair().unwrap();
        let mut buf = bytes::BytesMut::with_capacity(32);
        assert_eq!(
            b.try_recv_buf(&mut buf).unwrap_err().kind(),
            io::ErrorKind::WouldBlock
        );
        a.send(b"first").await.unwrap();
        assert_eq!(b.recv_buf(&mut buf).await.unwrap(), 5);
        a.send(b"second").await.unwrap();
        b.readable().await.unwrap();
        assert_eq!(b.try_recv_buf(&mut buf).unwrap(), 6);
        assert_eq!(&buf[..], b"firstsecond");

        // The `_from` forms give the sender too.
        let server_path = sock_path("dgram-buf-server");
        let client_path = sock_path("dgram-buf-client");
        let server = UnixDatagram::bind(&server_path).unwrap();
        let client = UnixDatagram::bind(&client_path).unwrap();
        let mut buf = bytes::BytesMut::with_capacity(32);
        assert_eq!(
            server.try_recv_buf_from(&mut buf).unwrap_err().kind(),
            io::ErrorKind::WouldBlock
        );
        client.send_to(b"hi", &server_path).await.unwrap();
        let (n, from) = server.recv_buf_from(&mut buf).await.unwrap();
        assert_eq!(n, 2);
        assert_eq!(from.as_pathname(), Some(client_path.as_path()));
        client.send_to(b"again", &server_path).await.unwrap();
        server.readable().await.unwrap();
        let (n, from) = server.try_recv_buf_from(&mut buf).unwrap();
        assert_eq!(n, 5);
        assert_eq!(from.as_pathname(), Some(client_path.as_path()));
        assert_eq!(&buf[..], b"hiagain");
    });
}
