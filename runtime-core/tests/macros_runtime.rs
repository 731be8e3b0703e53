//! The control-flow macros on the real current-thread runtime: spawned
//! producers, the cooperative budget, and `JoinHandle`s joined.

use std::future::{Future, poll_fn, ready};
use std::task::Poll;

use futures::StreamExt;
use futures::channel::mpsc;
use runtime_core::runtime::Builder;
use runtime_core::task::{self, coop};
use runtime_core::{join, pin, select, try_join};

fn rt() -> runtime_core::runtime::Runtime {
    Builder::new_current_thread().build().unwrap()
}

#[test]
fn select_in_a_loop_over_channels_fed_by_spawned_tasks() {
    let got = rt().block_on(async {
        let (tx_a, mut rx_a) = mpsc::unbounded::<u32>();
        let (tx_b, mut rx_b) = mpsc::unbounded::<u32>();
        let producer_a = task::spawn(async move {
            for i in 0..50 {
                tx_a.unbounded_send(i).unwrap();
                task::yield_now().await;
            }
        });
        let producer_b = task::spawn(async move {
            for i in 100..150 {
                tx_b.unbounded_send(i).unwrap();
                task::yield_now().await;
            }
        });
        let mut got = Vec::new();
        loop {
            select! {
                Some(v) = rx_a.next() => got.push(v),
                Some(v) = rx_b.next() => got.push(v),
                else => break,
            }
        }
        producer_a.await.unwrap();
        producer_b.await.unwrap();
        got
    });
    let (a, b): (Vec<u32>, Vec<u32>) = got.iter().partition(|v| **v < 100);
    // Each channel's messages arrive in order, all of them.
    assert_eq!(a, (0..50).collect::<Vec<_>>());
    assert_eq!(b, (100..150).collect::<Vec<_>>());
}

/// Spends the rest of the task's budget in the current poll.
fn spend_budget(cx: &mut std::task::Context<'_>) -> u32 {
    let mut spent = 0;
    while let Poll::Ready(guard) = coop::poll_proceed(cx) {
        guard.made_progress();
        spent += 1;
    }
    spent
}

#[test]
fn select_and_join_yield_when_the_budget_is_spent() {
    rt().block_on(async {
        let sel = async {
            select! { v = ready(1) => v }
        };
        let joined = async { join!(ready(2), ready(3)) };
        pin!(sel, joined);
        let (sel_first, join_first) = poll_fn(|cx| {
            assert!(spend_budget(cx) > 0);
            Poll::Ready((sel.as_mut().poll(cx), joined.as_mut().poll(cx)))
        })
        .await;
        assert_eq!(sel_first, Poll::Pending);
        assert_eq!(join_first, Poll::Pending);
        // With a fresh budget (the task was woken and polled again) they
        // complete.
        assert_eq!(sel.await, 1);
        assert_eq!(joined.await, (2, 3));
    });
}

#[test]
fn join_and_try_join_of_join_handles() {
    rt().block_on(async {
        let (a, b) = join!(task::spawn(async { 1 }), task::spawn(async { "two" }));
        assert_eq!((a.unwrap(), b.unwrap()), (1, "two"));

        let ok = try_join!(task::spawn(async { 3 }), task::spawn(async { 4 }));
        assert_eq!(ok.map(|(x, y)| x + y).ok(), Some(7));

        let slow = task::spawn(std::future::pending::<u8>());
        let abort = slow.abort_handle();
        let failed = try_join!(slow, async {
            abort.abort();
            Ok(0u8)
        });
        assert!(failed.unwrap_err().is_cancelled());
    });
}

#[test]
fn select_between_a_join_handle_and_a_channel() {
    rt().block_on(async {
        let (tx, mut rx) = mpsc::unbounded::<&str>();
        let worker = task::spawn(async move {
            task::yield_now().await;
            tx.unbounded_send("progress").unwrap();
            task::yield_now().await;
            "done"
        });
        pin!(worker);
        let mut events = Vec::new();
        loop {
            select! {
                biased;
                Some(msg) = rx.next() => events.push(msg),
                out = &mut worker => {
                    events.push(out.unwrap());
                    break;
                }
            }
        }
        assert_eq!(events, ["progress", "done"]);
    });
}

/// Spends the task's whole budget on every poll, for `polls` polls.
fn budget_hog(polls: u32) -> impl Future<Output = ()> {
    let mut left = polls;
    poll_fn(move |cx| {
        spend_budget(cx);
        if left == 0 {
            return Poll::Ready(());
        }
        left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
}

/// Counts the polls in which it got a unit of budget; done after `want`.
fn budget_user(want: u32) -> impl Future<Output = u32> {
    let mut got = 0;
    let mut polls = 0;
    poll_fn(move |cx| {
        polls += 1;
        if let Poll::Ready(guard) = coop::poll_proceed(cx) {
            guard.made_progress();
            got += 1;
        }
        if got == want {
            Poll::Ready(polls)
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
}

#[test]
fn join_rotates_so_a_budget_hog_cannot_starve_the_others() {
    let ((), polls) = rt().block_on(async { join!(budget_hog(10), budget_user(3)) });
    // The user gets budget on the polls where it goes first: every other
    // poll, so it is done by its sixth poll at the latest.
    assert!(polls <= 6, "the budget user needed {polls} polls");
}

#[test]
fn biased_join_lets_the_first_future_take_the_budget() {
    let ((), polls) = rt().block_on(async { join!(biased; budget_hog(10), budget_user(3)) });
    // Starved while the hog runs (11 polls), then three polls with budget.
    assert_eq!(polls, 11 + 3);
}
