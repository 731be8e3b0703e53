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
}
