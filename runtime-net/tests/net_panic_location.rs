//! Creating a socket outside a runtime panics at the caller's line (the
//! constructors are `#[track_caller]` down to the driver lookup), so the
//! panic message points at user code, not at this crate.

use std::panic;
use std::sync::{Arc, Mutex};

use runtime_net::{
    AsyncFd, TcpListener, TcpStream, UdpSocket, UnixDatagram, UnixListener, UnixStream,
};

/// Runs `f`, which must panic, and returns the file the panic reports.
fn panic_file(f: impl FnOnce() + panic::UnwindSafe) -> String {
    static HOOK: Mutex<()> = Mutex::new(());
    let _serial = HOOK.lock().unwrap_or_else(|e| e.into_inner());
    let file = Arc::new(Mutex::new(None));
    let prev = panic::take_hook();
    {
        let file = file.clone();
        panic::set_hook(Box::new(move |info| {
            *file.lock().unwrap() = info.location().map(|l| l.file().to_string());
        }));
    }
    let result = panic::catch_unwind(f);
    panic::set_hook(prev);
    assert!(result.is_err(), "expected a panic");
    let file = file.lock().unwrap().take();
    file.expect("the panic has a location")
}

#[test]
fn socket_constructors_panic_at_the_callers_line() {
    let here = file!();
    let std_udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    assert_eq!(panic_file(move || drop(UdpSocket::from_std(std_udp))), here);
    let std_listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = std_listener.local_addr().unwrap();
    let std_stream = std::net::TcpStream::connect(addr).unwrap();
    assert_eq!(
        panic_file(move || drop(TcpListener::from_std(std_listener))),
        here
    );
    assert_eq!(
        panic_file(move || drop(TcpStream::from_std(std_stream))),
        here
    );

    let (a, b) = std::os::unix::net::UnixStream::pair().unwrap();
    assert_eq!(panic_file(move || drop(UnixStream::from_std(a))), here);
    assert_eq!(panic_file(|| drop(UnixStream::pair())), here);
    assert_eq!(panic_file(|| drop(UnixDatagram::pair())), here);
    assert_eq!(panic_file(|| drop(UnixDatagram::unbound())), here);
    let dir = std::env::temp_dir().join(format!("runtime-net-panic-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("listener.sock");
    let _ = std::fs::remove_file(&path);
    assert_eq!(panic_file(|| drop(UnixListener::bind(&path))), here);
    let _ = std::fs::remove_dir_all(&dir);

    assert_eq!(panic_file(move || drop(AsyncFd::new(b))), here);
}

#[test]
fn pipe_constructors_panic_at_the_callers_line() {
    use runtime_net::unix::pipe::{self, OpenOptions, Receiver, Sender};

    let here = file!();
    assert_eq!(panic_file(|| drop(pipe::pipe())), here);
    let (tx, rx) = mio::unix::pipe::new().unwrap();
    assert_eq!(
        panic_file(move || drop(Sender::from_owned_fd(tx.into()))),
        here
    );
    assert_eq!(
        panic_file(move || drop(Receiver::from_owned_fd_unchecked(rx.into()))),
        here
    );
    let (tx, rx) = mio::unix::pipe::new().unwrap();
    let (tx, rx) = (
        std::fs::File::from(std::os::fd::OwnedFd::from(tx)),
        std::fs::File::from(std::os::fd::OwnedFd::from(rx)),
    );
    assert_eq!(
        panic_file(move || drop(Sender::from_file_unchecked(tx))),
        here
    );
    assert_eq!(panic_file(move || drop(Receiver::from_file(rx))), here);

    // Unchecked, the options open any file and then look for the driver.
    let path = std::env::temp_dir().join(format!("runtime-net-panic-{}.file", std::process::id()));
    std::fs::File::create(&path).unwrap();
    let mut options = OpenOptions::new();
    options.unchecked(true);
    assert_eq!(panic_file(|| drop(options.open_receiver(&path))), here);
    assert_eq!(panic_file(|| drop(options.open_sender(&path))), here);
    std::fs::remove_file(&path).unwrap();
}
