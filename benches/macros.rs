//! The cost of the control-flow macros, ours against tokio's.
//!
//! * `select_2_ready`, `select_8_ready`: 1,000 `select!`s over 2 or 8
//!   channels that always hold a message; after each, the winner's channel
//!   is refilled, so every branch is ready every time (the random start
//!   decides the winner).
//! * `join_8`: 1,000 `join!`s of 8 futures that each return `Pending` once
//!   (waking themselves) before completing, so each `join!` polls twice.
//!
//! Both sides use the same channels (`tokio::sync::mpsc`) and futures and are
//! driven by the same trivial executor, `futures::executor::block_on`, so
//! that only the macros differ. Outside a runtime both coop budgets are
//! unconstrained.

use std::future::{Future, poll_fn};
use std::hint::black_box;
use std::task::Poll;

use criterion::{Criterion, criterion_group, criterion_main};
use futures::executor::block_on;
use tokio::sync::mpsc;

const ROUNDS: usize = 1_000;

fn channels(n: usize) -> (Vec<mpsc::Sender<u32>>, Vec<mpsc::Receiver<u32>>) {
    let (mut txs, mut rxs) = (Vec::new(), Vec::new());
    for _ in 0..n {
        let (tx, rx) = mpsc::channel(4);
        tx.try_send(1).unwrap();
        txs.push(tx);
        rxs.push(rx);
    }
    (txs, rxs)
}

macro_rules! select_2 {
    ($($select:ident)::+, $txs:expr, $rxs:expr) => {{
        let [r0, r1] = &mut $rxs[..] else { unreachable!() };
        let mut sum = 0u32;
        for _ in 0..ROUNDS {
            let (i, v) = $($select)::+! {
                Some(v) = r0.recv() => (0, v),
                Some(v) = r1.recv() => (1, v),
            };
            sum += v;
            $txs[i].try_send(1).unwrap();
        }
        sum
    }};
}

macro_rules! select_8 {
    ($($select:ident)::+, $txs:expr, $rxs:expr) => {{
        let [r0, r1, r2, r3, r4, r5, r6, r7] = &mut $rxs[..] else { unreachable!() };
        let mut sum = 0u32;
        for _ in 0..ROUNDS {
            let (i, v) = $($select)::+! {
                Some(v) = r0.recv() => (0, v),
                Some(v) = r1.recv() => (1, v),
                Some(v) = r2.recv() => (2, v),
                Some(v) = r3.recv() => (3, v),
                Some(v) = r4.recv() => (4, v),
                Some(v) = r5.recv() => (5, v),
                Some(v) = r6.recv() => (6, v),
                Some(v) = r7.recv() => (7, v),
            };
            sum += v;
            $txs[i].try_send(1).unwrap();
        }
        sum
    }};
}

fn select_2_ready(c: &mut Criterion) {
    let mut group = c.benchmark_group("select_2_ready");
    group.bench_function("ours", |b| {
        let (txs, mut rxs) = channels(2);
        b.iter(|| block_on(async { black_box(select_2!(runtime::select, txs, rxs)) }));
    });
    group.bench_function("tokio", |b| {
        let (txs, mut rxs) = channels(2);
        b.iter(|| block_on(async { black_box(select_2!(tokio::select, txs, rxs)) }));
    });
    group.finish();
}

fn select_8_ready(c: &mut Criterion) {
    let mut group = c.benchmark_group("select_8_ready");
    group.bench_function("ours", |b| {
        let (txs, mut rxs) = channels(8);
        b.iter(|| block_on(async { black_box(select_8!(runtime::select, txs, rxs)) }));
    });
    group.bench_function("tokio", |b| {
        let (txs, mut rxs) = channels(8);
        b.iter(|| block_on(async { black_box(select_8!(tokio::select, txs, rxs)) }));
    });
    group.finish();
}

/// `Pending` once (waking itself), then `Ready(value)`.
fn yield_once(value: u32) -> impl Future<Output = u32> {
    let mut yielded = false;
    poll_fn(move |cx| {
        if yielded {
            Poll::Ready(value)
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
}

macro_rules! join_8 {
    ($($join:ident)::+) => {{
        let mut sum = 0u32;
        for _ in 0..ROUNDS {
            let (a, b, c, d, e, f, g, h) = $($join)::+!(
                yield_once(1),
                yield_once(2),
                yield_once(3),
                yield_once(4),
                yield_once(5),
                yield_once(6),
                yield_once(7),
                yield_once(8),
            );
            sum += a + b + c + d + e + f + g + h;
        }
        sum
    }};
}

fn join_8(c: &mut Criterion) {
    let mut group = c.benchmark_group("join_8");
    group.bench_function("ours", |b| {
        b.iter(|| block_on(async { black_box(join_8!(runtime::join)) }));
    });
    group.bench_function("tokio", |b| {
        b.iter(|| block_on(async { black_box(join_8!(tokio::join)) }));
    });
    group.finish();
}

criterion_group!(benches, select_2_ready, select_8_ready, join_8);
criterion_main!(benches);
