//! Behaviour of `try_join!`: all `Ok`, the first `Err` short-circuits and
//! drops the rest, `biased;`, and the accepted syntax.

#[path = "support/macros.rs"]
mod support;

use std::cell::RefCell;
use std::future::{pending, poll_fn, ready};
use std::task::Poll;

use futures::executor::block_on;
use runtime_core::{pin, try_join};

use support::{Counters, Tracked, poll_once};

#[test]
fn all_ok_gives_the_values_in_order() {
    let counters = Counters::new();
    let out = block_on(async {
        try_join!(
            Tracked::new(Ok::<_, String>(1), 2, &counters),
            Tracked::new(Ok::<_, String>("two"), 0, &counters),
        )
    });
    assert_eq!(out, Ok((1, "two")));
    assert_eq!(counters.polls.get(), 3 + 1);
    assert_eq!(counters.drops.get(), 2);
}

#[test]
fn zero_and_one_future() {
    block_on(async {
        let none: Result<(), ()> = try_join!();
        assert_eq!(none, Ok(()));
        let one = try_join!(ready(Ok::<_, ()>(1)));
        assert_eq!(one, Ok((1,)));
        let err = try_join!(biased; ready(Err::<u8, _>("e")),);
        assert_eq!(err, Err("e"));
    });
}

#[test]
fn the_first_error_returns_at_once_and_drops_the_rest() {
    let counters = Counters::new();
    let out = block_on(async {
        try_join!(
            biased;
            Tracked::new(Ok::<u8, &str>(1), 0, &counters),
            Tracked::new(Ok::<u8, &str>(2), 1_000, &counters),
            Tracked::new(Err::<u8, &str>("boom"), 2, &counters),
            Tracked::new(Ok::<u8, &str>(4), 1_000, &counters),
        )
    });
    assert_eq!(out, Err("boom"));
    // Round 1: four polls (the first completes); rounds 2 and 3: three polls
    // each, and the error ends round 3 before the fourth future.
    assert_eq!(counters.polls.get(), 4 + 3 + 2);
    assert_eq!(counters.drops.get(), 4);
}

#[test]
fn an_error_after_other_completions_still_wins() {
    let out = block_on(async {
        try_join!(
            ready(Ok::<u8, u8>(1)),
            async { Err::<u8, u8>(7) },
            ready(Ok::<u8, u8>(3))
        )
    });
    assert_eq!(out, Err(7));
}

#[test]
fn pending_until_all_are_ok() {
    let (tx, rx) = futures::channel::oneshot::channel::<u8>();
    let fut = async { try_join!(ready(Ok::<u8, futures::channel::oneshot::Canceled>(1)), rx) };
    pin!(fut);
    assert_eq!(poll_once(fut.as_mut()), Poll::Pending);
    tx.send(2).unwrap();
    assert_eq!(poll_once(fut.as_mut()), Poll::Ready(Ok((1, 2))));
}

#[test]
fn rotating_start_and_biased_order() {
    let log = RefCell::new(Vec::new());
    let probe = |name: &'static str| {
        let log = &log;
        poll_fn(move |_| {
            log.borrow_mut().push(name);
            Poll::<Result<(), ()>>::Pending
        })
    };
    {
        let fut = async { try_join!(probe("a"), probe("b")) };
        pin!(fut);
        for _ in 0..3 {
            assert_eq!(poll_once(fut.as_mut()), Poll::Pending);
        }
    }
    assert_eq!(*log.borrow(), ["a", "b", "b", "a", "a", "b"]);
    log.borrow_mut().clear();
    {
        let fut = async { try_join!(biased; probe("a"), probe("b"), pending::<Result<(), ()>>()) };
        pin!(fut);
        for _ in 0..2 {
            assert_eq!(poll_once(fut.as_mut()), Poll::Pending);
        }
    }
    assert_eq!(*log.borrow(), ["a", "b", "a", "b"]);
}

#[test]
fn works_with_the_question_mark_operator() {
    async fn both() -> Result<u32, std::num::ParseIntError> {
        let (a, b) = try_join!(async { "4".parse::<u32>() }, async { "5".parse::<u32>() })?;
        Ok(a * b)
    }
    async fn broken() -> Result<u32, std::num::ParseIntError> {
        let (a, b) = try_join!(async { "4".parse::<u32>() }, async { "x".parse::<u32>() })?;
        Ok(a * b)
    }
    assert_eq!(block_on(both()), Ok(20));
    assert!(block_on(broken()).is_err());
}

/// As `join!`: no rotation counter after `biased;`.
#[test]
#[cfg(target_pointer_width = "64")]
fn try_join_future_sizes() {
    use std::future::ready;
    use std::mem::size_of_val;

    type R = Result<i32, ()>;
    let one = async { runtime_core::try_join!(ready(R::Ok(0))) };
    let two = async { runtime_core::try_join!(ready(R::Ok(0)), ready(R::Ok(0))) };
    let one_biased = async { runtime_core::try_join!(biased; ready(R::Ok(0))) };
    let two_biased = async { runtime_core::try_join!(biased; ready(R::Ok(0)), ready(R::Ok(0))) };
    assert!(size_of_val(&one_biased) < size_of_val(&one));
    assert!(size_of_val(&two_biased) < size_of_val(&two));
}
