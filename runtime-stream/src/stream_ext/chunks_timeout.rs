//! [`ChunksTimeout`]: the stream behind
//! [`StreamExt::chunks_timeout`](crate::StreamExt::chunks_timeout).
//!
//! Items gather in a `Vec` until it holds `max_size` of them or until
//! `duration` has passed since the first item of the chunk, whichever
//! comes first. The deadline is armed only while a chunk is open, so an
//! idle stream does not yield empty chunks. When the inner stream ends,
//! the partial chunk is flushed.

use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use futures_core::Stream;
use pin_project_lite::pin_project;
use runtime_time::{Sleep, sleep_until};

use super::Fuse;
use super::timeout::deadline_after;

/// The most items a new chunk reserves room for in advance.
const MAX_RESERVE: usize = 1024;

pin_project! {
    /// Stream for
    /// [`StreamExt::chunks_timeout`](crate::StreamExt::chunks_timeout):
    /// the inner stream's items in `Vec`s of at most `max_size`, flushed
    /// early when the first item of a chunk is `duration` old.
    #[derive(Debug)]
    #[must_use = "streams do nothing unless polled"]
    pub struct ChunksTimeout<S: Stream> {
        #[pin]
        stream: Fuse<S>,
        #[pin]
        deadline: Option<Sleep>,
        duration: Duration,
        items: Vec<S::Item>,
        cap: usize,
    }
}

impl<S: Stream> ChunksTimeout<S> {
    #[track_caller]
    pub(super) fn new(stream: S, max_size: usize, duration: Duration) -> Self {
        assert!(max_size > 0, "`max_size` must be greater than zero");
        ChunksTimeout {
            stream: Fuse::new(stream),
            deadline: None,
            duration,
            items: Vec::new(),
            cap: max_size,
        }
    }
}

impl<S: Stream> Stream for ChunksTimeout<S> {
    type Item = Vec<S::Item>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Vec<S::Item>>> {
        let mut me = self.project();
        loop {
            match me.stream.as_mut().poll_next(cx) {
                Poll::Pending => break,
                Poll::Ready(Some(item)) => {
                    if me.items.is_empty() {
                        // A new chunk opens: its deadline starts now.
                        me.deadline
                            .set(Some(sleep_until(deadline_after(*me.duration))));
                        // Room for a full chunk, but a huge `max_size` must
                        // not allocate (or abort) up front.
                        me.items.reserve_exact((*me.cap).min(MAX_RESERVE));
                    }
                    me.items.push(item);
                    if me.items.len() >= *me.cap {
                        return Poll::Ready(Some(mem::take(me.items)));
                    }
                }
                Poll::Ready(None) => {
                    // Flush what is left, then end.
                    if me.items.is_empty() {
                        return Poll::Ready(None);
                    }
                    return Poll::Ready(Some(mem::take(me.items)));
                }
            }
        }
        if me.items.is_empty() {
            return Poll::Pending;
        }
        if let Some(deadline) = me.deadline.as_mut().as_pin_mut() {
            ready!(deadline.poll(cx));
        }
        me.deadline.set(None);
        Poll::Ready(Some(mem::take(me.items)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let open = self.items.len();
        let (lower, upper) = self.stream.size_hint();
        // At least the full chunks the known items fill; at most one chunk
        // per item.
        let lower = lower.saturating_add(open).div_ceil(self.cap);
        let upper = upper.and_then(|upper| upper.checked_add(open));
        (lower, upper)
    }
}
