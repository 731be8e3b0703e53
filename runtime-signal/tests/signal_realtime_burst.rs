//! A burst of every real-time signal at once: each arrives while handlers of
//! the others may be running. Every listener hears its own, and the process
//! survives (handlers nested on Rust's small alternate signal stack used to
//! overflow it). A file of its own: it needs the real-time signals to
//! itself.
#![cfg(target_os = "linux")]

mod support;

use runtime_signal::unix::{SignalKind, signal};
use support::*;

#[test]
fn every_real_time_signal_of_a_burst_is_delivered() {
    let rt = multi_rt(2);
    rt.block_on(async {
        let range = libc::SIGRTMIN()..=libc::SIGRTMAX();
        let mut listeners = Vec::new();
        for signum in range.clone() {
            listeners.push((signum, signal(SignalKind::from_raw(signum)).unwrap()));
        }
        for signum in range {
            send_signal(signum);
        }
        for (signum, mut listener) in listeners {
            assert_eq!(listener.recv().await, Some(()), "signal {signum}");
        }
    });
}
