//! [`Handle`]: appends steps to a running [`Mock`](super::Mock)'s script.
//!
//! The handle and the mock share a queue behind a mutex. The mock takes
//! steps from it only when its own script has run out; while the handle is
//! alive, an empty queue means "more may come", so the mock registers its
//! waker and returns `Pending`. Dropping the handle closes the queue: from
//! then on, a run-out script means end of file for reads.

use std::collections::VecDeque;
use std::io;
use std::task::{Context, Poll, Waker};

use runtime_core::loom::sync::{Arc, Mutex};

use super::Action;

/// Appends steps to the script of a mock built with
/// [`Builder::build_with_handle`](super::Builder::build_with_handle).
///
/// # Examples
///
/// ```
/// use std::pin::Pin;
/// use runtime_core::io::{AsyncRead, ReadBuf};
/// use runtime_test::{assert_pending, assert_ready_ok, task};
///
/// let (mut mock, mut handle) = runtime_test::io::Builder::new().build_with_handle();
/// let mut task = task::spawn(());
/// let mut buf = [0u8; 8];
/// let mut read_buf = ReadBuf::new(&mut buf);
///
/// // Nothing scripted yet, but the handle may add more: the read waits.
/// assert_pending!(task.enter(|cx, _| Pin::new(&mut mock).poll_read(cx, &mut read_buf)));
///
/// handle.read(b"late");
/// assert!(task.is_woken());
/// assert_ready_ok!(task.enter(|cx, _| Pin::new(&mut mock).poll_read(cx, &mut read_buf)));
/// assert_eq!(read_buf.filled(), b"late");
/// ```
#[derive(Debug)]
pub struct Handle {
    shared: Arc<Shared>,
}

/// The queue between a [`Handle`] and its mock.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    queue: VecDeque<Action>,
    closed: bool,
    waker: Option<Waker>,
}

impl Handle {
    pub(crate) fn new() -> (Handle, Arc<Shared>) {
        let shared = Arc::new(Shared::default());
        (
            Handle {
                shared: shared.clone(),
            },
            shared,
        )
    }

    fn push(&mut self, action: Action) -> &mut Self {
        let waker = {
            let mut state = self.shared.state.lock();
            state.queue.push_back(action);
            state.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
        self
    }

    /// Adds bytes the code under test will read.
    pub fn read(&mut self, buf: &[u8]) -> &mut Self {
        self.push(Action::Read(buf.to_vec()))
    }

    /// Adds an error the code's next read gets.
    pub fn read_error(&mut self, error: io::Error) -> &mut Self {
        self.push(Action::ReadError(Some(Arc::new(error))))
    }

    /// Adds bytes the code under test must write.
    pub fn write(&mut self, buf: &[u8]) -> &mut Self {
        self.push(Action::Write(buf.to_vec()))
    }

    /// Adds an error the code's next write gets.
    pub fn write_error(&mut self, error: io::Error) -> &mut Self {
        self.push(Action::WriteError(Some(Arc::new(error))))
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        let waker = {
            let mut state = self.shared.state.lock();
            state.closed = true;
            state.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl Shared {
    /// Takes the next step added through the handle: `Ready(None)` once the
    /// handle is gone and the queue empty, `Pending` (with `cx`'s waker
    /// registered) while the handle may still add steps.
    pub(crate) fn poll_action(&self, cx: &mut Context<'_>) -> Poll<Option<Action>> {
        let mut state = self.state.lock();
        if let Some(action) = state.queue.pop_front() {
            return Poll::Ready(Some(action));
        }
        if state.closed {
            return Poll::Ready(None);
        }
        match &mut state.waker {
            Some(waker) if waker.will_wake(cx.waker()) => {}
            slot => *slot = Some(cx.waker().clone()),
        }
        Poll::Pending
    }

    /// Takes every step queued so far, without waiting.
    pub(crate) fn drain(&self) -> VecDeque<Action> {
        std::mem::take(&mut self.state.lock().queue)
    }
}
