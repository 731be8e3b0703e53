//! Behaviour of `join!`: outputs in order, concurrency on one task, the
//! rotating start, `biased;`, drops, and the accepted syntax.

#[path = "support/macros.rs"]
mod support;

use std::cell::{Cell, RefCell};
use std::future::{IntoFuture, pending, poll_fn, ready};
use std::task::Poll;

use futures::executor::block_on;
use runtime_core::{join, pin};

use support::{Counters, Tracked, poll_once};

#[test]
fn outputs_come_back_in_the_order_given() {
    let counters = Counters::new();
    let (a, b, c) = block_on(async {
        join!(
            Tracked::new("a", 3, &counters),
            Tracked::new(2u8, 0, &counters),
            async { vec![3] },
        )
    });
    assert_eq!((a, b, c), ("a", 2, vec![3]));
    // Each Tracked is polled until done and never again.
    assert_eq!(counters.polls.get(), 4 + 1);
    assert_eq!(counters.drops.get(), 2);
}

#[test]
fn zero_and_one_future() {
    block_on(async {
        let () = join!();
        let (one,) = join!(ready(1));
        assert_eq!(one, 1);
        let (two,) = join!(biased; ready(2),);
        assert_eq!(two, 2);
    });
}

#[test]
fn the_futures_run_concurrently_on_one_task() {
    // Each future raises its own flag, then waits for the other's: run one
    // after the other they would never finish.
    let flags = [Cell::new(false), Cell::new(false)];
    let handshake = |mine: usize| {
        let flags = &flags;
        poll_fn(move |cx| {
            flags[mine].set(true);
            if flags[1 - mine].get() {
                Poll::Ready(mine)
            } else {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        })
    };
    let (a, b) = block_on(async { join!(handshake(0), handshake(1)) });
    assert_eq!((a, b), (0, 1));
}

#[test]
fn each_poll_starts_at_the_next_future() {
    let log = RefCell::new(Vec::new());
    let probe = |name: &'static str| {
        let log = &log;
        poll_fn(move |_| {
            log.borrow_mut().push(name);
            Poll::<()>::Pending
        })
    };
    let fut = async { join!(probe("a"), probe("b"), probe("c")) };
    pin!(fut);
    for _ in 0..4 {
        assert_eq!(poll_once(fut.as_mut()), Poll::Pending);
    }
    assert_eq!(
        *log.borrow(),
        ["a", "b", "c", "b", "c", "a", "c", "a", "b", "a", "b", "c"]
    );
}

#[test]
fn biased_always_starts_at_the_first_future() {
    let log = RefCell::new(Vec::new());
    let probe = |name: &'static str| {
        let log = &log;
        poll_fn(move |_| {
            log.borrow_mut().push(name);
            Poll::<()>::Pending
        })
    };
    let fut = async { join!(biased; probe("a"), probe("b"), probe("c")) };
    pin!(fut);
    for _ in 0..3 {
        assert_eq!(poll_once(fut.as_mut()), Poll::Pending);
    }
    assert_eq!(*log.borrow(), ["a", "b", "c", "a", "b", "c", "a", "b", "c"]);
}

#[test]
fn a_finished_future_is_dropped_at_once_and_not_polled_again() {
    let counters = Counters::new();
    let fut = async { join!(Tracked::new(1, 0, &counters), pending::<()>()) };
    pin!(fut);
    assert_eq!(poll_once(fut.as_mut()), Poll::Pending);
    assert_eq!(counters.polls.get(), 1);
    assert_eq!(counters.drops.get(), 1);
    assert_eq!(poll_once(fut.as_mut()), Poll::Pending);
    assert_eq!(counters.polls.get(), 1);
}

#[test]
fn dropping_a_pending_join_drops_every_future() {
    let counters = Counters::new();
    {
        let fut = async {
            join!(
                Tracked::new(1, 100, &counters),
                Tracked::new(2, 100, &counters),
                Tracked::new(3, 0, &counters),
            )
        };
        pin!(fut);
        assert_eq!(poll_once(fut.as_mut()), Poll::Pending);
        assert_eq!(counters.drops.get(), 1);
    }
    assert_eq!(counters.drops.get(), 3);
}

struct Deferred(u32);

impl IntoFuture for Deferred {
    type Output = u32;
    type IntoFuture = std::future::Ready<u32>;

    fn into_future(self) -> Self::IntoFuture {
        ready(self.0 * 10)
    }
}

#[test]
fn into_future_values_are_accepted() {
    let (a, b) = block_on(async { join!(Deferred(1), Deferred(2)) });
    assert_eq!((a, b), (10, 20));
}

#[test]
fn sixty_four_futures() {
    let out = block_on(async {
        join!(
            ready(0),
            ready(1),
            ready(2),
            ready(3),
            ready(4),
            ready(5),
            ready(6),
            ready(7),
            ready(8),
            ready(9),
            ready(10),
            ready(11),
            ready(12),
            ready(13),
            ready(14),
            ready(15),
            ready(16),
            ready(17),
            ready(18),
            ready(19),
            ready(20),
            ready(21),
            ready(22),
            ready(23),
            ready(24),
            ready(25),
            ready(26),
            ready(27),
            ready(28),
            ready(29),
            ready(30),
            ready(31),
            ready(32),
            ready(33),
            ready(34),
            ready(35),
            ready(36),
            ready(37),
            ready(38),
            ready(39),
            ready(40),
            ready(41),
            ready(42),
            ready(43),
            ready(44),
            ready(45),
            ready(46),
            ready(47),
            ready(48),
            ready(49),
            ready(50),
            ready(51),
            ready(52),
            ready(53),
            ready(54),
            ready(55),
            ready(56),
            ready(57),
            ready(58),
            ready(59),
            ready(60),
            ready(61),
            ready(62),
            ready(63),
        )
    });
    assert_eq!(out.0, 0);
    assert_eq!(out.31, 31);
    assert_eq!(out.63, 63);
}

/// The future `join!` builds holds the futures and, unless `biased;`, one
/// rotation counter: the sizes tokio's own `join!` has on 64-bit targets.
#[test]
#[cfg(target_pointer_width = "64")]
fn join_future_sizes() {
    use std::future::ready;
    use std::mem::size_of_val;

    let one = async { runtime_core::join!(ready(0i32)) };
    let two = async { runtime_core::join!(ready(0i32), ready(0i32)) };
    assert_eq!((size_of_val(&one), size_of_val(&two)), (32, 48));
    let one = async { runtime_core::join!(biased; ready(0i32)) };
    let two = async { runtime_core::join!(biased; ready(0i32), ready(0i32)) };
    assert_eq!((size_of_val(&one), size_of_val(&two)), (24, 40));
}
