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
