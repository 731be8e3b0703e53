//! `sync` primitives inside runtime-core's own runtime: the `blocking_*`
//! methods refuse to block a runtime thread, and waits spend the
//! cooperative budget so a task that always finds its channel ready still
//! lets other tasks run.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use runtime_core::runtime::{Builder, Runtime};
use runtime_core::sync::{Mutex, Semaphore, mpsc, oneshot};
use runtime_core::task;

fn rt() -> Runtime {
    Builder::new_current_thread().build().unwrap()
}

fn panic_message(err: Box<dyn std::any::Any + Send>) -> String {
    match err.downcast::<String>() {
        Ok(s) => *s,
        Err(err) => err
            .downcast::<&'static str>()
            .map(|s| s.to_string())
            .unwrap_or_default(),
    }
}

#[test]
fn blocking_recv_inside_runtime_panics_naming_async_method() {
    let rt = rt();
    let (_tx, mut rx) = mpsc::channel::<u8>(1);
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rt.block_on(async { rx.blocking_recv() })
    }))
    .unwrap_err();
    let msg = panic_message(err);
    assert!(msg.contains("Cannot block the current thread"), "{msg}");
    assert!(msg.contains("Receiver::recv"), "{msg}");
}

#[test]
fn blocking_send_and_lock_inside_runtime_panic() {
    let rt = rt();
    let (tx, _rx) = mpsc::channel::<u8>(1);
    let m = Mutex::new(0);
    let sem = Semaphore::new(1);
    for attempt in 0..3 {
        let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            rt.block_on(async {
                match attempt {
                    0 => drop(tx.blocking_send(1)),
                    1 => drop(m.blocking_lock()),
                    _ => drop(sem.blocking_acquire()),
                }
            })
        }));
        assert!(res.is_err(), "attempt {attempt} did not panic");
    }
    // Nothing was taken by the refused calls.
    assert_eq!(tx.capacity(), 1);
    assert!(m.try_lock().is_ok());
    assert_eq!(sem.available_permits(), 1);
}

#[test]
fn blocking_recv_in_spawn_blocking_is_allowed() {
    let rt = rt();
    let (tx, rx) = oneshot::channel();
    let got = rt.block_on(async move {
        let handle = task::spawn_blocking(move || rx.blocking_recv());
        tx.send(5).unwrap();
        handle.await.unwrap()
    });
    assert_eq!(got, Ok(5));
}

#[test]
fn always_ready_recv_loop_yields_to_other_tasks() {
    let rt = rt();
    let seen_by_other = rt.block_on(async {
        let iterations = Arc::new(AtomicUsize::new(0));
        let observed = Arc::new(AtomicUsize::new(usize::MAX));
        let busy = task::spawn({
            let iterations = iterations.clone();
            let observed = observed.clone();
            async move {
                let (tx, mut rx) = mpsc::unbounded_channel();
                // The receive is always ready; only the budget makes this
                // task give the other one a turn.
                for _ in 0..10_000 {
                    tx.send(()).unwrap();
                    rx.recv().await.unwrap();
                    iterations.fetch_add(1, Ordering::SeqCst);
                    if observed.load(Ordering::SeqCst) != usize::MAX {
                        break;
                    }
                }
            }
        });
        let other = task::spawn({
            let iterations = iterations.clone();
            let observed = observed.clone();
            async move { observed.store(iterations.load(Ordering::SeqCst), Ordering::SeqCst) }
        });
        busy.await.unwrap();
        other.await.unwrap();
        observed.load(Ordering::SeqCst)
    });
    assert!(
        seen_by_other < 10_000,
        "the other task never ran during the loop"
    );
}

#[test]
fn channels_between_runtime_tasks() {
    let rt = rt();
    let total = rt.block_on(async {
        let (tx, mut rx) = mpsc::channel(4);
        for p in 0..4u64 {
            let tx = tx.clone();
            task::spawn(async move {
                for i in 0..100u64 {
                    tx.send(p * 1000 + i).await.unwrap();
                }
            });
        }
        drop(tx);
        let mut total = 0;
        while let Some(v) = rx.recv().await {
            total += v;
        }
        total
    });
    assert_eq!(total, 4 * 4950 + 100 * 6000);
}
