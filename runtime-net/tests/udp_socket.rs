//! UdpSocket over loopback.

mod support;

use std::io;
use std::net::{Ipv4Addr, SocketAddr};

use runtime_core::io::ReadBuf;
use runtime_net::UdpSocket;
use support::*;

async fn pair() -> (UdpSocket, UdpSocket) {
    let a = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let b = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    (a, b)
}

#[test]
fn send_to_and_recv_from() {
    block_on(async {
        let (a, b) = pair().await;
        let b_addr = b.local_addr().unwrap();
        assert_eq!(a.send_to(b"hello", b_addr).await.unwrap(), 5);
        let mut buf = [0u8; 16];
        let (n, from) = b.recv_from(&mut buf).await.unwrap();
        assert_eq!((&buf[..n], from), (&b"hello"[..], a.local_addr().unwrap()));
        // send_to with a string address.
        assert_eq!(
            b.send_to(b"back", a.local_addr().unwrap().to_string())
                .await
                .unwrap(),
            4
        );
        let (n, from) = a.recv_from(&mut buf).await.unwrap();
        assert_eq!((&buf[..n], from), (&b"back"[..], b_addr));
    });
}

#[test]
fn connected_send_recv_and_peer_addr() {
    block_on(async {
        let (a, b) = pair().await;
        assert_eq!(
            a.peer_addr().unwrap_err().kind(),
            io::ErrorKind::NotConnected
        );
        a.connect(b.local_addr().unwrap()).await.unwrap();
        b.connect(a.local_addr().unwrap()).await.unwrap();
        assert_eq!(a.peer_addr().unwrap(), b.local_addr().unwrap());
        assert_eq!(a.send(b"one").await.unwrap(), 3);
        let mut buf = [0u8; 8];
        assert_eq!(b.recv(&mut buf).await.unwrap(), 3);
        assert_eq!(&buf[..3], b"one");
        // poll_send / poll_recv with a ReadBuf.
        let n = std::future::poll_fn(|cx| b.poll_send(cx, b"two!"))
            .await
            .unwrap();
        assert_eq!(n, 4);
        let mut storage = [0u8; 8];
        let mut rb = ReadBuf::new(&mut storage);
        std::future::poll_fn(|cx| a.poll_recv(cx, &mut rb))
            .await
            .unwrap();
        assert_eq!(rb.filled(), b"two!");
    });
}

#[test]
fn truncated_datagram_loses_the_rest() {
    block_on(async {
        let (a, b) = pair().await;
        a.send_to(b"0123456789", b.local_addr().unwrap())
            .await
            .unwrap();
        a.send_to(b"next", b.local_addr().unwrap()).await.unwrap();
        let mut small = [0u8; 4];
        let (n, _) = b.recv_from(&mut small).await.unwrap();
        assert_eq!(&small[..n], b"0123");
        let mut buf = [0u8; 16];
        let (n, _) = b.recv_from(&mut buf).await.unwrap();
        assert_eq!(&buf[..n], b"next");
    });
}

#[test]
fn peek_forms_leave_the_datagram() {
    block_on(async {
        let (a, b) = pair().await;
        let a_addr = a.local_addr().unwrap();
        a.send_to(b"peek me", b.local_addr().unwrap())
            .await
            .unwrap();
        let mut buf = [0u8; 16];
        let (n, from) = b.peek_from(&mut buf).await.unwrap();
        assert_eq!((&buf[..n], from), (&b"peek me"[..], a_addr));
        assert_eq!(b.peek_sender().await.unwrap(), a_addr);
        assert_eq!(b.try_peek_sender().unwrap(), a_addr);
        let (n, from) = b.try_peek_from(&mut buf).unwrap();
        assert_eq!((n, from), (7, a_addr));
        let mut storage = [0u8; 16];
        let mut rb = ReadBuf::new(&mut storage);
        let from = std::future::poll_fn(|cx| b.poll_peek_from(cx, &mut rb))
            .await
            .unwrap();
        assert_eq!((rb.filled(), from), (&b"peek me"[..], a_addr));
        b.connect(a_addr).await.unwrap();
        assert_eq!(b.peek(&mut buf).await.unwrap(), 7);
        // Still there for the real receive.
        assert_eq!(b.recv(&mut buf).await.unwrap(), 7);
        assert_eq!(&buf[..7], b"peek me");
    });
}

#[test]
fn connected_poll_peek_and_try_peek_leave_the_datagram() {
    block_on(async {
        let (a, b) = pair().await;
        a.connect(b.local_addr().unwrap()).await.unwrap();
        b.connect(a.local_addr().unwrap()).await.unwrap();
        let mut buf = [0u8; 16];
        assert_eq!(
            b.try_peek(&mut buf).unwrap_err().kind(),
            io::ErrorKind::WouldBlock
        );
        a.send(b"peek twice").await.unwrap();
        let mut storage = [0u8; 4];
        let mut rb = ReadBuf::new(&mut storage);
        std::future::poll_fn(|cx| b.poll_peek(cx, &mut rb))
            .await
            .unwrap();
        // Truncated to the buffer, but the datagram stays whole in the queue.
        assert_eq!(rb.filled(), b"peek");
        assert_eq!(b.try_peek(&mut buf).unwrap(), 10);
        assert_eq!(&buf[..10], b"peek twice");
        assert_eq!(b.recv(&mut buf).await.unwrap(), 10);
        assert_eq!(&buf[..10], b"peek twice");
        assert_eq!(
            b.try_peek(&mut buf).unwrap_err().kind(),
            io::ErrorKind::WouldBlock
        );
    });
}

#[test]
fn try_forms_would_block_then_succeed() {
    block_on(async {
        let (a, b) = pair().await;
        let mut buf = [0u8; 16];
        assert_eq!(
            b.try_recv_from(&mut buf).unwrap_err().kind(),
            io::ErrorKind::WouldBlock
        );
        a.writable().await.unwrap();
        assert_eq!(a.try_send_to(b"try", b.local_addr().unwrap()).unwrap(), 3);
        let (n, from) = loop {
            b.readable().await.unwrap();
            match b.try_recv_from(&mut buf) {
                Ok(v) => break v,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Err(e) => panic!("{e}"),
            }
        };
        assert_eq!((&buf[..n], from), (&b"try"[..], a.local_addr().unwrap()));
        a.connect(b.local_addr().unwrap()).await.unwrap();
        b.connect(a.local_addr().unwrap()).await.unwrap();
        assert_eq!(a.try_send(b"conn").unwrap(), 4);
        let n = loop {
            b.readable().await.unwrap();
            match b.try_recv(&mut buf) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Err(e) => panic!("{e}"),
            }
        };
        assert_eq!(&buf[..n], b"conn");
        assert_eq!(a.try_send(b"bufmut").unwrap(), 6);
        let mut v: Vec<u8> = Vec::with_capacity(32);
        let n = b.recv_buf(&mut v).await.unwrap();
        assert_eq!((n, &v[..]), (6, &b"bufmut"[..]));
        a.send(b"from").await.unwrap();
        let mut v: Vec<u8> = Vec::with_capacity(32);
        let (n, from) = b.recv_buf_from(&mut v).await.unwrap();
        assert_eq!(
            (n, &v[..], from),
            (4, &b"from"[..], a.local_addr().unwrap())
        );
    });
}

#[test]
fn options_round_trip() {
    block_on(async {
        let s = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        s.set_broadcast(true).unwrap();
        assert!(s.broadcast().unwrap());
        s.set_ttl(33).unwrap();
        assert_eq!(s.ttl().unwrap(), 33);
        s.set_multicast_ttl_v4(5).unwrap();
        assert_eq!(s.multicast_ttl_v4().unwrap(), 5);
        s.set_multicast_loop_v4(false).unwrap();
        assert!(!s.multicast_loop_v4().unwrap());
        s.set_tos_v4(0x10).unwrap();
        assert_eq!(s.tos_v4().unwrap(), 0x10);
        #[allow(deprecated)]
        {
            s.set_tos(0x04).unwrap();
            assert_eq!(s.tos().unwrap(), 0x04);
        }
        assert!(s.take_error().unwrap().is_none());
        // Skipped where the machine has no IPv6 loopback.
        if let Ok(v6) = std::net::UdpSocket::bind("[::1]:0") {
            v6.set_nonblocking(true).unwrap();
            let v6 = UdpSocket::from_std(v6).unwrap();
            v6.set_tclass_v6(0x28).unwrap();
            assert_eq!(v6.tclass_v6().unwrap(), 0x28);
        }
        assert_eq!(s.device().unwrap(), None);
        match s.bind_device(Some(b"lo")) {
            Ok(()) => assert_eq!(s.device().unwrap().as_deref(), Some(&b"lo"[..])),
            Err(e) => assert_eq!(e.kind(), io::ErrorKind::PermissionDenied),
        }
    });
}

#[test]
fn multicast_join_and_leave() {
    block_on(async {
        let s = UdpSocket::bind("0.0.0.0:0").await.unwrap();
        let group = Ipv4Addr::new(239, 255, 0, 77);
        match s.join_multicast_v4(group, Ipv4Addr::LOCALHOST) {
            Ok(()) => {
                s.leave_multicast_v4(group, Ipv4Addr::LOCALHOST).unwrap();
                // Leaving twice: the kernel says we are not a member.
                assert!(s.leave_multicast_v4(group, Ipv4Addr::LOCALHOST).is_err());
            }
            // Some sandboxes have no multicast-capable interface at all.
            Err(e) => assert_eq!(e.raw_os_error(), Some(libc::ENODEV), "{e}"),
        }
        // Not a multicast address: always an error.
        assert!(
            s.join_multicast_v4(Ipv4Addr::LOCALHOST, Ipv4Addr::UNSPECIFIED)
                .is_err()
        );
    });
}

#[test]
fn std_round_trip_and_bind_errors() {
    block_on(async {
        let s = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let addr = s.local_addr().unwrap();
        let std = s.into_std().unwrap();
        assert_eq!(std.local_addr().unwrap(), addr);
        let s = UdpSocket::from_std(std).unwrap();
        let err = UdpSocket::bind(addr).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AddrInUse);
        let none: &[SocketAddr] = &[];
        assert_eq!(
            UdpSocket::bind(none).await.unwrap_err().kind(),
            io::ErrorKind::InvalidInput
        );
        drop(s);
    });
}

#[test]
fn shared_socket_sends_and_receives_from_two_tasks() {
    block_on(async {
        let (a, b) = pair().await;
        let a = std::sync::Arc::new(a);
        let b_addr = b.local_addr().unwrap();
        let sender = {
            let a = a.clone();
            runtime_core::task::spawn(async move {
                for i in 0..10u8 {
                    a.send_to(&[i], b_addr).await.unwrap();
                }
            })
        };
        let mut got = Vec::new();
        let mut buf = [0u8; 4];
        for _ in 0..10 {
            let (n, _) = b.recv_from(&mut buf).await.unwrap();
            got.extend_from_slice(&buf[..n]);
        }
        sender.await.unwrap();
        assert_eq!(got, (0..10).collect::<Vec<u8>>());
    });
}
