//! `SignalStream` on a runtime with the I/O and signal drivers.
//!
//! Signals are process-wide and all tests of this file share one process,
//! so each test uses a signal no other test here uses.

#![cfg(all(unix, feature = "signal"))]

use std::future::poll_fn;
use std::pin::Pin;
use std::task::Poll;

use runtime_core::runtime::{Builder, Runtime};
use runtime_signal::unix::{SignalKind, signal};
use runtime_stream::wrappers::SignalStream;
use runtime_stream::{Stream, StreamExt};

fn rt() -> Runtime {
    Builder::new_current_thread()
        .driver_layer(runtime_net::driver::layer())
        .driver_layer(runtime_signal::driver::layer())
        .build()
        .expect("runtime")
}

/// Sends `signum` to the whole process, as another process would.
fn send_signal(signum: libc::c_int) {
    // SAFETY: kill(2) on our own pid; every caller has created a `Signal`
    // for `signum` first, so its handler is installed and the default
    // action (terminating the process) does not run.
    let rc = unsafe { libc::kill(libc::getpid(), signum) };
    assert_eq!(rc, 0, "kill: {}", std::io::Error::last_os_error());
}

#[test]
fn yields_once_per_received_signal() {
    rt().block_on(async {
        let mut stream = SignalStream::new(signal(SignalKind::user_defined1()).unwrap());

        // Nothing received yet: the stream waits.
        let first = poll_fn(|cx| Poll::Ready(Pin::new(&mut stream).poll_next(cx))).await;
        assert!(first.is_pending());

        send_signal(libc::SIGUSR1);
        assert_eq!(stream.next().await, Some(()));

        send_signal(libc::SIGUSR1);
        assert_eq!(stream.next().await, Some(()));
    });
}

#[test]
fn as_mut_and_into_inner_reach_the_listener() {
    rt().block_on(async {
        let mut stream = SignalStream::new(signal(SignalKind::user_defined2()).unwrap());
        let _: &runtime_signal::unix::Signal = stream.as_ref();
        assert!(format!("{stream:?}").contains("SignalStream"));

        send_signal(libc::SIGUSR2);
        assert_eq!(stream.as_mut().recv().await, Some(()));

        let mut inner = stream.into_inner();
        send_signal(libc::SIGUSR2);
        assert_eq!(inner.recv().await, Some(()));
    });
}

#[test]
fn ends_once_its_runtime_is_gone() {
    let rt = rt();
    let mut stream =
        rt.block_on(async { SignalStream::new(signal(SignalKind::window_change()).unwrap()) });
    drop(rt);
    futures::executor::block_on(async {
        assert_eq!(stream.next().await, None);
        assert_eq!(stream.next().await, None);
    });
}
