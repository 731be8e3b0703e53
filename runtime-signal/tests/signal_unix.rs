//! `unix::signal` and `Signal`: delivery, listeners, errors, runtimes.
//!
//! Each test uses its own signal (see `support`).

mod support;

use std::io;
use std::panic;
use std::task::Poll;

use runtime_signal::unix::{Signal, SignalKind, signal};
use runtime_test::{assert_pending, assert_ready_eq, task};
use support::*;

#[test]
fn recv_after_raise_and_again() {
    let rt = rt();
    rt.block_on(async {
        let mut sig = signal(SignalKind::user_defined1()).unwrap();
        for _ in 0..3 {
            raise(libc::SIGUSR1);
            assert_eq!(sig.recv().await, Some(()));
        }
    });
}

#[test]
fn every_listener_is_notified_and_dropping_one_keeps_the_others() {
    let rt = rt();
    rt.block_on(async {
        let kind = SignalKind::user_defined2();
        let dropped_first = signal(kind).unwrap();
        let mut a = signal(kind).unwrap();
        let mut b = signal(kind).unwrap();
        let dropped_last = signal(kind).unwrap();
        drop(dropped_first);
        drop(dropped_last);
        raise(libc::SIGUSR2);
        assert_eq!(a.recv().await, Some(()));
        assert_eq!(b.recv().await, Some(()));
    });
}

#[test]
fn a_listener_created_after_a_signal_is_not_notified_of_it() {
    let rt = rt();
    rt.block_on(async {
        let mut early = signal(SignalKind::hangup()).unwrap();
        raise(libc::SIGHUP);
        assert_eq!(early.recv().await, Some(()));

        let mut late = task::spawn(signal(SignalKind::hangup()).unwrap());
        assert_pending!(late.enter(|cx, mut sig| sig.poll_recv(cx)));
        // The next one reaches both.
        raise(libc::SIGHUP);
        assert_eq!(early.recv().await, Some(()));
        assert!(late.is_woken());
        assert_ready_eq!(late.enter(|cx, mut sig| sig.poll_recv(cx)), Some(()));
    });
}

#[test]
fn poll_recv_wakes_the_last_waker_once_and_then_reports() {
    let rt = rt();
    rt.block_on(async {
        let kind = SignalKind::window_change();
        let mut watched = task::spawn(signal(kind).unwrap());
        let mut driver = signal(kind).unwrap();
        assert_pending!(watched.enter(|cx, mut sig| sig.poll_recv(cx)));
        assert_pending!(watched.enter(|cx, mut sig| sig.poll_recv(cx)));
        assert!(!watched.is_woken());

        raise(libc::SIGWINCH);
        // `driver` completes once the broadcast ran, which woke `watched`.
        assert_eq!(driver.recv().await, Some(()));
        assert!(watched.is_woken());
        assert_ready_eq!(watched.enter(|cx, mut sig| sig.poll_recv(cx)), Some(()));
        assert_pending!(watched.enter(|cx, mut sig| sig.poll_recv(cx)));
    });
}

#[test]
fn recv_is_cancel_safe() {
    let rt = rt();
    rt.block_on(async {
        let mut sig = signal(SignalKind::quit()).unwrap();
        let mut other = signal(SignalKind::quit()).unwrap();
        raise(libc::SIGQUIT);
        assert_eq!(other.recv().await, Some(()));
        // A recv dropped before it is polled, and one that loses a race.
        drop(sig.recv());
        runtime_core::select! {
            biased;
            _ = std::future::ready(()) => {}
            _ = sig.recv() => panic!("the ready branch goes first"),
        }
        assert_eq!(sig.recv().await, Some(()));
    });
}

#[test]
fn refused_signals_fail_with_other() {
    let rt = rt();
    let _guard = rt.enter();
    let refused = [
        -1,
        0,
        libc::SIGILL,
        libc::SIGFPE,
        libc::SIGKILL,
        libc::SIGSEGV,
        libc::SIGSTOP,
        1 << 20,
    ];
    for signum in refused {
        let err = signal(SignalKind::from_raw(signum)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::Other, "signal {signum}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_reserved_number_fails_with_the_os_error_every_time() {
    // glibc and musl keep 32 and 33 for themselves; sigaction says EINVAL.
    let rt = rt();
    let _guard = rt.enter();
    for _ in 0..2 {
        let err = signal(SignalKind::from_raw(32)).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EINVAL));
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn realtime_signals_are_delivered() {
    let rt = rt();
    rt.block_on(async {
        let signum = libc::SIGRTMIN() + 2;
        let mut sig = signal(SignalKind::from_raw(signum)).unwrap();
        raise(signum);
        assert_eq!(sig.recv().await, Some(()));
    });
}

#[test]
fn outside_a_runtime_it_panics_with_tokios_message() {
    let err = panic::catch_unwind(|| signal(SignalKind::hangup())).unwrap_err();
    let msg = err.downcast_ref::<String>().unwrap();
    assert_eq!(
        msg,
        "there is no reactor running, must be called from the context of a Tokio 1.x runtime"
    );
}

#[test]
fn without_io_it_panics_before_checking_the_number() {
    let rt = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let _guard = rt.enter();
    let err = panic::catch_unwind(|| signal(SignalKind::from_raw(-1))).unwrap_err();
    let msg = err.downcast_ref::<String>().unwrap();
    assert!(
        msg.starts_with("A Tokio 1.x context was found, but IO is disabled."),
        "{msg}"
    );
}

#[test]
fn multi_thread_runtime_delivers_to_tasks_on_workers() {
    let rt = multi_rt(2);
    let kind = SignalKind::io();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let tasks: Vec<_> = (0..3)
        .map(|_| {
            let ready_tx = ready_tx.clone();
            rt.spawn(async move {
                let mut sig = signal(kind).unwrap();
                ready_tx.send(()).unwrap();
                sig.recv().await
            })
        })
        .collect();
    for _ in 0..3 {
        ready_rx.recv().unwrap();
    }
    send_signal(libc::SIGIO);
    for task in tasks {
        assert_eq!(rt.block_on(task).unwrap(), Some(()));
    }
}

#[test]
fn several_runtimes_each_see_each_signal() {
    let kind = SignalKind::from_raw(libc::SIGVTALRM);
    for _ in 0..5 {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let threads: Vec<_> = (0..3)
            .map(|_| {
                let ready_tx = ready_tx.clone();
                std::thread::spawn(move || {
                    let rt = rt();
                    rt.block_on(async {
                        let mut sig = signal(kind).unwrap();
                        ready_tx.send(()).unwrap();
                        sig.recv().await
                    })
                })
            })
            .collect();
        for _ in 0..3 {
            ready_rx.recv().unwrap();
        }
        send_signal(libc::SIGVTALRM);
        for thread in threads {
            assert_eq!(thread.join().unwrap(), Some(()));
        }
    }
}

#[test]
fn a_dropped_runtime_ends_its_listeners_after_what_they_had() {
    let kind = SignalKind::from_raw(libc::SIGPROF);
    let rt = rt();
    let (mut sig, mut witness) =
        rt.block_on(async { (signal(kind).unwrap(), signal(kind).unwrap()) });
    let mut idle = rt.block_on(async { signal(kind).unwrap() });
    raise(libc::SIGPROF);
    rt.block_on(async { assert_eq!(witness.recv().await, Some(())) });
    let handle = rt.handle().clone();
    drop(rt);

    // The notification from before the shutdown, then the end.
    futures::executor::block_on(async {
        assert_eq!(sig.recv().await, Some(()));
        assert_eq!(sig.recv().await, None);
        assert_eq!(idle.recv().await, Some(()));
        assert_eq!(idle.recv().await, None);
        assert_eq!(witness.recv().await, None);
    });

    // New listeners on the dead runtime's handle fail.
    let _guard = handle.enter();
    let err = signal(kind).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::Other);
}

#[test]
fn a_waiting_listener_is_woken_when_its_runtime_shuts_down() {
    let kind = SignalKind::from_raw(libc::SIGXCPU);
    let rt = rt();
    let mut sig = task::spawn(rt.block_on(async { signal(kind).unwrap() }));
    assert_pending!(sig.enter(|cx, mut sig| sig.poll_recv(cx)));
    drop(rt);
    assert!(sig.is_woken());
    assert_eq!(
        sig.enter(|cx, mut sig| sig.poll_recv(cx)),
        Poll::Ready(None)
    );
}

#[test]
fn kinds_convert_and_compare() {
    use std::collections::HashSet;
    use std::os::raw::c_int;

    let all = [
        (SignalKind::alarm(), libc::SIGALRM),
        (SignalKind::child(), libc::SIGCHLD),
        (SignalKind::hangup(), libc::SIGHUP),
        (SignalKind::interrupt(), libc::SIGINT),
        (SignalKind::io(), libc::SIGIO),
        (SignalKind::pipe(), libc::SIGPIPE),
        (SignalKind::quit(), libc::SIGQUIT),
        (SignalKind::terminate(), libc::SIGTERM),
        (SignalKind::user_defined1(), libc::SIGUSR1),
        (SignalKind::user_defined2(), libc::SIGUSR2),
        (SignalKind::window_change(), libc::SIGWINCH),
    ];
    for (kind, signum) in all {
        assert_eq!(kind.as_raw_value(), signum);
        assert_eq!(SignalKind::from_raw(signum), kind);
        assert_eq!(SignalKind::from(signum), kind);
        assert_eq!(c_int::from(kind), signum);
    }
    let set: HashSet<SignalKind> = all.iter().map(|(kind, _)| *kind).collect();
    assert_eq!(set.len(), all.len());
    const KIND: SignalKind = SignalKind::from_raw(libc::SIGHUP);
    assert_eq!(
        format!("{:?}", KIND),
        format!("SignalKind({})", libc::SIGHUP)
    );
}

#[test]
fn types_are_send_sync_unpin() {
    fn check<T: Send + Sync + Unpin + 'static>() {}
    check::<Signal>();
    check::<SignalKind>();
}

/// The disposition of `signum` right now.
fn current_action(signum: libc::c_int) -> libc::sighandler_t {
    // SAFETY: all zeroes is a valid `sigaction`; a null `act` only queries.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        assert_eq!(libc::sigaction(signum, std::ptr::null(), &mut old), 0);
        old.sa_sigaction
    }
}

#[test]
fn the_handler_stays_installed_after_every_listener_is_dropped() {
    let rt = rt();
    rt.block_on(async {
        assert_eq!(current_action(libc::SIGALRM), libc::SIG_DFL);
        drop(signal(SignalKind::alarm()).unwrap());
        let ours = current_action(libc::SIGALRM);
        assert_ne!(ours, libc::SIG_DFL);
        // No listener: the signal is absorbed, the process lives on.
        raise(libc::SIGALRM);
        let mut sig = signal(SignalKind::alarm()).unwrap();
        assert_eq!(current_action(libc::SIGALRM), ours);
        raise(libc::SIGALRM);
        assert_eq!(sig.recv().await, Some(()));
    });
}

#[test]
fn a_handler_installed_before_ours_is_still_called() {
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

    static CALLS: AtomicUsize = AtomicUsize::new(0);
    extern "C" fn theirs(_: libc::c_int) {
        CALLS.fetch_add(1, SeqCst);
    }

    // SAFETY: installs a one-argument handler that only touches an atomic.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = theirs as extern "C" fn(libc::c_int) as libc::sighandler_t;
        assert_eq!(
            libc::sigaction(libc::SIGURG, &action, std::ptr::null_mut()),
            0
        );
    }
    let rt = rt();
    rt.block_on(async {
        let mut sig = signal(SignalKind::from_raw(libc::SIGURG)).unwrap();
        raise(libc::SIGURG);
        assert_eq!(sig.recv().await, Some(()));
        assert_eq!(CALLS.load(SeqCst), 1);
    });
}
