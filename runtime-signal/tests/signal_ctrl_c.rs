//! `ctrl_c`: SIGINT after the future was first polled. Alone in its
//! process, since it sends SIGINT; one test, so that no other test's SIGINT
//! completes a `ctrl_c` that should not complete.

mod support;

use runtime_signal::unix::{SignalKind, signal};
use runtime_test::{assert_pending, assert_ready_ok, task};
use support::*;

#[test]
fn ctrl_c_completes_on_a_later_sigint_only_and_fails_when_the_runtime_goes() {
    let rt = rt();
    rt.block_on(async {
        // Polled first (inside `await`), then the spawned task raises.
        let ctrl_c = runtime_signal::ctrl_c();
        runtime_core::task::spawn(async { raise(libc::SIGINT) });
        ctrl_c.await.unwrap();

        // A SIGINT fully delivered before the future is polled is not seen.
        let mut witness = signal(SignalKind::interrupt()).unwrap();
        raise(libc::SIGINT);
        assert_eq!(witness.recv().await, Some(()));
        let mut ctrl_c = task::spawn(runtime_signal::ctrl_c());
        assert_pending!(ctrl_c.poll());
        raise(libc::SIGINT);
        assert_eq!(witness.recv().await, Some(()));
        assert!(ctrl_c.is_woken());
        assert_ready_ok!(ctrl_c.poll());
    });
    drop(rt);

    // A runtime that shuts down first: the future fails.
    let rt = support::rt();
    let mut ctrl_c = task::spawn(runtime_signal::ctrl_c());
    rt.block_on(async { assert_pending!(ctrl_c.poll()) });
    drop(rt);
    let err = futures::executor::block_on(ctrl_c).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::Other);
}
