//! Shutting a multi-thread runtime down: every task is dropped, on a
//! runtime thread, and shutdown returns even with work outstanding.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::channel::oneshot;
use runtime_core::runtime::{Builder, Runtime};
use runtime_core::task;

const WORKER_NAME: &str = "mt-shutdown-worker";

fn rt(workers: usize) -> Runtime {
    Builder::new_multi_thread()
        .worker_threads(workers)
        .thread_name(WORKER_NAME)
        .build()
        .unwrap()
}

/// Counts its drops and records the name of the thread that dropped it.
struct DropProbe {
    drops: Arc<AtomicUsize>,
    threads: Arc<Mutex<Vec<Option<String>>>>,
}

impl Drop for DropProbe {
    fn drop(&mut self) {
        self.threads
            .lock()
            .unwrap()
            .push(std::thread::current().name().map(str::to_owned));
        self.drops.fetch_add(1, SeqCst);
    }
}

#[test]
fn shutdown_drops_tasks_on_every_worker_on_runtime_threads() {
    const WORKERS: usize = 4;
    const PER_KIND: usize = 50;
    let rt = rt(WORKERS);
    let drops = Arc::new(AtomicUsize::new(0));
    let threads = Arc::new(Mutex::new(Vec::new()));
    let started = Arc::new(AtomicUsize::new(0));

    let probe = || DropProbe {
        drops: drops.clone(),
        threads: threads.clone(),
    };
    for _ in 0..PER_KIND {
        // Parked forever on a channel that never fires.
        let (keep, never) = oneshot::channel::<()>();
        let p = probe();
        let started_parked = started.clone();
        rt.spawn(async move {
            let _p = p;
            let _keep = keep;
            started_parked.fetch_add(1, SeqCst);
            let _ = never.await;
            unreachable!("the sender lives in this very task");
        });
        // Always runnable: sits in some worker's queue at shutdown.
        let p = probe();
        let started_spinning = started.clone();
        rt.spawn(async move {
            let _p = p;
            started_spinning.fetch_add(1, SeqCst);
            loop {
                task::yield_now().await;
            }
        });
    }
    while started.load(SeqCst) < 2 * PER_KIND {
        std::thread::yield_now();
    }
    drop(rt);

    assert_eq!(drops.load(SeqCst), 2 * PER_KIND);
    let threads = threads.lock().unwrap();
    assert_eq!(threads.len(), 2 * PER_KIND);
    assert!(
        threads
            .iter()
            .all(|name| name.as_deref() == Some(WORKER_NAME)),
        "every task was dropped on a worker thread: {threads:?}"
    );
}

#[test]
fn tasks_spawned_but_never_run_are_dropped_at_shutdown() {
    let rt = rt(1);
    let drops = Arc::new(AtomicUsize::new(0));
    let threads = Arc::new(Mutex::new(Vec::new()));
    // Keep the only worker busy so the spawned tasks stay queued.
    let (release, blocked) = std::sync::mpsc::channel::<()>();
    let (entered_tx, entered) = std::sync::mpsc::channel::<()>();
    rt.spawn(async move {
        entered_tx.send(()).unwrap();
        // Blocks the worker thread itself (deliberately, without
        // `block_in_place`): nothing else runs until released.
        let _ = blocked.recv();
    });
    entered.recv().unwrap();
    for _ in 0..10 {
        let p = DropProbe {
            drops: drops.clone(),
            threads: threads.clone(),
        };
        rt.spawn(async move {
            let _p = p;
        });
    }
    // Release the worker only once shutdown has begun (or soon after; the
    // verdict does not depend on which).
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(20));
        drop(release);
    });
    drop(rt);
    releaser.join().unwrap();
    assert_eq!(drops.load(SeqCst), 10);
}

#[test]
fn shutdown_timeout_returns_while_a_blocking_task_is_still_running() {
    let rt = rt(2);
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let (started_tx, started_rx) = std::sync::mpsc::channel::<()>();
    let finished = Arc::new(AtomicUsize::new(0));
    {
        let finished = finished.clone();
        rt.spawn_blocking(move || {
            started_tx.send(()).unwrap();
            let _ = release_rx.recv();
            finished.fetch_add(1, SeqCst);
        });
    }
    started_rx.recv().unwrap();
    rt.shutdown_timeout(Duration::from_millis(10));
    // Shutdown gave up waiting: the blocking task is still inside.
    assert_eq!(finished.load(SeqCst), 0);
    release_tx.send(()).unwrap();
}

#[test]
fn shutdown_background_inside_an_async_context_does_not_block() {
    let outer = rt(1);
    let inner = rt(2);
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    inner.spawn_blocking(move || {
        let _ = rx.recv();
    });
    let done = outer.block_on(async move {
        inner.shutdown_background();
        "returned"
    });
    assert_eq!(done, "returned");
    drop(tx);
}

#[test]
fn spawning_after_shutdown_gives_a_cancelled_join_error() {
    let rt = rt(2);
    let handle = rt.handle().clone();
    drop(rt);
    let join = handle.spawn(async { 1 });
    let err = futures::executor::block_on(join).unwrap_err();
    assert!(err.is_cancelled());
}

#[test]
fn dropping_a_runtime_from_a_worker_of_another_runtime_via_spawn_blocking() {
    let outer = rt(2);
    let inner = rt(2);
    let probe_drops = Arc::new(AtomicUsize::new(0));
    {
        let probe = DropProbe {
            drops: probe_drops.clone(),
            threads: Arc::new(Mutex::new(Vec::new())),
        };
        inner.spawn(async move {
            let _p = probe;
            std::future::pending::<()>().await;
        });
    }
    outer
        .block_on(outer.spawn_blocking(move || drop(inner)))
        .unwrap();
    assert_eq!(probe_drops.load(SeqCst), 1);
}

#[test]
fn shutdown_drops_tasks_queued_on_each_worker() {
    const WORKERS: usize = 3;
    const PER_WORKER: usize = 20;
    let rt = rt(WORKERS);
    let drops = Arc::new(AtomicUsize::new(0));
    let threads = Arc::new(Mutex::new(Vec::new()));
    // One seed task per worker: they meet at a barrier, which they can only
    // all reach if each runs on its own worker, and then fill that worker's
    // queue with tasks that keep yielding and tasks that never wake.
    let barrier = Arc::new(std::sync::Barrier::new(WORKERS));
    let seeded = Arc::new(AtomicUsize::new(0));
    for _ in 0..WORKERS {
        let (barrier, seeded) = (barrier.clone(), seeded.clone());
        let (drops, threads) = (drops.clone(), threads.clone());
        rt.spawn(async move {
            barrier.wait();
            for _ in 0..PER_WORKER {
                let p = DropProbe {
                    drops: drops.clone(),
                    threads: threads.clone(),
                };
                task::spawn(async move {
                    let _p = p;
                    loop {
                        task::yield_now().await;
                    }
                });
                let p = DropProbe {
                    drops: drops.clone(),
                    threads: threads.clone(),
                };
                task::spawn(async move {
                    let _p = p;
                    std::future::pending::<()>().await;
                });
            }
            seeded.fetch_add(1, SeqCst);
        });
    }
    while seeded.load(SeqCst) < WORKERS {
        std::thread::yield_now();
    }
    drop(rt);
    assert_eq!(drops.load(SeqCst), WORKERS * PER_WORKER * 2);
    let threads = threads.lock().unwrap();
    assert!(
        threads
            .iter()
            .all(|name| name.as_deref() == Some(WORKER_NAME)),
        "every task was dropped on a worker thread"
    );
}
