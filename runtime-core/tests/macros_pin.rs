//! Behaviour of `pin!`: both forms, and resuming a pinned future.

#[path = "support/macros.rs"]
mod support;

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use runtime_core::pin;

use support::{Counters, Tracked, poll_once};

fn is_pinned_mut<T: ?Sized>(_: &Pin<&mut T>) {}

#[test]
fn pins_named_locals_in_place() {
    let counters = Counters::new();
    let first = Tracked::new(1, 1, &counters);
    let second = async { 2 };
    pin!(first, second);
    is_pinned_mut(&first);
    is_pinned_mut(&second);
    assert_eq!(poll_once(first.as_mut()), Poll::Pending);
    assert_eq!(poll_once(first.as_mut()), Poll::Ready(1));
    assert_eq!(poll_once(second.as_mut()), Poll::Ready(2));
    assert_eq!(counters.polls.get(), 2);
    assert_eq!(counters.drops.get(), 0);
}

#[test]
fn binds_and_pins_with_let() {
    let counters = Counters::new();
    pin! {
        let a = Tracked::new("a", 0, &counters);
        let b = async { "b" };
    }
    assert_eq!(poll_once(a.as_mut()), Poll::Ready("a"));
    assert_eq!(poll_once(b.as_mut()), Poll::Ready("b"));
    // The pinned value lives as long as the enclosing scope.
    assert_eq!(counters.drops.get(), 0);
}

#[test]
fn the_value_is_dropped_with_its_scope() {
    let counters = Counters::new();
    {
        let fut = Tracked::new((), 5, &counters);
        pin!(fut);
        assert!(poll_once(fut.as_mut()).is_pending());
    }
    assert_eq!(counters.drops.get(), 1);
}

#[test]
fn a_pinned_future_can_be_awaited_by_reference_and_resumed() {
    let counters = Counters::new();
    let fut = Tracked::new(9, 2, &counters);
    pin!(fut);
    // `&mut Pin<&mut F>` is itself a future: poll it through a reference,
    // then finish it through the pin.
    assert!(poll_once(Pin::new(&mut &mut fut)).is_pending());
    assert_eq!(futures::executor::block_on(&mut fut), 9);
    assert_eq!(counters.polls.get(), 3);
    let _: &dyn Future<Output = i32> = &fut;
}
