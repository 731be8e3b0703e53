//! Codec decoding throughput, ours against tokio-util, side by side.
//!
//! Each case decodes 100 MiB of frames held in memory, fed to the decoder in
//! 64 KiB pieces as reads would deliver them (a pure `Decoder` loop over a
//! `BytesMut`; no runtime involved):
//!
//! * `lines`: 100-byte lines through `LinesCodec` (with a max length, as a
//!   server facing untrusted peers would configure it);
//! * `length_delimited`: 1 KiB payloads behind a 4-byte big-endian length,
//!   through `LengthDelimitedCodec`.
//!
//! * `framed_round_trip`: 1000 request/response round trips of 64-byte
//!   frames between two `Framed<DuplexStream, LengthDelimitedCodec>`, one
//!   echoing in a spawned task, on a current-thread runtime.
//!
//! Run: `cargo bench --bench codec -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;

use bytes::BytesMut;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Total bytes decoded per iteration.
const TOTAL: usize = 100 * 1024 * 1024;
/// Bytes appended to the buffer between decode loops, like one read.
const READ: usize = 64 * 1024;

/// 100 MiB of `\n`-terminated lines of 100 bytes each.
fn lines_input() -> Vec<u8> {
    let mut line = vec![b'x'; 99];
    line.push(b'\n');
    line.iter().copied().cycle().take(TOTAL).collect()
}

/// 100 MiB of frames, each a 4-byte big-endian length then 1020 bytes.
fn length_delimited_input() -> Vec<u8> {
    let payload = 1020u32;
    let mut frame = payload.to_be_bytes().to_vec();
    frame.extend(std::iter::repeat_n(b'y', payload as usize));
    frame.iter().copied().cycle().take(TOTAL).collect()
}

/// Feeds `input` to `decode` in `READ`-sized pieces, draining frames after
/// each piece; returns the number of frames.
fn feed<F, T, E>(input: &[u8], mut decode: F) -> usize
where
    F: FnMut(&mut BytesMut) -> Result<Option<T>, E>,
    E: std::fmt::Debug,
{
    let mut buf = BytesMut::with_capacity(READ * 2);
    let mut frames = 0;
    for piece in input.chunks(READ) {
        buf.extend_from_slice(piece);
        while let Some(frame) = decode(&mut buf).unwrap() {
            black_box(frame);
            frames += 1;
        }
    }
    frames
}

fn lines(c: &mut Criterion) {
    let input = lines_input();
    let expected = TOTAL / 100;
    let mut group = c.benchmark_group("codec/lines");
    group.throughput(Throughput::Bytes(TOTAL as u64));
    group.sample_size(10);
    group.bench_function("ours", |b| {
        use runtime_util::codec::{Decoder, LinesCodec};
        b.iter(|| {
            let mut codec = LinesCodec::new_with_max_length(1024);
            assert_eq!(feed(&input, |buf| codec.decode(buf)), expected);
        })
    });
    group.bench_function("tokio", |b| {
        use tokio_util::codec::{Decoder, LinesCodec};
        b.iter(|| {
            let mut codec = LinesCodec::new_with_max_length(1024);
            assert_eq!(feed(&input, |buf| codec.decode(buf)), expected);
        })
    });
    group.finish();
}

fn length_delimited(c: &mut Criterion) {
    let input = length_delimited_input();
    let expected = TOTAL / 1024;
    let mut group = c.benchmark_group("codec/length_delimited");
    group.throughput(Throughput::Bytes(TOTAL as u64));
    group.sample_size(10);
    group.bench_function("ours", |b| {
        use runtime_util::codec::{Decoder, LengthDelimitedCodec};
        b.iter(|| {
            let mut codec = LengthDelimitedCodec::new();
            assert_eq!(feed(&input, |buf| codec.decode(buf)), expected);
        })
    });
    group.bench_function("tokio", |b| {
        use tokio_util::codec::{Decoder, LengthDelimitedCodec};
        b.iter(|| {
            let mut codec = LengthDelimitedCodec::new();
            assert_eq!(feed(&input, |buf| codec.decode(buf)), expected);
        })
    });
    group.finish();
}

/// Round trips per iteration of `framed_round_trip`.
const ROUND_TRIPS: usize = 1000;

fn framed_round_trip(c: &mut Criterion) {
    let payload = bytes::Bytes::from(vec![b'z'; 64]);
    let mut group = c.benchmark_group("codec/framed_round_trip");
    group.throughput(Throughput::Elements(ROUND_TRIPS as u64));

    let rt = runtime::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    group.bench_function("ours", |b| {
        use futures::{SinkExt, StreamExt};
        use runtime_util::codec::{Framed, LengthDelimitedCodec};
        b.iter(|| {
            rt.block_on(async {
                let (client, server) = runtime::io::duplex(64 * 1024);
                let echo = runtime::spawn(async move {
                    let mut server = Framed::new(server, LengthDelimitedCodec::new());
                    while let Some(frame) = server.next().await {
                        server.send(frame.unwrap().freeze()).await.unwrap();
                    }
                });
                let mut client = Framed::new(client, LengthDelimitedCodec::new());
                for _ in 0..ROUND_TRIPS {
                    client.send(payload.clone()).await.unwrap();
                    let back = client.next().await.unwrap().unwrap();
                    assert_eq!(back.len(), payload.len());
                }
                drop(client);
                echo.await.unwrap();
            })
        })
    });

    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    group.bench_function("tokio", |b| {
        use futures::{SinkExt, StreamExt};
        use tokio_util::codec::{Framed, LengthDelimitedCodec};
        b.iter(|| {
            rt.block_on(async {
                let (client, server) = tokio::io::duplex(64 * 1024);
                let echo = tokio::spawn(async move {
                    let mut server = Framed::new(server, LengthDelimitedCodec::new());
                    while let Some(frame) = server.next().await {
                        server.send(frame.unwrap().freeze()).await.unwrap();
                    }
                });
                let mut client = Framed::new(client, LengthDelimitedCodec::new());
                for _ in 0..ROUND_TRIPS {
                    client.send(payload.clone()).await.unwrap();
                    let back = client.next().await.unwrap().unwrap();
                    assert_eq!(back.len(), payload.len());
                }
                drop(client);
                echo.await.unwrap();
            })
        })
    });
    group.finish();
}

criterion_group!(benches, lines, length_delimited, framed_round_trip);
criterion_main!(benches);
