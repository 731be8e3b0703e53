//! The multi-thread scheduler, ours against tokio's, both with 2 workers.
//!
//! Each case is a criterion group with two functions, `ours` and `tokio`,
//! running the same workload:
//!
//! * `spawn_many_local`: a task on a worker spawns 10,000 tasks and awaits
//!   them all (local queues, overflow to the global queue, stealing).
//! * `spawn_many_remote_idle`: the same 10,000 spawned from outside the
//!   runtime while the workers sleep (global queue, waking workers).
//! * `spawn_many_remote_busy`: the same while every worker is kept busy by
//!   a task that keeps yielding (global queue checked between polls).
//! * `yield_many`: 200 tasks each yielding 1,000 times.
//! * `ping_pong`: 1,000 pairs of tasks exchanging a message over oneshots
//!   (the LIFO slot).
//! * `chained_spawn`: a chain of 1,000 tasks, each spawning the next.
//!
//! Run: `cargo bench -p runtime --bench rt_multi_threaded -- --warm-up-time 1
//! --measurement-time 3`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

use criterion::{Criterion, criterion_group, criterion_main};
use futures::channel::oneshot;

const NUM_WORKERS: usize = 2;
const NUM_SPAWN: usize = 10_000;
const NUM_YIELD_TASKS: usize = 200;
const NUM_YIELDS: usize = 1_000;
const NUM_PINGS: usize = 1_000;
const CHAIN_LENGTH: usize = 1_000;

/// The same workloads, written once and instantiated for each runtime.
macro_rules! workloads {
    ($name:ident, $rt:ident, $build:expr) => {
        mod $name {
            use super::*;

            pub(crate) fn runtime() -> $rt::runtime::Runtime {
                $build
            }

            pub(crate) fn spawn_many_local(rt: &$rt::runtime::Runtime) {
                rt.block_on(async {
                    $rt::task::spawn(async {
                        let handles: Vec<_> = (0..NUM_SPAWN)
                            .map(|i| $rt::task::spawn(async move { i }))
                            .collect();
                        let mut sum = 0;
                        for handle in handles {
                            sum += handle.await.unwrap();
                        }
                        assert_eq!(sum, NUM_SPAWN * (NUM_SPAWN - 1) / 2);
                    })
                    .await
                    .unwrap();
                });
            }

            pub(crate) fn spawn_many_remote(rt: &$rt::runtime::Runtime) {
                let handles: Vec<_> = (0..NUM_SPAWN).map(|i| rt.spawn(async move { i })).collect();
                rt.block_on(async {
                    let mut sum = 0;
                    for handle in handles {
                        sum += handle.await.unwrap();
                    }
                    assert_eq!(sum, NUM_SPAWN * (NUM_SPAWN - 1) / 2);
                });
            }

            /// Keeps every worker busy yielding until the returned flag is set.
            pub(crate) fn start_busy(rt: &$rt::runtime::Runtime) -> Arc<AtomicBool> {
                let stop = Arc::new(AtomicBool::new(false));
                for _ in 0..NUM_WORKERS {
                    let stop = stop.clone();
                    rt.spawn(async move {
                        while !stop.load(Relaxed) {
                            $rt::task::yield_now().await;
                        }
                    });
                }
                stop
            }

            pub(crate) fn yield_many(rt: &$rt::runtime::Runtime) {
                let done = Arc::new(AtomicUsize::new(0));
                let handles: Vec<_> = (0..NUM_YIELD_TASKS)
                    .map(|_| {
                        let done = done.clone();
                        rt.spawn(async move {
                            for _ in 0..NUM_YIELDS {
                                $rt::task::yield_now().await;
                            }
                            done.fetch_add(1, Relaxed);
                        })
                    })
                    .collect();
                rt.block_on(async {
                    for handle in handles {
                        handle.await.unwrap();
                    }
                });
                assert_eq!(done.load(Relaxed), NUM_YIELD_TASKS);
            }

            pub(crate) fn ping_pong(rt: &$rt::runtime::Runtime) {
                rt.block_on(async {
                    $rt::task::spawn(async {
                        let handles: Vec<_> = (0..NUM_PINGS)
                            .map(|i| {
                                $rt::task::spawn(async move {
                                    let (ping_tx, ping_rx) = oneshot::channel::<usize>();
                                    let (pong_tx, pong_rx) = oneshot::channel::<usize>();
                                    $rt::task::spawn(async move {
                                        let n = ping_rx.await.unwrap();
                                        pong_tx.send(n + 1).unwrap();
                                    });
                                    ping_tx.send(i).unwrap();
                                    pong_rx.await.unwrap()
                                })
                            })
                            .collect();
                        let mut sum = 0;
                        for handle in handles {
                            sum += handle.await.unwrap();
                        }
                        assert_eq!(sum, NUM_PINGS * (NUM_PINGS + 1) / 2);
                    })
                    .await
                    .unwrap();
                });
            }

            fn chain(remaining: usize, done: oneshot::Sender<usize>) {
                if remaining == 0 {
                    done.send(CHAIN_LENGTH).unwrap();
                } else {
                    $rt::task::spawn(async move { chain(remaining - 1, done) });
                }
            }

            pub(crate) fn chained_spawn(rt: &$rt::runtime::Runtime) {
                rt.block_on(async {
                    let (tx, rx) = oneshot::channel();
                    $rt::task::spawn(async move { chain(CHAIN_LENGTH, tx) });
                    assert_eq!(rx.await.unwrap(), CHAIN_LENGTH);
                });
            }
        }
    };
}

workloads!(
    ours,
    runtime_core,
    runtime_core::runtime::Builder::new_multi_thread()
        .worker_threads(NUM_WORKERS)
        .build()
        .unwrap()
);
workloads!(
    theirs,
    tokio,
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(NUM_WORKERS)
        .build()
        .unwrap()
);

/// Registers one case: the same workload on both runtimes.
macro_rules! case {
    ($c:expr, $name:literal, $workload:ident) => {{
        let mut group = $c.benchmark_group($name);
        let rt = ours::runtime();
        group.bench_function("ours", |b| b.iter(|| ours::$workload(&rt)));
        drop(rt);
        let rt = theirs::runtime();
        group.bench_function("tokio", |b| b.iter(|| theirs::$workload(&rt)));
        drop(rt);
        group.finish();
    }};
}

fn spawn_many_remote_busy(c: &mut Criterion) {
    let mut group = c.benchmark_group("spawn_many_remote_busy");
    let rt = ours::runtime();
    let stop = ours::start_busy(&rt);
    group.bench_function("ours", |b| b.iter(|| ours::spawn_many_remote(&rt)));
    stop.store(true, Relaxed);
    drop(rt);
    let rt = theirs::runtime();
    let stop = theirs::start_busy(&rt);
    group.bench_function("tokio", |b| b.iter(|| theirs::spawn_many_remote(&rt)));
    stop.store(true, Relaxed);
    drop(rt);
    group.finish();
}

fn benches(c: &mut Criterion) {
    case!(c, "spawn_many_local", spawn_many_local);
    case!(c, "spawn_many_remote_idle", spawn_many_remote);
    spawn_many_remote_busy(c);
    case!(c, "yield_many", yield_many);
    case!(c, "ping_pong", ping_pong);
    case!(c, "chained_spawn", chained_spawn);
}

criterion_group!(rt_multi_threaded, benches);
criterion_main!(rt_multi_threaded);
