//! `RuntimeMetrics` of the multi-thread runtime.

use std::sync::mpsc as std_mpsc;

use runtime_core::runtime::{Builder, Runtime};
use runtime_core::task;

fn rt(workers: usize) -> Runtime {
    Builder::new_multi_thread()
        .worker_threads(workers)
        .build()
        .unwrap()
}

#[test]
fn num_workers_and_alive_tasks() {
    let rt = rt(2);
    let metrics = rt.metrics();
    assert_eq!(metrics.num_workers(), 2);
    assert_eq!(metrics.num_alive_tasks(), 0);

    let (tx, rx) = futures::channel::oneshot::channel::<()>();
    let task = rt.spawn(async move { rx.await.unwrap() });
    assert_eq!(metrics.num_alive_tasks(), 1);
    tx.send(()).unwrap();
    rt.block_on(task).unwrap();
    // The task is released by its worker right after completing; wait for
    // that without a timing assumption.
    while metrics.num_alive_tasks() != 0 {
        std::thread::yield_now();
    }
    assert_eq!(metrics.num_alive_tasks(), 0);
}

#[test]
fn spawned_tasks_count_counts_every_spawn() {
    let rt = rt(2);
    let metrics = rt.metrics();
    assert_eq!(metrics.spawned_tasks_count(), 0);
    rt.block_on(rt.spawn(async {
        let handles: Vec<_> = (0..9).map(|_| task::spawn(async {})).collect();
        for handle in handles {
            handle.await.unwrap();
        }
    }))
    .unwrap();
    assert_eq!(metrics.spawned_tasks_count(), 10);
}

#[test]
fn worker_poll_counts_add_up_after_shutdown() {
    const N: u64 = 25;
    let rt = rt(2);
    let metrics = rt.metrics();
    rt.block_on(async {
        for _ in 0..N {
            rt.spawn(async {}).await.unwrap();
        }
    });
    drop(rt);
    let polls: u64 = (0..metrics.num_workers())
        .map(|i| metrics.worker_poll_count(i))
        .sum();
    assert_eq!(polls, N);
    let parks: u64 = (0..metrics.num_workers())
        .map(|i| metrics.worker_park_count(i))
        .sum();
    assert!(parks >= 1);
    let busy = (0..metrics.num_workers())
        .map(|i| metrics.worker_total_busy_duration(i))
        .sum::<std::time::Duration>();
    assert!(busy > std::time::Duration::ZERO);
}

#[test]
fn global_queue_depth_counts_tasks_waiting_for_a_busy_worker() {
    let rt = rt(1);
    let metrics = rt.metrics();
    let (entered_tx, entered) = std_mpsc::channel::<()>();
    let (release, blocked) = std_mpsc::channel::<()>();
    rt.spawn(async move {
        entered_tx.send(()).unwrap();
        // Block the only worker thread.
        let _ = blocked.recv();
    });
    entered.recv().unwrap();
    let handles: Vec<_> = (0..5).map(|_| rt.spawn(async {})).collect();
    assert_eq!(metrics.global_queue_depth(), 5);
    release.send(()).unwrap();
    rt.block_on(async {
        for handle in handles {
            handle.await.unwrap();
        }
    });
    assert_eq!(metrics.global_queue_depth(), 0);
}

#[test]
fn local_queue_depth_and_overflow() {
    let rt = rt(1);
    let metrics = rt.metrics();
    let (release, blocked) = std_mpsc::channel::<()>();
    let (depth_tx, depth_rx) = std_mpsc::channel::<()>();
    rt.spawn(async move {
        // Spawned from the worker: they go to its local queue (256 slots),
        // and the rest overflows to the global queue.
        for _ in 0..300 {
            task::spawn(async {});
        }
        depth_tx.send(()).unwrap();
        let _ = blocked.recv();
    });
    depth_rx.recv().unwrap();
    let depth = metrics.worker_local_queue_depth(0);
    let global = metrics.global_queue_depth();
    // All 300 (minus the one in the LIFO slot) are in one of the two.
    assert_eq!(depth + global, 299);
    assert!(global > 0);
    release.send(()).unwrap();
    drop(rt);
    assert!(metrics.worker_overflow_count(0) >= 1);
}

#[test]
fn stealing_is_counted() {
    let rt = rt(2);
    let metrics = rt.metrics();
    let (release, blocked) = std_mpsc::channel::<()>();
    let (spawned_tx, spawned_rx) = std_mpsc::channel::<()>();
    rt.spawn(async move {
        // Fill this worker's queue, then block it: the other worker can
        // only run these by stealing.
        for _ in 0..64 {
            task::spawn(async {});
        }
        spawned_tx.send(()).unwrap();
        let _ = blocked.recv();
    });
    spawned_rx.recv().unwrap();
    // Wait (without a timing verdict) until the other worker stole them.
    while (0..2)
        .map(|i| metrics.worker_local_queue_depth(i))
        .sum::<usize>()
        > 0
    {
        std::thread::yield_now();
    }
    release.send(()).unwrap();
    drop(rt);
    let steals: u64 = (0..2).map(|i| metrics.worker_steal_count(i)).sum();
    let operations: u64 = (0..2).map(|i| metrics.worker_steal_operations(i)).sum();
    assert!(operations >= 1);
    assert!(steals >= operations);
}

#[test]
fn blocking_pool_counts() {
    let rt = rt(1);
    let metrics = rt.metrics();
    assert_eq!(metrics.num_blocking_threads(), 0);
    assert_eq!(metrics.num_idle_blocking_threads(), 0);
    let (release, blocked) = std_mpsc::channel::<()>();
    let (started_tx, started) = std_mpsc::channel::<()>();
    let handle = rt.spawn_blocking(move || {
        started_tx.send(()).unwrap();
        let _ = blocked.recv();
    });
    started.recv().unwrap();
    // The worker thread is not counted; the blocking one is.
    assert_eq!(metrics.num_blocking_threads(), 1);
    assert_eq!(metrics.blocking_queue_depth(), 0);
    release.send(()).unwrap();
    rt.block_on(handle).unwrap();
    // The thread that ran it is now idle (kept alive for reuse).
    while metrics.num_idle_blocking_threads() == 0 {
        std::thread::yield_now();
    }
    assert_eq!(metrics.num_idle_blocking_threads(), 1);
    assert_eq!(metrics.num_blocking_threads(), 1);
}

#[test]
#[should_panic]
fn worker_index_out_of_range_panics() {
    let rt = rt(2);
    rt.metrics().worker_poll_count(2);
}

#[test]
fn park_unpark_count_is_odd_while_parked_and_even_while_running() {
    let rt = rt(1);
    let metrics = rt.metrics();
    // With nothing to do the worker goes to sleep: the count turns odd.
    while metrics.worker_park_unpark_count(0) % 2 == 0 {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let parked_at = metrics.worker_park_unpark_count(0);
    // A task wakes it; read from the task itself, the worker is running.
    let m = metrics.clone();
    let running = rt
        .block_on(rt.spawn(async move { m.worker_park_unpark_count(0) }))
        .unwrap();
    assert_eq!(running % 2, 0);
    assert!(running > parked_at);
}

#[test]
fn current_thread_park_unpark_count_is_two_per_park() {
    let rt = Builder::new_current_thread().build().unwrap();
    let metrics = rt.metrics();
    let (tx, rx) = std_mpsc::channel::<runtime_core::sync::oneshot::Sender<()>>();
    let m = metrics.clone();
    std::thread::spawn(move || {
        let wake = rx.recv().unwrap();
        // Send once the runtime thread sleeps (an odd count), so that it
        // parks at least once.
        while m.worker_park_unpark_count(0) % 2 == 0 {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        wake.send(()).unwrap();
    });
    rt.block_on(async {
        let (wake, done) = runtime_core::sync::oneshot::channel();
        tx.send(wake).unwrap();
        done.await.unwrap();
    });
    let parks = metrics.worker_park_count(0);
    assert!(parks >= 1);
    assert_eq!(metrics.worker_park_unpark_count(0), 2 * parks);
}

#[test]
fn current_thread_busy_time_counts_a_block_on_that_never_parked() {
    let rt = Builder::new_current_thread().build().unwrap();
    let metrics = rt.metrics();
    rt.block_on(async {
        for _ in 0..5 {
            task::spawn(task::yield_now()).await.unwrap();
        }
    });
    assert_eq!(metrics.worker_park_count(0), 0);
    assert!(metrics.worker_total_busy_duration(0) > std::time::Duration::ZERO);
}
