//! `yield_now`: give way to other tasks once.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::runtime::context;

/// Yields execution back to the runtime once.
///
/// The task is re-scheduled after the runtime has polled its I/O and
/// timer drivers, so a task that yields in a loop lets every other task and
/// resource make progress. Outside a runtime it simply returns `Pending`
/// once, waking itself.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Builder;
/// use runtime_core::task;
///
/// let rt = Builder::new_current_thread().build().unwrap();
/// rt.block_on(async {
///     let other = task::spawn(async { "ran" });
///     // Let the spawned task run on this single thread.
///     task::yield_now().await;
///     assert!(other.is_finished());
/// });
/// ```
pub async fn yield_now() {
    YieldNow { yielded: false }.await
}

struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        context::defer(cx.waker());
        Poll::Pending
    }
}
