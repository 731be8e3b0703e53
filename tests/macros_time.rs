//! `select!` with a timer, and `#[runtime::test(start_paused = true)]`, on
//! the facade's runtime with its time driver and a paused clock.

#![cfg(all(feature = "macros", feature = "rt", feature = "test-util"))]

use std::time::Duration;

use futures::StreamExt;
use futures::channel::mpsc;
use runtime::time::{self, Instant};

#[runtime::test(start_paused = true)]
async fn start_paused_starts_the_clock_paused() {
    let start = Instant::now();
    // With the clock paused and nothing else to do, the runtime skips ahead.
    time::sleep(Duration::from_secs(3600)).await;
    assert!(start.elapsed() >= Duration::from_secs(3600));
}

#[runtime::test(start_paused = true)]
async fn select_in_a_loop_over_a_channel_and_a_timer() {
    let (tx, mut rx) = mpsc::unbounded::<u32>();
    let producer = runtime::spawn(async move {
        for i in 0..5 {
            time::sleep(Duration::from_millis(10)).await;
            tx.unbounded_send(i).unwrap();
        }
        // Then silence: the deadline below fires.
        time::sleep(Duration::from_secs(10)).await;
        drop(tx);
    });
    let deadline = time::sleep(Duration::from_millis(100));
    runtime::pin!(deadline);
    let mut got = Vec::new();
    let start = Instant::now();
    loop {
        runtime::select! {
            Some(v) = rx.next() => got.push(v),
            () = &mut deadline => break,
        }
    }
    assert_eq!(got, [0, 1, 2, 3, 4]);
    let waited = start.elapsed();
    assert!(waited >= Duration::from_millis(100) && waited < Duration::from_secs(1));
    producer.abort();
}

#[runtime::test(start_paused = true)]
async fn a_timeout_branch_wins_over_a_silent_channel() {
    let (_tx, mut rx) = mpsc::unbounded::<u32>();
    let start = Instant::now();
    let out = runtime::select! {
        _ = rx.next() => "message",
        () = time::sleep(Duration::from_secs(5)) => "timeout",
    };
    assert_eq!(out, "timeout");
    assert!(start.elapsed() >= Duration::from_secs(5));
}
