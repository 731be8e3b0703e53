//! Current-thread scheduler benchmarks, ours and tokio's side by side.
//!
//! Every workload is written once, as a macro instantiated with each
//! runtime's `spawn`, and uses futures' channels for both, so that only the
//! schedulers differ. Run with `cargo bench --bench rt_current_thread`; the
//! ratio of the `ours` and `tokio` medians of a group is what counts.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use criterion::{Criterion, criterion_group, criterion_main};
use futures::channel::oneshot;

const SPAWN_MANY: usize = 10_000;
const YIELD_TASKS: usize = 200;
const YIELDS: usize = 1_000;
const PINGS: usize = 1_000;
const CHAIN: usize = 1_000;

macro_rules! workloads {
    ($m:ident, $spawn:path, $yield_now:path) => {
        mod $m {
            use super::*;

            pub(crate) async fn spawn_many() {
                let mut handles = Vec::with_capacity(SPAWN_MANY);
                for _ in 0..SPAWN_MANY {
                    handles.push($spawn(async {}));
                }
                for h in handles {
                    h.await.unwrap();
                }
            }

            pub(crate) async fn yield_many() {
                let mut handles = Vec::with_capacity(YIELD_TASKS);
                for _ in 0..YIELD_TASKS {
                    handles.push($spawn(async {
                        for _ in 0..YIELDS {
                            $yield_now().await;
                        }
                    }));
                }
                for h in handles {
                    h.await.unwrap();
                }
            }

            pub(crate) async fn ping_pong() {
                let (done_tx, done_rx) = oneshot::channel();
                let done_tx = Arc::new(std::sync::Mutex::new(Some(done_tx)));
                let remaining = Arc::new(AtomicUsize::new(PINGS));
                for _ in 0..PINGS {
                    let remaining = remaining.clone();
                    let done_tx = done_tx.clone();
                    $spawn(async move {
                        let (tx1, rx1) = oneshot::channel::<()>();
                        let (tx2, rx2) = oneshot::channel::<()>();
                        $spawn(async move {
                            rx1.await.unwrap();
                            tx2.send(()).unwrap();
                        });
                        tx1.send(()).unwrap();
                        rx2.await.unwrap();
                        if remaining.fetch_sub(1, Ordering::Relaxed) == 1 {
                            let tx = done_tx.lock().unwrap().take().unwrap();
                            tx.send(()).unwrap();
                        }
                    });
                }
                done_rx.await.unwrap();
            }

            fn chain(n: usize, done: oneshot::Sender<()>) {
                if n == 0 {
                    done.send(()).unwrap();
                } else {
                    $spawn(async move { chain(n - 1, done) });
                }
            }

            pub(crate) async fn chained_spawn() {
                let (tx, rx) = oneshot::channel();
                $spawn(async move { chain(CHAIN, tx) });
                rx.await.unwrap();
            }
        }
    };
}

workloads!(ours, runtime::spawn, runtime::task::yield_now);
workloads!(theirs, tokio::spawn, tokio::task::yield_now);

fn bench(c: &mut Criterion) {
    let ours_rt = runtime::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let tokio_rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();

    macro_rules! case {
        ($name:literal, $f:ident) => {{
            let mut group = c.benchmark_group(concat!("rt_current_thread/", $name));
            group.bench_function("ours", |b| b.iter(|| ours_rt.block_on(ours::$f())));
            group.bench_function("tokio", |b| b.iter(|| tokio_rt.block_on(theirs::$f())));
            group.finish();
        }};
    }

    case!("spawn_many", spawn_many);
    case!("yield_many", yield_many);
    case!("ping_pong", ping_pong);
    case!("chained_spawn", chained_spawn);
}

criterion_group!(benches, bench);
criterion_main!(benches);
