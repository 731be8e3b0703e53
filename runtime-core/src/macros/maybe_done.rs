//! [`MaybeDone`]: a future that keeps its output once it completes.
//!
//! `join!` and `try_join!` poll several futures until all are done, then
//! hand back all outputs at once. Each future is wrapped in a `MaybeDone`,
//! which stores the output when the future completes (dropping the finished
//! future right away) and answers `Ready` without polling again afterwards.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

pin_project_lite::pin_project! {
    /// A future that may have completed, holding its output until taken.
    ///
    /// Hidden helper of `join!`/`try_join!`; not part of the public API.
    #[derive(Debug)]
    #[project = MaybeDoneProj]
    #[project_replace = MaybeDoneReplace]
    // A separate, word-sized tag. Left to itself the compiler hides the tag
    // in a niche of the future (a `bool` of its state, say), and telling
    // the variants apart then takes a subtract, a compare and a conditional
    // move on every poll; `Pin::set` to `Done` would also write into the
    // pinned future's bytes. Measured on `join_8` of `benches/macros.rs`,
    // `repr(C)` also ran a little faster than a byte tag (`repr(u8)`).
    #[repr(C)]
    pub enum MaybeDone<Fut: Future> {
        /// The future is still running.
        Future { #[pin] future: Fut },
        /// The future completed; its output waits here until taken.
        Done { output: Fut::Output },
        /// The output was taken.
        Gone,
    }
}

/// Wraps a future in a [`MaybeDone`].
///
/// The macros call `IntoFuture::into_future` on the argument first, in a
/// separate call, so that a value that is not a future is reported once, at
/// that call.
pub fn maybe_done<F: Future>(future: F) -> MaybeDone<F> {
    MaybeDone::Future { future }
}

impl<Fut: Future> MaybeDone<Fut> {
    /// A mutable reference to the output, if the future has completed and the
    /// output was not taken yet.
    #[inline]
    pub fn output_mut(self: Pin<&mut Self>) -> Option<&mut Fut::Output> {
        match self.project() {
            MaybeDoneProj::Done { output } => Some(output),
            MaybeDoneProj::Future { .. } | MaybeDoneProj::Gone => None,
        }
    }

    /// Takes the output out, if the future has completed and the output was
    /// not taken yet.
    #[inline]
    pub fn take_output(mut self: Pin<&mut Self>) -> Option<Fut::Output> {
        // Look first: replacing a running future would drop it.
        if !matches!(*self, MaybeDone::Done { .. }) {
            return None;
        }
        match self.as_mut().project_replace(MaybeDone::Gone) {
            MaybeDoneReplace::Done { output } => Some(output),
            MaybeDoneReplace::Future { .. } | MaybeDoneReplace::Gone => None,
        }
    }
}

impl<Fut: Future> Future for MaybeDone<Fut> {
    type Output = ();

    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let output = match self.as_mut().project() {
            MaybeDoneProj::Future { future } => match future.poll(cx) {
                Poll::Ready(output) => output,
                Poll::Pending => return Poll::Pending,
            },
            MaybeDoneProj::Done { .. } => return Poll::Ready(()),
            MaybeDoneProj::Gone => panic!("MaybeDone polled after its output was taken"),
        };
        // Drop the finished future in place, keep only its output.
        self.set(MaybeDone::Done { output });
        Poll::Ready(())
    }
}

#[cfg(test)]
mod tests {
    use core::pin::pin;
    use core::task::{Context, Poll};

    use futures::task::noop_waker_ref;

    use super::maybe_done;

    #[test]
    fn keeps_the_output_until_taken() {
        let mut cx = Context::from_waker(noop_waker_ref());
        let mut polls = 0;
        let mut fut = pin!(maybe_done(core::future::poll_fn(|_| {
            polls += 1;
            if polls < 2 {
                Poll::Pending
            } else {
                Poll::Ready(7)
            }
        })));
        assert_eq!(fut.as_mut().output_mut(), None);
        assert_eq!(fut.as_mut().poll(&mut cx), Poll::Pending);
        assert_eq!(fut.as_mut().poll(&mut cx), Poll::Ready(()));
        // Done: polling again does not poll the inner future.
        assert_eq!(fut.as_mut().poll(&mut cx), Poll::Ready(()));
        assert_eq!(fut.as_mut().output_mut(), Some(&mut 7));
        assert_eq!(fut.as_mut().take_output(), Some(7));
        assert_eq!(fut.as_mut().take_output(), None);
    }

    #[test]
    fn taking_from_a_running_future_leaves_it_running() {
        let mut cx = Context::from_waker(noop_waker_ref());
        let mut polls = 0;
        let mut fut = pin!(maybe_done(core::future::poll_fn(|_| {
            polls += 1;
            if polls < 2 {
                Poll::Pending
            } else {
                Poll::Ready("done")
            }
        })));
        assert_eq!(fut.as_mut().poll(&mut cx), Poll::Pending);
        assert_eq!(fut.as_mut().take_output(), None);
        assert_eq!(fut.as_mut().output_mut(), None);
        // Still the same future: its second poll completes it.
        assert_eq!(fut.as_mut().poll(&mut cx), Poll::Ready(()));
        assert_eq!(fut.as_mut().take_output(), Some("done"));
    }

    #[test]
    #[should_panic(expected = "MaybeDone polled after its output was taken")]
    fn polling_after_take_panics() {
        let mut cx = Context::from_waker(noop_waker_ref());
        let mut fut = pin!(maybe_done(async { 1 }));
        assert_eq!(fut.as_mut().poll(&mut cx), Poll::Ready(()));
        assert_eq!(fut.as_mut().take_output(), Some(1));
        let _ = fut.as_mut().poll(&mut cx);
    }
}
