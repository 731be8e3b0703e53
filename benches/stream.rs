//! runtime-stream against tokio-stream, side by side in one run.
//!
//! * `iter_map_filter_fold`: `iter(0..1_000_000).map().filter().fold()`,
//!   pure adapter overhead (plus `iter`'s yield every 32 items).
//! * `stream_map_drain`: a `StreamMap` of 64 unbounded receivers, filled
//!   beforehand with 1,000,000 messages in all, drained to the end. It
//!   measures the map's fair polling and removal of finished streams.
//!
//! Each runs on its own runtime's current-thread scheduler. Run with
//! `cargo bench --bench stream --features full -- --warm-up-time 1
//! --measurement-time 3`.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

const ITEMS: u64 = 1_000_000;
const RECEIVERS: usize = 64;

fn ours_rt() -> runtime_core::runtime::Runtime {
    runtime_core::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime")
}

fn tokio_rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("tokio runtime")
}

fn iter_map_filter_fold(c: &mut Criterion) {
    let mut group = c.benchmark_group("stream/iter_map_filter_fold");
    group.sample_size(20);

    let rt = ours_rt();
    group.bench_function("ours", |b| {
        use runtime_stream::StreamExt;
        b.iter(|| {
            let sum = rt.block_on(
                runtime_stream::iter(0..black_box(ITEMS))
                    .map(|x| x.wrapping_mul(3))
                    .filter(|x| x % 2 == 0)
                    .fold(0u64, |acc, x| acc.wrapping_add(x)),
            );
            black_box(sum)
        });
    });

    let rt = tokio_rt();
    group.bench_function("tokio", |b| {
        use tokio_stream::StreamExt;
        b.iter(|| {
            let sum = rt.block_on(
                tokio_stream::iter(0..black_box(ITEMS))
                    .map(|x| x.wrapping_mul(3))
                    .filter(|x| x % 2 == 0)
                    .fold(0u64, |acc, x| acc.wrapping_add(x)),
            );
            black_box(sum)
        });
    });

    group.finish();
}

fn stream_map_drain(c: &mut Criterion) {
    let mut group = c.benchmark_group("stream/stream_map_drain");
    group.sample_size(10);
    let per_receiver = ITEMS / RECEIVERS as u64;

    let rt = ours_rt();
    group.bench_function("ours", |b| {
        use runtime_core::sync::mpsc;
        use runtime_stream::wrappers::UnboundedReceiverStream;
        use runtime_stream::{StreamExt, StreamMap};
        b.iter_batched(
            || {
                let mut map = StreamMap::with_capacity(RECEIVERS);
                for key in 0..RECEIVERS {
                    let (tx, rx) = mpsc::unbounded_channel();
                    for i in 0..per_receiver {
                        tx.send(i).unwrap();
                    }
                    map.insert(key, UnboundedReceiverStream::new(rx));
                }
                map
            },
            |mut map| {
                let received = rt.block_on(async {
                    let mut received = 0u64;
                    while let Some((_, value)) = map.next().await {
                        received += 1;
                        black_box(value);
                    }
                    received
                });
                assert_eq!(received, per_receiver * RECEIVERS as u64);
            },
            BatchSize::PerIteration,
        );
    });

    let rt = tokio_rt();
    group.bench_function("tokio", |b| {
        use tokio::sync::mpsc;
        use tokio_stream::wrappers::UnboundedReceiverStream;
        use tokio_stream::{StreamExt, StreamMap};
        b.iter_batched(
            || {
                let mut map = StreamMap::with_capacity(RECEIVERS);
                for key in 0..RECEIVERS {
                    let (tx, rx) = mpsc::unbounded_channel();
                    for i in 0..per_receiver {
                        tx.send(i).unwrap();
                    }
                    map.insert(key, UnboundedReceiverStream::new(rx));
                }
                map
            },
            |mut map| {
                let received = rt.block_on(async {
                    let mut received = 0u64;
                    while let Some((_, value)) = map.next().await {
                        received += 1;
                        black_box(value);
                    }
                    received
                });
                assert_eq!(received, per_receiver * RECEIVERS as u64);
            },
            BatchSize::PerIteration,
        );
    });

    group.finish();
}

criterion_group!(benches, iter_map_filter_fold, stream_map_drain);
criterion_main!(benches);
