//! io benches, ours against tokio in the same process.
//!
//! * `copy_duplex/{8KiB,64KiB}`: 64 MiB from `repeat(..).take(..)` through a
//!   duplex pipe of that capacity, with one `io::copy` into the pipe and one
//!   out of it into `sink`, as two tasks on a current-thread runtime.
//! * `read_line_1m`: `BufReader::read_line` over one million short lines
//!   held in memory.
//!
//! Run: `cargo bench --bench io -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const TOTAL: u64 = 64 * 1024 * 1024;
const LINES: usize = 1_000_000;

fn copy_duplex(c: &mut Criterion) {
    let mut group = c.benchmark_group("copy_duplex");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(TOTAL));

    let ours = runtime::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let theirs = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();

    for (label, cap) in [("8KiB", 8 * 1024), ("64KiB", 64 * 1024)] {
        group.bench_with_input(BenchmarkId::new("ours", label), &cap, |b, &cap| {
            use runtime::io::{self, AsyncReadExt};
            b.iter(|| {
                ours.block_on(async move {
                    let (mut tx, mut rx) = io::duplex(cap);
                    let writer = runtime::task::spawn(async move {
                        let mut src = io::repeat(7).take(TOTAL);
                        io::copy(&mut src, &mut tx).await.unwrap()
                    });
                    let n = io::copy(&mut rx, &mut io::sink()).await.unwrap();
                    assert_eq!(writer.await.unwrap(), TOTAL);
                    black_box(n)
                })
            });
        });
        group.bench_with_input(BenchmarkId::new("tokio", label), &cap, |b, &cap| {
            use tokio::io::{self, AsyncReadExt};
            b.iter(|| {
                theirs.block_on(async move {
                    let (mut tx, mut rx) = io::duplex(cap);
                    let writer = tokio::task::spawn(async move {
                        let mut src = io::repeat(7).take(TOTAL);
                        io::copy(&mut src, &mut tx).await.unwrap()
                    });
                    let n = io::copy(&mut rx, &mut io::sink()).await.unwrap();
                    assert_eq!(writer.await.unwrap(), TOTAL);
                    black_box(n)
                })
            });
        });
    }
    group.finish();
}

fn read_line(c: &mut Criterion) {
    let mut group = c.benchmark_group("read_line_1m");
    group.sample_size(10);
    let text: Vec<u8> = (0..LINES)
        .flat_map(|i| format!("line {i}\n").into_bytes())
        .collect();
    group.throughput(Throughput::Bytes(text.len() as u64));

    let ours = runtime::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let theirs = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();

    group.bench_function("ours", |b| {
        use runtime::io::{AsyncBufReadExt, BufReader};
        b.iter(|| {
            ours.block_on(async {
                let mut rd = BufReader::new(&text[..]);
                let mut line = String::new();
                let mut count = 0usize;
                while rd.read_line(&mut line).await.unwrap() != 0 {
                    count += 1;
                    line.clear();
                }
                assert_eq!(count, LINES);
                black_box(count)
            })
        });
    });
    group.bench_function("tokio", |b| {
        use tokio::io::{AsyncBufReadExt, BufReader};
        b.iter(|| {
            theirs.block_on(async {
                let mut rd = BufReader::new(&text[..]);
                let mut line = String::new();
                let mut count = 0usize;
                while rd.read_line(&mut line).await.unwrap() != 0 {
                    count += 1;
                    line.clear();
                }
                assert_eq!(count, LINES);
                black_box(count)
            })
        });
    });
    group.finish();
}

criterion_group!(benches, copy_duplex, read_line);
criterion_main!(benches);
