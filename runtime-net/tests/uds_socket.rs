//! UnixSocket: the unconnected Unix socket.

mod support;

use std::io;

use runtime_net::UnixSocket;
use support::*;

#[test]
fn stream_socket_listens_and_connects() {
    block_on(async {
        let path = sock_path("us-listen");
        let s = UnixSocket::new_stream().unwrap();
        s.bind(&path).unwrap();
        let listener = s.listen(8).unwrap();
        let client_path = sock_path("us-client");
        let c = UnixSocket::new_stream().unwrap();
        c.bind(&client_path).unwrap();
        let (stream, accepted) = futures::join!(c.connect(&path), listener.accept());
        let mut stream = stream.unwrap();
        let (mut server, addr) = accepted.unwrap();
        assert_eq!(addr.as_pathname(), Some(client_path.as_path()));
        write_all(&mut stream, b"us").await.unwrap();
        let mut buf = [0u8; 2];
        read_exact(&mut server, &mut buf).await.unwrap();
        assert_eq!(&buf, b"us");
        std::fs::remove_file(&path).unwrap();
        std::fs::remove_file(&client_path).unwrap();
    });
}

#[test]
fn datagram_socket_becomes_a_datagram() {
    block_on(async {
        let path = sock_path("us-dgram");
        let s = UnixSocket::new_datagram().unwrap();
        s.bind(&path).unwrap();
        let d = s.datagram().unwrap();
        let u = runtime_net::UnixDatagram::unbound().unwrap();
        u.send_to(b"d", &path).await.unwrap();
        let mut buf = [0u8; 1];
        assert_eq!(d.recv(&mut buf).await.unwrap(), 1);
        std::fs::remove_file(&path).unwrap();
    });
}

#[test]
fn wrong_kind_is_invalid_input() {
    block_on(async {
        let err = UnixSocket::new_datagram().unwrap().listen(1).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let err = UnixSocket::new_datagram()
            .unwrap()
            .connect(sock_path("nowhere"))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let err = UnixSocket::new_stream().unwrap().datagram().unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let err = UnixSocket::new_stream()
            .unwrap()
            .connect(sock_path("missing"))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    });
}
