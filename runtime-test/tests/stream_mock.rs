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
    let pause = Duration::from_millis(10);
    let mut mock = task::spawn(StreamMockBuilder::new().next(1).wait(pause).next(2).build());
    assert_ready_eq!(mock.poll_next(), Some(1));
    assert_pending!(mock.poll_next());
    assert!(mock.is_woken(), "asks to be polled again");
    let rest: Vec<_> = runtime_test::block_on(mock.into_inner().collect());
    assert_eq!(rest, [2]);
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
