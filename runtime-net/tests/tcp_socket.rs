//! TcpSocket: options before connect/listen, then connect and listen.

mod support;

use std::io;
use std::time::Duration;

use runtime_net::TcpSocket;
use support::*;

#[test]
fn options_round_trip_before_listen() {
    let s = TcpSocket::new_v4().unwrap();
    s.set_reuseaddr(true).unwrap();
    assert!(s.reuseaddr().unwrap());
    s.set_reuseport(true).unwrap();
    assert!(s.reuseport().unwrap());
    s.set_keepalive(true).unwrap();
    assert!(s.keepalive().unwrap());
    s.set_nodelay(true).unwrap();
    assert!(s.nodelay().unwrap());
    #[allow(deprecated)]
    s.set_linger(Some(Duration::from_secs(1))).unwrap();
    assert_eq!(s.linger().unwrap(), Some(Duration::from_secs(1)));
    s.set_zero_linger().unwrap();
    assert_eq!(s.linger().unwrap(), Some(Duration::ZERO));
    s.set_send_buffer_size(64 * 1024).unwrap();
    // Linux doubles the value it stores.
    assert!(s.send_buffer_size().unwrap() >= 64 * 1024);
    s.set_recv_buffer_size(64 * 1024).unwrap();
    assert!(s.recv_buffer_size().unwrap() >= 64 * 1024);
    assert!(s.take_error().unwrap().is_none());
}

#[test]
fn ip_header_options_round_trip() {
    let s = TcpSocket::new_v4().unwrap();
    s.set_tos_v4(0x10).unwrap();
    assert_eq!(s.tos_v4().unwrap(), 0x10);
    #[allow(deprecated)]
    {
        s.set_tos(0x08).unwrap();
        assert_eq!(s.tos().unwrap(), 0x08);
    }
    let v6 = TcpSocket::new_v6().unwrap();
    v6.set_tclass_v6(0x20).unwrap();
    assert_eq!(v6.tclass_v6().unwrap(), 0x20);
    // IPV6_TCLASS is an IPv6 option: an IPv4 socket refuses it.
    assert!(s.set_tclass_v6(0x20).is_err());
}

#[test]
fn bind_device_binds_or_reports_the_missing_privilege() {
    let s = TcpSocket::new_v4().unwrap();
    assert_eq!(s.device().unwrap(), None);
    match s.bind_device(Some(b"lo")) {
        Ok(()) => {
            assert_eq!(s.device().unwrap().as_deref(), Some(&b"lo"[..]));
            s.bind_device(None).unwrap();
            assert_eq!(s.device().unwrap(), None);
            // An interface that does not exist is an error, not a no-op.
            assert!(s.bind_device(Some(b"no-such-if0")).is_err());
            assert_eq!(s.device().unwrap(), None);
        }
        // Without CAP_NET_RAW the kernel refuses and nothing changes.
        Err(e) => {
            assert_eq!(e.kind(), io::ErrorKind::PermissionDenied);
            assert_eq!(s.device().unwrap(), None);
        }
    }
}

#[test]
fn bind_listen_connect() {
    block_on(async {
        let server = TcpSocket::new_v4().unwrap();
        server.set_reuseaddr(true).unwrap();
        server.bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let addr = server.local_addr().unwrap();
        let listener = server.listen(16).unwrap();
        assert_eq!(listener.local_addr().unwrap(), addr);

        let client = TcpSocket::new_v4().unwrap();
        client.bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let client_addr = client.local_addr().unwrap();
        let (stream, accepted) = futures::join!(client.connect(addr), listener.accept());
        let mut stream = stream.unwrap();
        let (mut server_side, peer) = accepted.unwrap();
        assert_eq!(peer, client_addr);
        assert_eq!(stream.local_addr().unwrap(), client_addr);
        write_all(&mut stream, b"via TcpSocket").await.unwrap();
        let mut buf = [0u8; 13];
        read_exact(&mut server_side, &mut buf).await.unwrap();
        assert_eq!(&buf, b"via TcpSocket");
    });
}

#[test]
fn connect_refused_and_wrong_family() {
    block_on(async {
        let addr = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap()
        };
        let err = TcpSocket::new_v4()
            .unwrap()
            .connect(addr)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::ConnectionRefused);
        // An IPv6 address on an IPv4 socket fails synchronously.
        let v6 = "[::1]:1".parse().unwrap();
        assert!(TcpSocket::new_v4().unwrap().connect(v6).await.is_err());
    });
}

#[test]
fn reuseport_lets_two_listeners_share_a_port() {
    block_on(async {
        let a = TcpSocket::new_v4().unwrap();
        a.set_reuseport(true).unwrap();
        a.bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let addr = a.local_addr().unwrap();
        let b = TcpSocket::new_v4().unwrap();
        b.set_reuseport(true).unwrap();
        b.bind(addr).unwrap();
        let la = a.listen(8).unwrap();
        let lb = b.listen(8).unwrap();
        assert_eq!(la.local_addr().unwrap(), lb.local_addr().unwrap());
        // Without SO_REUSEPORT the same bind fails.
        let c = TcpSocket::new_v4().unwrap();
        assert_eq!(c.bind(addr).unwrap_err().kind(), io::ErrorKind::AddrInUse);
    });
}

#[test]
fn from_std_stream_and_v6() {
    block_on(async {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let s = std::net::TcpStream::connect(l.local_addr().unwrap()).unwrap();
        let sock = TcpSocket::from_std_stream(s);
        sock.set_nodelay(true).unwrap();
        assert!(sock.nodelay().unwrap());
        if let Ok(v6) = TcpSocket::new_v6() {
            if v6.bind("[::1]:0".parse().unwrap()).is_ok() {
                assert!(v6.local_addr().unwrap().is_ipv6());
            }
        }
    });
}
