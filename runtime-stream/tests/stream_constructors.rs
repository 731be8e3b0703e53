//! `iter`, `once`, `empty` and `pending`.

mod support;

use std::task::Poll;

use futures::executor::block_on;
use runtime_stream::{self as stream, Stream, StreamExt};
use support::Task;

#[test]
fn iter_yields_every_item_in_order_then_none() {
    let task = Task::new();
    let mut s = stream::iter(vec![3, 1, 2]);
    assert_eq!(s.size_hint(), (3, Some(3)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(3)));
    assert_eq!(s.size_hint(), (2, Some(2)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(1)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(2)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(task.wakes(), 0);
}

#[test]
fn iter_outside_a_runtime_is_always_ready() {
    // No runtime, no cooperative budget: the stream never yields.
    let task = Task::new();
    let mut s = stream::iter(0..10_000);
    for i in 0..10_000 {
        assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(i)));
    }
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(task.wakes(), 0);
}

#[test]
fn iter_inside_a_runtime_yields_when_the_budget_is_spent() {
    let rt = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let (ready, wakes, resumed) = rt.block_on(async {
        let task = Task::new();
        let mut s = stream::iter(0..);
        let mut ready = 0;
        while let Poll::Ready(Some(_)) = task.poll_next(&mut s) {
            ready += 1;
        }
        // The wake-up of a task out of budget is deferred until the
        // scheduler has polled its driver (as tokio's).
        let wakes_at_once = task.wakes();
        // The next poll of the task has a fresh budget.
        runtime_core::task::yield_now().await;
        let wakes = task.wakes();
        assert_eq!(wakes_at_once, 0);
        (ready, wakes, task.poll_next(&mut s))
    });
    // One unit per item: a task poll's budget is 128 units.
    assert_eq!(ready, 128);
    assert_eq!(wakes, 1);
    assert_eq!(resumed, Poll::Ready(Some(128)));
}

#[test]
fn iter_drains_completely_under_an_executor() {
    let items: Vec<u32> = block_on(stream::iter(0..1000).collect());
    assert_eq!(items, (0..1000).collect::<Vec<_>>());
}

#[test]
fn iter_size_hint_follows_the_iterator() {
    let s = stream::iter((0..10).filter(|x| x % 2 == 0));
    assert_eq!(s.size_hint(), (0, Some(10)));
    let s = stream::iter(0..);
    assert_eq!(s.size_hint(), (usize::MAX, None));
}

#[test]
fn once_yields_its_value_once() {
    let task = Task::new();
    let mut s = stream::once("hello");
    assert_eq!(s.size_hint(), (1, Some(1)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some("hello")));
    assert_eq!(s.size_hint(), (0, Some(0)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
}

#[test]
fn empty_ends_on_first_poll() {
    let task = Task::new();
    let mut s = stream::empty::<String>();
    assert_eq!(s.size_hint(), (0, Some(0)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(block_on(s.next()), None);
}

/// Inside a runtime task, polls `s` (ending each time) until it returns
/// `Pending`; returns how many polls were ready, the task's wakes once the
/// executor ran (the wake of a task out of budget is deferred until then),
/// and the result of one more poll after that.
fn ready_polls_before_the_budget_runs_out<S>(mut s: S) -> (usize, usize, Poll<Option<S::Item>>)
where
    S: Stream + Unpin,
{
    let rt = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let task = Task::new();
        let mut ready = 0;
        while task.poll_next(&mut s).is_ready() {
            ready += 1;
            assert!(ready <= 10_000, "never ran out of budget");
        }
        // The wake-up is deferred until the scheduler polled its driver.
        assert_eq!(task.wakes(), 0);
        runtime_core::task::yield_now().await;
        let wakes = task.wakes();
        (ready, wakes, task.poll_next(&mut s))
    })
}

#[test]
fn empty_and_once_spend_the_budget_inside_a_runtime() {
    let (ready, wakes, resumed) = ready_polls_before_the_budget_runs_out(stream::empty::<u8>());
    assert_eq!((ready, wakes, resumed), (128, 1, Poll::Ready(None)));

    // The first poll yields the value, every later one `None`, each taking
    // one unit.
    let (ready, wakes, resumed) = ready_polls_before_the_budget_runs_out(stream::once(5u8));
    assert_eq!((ready, wakes, resumed), (128, 1, Poll::Ready(None)));

    // Outside a runtime there is no budget: always ready.
    let task = Task::new();
    let mut s = stream::empty::<u8>();
    for _ in 0..1000 {
        assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    }
    assert_eq!(task.wakes(), 0);
}

#[test]
fn a_spent_budget_delays_even_the_first_item_of_once() {
    let rt = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let task = Task::new();
        let mut spender = stream::iter(0..);
        while task.poll_next(&mut spender).is_ready() {}
        let mut one = stream::once(1);
        assert_eq!(task.poll_next(&mut one), Poll::Pending);
        let mut none = stream::empty::<u8>();
        assert_eq!(task.poll_next(&mut none), Poll::Pending);
        runtime_core::task::yield_now().await;
        assert_eq!(task.poll_next(&mut one), Poll::Ready(Some(1)));
        assert_eq!(task.poll_next(&mut none), Poll::Ready(None));
    });
}

#[test]
fn pending_never_yields_and_never_wakes() {
    let task = Task::new();
    let mut s = stream::pending::<u8>();
    assert_eq!(s.size_hint(), (0, None));
    for _ in 0..5 {
        assert_eq!(task.poll_next(&mut s), Poll::Pending);
    }
    assert_eq!(task.wakes(), 0);
}

#[test]
fn pending_loses_a_race_against_a_ready_stream() {
    let merged = stream::pending().merge(stream::iter(vec![1, 2]));
    let mut merged = merged.take(2);
    assert_eq!(block_on(merged.next()), Some(1));
    assert_eq!(block_on(merged.next()), Some(2));
    assert_eq!(block_on(merged.next()), None);
}
