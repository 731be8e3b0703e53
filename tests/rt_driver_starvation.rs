//! A `block_on` future that wakes itself on every poll must not keep the
//! drivers from running: the timer it waits on still fires.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use runtime::runtime::Builder;

/// Polls the inner future, and when it is pending wakes itself at once,
/// counting the polls: a busy future that never lets the thread park.
struct Spin<F> {
    inner: Pin<Box<F>>,
    polls: u64,
}

impl<F: Future> Future for Spin<F> {
    type Output = u64;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        self.polls += 1;
        if self.inner.as_mut().poll(cx).is_ready() {
            return Poll::Ready(self.polls);
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn spin_on_sleep(rt: &runtime::runtime::Runtime) -> u64 {
    rt.block_on(async {
        let deadline = runtime::time::Instant::now() + Duration::from_millis(5);
        let polls = Spin {
            inner: Box::pin(runtime::time::sleep_until(deadline)),
            polls: 0,
        }
        .await;
        assert!(runtime::time::Instant::now() >= deadline);
        polls
    })
}

#[test]
fn current_thread_timer_fires_under_a_self_waking_block_on() {
    let rt = Builder::new_current_thread().enable_all().build().unwrap();
    assert!(spin_on_sleep(&rt) > 1);
}

#[test]
fn multi_thread_timer_fires_under_a_self_waking_block_on() {
    let rt = Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    assert!(spin_on_sleep(&rt) > 1);
}

#[test]
fn spawned_timer_task_runs_under_a_self_waking_block_on() {
    let rt = Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let timer = runtime::spawn(async {
            runtime::time::sleep(Duration::from_millis(5)).await;
            "fired"
        });
        let polls = Spin {
            inner: Box::pin(timer),
            polls: 0,
        }
        .await;
        assert!(polls > 1);
    });
}

/// A task that spends its whole budget in one go yields, and the yield waits
/// for the driver: a connection ready on a listener is accepted by another
/// task within a couple of such rounds.
fn budget_exhaustion_lets_the_driver_in(rt: runtime::runtime::Runtime) {
    rt.block_on(async {
        let listener = runtime::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap();
        let addr = listener.local_addr().unwrap();
        let accepted = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let acceptor = runtime::spawn({
            let accepted = accepted.clone();
            async move {
                let _conn = listener.accept().await.unwrap();
                accepted.store(true, std::sync::atomic::Ordering::SeqCst);
            }
        });
        // Connected before the spinner starts: the accept only needs the
        // driver to report the listener readable.
        let _client = std::net::TcpStream::connect(addr).unwrap();
        let spinner = runtime::spawn({
            let accepted = accepted.clone();
            async move {
                let mut rounds = 0;
                while !accepted.load(std::sync::atomic::Ordering::SeqCst) {
                    for _ in 0..128 {
                        runtime::task::consume_budget().await;
                    }
                    rounds += 1;
                    assert!(rounds < 10, "the driver never ran between budget rounds");
                }
                rounds
            }
        });
        acceptor.await.unwrap();
        spinner.await.unwrap();
    });
}

#[test]
fn current_thread_budget_exhaustion_lets_the_driver_in() {
    budget_exhaustion_lets_the_driver_in(
        Builder::new_current_thread().enable_all().build().unwrap(),
    );
}

#[test]
fn multi_thread_budget_exhaustion_lets_the_driver_in() {
    budget_exhaustion_lets_the_driver_in(
        Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap(),
    );
}
