//! `TcpListenerStream` and `UnixListenerStream` on a runtime with the I/O
//! driver.

#![cfg(feature = "net")]

use runtime_core::runtime::{Builder, Runtime};
use runtime_net::{TcpListener, TcpStream};
use runtime_stream::StreamExt;
use runtime_stream::wrappers::TcpListenerStream;

fn io_rt() -> Runtime {
    Builder::new_current_thread()
        .driver_layer(runtime_net::driver::layer())
        .build()
        .expect("runtime")
}

#[test]
fn tcp_listener_stream_yields_each_accepted_connection() {
    io_rt().block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut incoming = TcpListenerStream::new(listener);
        assert_eq!(incoming.as_ref().local_addr().unwrap(), addr);

        let mut clients = Vec::new();
        for _ in 0..3 {
            clients.push(TcpStream::connect(addr).await.unwrap());
        }
        let mut peers = Vec::new();
        for _ in 0..3 {
            let accepted = incoming.next().await.unwrap().unwrap();
            peers.push(accepted.peer_addr().unwrap());
        }
        let mut expected: Vec<_> = clients.iter().map(|c| c.local_addr().unwrap()).collect();
        expected.sort();
        peers.sort();
        assert_eq!(peers, expected);

        let listener = incoming.into_inner();
        assert_eq!(listener.local_addr().unwrap(), addr);
    });
}

#[cfg(unix)]
#[test]
fn unix_listener_stream_yields_each_accepted_connection() {
    use runtime_net::{UnixListener, UnixStream};
    use runtime_stream::wrappers::UnixListenerStream;

    io_rt().block_on(async {
        let dir = std::env::temp_dir().join(format!(
            "runtime-stream-uls-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("sock");
        let _ = std::fs::remove_file(&path);

        let mut incoming = UnixListenerStream::new(UnixListener::bind(&path).unwrap());
        let _a = UnixStream::connect(&path).await.unwrap();
        let _b = UnixStream::connect(&path).await.unwrap();
        assert!(incoming.next().await.unwrap().is_ok());
        assert!(incoming.next().await.unwrap().is_ok());
        let listener = incoming.into_inner();
        assert!(listener.local_addr().is_ok());
        drop(listener);
        std::fs::remove_dir_all(&dir).unwrap();
    });
}
