//! `StreamMockBuilder` / `StreamMock`.

use std::time::Duration;

use futures::StreamExt;
use runtime_test::stream_mock::StreamMockBuilder;
use runtime_test::{assert_pending, assert_ready_eq, task};

#[test]
fn yields_items_in_order_then_ends() {
    let mock = StreamMockBuilder::new().next("a").next("b").build();
    assert_eq!(futures::Stream::size_hint(&mock), (2, Some(2)));
    let items: Vec<_> = runtime_test::block_on(mock.collect());
    assert_eq!(items, ["a", "b"]);
}

#[test]
fn wait_is_pending_until_the_time_is_up() {
    let rt = runtime_core::runtime::Builder::new_current_thread()
        .driver_layer(runtime_time::driver::layer())
        .start_paused(true)
        .build()
        .unwrap();
    let pause = Duration::from_secs(10);
    let start = rt.block_on(async { runtime_time::Instant::now() });
    let _guard = rt.enter();
    let mut mock = task::spawn(StreamMockBuilder::new().next(1).wait(pause).next(2).build());
    assert_ready_eq!(mock.poll_next(), Some(1));
    assert_pending!(mock.poll_next());
    assert!(
        !mock.is_woken(),
        "the timer wakes it, not an immediate re-poll"
    );
    let rest: Vec<_> = rt.block_on(mock.into_inner().collect());
    assert_eq!(rest, [2]);
    runtime_test::assert_elapsed!(start, pause);
}

#[test]
fn wait_without_a_runtime_timer_wakes_the_task() {
    let mock = StreamMockBuilder::new()
        .next(1)
        .wait(Duration::from_millis(5))
        .next(2)
        .build();
    let items: Vec<_> = futures::executor::block_on(mock.collect());
    assert_eq!(items, [1, 2]);
}

#[test]
#[should_panic(expected = "StreamMock was dropped before all actions were consumed")]
fn dropping_early_panics() {
    let mut mock = task::spawn(StreamMockBuilder::new().next(1).next(2).build());
    assert_ready_eq!(mock.poll_next(), Some(1));
}

#[test]
fn empty_mock_ends_at_once() {
    let mut mock = task::spawn(StreamMockBuilder::<u8>::default().build());
    assert_ready_eq!(mock.poll_next(), None);
}
