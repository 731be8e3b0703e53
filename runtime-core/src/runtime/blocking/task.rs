//! A blocking closure as a task.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::task::coop;
use crate::task::raw::{Notified, Schedule, Task};

/// A future that runs a closure on its first poll.
pub(crate) struct BlockingTask<F> {
    func: Option<F>,
}

impl<F> BlockingTask<F> {
    pub(crate) fn new(func: F) -> BlockingTask<F> {
        BlockingTask { func: Some(func) }
    }
}

// The closure is never pinned: it is moved out before it runs.
impl<F> Unpin for BlockingTask<F> {}

impl<F, R> Future for BlockingTask<F>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    type Output = R;

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<R> {
        let func = self
            .func
            .take()
            .expect("a blocking task was polled after it ran");
        // Blocking code is not cooperative: it runs to the end.
        Poll::Ready(coop::with_unconstrained(func))
    }
}

/// The scheduler of blocking tasks: they belong to no owned list and are
/// never woken (their future completes on its first poll).
#[derive(Debug, Clone, Copy)]
pub(crate) struct BlockingSchedule;

impl Schedule for BlockingSchedule {
    fn release(&self, _task: &Task<Self>) -> Option<Task<Self>> {
        None
    }

    fn schedule(&self, _task: Notified<Self>) {
        unreachable!("blocking tasks complete on their first poll and are never woken");
    }
}
