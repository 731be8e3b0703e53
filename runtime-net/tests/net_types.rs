//! Every public type is Send and Sync (and Unpin), as tokio's are.

use runtime_net::*;

fn send_sync_unpin<T: Send + Sync + Unpin>() {}

#[test]
fn public_types_are_send_sync_unpin() {
    send_sync_unpin::<TcpListener>();
    send_sync_unpin::<TcpStream>();
    send_sync_unpin::<TcpSocket>();
    send_sync_unpin::<UdpSocket>();
    send_sync_unpin::<UnixListener>();
    send_sync_unpin::<UnixStream>();
    send_sync_unpin::<UnixDatagram>();
    send_sync_unpin::<tcp::ReadHalf<'static>>();
    send_sync_unpin::<tcp::WriteHalf<'static>>();
    send_sync_unpin::<tcp::OwnedReadHalf>();
    send_sync_unpin::<tcp::OwnedWriteHalf>();
    send_sync_unpin::<tcp::ReuniteError>();
    send_sync_unpin::<unix::ReadHalf<'static>>();
    send_sync_unpin::<unix::WriteHalf<'static>>();
    send_sync_unpin::<unix::OwnedReadHalf>();
    send_sync_unpin::<unix::OwnedWriteHalf>();
    send_sync_unpin::<unix::SocketAddr>();
    send_sync_unpin::<unix::UCred>();
    send_sync_unpin::<AsyncFd<std::os::unix::net::UnixStream>>();
    send_sync_unpin::<unix::pipe::Sender>();
    send_sync_unpin::<unix::pipe::Receiver>();
    send_sync_unpin::<unix::pipe::OpenOptions>();
}

fn require_send<T: Send>(_: &T) {}

/// The futures of `&self` methods are `Send`, so they can be awaited in
/// tasks spawned on a multi-threaded runtime. Checked at compile time.
#[allow(dead_code, unused_must_use, clippy::let_underscore_future)]
async fn futures_are_send(
    stream: &TcpStream,
    listener: &TcpListener,
    udp: &UdpSocket,
    unix: &UnixStream,
    fd: &AsyncFd<std::os::unix::net::UnixStream>,
    tx: &unix::pipe::Sender,
    rx: &unix::pipe::Receiver,
) {
    let mut buf = [0u8; 4];
    require_send(&stream.readable());
    require_send(&stream.writable());
    require_send(&stream.ready(runtime_core::io::Interest::READABLE));
    require_send(&stream.peek(&mut buf));
    require_send(&listener.accept());
    require_send(&udp.recv_from(&mut buf));
    require_send(&udp.send_to(b"x", "127.0.0.1:1"));
    require_send(&unix.readable());
    require_send(&fd.readable());
    require_send(&tx.writable());
    require_send(&tx.ready(runtime_core::io::Interest::WRITABLE));
    require_send(&rx.readable());
    require_send(&rx.ready(runtime_core::io::Interest::READABLE));
    require_send(&TcpStream::connect("127.0.0.1:1"));
    require_send(&TcpListener::bind("127.0.0.1:0"));
    require_send(&lookup_host("localhost:1"));
}
