//! A scripted mock [`Stream`]: the items it yields, and pauses between them.
//!
//! [`StreamMockBuilder`] lists the items in order, with
//! [`wait`](StreamMockBuilder::wait) pauses between them;
//! [`build`](StreamMockBuilder::build) makes a [`StreamMock`] that yields
//! them and then ends. Dropping the mock before it yielded every item
//! panics, so a test notices when the code under test stops reading early.
//!
//! ```
//! use futures::StreamExt;
//! use runtime_test::stream_mock::StreamMockBuilder;
//!
//! # runtime_test::block_on(async {
//! let mut mock = StreamMockBuilder::new().next(1).next(2).build();
//! assert_eq!(mock.next().await, Some(1));
//! assert_eq!(mock.next().await, Some(2));
//! assert_eq!(mock.next().await, None);
//! # });
//! ```

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use crate::pause::Pause;

use futures_core::Stream;

#[derive(Debug, Clone)]
enum Action<T> {
    Next(T),
    Wait(Duration),
}

/// Builds a [`StreamMock`].
#[derive(Debug, Clone)]
pub struct StreamMockBuilder<T> {
    actions: VecDeque<Action<T>>,
}

impl<T: Unpin> StreamMockBuilder<T> {
    /// Starts an empty script: a stream that ends at once.
    pub fn new() -> Self {
        StreamMockBuilder {
            actions: VecDeque::new(),
        }
    }

    /// Adds an item the stream yields.
    pub fn next(mut self, value: T) -> Self {
        self.actions.push_back(Action::Next(value));
        self
    }

    /// Adds a pause: the stream returns `Pending` until `duration` has
    /// passed since it was first polled at this step, and then wakes its
    /// task.
    ///
    /// The pause runs on the clock of the current runtime's timer, so with
    /// a paused clock (`start_paused`) it takes no real time; without a
    /// runtime timer it sleeps on a helper thread.
    pub fn wait(mut self, duration: Duration) -> Self {
        self.actions.push_back(Action::Wait(duration));
        self
    }

    /// Builds the mock stream.
    pub fn build(self) -> StreamMock<T> {
        StreamMock {
            actions: self.actions,
            waiting: None,
        }
    }
}

impl<T: Unpin> Default for StreamMockBuilder<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// A [`Stream`] that yields scripted items, made by [`StreamMockBuilder`].
///
/// # Panics
///
/// Panics when dropped before every scripted item was yielded (unless the
/// thread is already panicking).
#[derive(Debug)]
pub struct StreamMock<T> {
    actions: VecDeque<Action<T>>,
    /// The pause at the front, once it has started.
    waiting: Option<Pause>,
}

impl<T: Unpin> Stream for StreamMock<T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let this = self.get_mut();
        loop {
            match this.actions.front() {
                None => return Poll::Ready(None),
                Some(Action::Next(_)) => {
                    let Some(Action::Next(value)) = this.actions.pop_front() else {
                        unreachable!("the front was just matched as `Next`");
                    };
                    return Poll::Ready(Some(value));
                }
                Some(Action::Wait(duration)) => {
                    let pause = this.waiting.get_or_insert_with(|| Pause::new(*duration));
                    if pause.poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                    this.waiting = None;
                    this.actions.pop_front();
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self
            .actions
            .iter()
            .filter(|a| matches!(a, Action::Next(_)))
            .count();
        (n, Some(n))
    }
}

impl<T> Drop for StreamMock<T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let left = self
            .actions
            .iter()
            .filter(|a| matches!(a, Action::Next(_)))
            .count();
        assert!(
            left == 0,
            "StreamMock was dropped before all actions were consumed ({left} items left)"
        );
    }
}
