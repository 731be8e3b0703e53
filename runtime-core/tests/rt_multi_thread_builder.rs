//! `Builder::new_multi_thread` and its settings.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Barrier, Mutex};

use runtime_core::runtime::{Builder, RuntimeFlavor};
use runtime_core::task;

#[test]
fn flavor_and_worker_count() {
    let rt = Builder::new_multi_thread()
        .worker_threads(3)
        .build()
        .unwrap();
    assert_eq!(rt.handle().runtime_flavor(), RuntimeFlavor::MultiThread);
    assert_eq!(rt.metrics().num_workers(), 3);
}

#[test]
fn default_worker_count_is_the_available_parallelism() {
    let rt = Builder::new_multi_thread().build().unwrap();
    let cpus = std::thread::available_parallelism().unwrap().get();
    assert_eq!(rt.metrics().num_workers(), cpus);
}

#[test]
#[should_panic(expected = "Worker threads cannot be set to 0")]
fn zero_worker_threads_panics() {
    Builder::new_multi_thread().worker_threads(0);
}

#[test]
#[should_panic(expected = "global_queue_interval must be greater than 0")]
fn zero_global_queue_interval_panics() {
    Builder::new_multi_thread().global_queue_interval(0);
}

#[test]
#[should_panic(expected = "Max blocking threads cannot be set to 0")]
fn zero_max_blocking_threads_panics() {
    Builder::new_multi_thread().max_blocking_threads(0);
}

#[test]
fn all_workers_run_tasks_at_the_same_time() {
    const WORKERS: usize = 3;
    let rt = Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .build()
        .unwrap();
    // Every task blocks its worker until all have arrived: this completes
    // only if the three tasks run on three different threads at once.
    let barrier = Arc::new(Barrier::new(WORKERS));
    let names = Arc::new(Mutex::new(HashSet::new()));
    let handles: Vec<_> = (0..WORKERS)
        .map(|_| {
            let barrier = barrier.clone();
            let names = names.clone();
            rt.spawn(async move {
                names.lock().unwrap().insert(std::thread::current().id());
                barrier.wait();
            })
        })
        .collect();
    rt.block_on(async {
        for handle in handles {
            handle.await.unwrap();
        }
    });
    assert_eq!(names.lock().unwrap().len(), WORKERS);
}

#[test]
fn thread_name_fn_names_every_worker() {
    let counter = Arc::new(AtomicUsize::new(0));
    let rt = {
        let counter = counter.clone();
        Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name_fn(move || format!("custom-{}", counter.fetch_add(1, SeqCst)))
            .build()
            .unwrap()
    };
    let name = rt
        .block_on(rt.spawn(async { std::thread::current().name().map(str::to_owned) }))
        .unwrap()
        .unwrap();
    assert!(name.starts_with("custom-"), "{name}");
    assert!(counter.load(SeqCst) >= 2);
}

#[test]
fn thread_start_and_stop_hooks_run_for_every_worker() {
    let started = Arc::new(AtomicUsize::new(0));
    let stopped = Arc::new(AtomicUsize::new(0));
    let rt = {
        let (started, stopped) = (started.clone(), stopped.clone());
        Builder::new_multi_thread()
            .worker_threads(3)
            .on_thread_start(move || {
                started.fetch_add(1, SeqCst);
            })
            .on_thread_stop(move || {
                stopped.fetch_add(1, SeqCst);
            })
            .build()
            .unwrap()
    };
    rt.block_on(rt.spawn(async {})).unwrap();
    drop(rt);
    assert_eq!(started.load(SeqCst), 3);
    assert_eq!(stopped.load(SeqCst), 3);
}

#[test]
fn park_and_unpark_hooks_run_on_workers() {
    let parks = Arc::new(AtomicUsize::new(0));
    let unparks = Arc::new(AtomicUsize::new(0));
    let rt = {
        let (parks, unparks) = (parks.clone(), unparks.clone());
        Builder::new_multi_thread()
            .worker_threads(1)
            .on_thread_park(move || {
                parks.fetch_add(1, SeqCst);
            })
            .on_thread_unpark(move || {
                unparks.fetch_add(1, SeqCst);
            })
            .build()
            .unwrap()
    };
    // Let the worker go idle, then give it work from outside.
    for _ in 0..3 {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::sleep(std::time::Duration::from_millis(5));
        rt.spawn(async move { tx.send(()).unwrap() });
        rx.recv().unwrap();
    }
    drop(rt);
    let (parks, unparks) = (parks.load(SeqCst), unparks.load(SeqCst));
    assert!(parks >= 1, "the idle worker parked");
    // Every park is followed by an unpark, including the one that shutdown
    // interrupts.
    assert_eq!(unparks, parks);
}

#[test]
fn thread_stack_size_is_applied() {
    let rt = Builder::new_multi_thread()
        .worker_threads(1)
        .thread_stack_size(8 * 1024 * 1024)
        .build()
        .unwrap();
    // Deep recursion that would overflow a tiny stack runs fine.
    fn depth(n: u64) -> u64 {
        let pad = [n; 64];
        if n == 0 {
            0
        } else {
            1 + depth(n - 1) + (pad[63] - n)
        }
    }
    let result = rt.block_on(rt.spawn(async { depth(5_000) })).unwrap();
    assert_eq!(result, 5_000);
}

#[test]
fn max_blocking_threads_bounds_concurrent_blocking_tasks() {
    let rt = Builder::new_multi_thread()
        .worker_threads(1)
        .max_blocking_threads(2)
        .build()
        .unwrap();
    let running = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let (running, peak) = (running.clone(), peak.clone());
            rt.spawn_blocking(move || {
                let now = running.fetch_add(1, SeqCst) + 1;
                peak.fetch_max(now, SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(2));
                running.fetch_sub(1, SeqCst);
            })
        })
        .collect();
    rt.block_on(async {
        for handle in handles {
            handle.await.unwrap();
        }
    });
    assert!(peak.load(SeqCst) <= 2, "peak {}", peak.load(SeqCst));
}

#[test]
fn spawn_blocking_and_handle_current_inside_workers() {
    let rt = Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    let value = rt.block_on(async {
        task::spawn(async {
            let handle = runtime_core::runtime::Handle::current();
            assert_eq!(handle.runtime_flavor(), RuntimeFlavor::MultiThread);
            task::spawn_blocking(|| 6).await.unwrap() * 7
        })
        .await
        .unwrap()
    });
    assert_eq!(value, 42);
}
