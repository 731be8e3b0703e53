//! `sync` primitives, ours against tokio's, each on its own current-thread
//! runtime, same workloads (one criterion group per case with two
//! functions, `ours` and `tokio`).
//!
//! Run: `cargo bench --bench sync -- --warm-up-time 1 --measurement-time 3`

use criterion::{Criterion, criterion_group, criterion_main};

/// The workloads, written once against tokio's API and instantiated for
/// both crates (the APIs are the same by design).
macro_rules! workloads {
    ($name:ident, $krate:ident) => {
        mod $name {
            use std::sync::Arc;

            use $krate::sync::{Notify, RwLock, Semaphore, broadcast, mpsc, oneshot, watch};

            pub type Runtime = $krate::runtime::Runtime;

            pub fn runtime() -> Runtime {
                $krate::runtime::Builder::new_current_thread()
                    .build()
                    .unwrap()
            }

            const N: usize = 1000;

            pub fn mpsc_bounded_uncontended(rt: &Runtime) {
                rt.block_on(async {
                    let (tx, mut rx) = mpsc::channel(N);
                    for i in 0..N {
                        tx.send(i).await.unwrap();
                    }
                    for _ in 0..N {
                        rx.recv().await.unwrap();
                    }
                });
            }

            pub fn mpsc_bounded_4_to_1(rt: &Runtime) {
                rt.block_on(async {
                    let (tx, mut rx) = mpsc::channel(64);
                    for _ in 0..4 {
                        let tx = tx.clone();
                        $krate::spawn(async move {
                            for i in 0..N / 4 {
                                tx.send(i).await.unwrap();
                            }
                        });
                    }
                    drop(tx);
                    let mut n = 0;
                    while rx.recv().await.is_some() {
                        n += 1;
                    }
                    assert_eq!(n, N);
                });
            }

            pub fn mpsc_unbounded_uncontended(rt: &Runtime) {
                rt.block_on(async {
                    let (tx, mut rx) = mpsc::unbounded_channel();
                    for i in 0..N {
                        tx.send(i).unwrap();
                    }
                    for _ in 0..N {
                        rx.recv().await.unwrap();
                    }
                });
            }

            pub fn mpsc_unbounded_4_to_1(rt: &Runtime) {
                rt.block_on(async {
                    let (tx, mut rx) = mpsc::unbounded_channel();
                    for _ in 0..4 {
                        let tx = tx.clone();
                        $krate::spawn(async move {
                            for i in 0..N / 4 {
                                tx.send(i).unwrap();
                                if i % 16 == 0 {
                                    $krate::task::yield_now().await;
                                }
                            }
                        });
                    }
                    drop(tx);
                    let mut n = 0;
                    while rx.recv().await.is_some() {
                        n += 1;
                    }
                    assert_eq!(n, N);
                });
            }

            pub fn oneshot(rt: &Runtime) {
                rt.block_on(async {
                    for i in 0..N {
                        let (tx, rx) = oneshot::channel();
                        tx.send(i).unwrap();
                        assert_eq!(rx.await.unwrap(), i);
                    }
                });
            }

            pub fn semaphore_uncontended(rt: &Runtime) {
                rt.block_on(async {
                    let sem = Semaphore::new(1);
                    for _ in 0..N {
                        drop(sem.acquire().await.unwrap());
                    }
                });
            }

            pub fn semaphore_contended(rt: &Runtime) {
                rt.block_on(async {
                    let sem = Arc::new(Semaphore::new(2));
                    let tasks: Vec<_> = (0..8)
                        .map(|_| {
                            let sem = sem.clone();
                            $krate::spawn(async move {
                                for _ in 0..N / 8 {
                                    let _p = sem.acquire().await.unwrap();
                                    $krate::task::yield_now().await;
                                }
                            })
                        })
                        .collect();
                    for t in tasks {
                        t.await.unwrap();
                    }
                });
            }

            pub fn notify_ping_pong(rt: &Runtime) {
                rt.block_on(async {
                    let ping = Arc::new(Notify::new());
                    let pong = Arc::new(Notify::new());
                    let (ping2, pong2) = (ping.clone(), pong.clone());
                    let other = $krate::spawn(async move {
                        for _ in 0..N {
                            ping2.notified().await;
                            pong2.notify_one();
                        }
                    });
                    for _ in 0..N {
                        ping.notify_one();
                        pong.notified().await;
                    }
                    other.await.unwrap();
                });
            }

            pub fn rwlock_read_heavy(rt: &Runtime) {
                rt.block_on(async {
                    let lock = Arc::new(RwLock::new(0usize));
                    let tasks: Vec<_> = (0..4)
                        .map(|t| {
                            let lock = lock.clone();
                            $krate::spawn(async move {
                                let mut sum = 0;
                                for i in 0..N / 4 {
                                    if t == 0 && i % 16 == 0 {
                                        *lock.write().await += 1;
                                    } else {
                                        sum += *lock.read().await;
                                    }
                                }
                                sum
                            })
                        })
                        .collect();
                    for t in tasks {
                        t.await.unwrap();
                    }
                });
            }

            pub fn watch(rt: &Runtime) {
                rt.block_on(async {
                    let (tx, mut rx) = watch::channel(0usize);
                    let reader = $krate::spawn(async move {
                        let mut last = 0;
                        while rx.changed().await.is_ok() {
                            last = *rx.borrow_and_update();
                        }
                        last
                    });
                    for i in 1..=N {
                        tx.send(i).unwrap();
                        if i % 8 == 0 {
                            $krate::task::yield_now().await;
                        }
                    }
                    drop(tx);
                    assert_eq!(reader.await.unwrap(), N);
                });
            }

            pub fn broadcast_8_receivers(rt: &Runtime) {
                rt.block_on(async {
                    let (tx, _) = broadcast::channel(N);
                    let tasks: Vec<_> = (0..8)
                        .map(|_| {
                            let mut rx = tx.subscribe();
                            $krate::spawn(async move {
                                let mut n = 0;
                                while rx.recv().await.is_ok() {
                                    n += 1;
                                }
                                n
                            })
                        })
                        .collect();
                    for i in 0..N {
                        tx.send(i).unwrap();
                        if i % 64 == 0 {
                            $krate::task::yield_now().await;
                        }
                    }
                    drop(tx);
                    for t in tasks {
                        assert_eq!(t.await.unwrap(), N);
                    }
                });
            }
        }
    };
}

workloads!(ours, runtime);
workloads!(theirs, tokio);

macro_rules! cases {
    ($($case:ident),* $(,)?) => {
        fn sync_benches(c: &mut Criterion) {
            let our_rt = ours::runtime();
            let their_rt = theirs::runtime();
            $(
                let mut group = c.benchmark_group(stringify!($case));
                group.bench_function("ours", |b| b.iter(|| ours::$case(&our_rt)));
                group.bench_function("tokio", |b| b.iter(|| theirs::$case(&their_rt)));
                group.finish();
            )*
        }
    };
}

cases!(
    mpsc_bounded_uncontended,
    mpsc_bounded_4_to_1,
    mpsc_unbounded_uncontended,
    mpsc_unbounded_4_to_1,
    oneshot,
    semaphore_uncontended,
    semaphore_contended,
    notify_ping_pong,
    rwlock_read_heavy,
    watch,
    broadcast_8_receivers,
);

criterion_group!(benches, sync_benches);
criterion_main!(benches);
