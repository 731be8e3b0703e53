//! The time-based adapters (`timeout`, `timeout_repeating`, `throttle`,
//! `chunks_timeout`) and `IntervalStream`, under a paused clock: the
//! runtime jumps the clock to the next timer whenever it is idle, so every
//! instant below is exact and no test really sleeps.

#![cfg(feature = "time")]

use std::io;
use std::pin::pin;
use std::time::Duration;

use runtime_core::runtime::{Builder, Runtime};
use runtime_stream::wrappers::IntervalStream;
use runtime_stream::{self as stream, Elapsed, Stream, StreamExt};
use runtime_time::{Instant, interval, interval_at, sleep};

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// A current-thread runtime with timers, its clock paused.
fn paused_rt() -> Runtime {
    Builder::new_current_thread()
        .driver_layer(runtime_time::driver::layer())
        .start_paused(true)
        .build()
        .expect("runtime")
}

/// A stream that yields `(delay, value)` pairs: each value after sleeping
/// its delay.
fn delayed(items: Vec<(u64, i32)>) -> impl Stream<Item = i32> {
    stream::iter(items).then(|(delay, value)| async move {
        sleep(ms(delay)).await;
        value
    })
}

#[test]
fn timeout_yields_one_error_per_silence_and_continues() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let s = delayed(vec![(50, 1), (250, 2), (10, 3)]).timeout(ms(100));
        let mut s = pin!(s);
        assert_eq!(s.next().await, Some(Ok(1)));
        assert_eq!(start.elapsed(), ms(50));
        // 2 takes 250ms: one error at 100ms after 1, and no second error.
        assert!(matches!(s.next().await, Some(Err(Elapsed { .. }))));
        assert_eq!(start.elapsed(), ms(150));
        assert_eq!(s.next().await, Some(Ok(2)));
        assert_eq!(start.elapsed(), ms(300));
        assert_eq!(s.next().await, Some(Ok(3)));
        assert_eq!(s.next().await, None);
    });
}

#[test]
fn timeout_counts_the_first_deadline_from_creation() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut s = pin!(stream::pending::<()>().timeout(ms(30)));
        assert!(matches!(s.next().await, Some(Err(Elapsed { .. }))));
        assert_eq!(start.elapsed(), ms(30));
    });
}

#[test]
fn timeout_size_hint_allows_one_error_around_each_item() {
    paused_rt().block_on(async {
        let s = stream::iter(vec![1, 2, 3]).timeout(ms(1));
        assert_eq!(s.size_hint(), (3, Some(7)));
    });
}

#[test]
fn elapsed_displays_and_converts_to_io_timed_out() {
    paused_rt().block_on(async {
        let mut s = pin!(stream::pending::<()>().timeout(ms(1)));
        let err = s.next().await.unwrap().unwrap_err();
        assert_eq!(err.to_string(), "deadline has elapsed");
        let io_err: io::Error = err.into();
        assert_eq!(io_err.kind(), io::ErrorKind::TimedOut);
    });
}

#[test]
fn timeout_repeating_errors_at_every_tick_of_silence() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let s = delayed(vec![(10, 1), (250, 2)])
            .timeout_repeating(interval_at(Instant::now() + ms(100), ms(100)));
        let mut s = pin!(s);
        assert_eq!(s.next().await, Some(Ok(1)));
        assert_eq!(start.elapsed(), ms(10));
        // The item reset the interval: ticks at 110 and 210.
        assert!(matches!(s.next().await, Some(Err(Elapsed { .. }))));
        assert_eq!(start.elapsed(), ms(110));
        assert!(matches!(s.next().await, Some(Err(Elapsed { .. }))));
        assert_eq!(start.elapsed(), ms(210));
        assert_eq!(s.next().await, Some(Ok(2)));
        assert_eq!(start.elapsed(), ms(260));
        assert_eq!(s.next().await, None);
    });
}

#[test]
fn timeout_repeating_with_an_immediate_first_tick() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut s = stream::pending::<()>().timeout_repeating(interval(ms(40)));
        // `interval`'s first tick is immediate.
        assert!(matches!(s.next().await, Some(Err(Elapsed { .. }))));
        assert_eq!(start.elapsed(), ms(0));
        assert!(matches!(s.next().await, Some(Err(Elapsed { .. }))));
        assert_eq!(start.elapsed(), ms(40));
        assert_eq!(s.size_hint(), (0, None));
    });
}

#[test]
fn throttle_spaces_items_and_keeps_them_all() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut s = pin!(stream::iter(1..=4).throttle(ms(100)));
        let mut seen = Vec::new();
        while let Some(item) = s.next().await {
            seen.push((item, start.elapsed()));
        }
        assert_eq!(seen, [(1, ms(0)), (2, ms(100)), (3, ms(200)), (4, ms(300))]);
    });
}

#[test]
fn throttle_does_not_poll_the_inner_stream_during_the_delay() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut s = pin!(delayed(vec![(150, 1), (150, 2)]).throttle(ms(100)));
        assert_eq!(s.next().await, Some(1));
        assert_eq!(start.elapsed(), ms(150));
        // The inner stream is left alone until 250ms; only then does the
        // second item's 150ms delay start.
        assert_eq!(s.next().await, Some(2));
        assert_eq!(start.elapsed(), ms(400));
    });
}

#[test]
fn throttle_passes_items_already_spaced_enough() {
    paused_rt().block_on(async {
        let (tx, rx) = runtime_core::sync::mpsc::unbounded_channel();
        let start = Instant::now();
        runtime_core::task::spawn(async move {
            for i in 0..3 {
                tx.send(i).unwrap();
                sleep(ms(150)).await;
            }
        });
        let items = runtime_stream::wrappers::UnboundedReceiverStream::new(rx).throttle(ms(100));
        let mut s = pin!(items);
        let mut seen = Vec::new();
        while let Some(item) = s.next().await {
            seen.push((item, start.elapsed()));
        }
        // Sent at 0, 150, 300: already 100ms apart, so not delayed.
        assert_eq!(seen, [(0, ms(0)), (1, ms(150)), (2, ms(300))]);
    });
}

#[test]
fn throttle_zero_is_a_no_op_and_accessors_reach_the_inner_stream() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut s = pin!(stream::iter(vec![1, 2, 3]).throttle(Duration::ZERO));
        assert_eq!(s.next().await, Some(1));
        assert_eq!(s.next().await, Some(2));
        assert_eq!(start.elapsed(), ms(0));
        assert_eq!(s.get_ref().size_hint(), (1, Some(1)));
        assert_eq!(s.as_mut().get_pin_mut().next().await, Some(3));
        assert_eq!(s.next().await, None);

        // Unpolled, the adapter can be unwrapped in place.
        let mut t = stream::iter(vec![7, 8]).throttle(ms(5));
        assert_eq!(t.get_ref().size_hint(), (2, Some(2)));
        assert_eq!(t.get_mut().next().await, Some(7));
        let mut inner = t.into_inner();
        assert_eq!(inner.next().await, Some(8));
    });
}

#[test]
fn chunks_timeout_yields_full_chunks_at_once() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut s = pin!(stream::iter(1..=7).chunks_timeout(3, ms(100)));
        assert_eq!(s.next().await, Some(vec![1, 2, 3]));
        assert_eq!(s.next().await, Some(vec![4, 5, 6]));
        // The end of the stream flushes the partial chunk, without waiting.
        assert_eq!(s.next().await, Some(vec![7]));
        assert_eq!(s.next().await, None);
        assert_eq!(start.elapsed(), ms(0));
    });
}

#[test]
fn chunks_timeout_flushes_a_partial_chunk_after_the_duration() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let s = delayed(vec![(0, 1), (10, 2), (200, 3), (10, 4), (10, 5), (10, 6)])
            .chunks_timeout(10, ms(100));
        let mut s = pin!(s);
        // The deadline counts from the chunk's first item (at 0ms).
        assert_eq!(s.next().await, Some(vec![1, 2]));
        assert_eq!(start.elapsed(), ms(100));
        // No empty chunk while idle; the next chunk opens with 3 at 210ms.
        assert_eq!(s.next().await, Some(vec![3, 4, 5, 6]));
        assert_eq!(start.elapsed(), ms(240));
        assert_eq!(s.next().await, None);
    });
}

#[test]
fn chunks_timeout_into_remainder_returns_the_open_chunk() {
    paused_rt().block_on(async {
        let s = delayed(vec![(0, 1), (0, 2), (1_000, 3)]).chunks_timeout(5, ms(500));
        let mut s = pin!(s);
        // Gathers 1 and 2, then flushes them at the deadline.
        assert_eq!(s.next().await, Some(vec![1, 2]));
        // Nothing is open now.
        assert_eq!(s.as_mut().into_remainder(), Vec::<i32>::new());
        assert_eq!(s.next().await, Some(vec![3]));
        assert_eq!(s.next().await, None);
    });
}

#[test]
#[should_panic(expected = "`max_size` must be greater than zero")]
fn chunks_timeout_rejects_zero_max_size() {
    let _ = stream::iter(vec![1]).chunks_timeout(0, ms(1));
}

#[test]
fn chunks_timeout_panic_points_at_the_caller() {
    let location = std::sync::Arc::new(std::sync::Mutex::new(None));
    let seen = location.clone();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        *seen.lock().unwrap() = info.location().map(|l| l.file().to_string());
    }));
    let result = std::panic::catch_unwind(|| {
        let _ = stream::iter(vec![1]).chunks_timeout(0, ms(1));
    });
    std::panic::set_hook(previous);
    assert!(result.is_err());
    assert_eq!(location.lock().unwrap().as_deref(), Some(file!()));
}

#[test]
fn chunks_timeout_size_hint() {
    paused_rt().block_on(async {
        let s = stream::iter(0..10).chunks_timeout(4, ms(1));
        assert_eq!(s.size_hint(), (3, Some(10)));
    });
}

#[test]
fn interval_stream_ticks_forever() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut ticks = IntervalStream::new(interval(ms(25)));
        assert_eq!(ticks.size_hint(), (usize::MAX, None));
        assert_eq!(ticks.next().await, Some(start));
        assert_eq!(ticks.next().await, Some(start + ms(25)));
        assert_eq!(ticks.next().await, Some(start + ms(50)));
        assert_eq!(ticks.as_ref().period(), ms(25));
        ticks.as_mut().reset();
        assert_eq!(ticks.next().await, Some(start + ms(75)));
        let _interval = ticks.into_inner();
    });
}

#[test]
#[allow(deprecated)]
fn timeout_is_still_reachable_at_the_crate_root() {
    // tokio-stream keeps `Timeout` at its root (deprecated) for old code.
    fn same_type(
        t: runtime_stream::adapters::Timeout<stream::Empty<u8>>,
    ) -> runtime_stream::Timeout<stream::Empty<u8>> {
        t
    }
    let rt = paused_rt();
    rt.block_on(async {
        let mut s = pin!(same_type(stream::empty::<u8>().timeout(ms(5))));
        assert_eq!(s.next().await, None);
    });
}
