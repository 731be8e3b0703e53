//! TCP over loopback, ours and tokio's side by side in the same run.
//!
//! * `echo_1conn`: one connection, 64-byte request, 64-byte echo; one round
//!   trip per iteration (latency).
//! * `echo_64conn`: 64 connections, each doing one 64-byte round trip per
//!   iteration, concurrently.
//! * `bulk`: 1 GiB written through one connection in 64 KiB writes and
//!   read on the other end (throughput). A fresh connection per iteration,
//!   so both sides start from the kernel's default socket buffers.
//!
//! Both runtimes are current-thread, so the comparison is about the I/O
//! driver and the socket paths rather than the scheduler.
//!
//! Run: `cargo bench --bench net --features full -- --warm-up-time 1 --measurement-time 3`

use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

const MSG: usize = 64;
const CONNS: usize = 64;
/// Bytes per bulk transfer.
const BULK_BYTES: u64 = 1024 * 1024 * 1024;
const CHUNK: usize = 64 * 1024;

mod ours {
    use super::*;
    use runtime::net::{TcpListener, TcpStream};
    use runtime_core::io::{AsyncReadExt, AsyncWriteExt};
    use runtime_core::runtime::{Builder, Runtime};
    use runtime_core::task::spawn;

    /// The I/O driver installed by hand, as the facade's `enable_io` does.
    pub(crate) fn rt() -> Runtime {
        Builder::new_current_thread()
            .driver_layer(runtime_net::driver::layer())
            .build()
            .unwrap()
    }

    async fn echo_server(listener: TcpListener, conns: usize) {
        for _ in 0..conns {
            let (mut s, _) = listener.accept().await.unwrap();
            s.set_nodelay(true).unwrap();
            spawn(async move {
                let mut buf = [0u8; MSG];
                while s.read_exact(&mut buf).await.is_ok() {
                    if s.write_all(&buf).await.is_err() {
                        break;
                    }
                }
            });
        }
    }

    /// `iters` rounds of one round trip on each of `conns` connections.
    pub(crate) fn echo(rt: &Runtime, conns: usize, iters: u64) -> Duration {
        rt.block_on(async move {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            spawn(echo_server(listener, conns));
            let mut clients = Vec::new();
            for _ in 0..conns {
                let c = TcpStream::connect(addr).await.unwrap();
                c.set_nodelay(true).unwrap();
                clients.push(c);
            }
            let start = Instant::now();
            let tasks: Vec<_> = clients
                .into_iter()
                .map(|mut c| {
                    spawn(async move {
                        let mut buf = [7u8; MSG];
                        for _ in 0..iters {
                            c.write_all(&buf).await.unwrap();
                            c.read_exact(&mut buf).await.unwrap();
                        }
                    })
                })
                .collect();
            for t in tasks {
                t.await.unwrap();
            }
            start.elapsed()
        })
    }

    pub(crate) fn bulk(rt: &Runtime, bytes: u64) -> Duration {
        rt.block_on(async move {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            let (client, accepted) = futures::join!(TcpStream::connect(addr), listener.accept());
            let mut tx = client.unwrap();
            let (mut rx, _) = accepted.unwrap();
            let start = Instant::now();
            let writer = spawn(async move {
                let chunk = vec![1u8; CHUNK];
                let mut left = bytes;
                while left > 0 {
                    let n = left.min(CHUNK as u64) as usize;
                    tx.write_all(&chunk[..n]).await.unwrap();
                    left -= n as u64;
                }
            });
            let mut buf = vec![0u8; CHUNK];
            let mut got = 0u64;
            while got < bytes {
                let n = rx.read(&mut buf).await.unwrap();
                assert!(n > 0);
                got += n as u64;
            }
            writer.await.unwrap();
            start.elapsed()
        })
    }
}

mod baseline {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};

    pub(crate) fn rt() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
            .unwrap()
    }

    async fn echo_server(listener: TcpListener, conns: usize) {
        for _ in 0..conns {
            let (mut s, _) = listener.accept().await.unwrap();
            s.set_nodelay(true).unwrap();
            tokio::spawn(async move {
                let mut buf = [0u8; MSG];
                while s.read_exact(&mut buf).await.is_ok() {
                    if s.write_all(&buf).await.is_err() {
                        break;
                    }
                }
            });
        }
    }

    pub(crate) fn echo(rt: &tokio::runtime::Runtime, conns: usize, iters: u64) -> Duration {
        rt.block_on(async move {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            tokio::spawn(echo_server(listener, conns));
            let mut clients = Vec::new();
            for _ in 0..conns {
                let c = TcpStream::connect(addr).await.unwrap();
                c.set_nodelay(true).unwrap();
                clients.push(c);
            }
            let start = Instant::now();
            let tasks: Vec<_> = clients
                .into_iter()
                .map(|mut c| {
                    tokio::spawn(async move {
                        let mut buf = [7u8; MSG];
                        for _ in 0..iters {
                            c.write_all(&buf).await.unwrap();
                            c.read_exact(&mut buf).await.unwrap();
                        }
                    })
                })
                .collect();
            for t in tasks {
                t.await.unwrap();
            }
            start.elapsed()
        })
    }

    pub(crate) fn bulk(rt: &tokio::runtime::Runtime, bytes: u64) -> Duration {
        rt.block_on(async move {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            let (client, accepted) = tokio::join!(TcpStream::connect(addr), listener.accept());
            let mut tx = client.unwrap();
            let (mut rx, _) = accepted.unwrap();
            let start = Instant::now();
            let writer = tokio::spawn(async move {
                let chunk = vec![1u8; CHUNK];
                let mut left = bytes;
                while left > 0 {
                    let n = left.min(CHUNK as u64) as usize;
                    tx.write_all(&chunk[..n]).await.unwrap();
                    left -= n as u64;
                }
            });
            let mut buf = vec![0u8; CHUNK];
            let mut got = 0u64;
            while got < bytes {
                let n = rx.read(&mut buf).await.unwrap();
                assert!(n > 0);
                got += n as u64;
            }
            writer.await.unwrap();
            start.elapsed()
        })
    }
}

fn echo_1conn(c: &mut Criterion) {
    let ours_rt = ours::rt();
    let tokio_rt = baseline::rt();
    let mut g = c.benchmark_group("echo_1conn");
    g.bench_function("ours", |b| {
        b.iter_custom(|iters| ours::echo(&ours_rt, 1, iters))
    });
    g.bench_function("tokio", |b| {
        b.iter_custom(|iters| baseline::echo(&tokio_rt, 1, iters))
    });
    g.finish();
}

fn echo_64conn(c: &mut Criterion) {
    let ours_rt = ours::rt();
    let tokio_rt = baseline::rt();
    let mut g = c.benchmark_group("echo_64conn");
    g.throughput(Throughput::Elements(CONNS as u64));
    g.bench_function("ours", |b| {
        b.iter_custom(|iters| ours::echo(&ours_rt, CONNS, iters))
    });
    g.bench_function("tokio", |b| {
        b.iter_custom(|iters| baseline::echo(&tokio_rt, CONNS, iters))
    });
    g.finish();
}

fn bulk(c: &mut Criterion) {
    let ours_rt = ours::rt();
    let tokio_rt = baseline::rt();
    let mut g = c.benchmark_group("bulk");
    g.throughput(Throughput::Bytes(BULK_BYTES));
    // A transfer takes a third of a second: flat sampling (the same number
    // of transfers per sample) keeps ten samples within the measurement
    // time instead of criterion's 1 + 2 + ... + 10 linear ramp.
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g.bench_function("ours", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| ours::bulk(&ours_rt, BULK_BYTES)).sum())
    });
    g.bench_function("tokio", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| baseline::bulk(&tokio_rt, BULK_BYTES))
                .sum()
        })
    });
    g.finish();
}

criterion_group!(benches, echo_1conn, echo_64conn, bulk);
criterion_main!(benches);
