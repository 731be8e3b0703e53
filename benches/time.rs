//! Timers, ours against tokio's, side by side.
//!
//! Every case runs on a current-thread runtime of each crate. The sleep
//! case uses a paused clock (`start_paused`), so it measures the wheel and
//! the driver (insert, auto-advance, fire in order, wake) rather than real
//! waiting: 100,000 sleeps with deadlines spread over 0..100 s.
//!
//! Run: `cargo bench --bench time --features test-util -- --warm-up-time 1 --measurement-time 3`

use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Waker};
use std::time::{Duration, Instant as StdInstant};

use criterion::{Criterion, criterion_group, criterion_main};
use futures::stream::{FuturesUnordered, StreamExt};

/// Our runtime with timers: core's builder plus the time driver's layer
/// (what the facade's `enable_time` composes).
fn ours_rt(paused: bool) -> runtime_core::runtime::Runtime {
    runtime_core::runtime::Builder::new_current_thread()
        .driver_layer(runtime_time::driver::layer())
        .start_paused(paused)
        .build()
        .unwrap()
}

fn tokio_rt(paused: bool) -> tokio::runtime::Runtime {
    let mut builder = tokio::runtime::Builder::new_current_thread();
    builder.enable_time();
    if paused {
        builder.start_paused(true);
    }
    builder.build().unwrap()
}

const SPREAD_SLEEPS: u64 = 100_000;
const DROPPED_SLEEPS: u64 = 1_000_000;

fn spread(i: u64) -> Duration {
    // Deadlines over 0..100 s, in an order unrelated to creation.
    Duration::from_millis((i * 7_919) % 100_000)
}

fn sleeps_awaited(c: &mut Criterion) {
    let mut group = c.benchmark_group("time/100k_spread_sleeps_paused");
    group.sample_size(10);
    group.bench_function("ours", |b| {
        b.iter_custom(|iters| {
            let rt = ours_rt(true);
            rt.block_on(async {
                let start = StdInstant::now();
                for _ in 0..iters {
                    let mut all: FuturesUnordered<_> = (0..SPREAD_SLEEPS)
                        .map(|i| runtime::time::sleep(spread(i)))
                        .collect();
                    let mut done = 0;
                    while all.next().await.is_some() {
                        done += 1;
                    }
                    assert_eq!(done, SPREAD_SLEEPS);
                }
                start.elapsed()
            })
        })
    });
    group.bench_function("tokio", |b| {
        b.iter_custom(|iters| {
            let rt = tokio_rt(true);
            rt.block_on(async {
                let start = StdInstant::now();
                for _ in 0..iters {
                    let mut all: FuturesUnordered<_> = (0..SPREAD_SLEEPS)
                        .map(|i| tokio::time::sleep(spread(i)))
                        .collect();
                    let mut done = 0;
                    while all.next().await.is_some() {
                        done += 1;
                    }
                    assert_eq!(done, SPREAD_SLEEPS);
                }
                start.elapsed()
            })
        })
    });
    group.finish();
}

fn timeout_ready(c: &mut Criterion) {
    const N: u64 = 1_000;
    let mut group = c.benchmark_group("time/timeout_ready_x1000");
    group.bench_function("ours", |b| {
        let rt = ours_rt(false);
        b.iter_custom(|iters| {
            rt.block_on(async {
                let start = StdInstant::now();
                for _ in 0..iters * N {
                    let v = runtime::time::timeout(Duration::from_secs(1), async { 1u32 }).await;
                    black_box(v.unwrap());
                }
                start.elapsed() / N as u32
            })
        })
    });
    group.bench_function("tokio", |b| {
        let rt = tokio_rt(false);
        b.iter_custom(|iters| {
            rt.block_on(async {
                let start = StdInstant::now();
                for _ in 0..iters * N {
                    let v = tokio::time::timeout(Duration::from_secs(1), async { 1u32 }).await;
                    black_box(v.unwrap());
                }
                start.elapsed() / N as u32
            })
        })
    });
    group.finish();
}

/// Creates a sleep, polls it once (so it joins the wheel), drops it.
fn register_and_drop<F: Future>(future: F) {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    assert!(future.as_mut().poll(&mut cx).is_pending());
}

fn sleeps_dropped(c: &mut Criterion) {
    let mut group = c.benchmark_group("time/1m_sleeps_registered_and_dropped");
    group.sample_size(10);
    group.bench_function("ours", |b| {
        let rt = ours_rt(false);
        b.iter_custom(|iters| {
            rt.block_on(async {
                let start = StdInstant::now();
                for _ in 0..iters {
                    for i in 0..DROPPED_SLEEPS {
                        register_and_drop(runtime::time::sleep(spread(i) + Duration::from_secs(1)));
                    }
                }
                start.elapsed()
            })
        })
    });
    group.bench_function("tokio", |b| {
        let rt = tokio_rt(false);
        b.iter_custom(|iters| {
            rt.block_on(async {
                let start = StdInstant::now();
                for _ in 0..iters {
                    for i in 0..DROPPED_SLEEPS {
                        register_and_drop(tokio::time::sleep(spread(i) + Duration::from_secs(1)));
                    }
                }
                start.elapsed()
            })
        })
    });
    group.finish();
}

fn instant_now(c: &mut Criterion) {
    let mut group = c.benchmark_group("time/instant_now");
    group.bench_function("ours", |b| {
        let rt = ours_rt(false);
        let _guard = rt.enter();
        b.iter(|| black_box(runtime::time::Instant::now()))
    });
    group.bench_function("tokio", |b| {
        let rt = tokio_rt(false);
        let _guard = rt.enter();
        b.iter(|| black_box(tokio::time::Instant::now()))
    });
    group.finish();
}

criterion_group!(
    benches,
    sleeps_awaited,
    timeout_ready,
    sleeps_dropped,
    instant_now
);
criterion_main!(benches);
