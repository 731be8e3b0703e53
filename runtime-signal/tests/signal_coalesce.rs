//! Deliveries before a receive coalesce into one notification.
//!
//! Alone in its process: a driver of another test's runtime could broadcast
//! between the raises below and split them into two notifications.

mod support;

use runtime_signal::unix::{SignalKind, signal};
use runtime_test::{assert_pending, task};
use support::*;

#[test]
fn signals_before_a_recv_are_one_notification() {
    let rt = rt();
    rt.block_on(async {
        let sig = signal(SignalKind::user_defined1()).unwrap();
        let mut sig = task::spawn(sig);
        for _ in 0..3 {
            raise(libc::SIGUSR1);
        }
        // The driver has not run since: nothing broadcast yet.
        assert_pending!(sig.enter(|cx, mut sig| sig.poll_recv(cx)));
        let mut sig = sig.into_inner();
        assert_eq!(sig.recv().await, Some(()));
        let mut sig = task::spawn(sig);
        assert_pending!(sig.enter(|cx, mut sig| sig.poll_recv(cx)));

        // Once caught up, the next signal is reported again.
        raise(libc::SIGUSR1);
        let mut sig = sig.into_inner();
        assert_eq!(sig.recv().await, Some(()));
    });
}
