//! `future::FutureExt`: timeouts under a paused clock and the cancellation
//! adapters' race, step by step.

use std::cell::Cell;
use std::future::{Future, pending, poll_fn};
use std::task::Poll;

use runtime_test::task;
use runtime_util::future::{FutureExt, WithCancellationTokenFuture};
use runtime_util::sync::CancellationToken;

/// A future that counts its polls and is ready from poll number `ready_at`
/// (1-based) on.
fn ready_at(polls: &Cell<u32>, ready_at: u32) -> impl Future<Output = &'static str> + '_ {
    poll_fn(move |cx| {
        polls.set(polls.get() + 1);
        if polls.get() >= ready_at {
            Poll::Ready("done")
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
}

#[test]
fn already_cancelled_token_resolves_to_none_without_polling() {
    let token = CancellationToken::new();
    token.cancel();
    let polls = Cell::new(0);
    let mut run = task::spawn(ready_at(&polls, 1).with_cancellation_token(&token));
    assert_eq!(run.poll(), Poll::Ready(None));
    assert_eq!(polls.get(), 0);
    drop(run);

    let mut run = task::spawn(ready_at(&polls, 1).with_cancellation_token_owned(token));
    assert_eq!(run.poll(), Poll::Ready(None));
    assert_eq!(polls.get(), 0);
}

#[test]
fn completes_with_some_when_the_token_stays_uncancelled() {
    let token = CancellationToken::new();
    let polls = Cell::new(0);
    let mut run = task::spawn(ready_at(&polls, 3).with_cancellation_token(&token));
    assert_eq!(run.poll(), Poll::Pending);
    assert_eq!(run.poll(), Poll::Pending);
    assert_eq!(run.poll(), Poll::Ready(Some("done")));
    assert_eq!(polls.get(), 3);
    assert!(!token.is_cancelled());
}

#[test]
fn cancellation_while_pending_wakes_and_drops_the_future() {
    let token = CancellationToken::new();
    let (tx, rx) = futures::channel::oneshot::channel::<u8>();
    let mut run = task::spawn(rx.with_cancellation_token(&token));
    assert_eq!(run.poll(), Poll::Pending);
    assert!(!run.is_woken());

    token.cancel();
    assert!(run.is_woken());
    assert_eq!(run.poll(), Poll::Ready(None));
    drop(run);
    // The receiver went with the adapter.
    assert!(tx.is_canceled());
}

#[test]
fn a_child_token_cancelled_through_its_parent_cancels_the_future() {
    let parent = CancellationToken::new();
    let child = parent.child_token();
    let mut run = task::spawn(pending::<()>().with_cancellation_token_owned(child));
    assert_eq!(run.poll(), Poll::Pending);
    parent.cancel();
    assert!(run.is_woken());
    assert_eq!(run.poll(), Poll::Ready(None));
}

#[test]
fn completion_wins_over_a_cancellation_seen_in_the_same_poll() {
    let token = CancellationToken::new();
    let polls = Cell::new(0);
    let mut run = task::spawn(ready_at(&polls, 2).with_cancellation_token(&token));
    assert_eq!(run.poll(), Poll::Pending);
    token.cancel();
    assert_eq!(run.poll(), Poll::Ready(Some("done")));

    // The token is checked at creation, not at the first poll: a token
    // cancelled in between still lets a ready future through.
    let token = CancellationToken::new();
    let polls = Cell::new(0);
    let mut run = task::spawn(ready_at(&polls, 1).with_cancellation_token_owned(token.clone()));
    token.cancel();
    assert_eq!(run.poll(), Poll::Ready(Some("done")));
}

#[test]
fn cancellation_after_creation_still_ends_a_pending_future() {
    let token = CancellationToken::new();
    let polls = Cell::new(0);
    let mut run = task::spawn(ready_at(&polls, u32::MAX).with_cancellation_token(&token));
    token.cancel();
    // Polled once (biased towards it), then the cancellation is seen.
    assert_eq!(run.poll(), Poll::Ready(None));
    assert_eq!(polls.get(), 1);
}

#[test]
fn owned_adapter_is_static_and_runs_in_a_spawned_task() {
    fn assert_static_send<T: Send + 'static>(_: &T) {}
    let rt = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let token = CancellationToken::new();
        let (tx, rx) = runtime_core::sync::oneshot::channel::<u32>();
        let fut = rx.with_cancellation_token_owned(token.clone());
        assert_static_send(&fut);
        let done = runtime_core::task::spawn(fut);
        tx.send(9).unwrap();
        assert_eq!(done.await.unwrap(), Some(Ok(9)));

        let (_tx, rx) = runtime_core::sync::oneshot::channel::<u32>();
        let cancelled = runtime_core::task::spawn(rx.with_cancellation_token_owned(token.clone()));
        runtime_core::task::yield_now().await;
        token.cancel();
        assert_eq!(cancelled.await.unwrap(), None);
    });
}

#[test]
fn adapters_can_be_named_and_debug_printed() {
    let token = CancellationToken::new();
    let fut: WithCancellationTokenFuture<'_, std::future::Ready<u8>> =
        std::future::ready(1).with_cancellation_token(&token);
    assert_eq!(format!("{fut:?}"), "WithCancellationTokenFuture { .. }");
    let owned = std::future::ready(1).with_cancellation_token_owned(token.clone());
    assert_eq!(
        format!("{owned:?}"),
        "WithCancellationTokenFutureOwned { .. }"
    );
}

#[cfg(feature = "time")]
mod time {
    use std::time::Duration;

    use runtime_time::{Instant, sleep};

    use super::*;

    fn paused_rt() -> runtime_core::runtime::Runtime {
        runtime_core::runtime::Builder::new_current_thread()
            .driver_layer(runtime_time::driver::layer())
            .start_paused(true)
            .build()
            .unwrap()
    }

    #[test]
    fn timeout_fires_after_the_duration_on_a_paused_clock() {
        paused_rt().block_on(async {
            let start = Instant::now();
            let result = pending::<()>().timeout(Duration::from_secs(5)).await;
            assert!(result.is_err());
            // The paused clock auto-advanced to exactly the deadline.
            assert_eq!(start.elapsed(), Duration::from_secs(5));
        });
    }

    #[test]
    fn timeout_lets_a_faster_future_through() {
        paused_rt().block_on(async {
            let start = Instant::now();
            let fast = async {
                sleep(Duration::from_secs(1)).await;
                "fast"
            };
            assert_eq!(fast.timeout(Duration::from_secs(5)).await, Ok("fast"));
            assert_eq!(start.elapsed(), Duration::from_secs(1));
        });
    }

    #[test]
    fn timeout_at_fires_at_the_deadline() {
        paused_rt().block_on(async {
            let deadline = Instant::now() + Duration::from_millis(250);
            let slow = sleep(Duration::from_secs(1));
            assert!(slow.timeout_at(deadline).await.is_err());
            assert_eq!(Instant::now(), deadline);

            // A deadline in the past still gives a ready future its chance.
            let past = Instant::now() - Duration::from_millis(1);
            assert_eq!(async { 3 }.timeout_at(past).await, Ok(3));
            assert!(pending::<()>().timeout_at(past).await.is_err());
        });
    }

    #[test]
    fn time_reexport_is_the_same_trait() {
        use runtime_util::time::FutureExt as TimeFutureExt;

        paused_rt().block_on(async {
            let result = TimeFutureExt::timeout(pending::<()>(), Duration::from_millis(1)).await;
            assert!(result.is_err());
            let token = CancellationToken::new();
            token.cancel();
            let cancelled = TimeFutureExt::with_cancellation_token(pending::<()>(), &token).await;
            assert_eq!(cancelled, None);
        });
    }

    #[test]
    fn timeout_and_cancellation_compose() {
        paused_rt().block_on(async {
            let token = CancellationToken::new();
            let canceller = token.clone();
            let guard = runtime_core::task::spawn(async move {
                sleep(Duration::from_millis(100)).await;
                canceller.cancel();
            });
            let start = Instant::now();
            let result = pending::<()>()
                .with_cancellation_token(&token)
                .timeout(Duration::from_secs(10))
                .await;
            // Cancelled at 100 ms, long before the timeout.
            assert_eq!(result, Ok(None));
            assert_eq!(start.elapsed(), Duration::from_millis(100));
            guard.await.unwrap();
        });
    }
}
