//! The I/O driver as the runtime sees it: missing driver, shutdown, the
//! cooperative budget, and exact deregistration.

mod support;

use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use runtime_core::runtime::Builder;
use runtime_net::{TcpListener, UdpSocket, UnixStream};
use support::*;

fn panic_message(err: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = err.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = err.downcast_ref::<&str>() {
        (*s).to_owned()
    } else {
        String::from("<non-string panic>")
    }
}

#[test]
fn outside_a_runtime_panics_with_a_clear_message() {
    let std = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    std.set_nonblocking(true).unwrap();
    let err = catch_unwind(AssertUnwindSafe(|| UdpSocket::from_std(std))).unwrap_err();
    assert!(panic_message(err).contains("no reactor running"));
}

/// A blocking socket would stall the runtime's thread on its first
/// operation; debug builds refuse it at the constructor instead, naming the
/// fix. The socket was not registered: it is dropped with the panic.
#[cfg(debug_assertions)]
#[test]
fn from_std_refuses_a_blocking_socket_in_debug_builds() {
    let rt = rt();
    let blocking = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let err = catch_unwind(AssertUnwindSafe(|| {
        rt.block_on(async { TcpListener::from_std(blocking) })
    }))
    .unwrap_err();
    let msg = panic_message(err);
    assert!(msg.contains("blocking socket"), "{msg}");
    assert!(msg.contains("set_nonblocking(true)"), "{msg}");
    // The same listener in non-blocking mode is accepted.
    let ok = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    ok.set_nonblocking(true).unwrap();
    let addr = ok.local_addr().unwrap();
    let listener = rt.block_on(async { TcpListener::from_std(ok) }).unwrap();
    assert_eq!(listener.local_addr().unwrap(), addr);
}

#[test]
fn runtime_without_io_names_enable_io() {
    let rt = Builder::new_current_thread().build().unwrap();
    let err = catch_unwind(AssertUnwindSafe(|| {
        rt.block_on(async { UnixStream::pair() })
    }))
    .unwrap_err();
    let msg = panic_message(err);
    assert!(msg.contains("enable_io"), "{msg}");
}

/// Blocks the thread until `fd` has data queued, with `poll(2)`: no driver.
fn wait_until_readable(fd: &impl std::os::fd::AsRawFd) {
    let mut pfd = libc::pollfd {
        fd: fd.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid `pollfd` for the duration of the call.
    let n = unsafe { libc::poll(&mut pfd, 1, -1) };
    assert_eq!(n, 1, "{}", io::Error::last_os_error());
}

#[test]
fn dropping_the_runtime_fails_pending_operations() {
    let rt = rt();
    let sock = rt.block_on(async {
        let sock = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        // One send, so the socket is known to be writable.
        let me = sock.local_addr().unwrap();
        assert_eq!(sock.send_to(b"w", me).await.unwrap(), 1);
        let mut buf = [0u8; 1];
        assert_eq!(sock.recv_from(&mut buf).await.unwrap().0, 1);
        sock
    });
    let sock = Arc::new(sock);
    // One poll of a receive with nothing queued: it finds `WouldBlock`, so
    // the read readiness is now unknown and the waker is registered. (Done
    // here rather than left to the waiter thread, which may run before or
    // after the shutdown.)
    {
        let mut buf = [0u8; 8];
        let recv = sock.recv_from(&mut buf);
        futures::pin_mut!(recv);
        let mut cx = std::task::Context::from_waker(futures::task::noop_waker_ref());
        assert!(recv.poll(&mut cx).is_pending());
    }
    let waiter = {
        let sock = sock.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8];
            futures::executor::block_on(sock.recv_from(&mut buf))
        })
    };
    drop(rt);
    let err = waiter.join().unwrap().unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::Other);
    assert!(err.to_string().contains("being shutdown"), "{err}");
    assert!(runtime_core::runtime::is_rt_shutdown_err(&err));
    // Later operations fail the same way, and never hang.
    let mut buf = [0u8; 8];
    let err = futures::executor::block_on(sock.recv_from(&mut buf)).unwrap_err();
    assert!(err.to_string().contains("being shutdown"), "{err}");
    assert!(runtime_core::runtime::is_rt_shutdown_err(&err));
    // `try_*` calls act on the readiness known so far, as tokio's: the
    // socket was writable, so the send still goes out...
    assert_eq!(
        sock.try_send_to(b"x", sock.local_addr().unwrap()).unwrap(),
        1
    );
    // ...while the read readiness was unknown at the shutdown, and no
    // driver will learn of the datagram now queued (loopback delivery may
    // lag behind the send: wait for it without the driver), so a `try_`
    // receive says `WouldBlock` without taking it...
    wait_until_readable(&sock);
    assert_eq!(
        sock.try_recv_from(&mut buf).unwrap_err().kind(),
        io::ErrorKind::WouldBlock
    );
    // ...and waiting reports the shutdown.
    let err = futures::executor::block_on(sock.recv_from(&mut buf)).unwrap_err();
    assert!(runtime_core::runtime::is_rt_shutdown_err(&err));
    // An error of the OS is not mistaken for it.
    let os = io::Error::from_raw_os_error(libc::ECONNRESET);
    assert!(!runtime_core::runtime::is_rt_shutdown_err(&os));
}

#[test]
fn a_reader_that_never_blocks_still_yields() {
    block_on(async {
        let (mut a, mut b) = tcp_pair().await;
        write_all(&mut a, &[7u8; 20_000]).await.unwrap();
        b.readable().await.unwrap();
        let other_ran = Arc::new(AtomicBool::new(false));
        // The reader is spawned first, so it runs first; the other task can
        // only run once the reader yields.
        let reader = {
            let other_ran = other_ran.clone();
            runtime_core::task::spawn(async move {
                let mut reads = 0u32;
                let mut one = [0u8; 1];
                while !other_ran.load(Ordering::SeqCst) {
                    assert_eq!(read(&mut b, &mut one).await.unwrap(), 1);
                    reads += 1;
                    assert!(reads < 20_000, "the budget never made the reader yield");
                }
                reads
            })
        };
        let flag = other_ran.clone();
        let other = runtime_core::task::spawn(async move { flag.store(true, Ordering::SeqCst) });
        let reads = reader.await.unwrap();
        // One task poll has a budget of 128 units and every read takes one:
        // 128 reads complete, the 129th yields, the other task runs, and the
        // 129th read completes when the reader is polled again.
        assert_eq!(reads, 129, "reads until the other task ran");
        other.await.unwrap();
    });
}

#[test]
fn many_sockets_dropped_while_waiting_leak_nothing() {
    in_child_process("many_sockets_dropped_while_waiting_leak_nothing", || {
        block_on(drop_while_waiting())
    });
}

async fn drop_while_waiting() {
    {
        drop(UnixStream::pair().unwrap());
        let before = open_fds();
        let mut tasks = Vec::new();
        for _ in 0..100 {
            let (a, _b) = UnixStream::pair().unwrap();
            tasks.push(runtime_core::task::spawn(async move {
                let _keep = _b;
                a.readable().await.unwrap();
            }));
        }
        runtime_core::task::yield_now().await;
        for t in &tasks {
            t.abort();
        }
        for t in tasks {
            assert!(t.await.unwrap_err().is_cancelled());
        }
        assert_eq!(open_fds(), before);
    }
}

#[test]
fn listener_survives_many_short_connections() {
    block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = runtime_core::task::spawn(async move {
            let mut total = 0;
            for _ in 0..200 {
                let (mut s, _) = listener.accept().await.unwrap();
                let mut buf = [0u8; 1];
                read_exact(&mut s, &mut buf).await.unwrap();
                total += buf[0] as usize;
            }
            total
        });
        for i in 0..200usize {
            let mut c = runtime_net::TcpStream::connect(addr).await.unwrap();
            write_all(&mut c, &[(i % 2) as u8]).await.unwrap();
        }
        assert_eq!(server.await.unwrap(), 100);
    });
}
