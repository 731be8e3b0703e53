//! [`Pause`]: the timer behind the mocks' `wait` steps.
//!
//! A pause runs on the clock of the runtime it is first polled in, through
//! the driver seam's [`TimerHandle`], so a test on a runtime with a paused
//! clock (`start_paused`) skips the pause as tokio-test's mocks do, and a
//! test on a real clock sleeps without spinning. Polled where no runtime
//! with a timer is current (a hand-polled [`task::spawn`](crate::task::spawn)
//! outside any runtime, another executor), the pause falls back to a helper
//! thread that sleeps for the duration and then wakes the last waker it was
//! given: slower to set up, but it never keeps a core busy.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use runtime_core::loom::sync::atomic::{AtomicBool, Ordering};
use runtime_core::loom::sync::{Arc, Mutex};
use runtime_core::runtime::driver::{self, TimerHandle};

/// A pause of a fixed length that starts when first polled.
pub(crate) struct Pause {
    duration: Duration,
    state: State,
}

enum State {
    /// Not polled yet: the clock has not started.
    Idle,
    /// A sleep on the runtime's timer.
    Timer(Pin<Box<dyn Future<Output = ()> + Send + Sync + 'static>>),
    /// A helper thread's sleep.
    Thread(Arc<ThreadSleep>),
}

/// What a fallback pause shares with its helper thread.
struct ThreadSleep {
    done: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

impl Pause {
    pub(crate) fn new(duration: Duration) -> Pause {
        Pause {
            duration,
            state: State::Idle,
        }
    }

    /// `Ready` once the pause is over; otherwise the task is woken when it
    /// is.
    pub(crate) fn poll(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        if let State::Idle = self.state {
            self.state = self.start();
        }
        match &mut self.state {
            State::Idle => unreachable!("started just above"),
            State::Timer(sleep) => sleep.as_mut().poll(cx),
            State::Thread(shared) => shared.poll_done(cx),
        }
    }

    fn start(&self) -> State {
        let duration = self.duration;
        if let Ok(Some(sleep)) =
            driver::with_current::<TimerHandle, _>(|timer| timer.map(|t| t.sleep(duration)))
        {
            return State::Timer(sleep);
        }
        let shared = Arc::new(ThreadSleep {
            done: AtomicBool::new(false),
            waker: Mutex::new(None),
        });
        let helper = shared.clone();
        let spawned = std::thread::Builder::new()
            .name("runtime-test-pause".into())
            .spawn(move || {
                std::thread::sleep(duration);
                helper.finish();
            });
        if let Err(e) = spawned {
            panic!("runtime-test: cannot start the thread that times a mock's pause: {e}");
        }
        State::Thread(shared)
    }
}

impl ThreadSleep {
    /// The helper's half: the time is up.
    fn finish(&self) {
        self.done.store(true, Ordering::Release);
        let waker = self.waker.lock().take();
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// The pause's half: done, or leave the waker for `finish`.
    fn poll_done(&self, cx: &mut Context<'_>) -> Poll<()> {
        if self.done.load(Ordering::Acquire) {
            return Poll::Ready(());
        }
        *self.waker.lock() = Some(cx.waker().clone());
        // Checked again after the store: `finish` sets `done` before it
        // takes the waker, so either it finds ours or we see `done`.
        if self.done.load(Ordering::Acquire) {
            return Poll::Ready(());
        }
        Poll::Pending
    }
}

impl fmt::Debug for Pause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let clock = match self.state {
            State::Idle => "not started",
            State::Timer(_) => "runtime timer",
            State::Thread(_) => "helper thread",
        };
        f.debug_struct("Pause")
            .field("duration", &self.duration)
            .field("clock", &clock)
            .finish()
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_pause {
    use super::*;
    use runtime_core::loom::{model, thread};
    use std::task::Wake;

    /// A waker that records that it was woken.
    struct Flag(AtomicBool);

    impl Wake for Flag {
        fn wake(self: std::sync::Arc<Self>) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    #[test]
    fn finish_races_poll_without_losing_the_wake_up() {
        model(|| {
            let shared = Arc::new(ThreadSleep {
                done: AtomicBool::new(false),
                waker: Mutex::new(None),
            });
            let helper = shared.clone();
            let th = thread::spawn(move || helper.finish());
            let flag = std::sync::Arc::new(Flag(AtomicBool::new(false)));
            let waker = Waker::from(flag.clone());
            let polled = shared.poll_done(&mut Context::from_waker(&waker));
            th.join().unwrap();
            // Either the poll saw the end, or the helper woke the task.
            assert!(polled.is_ready() || flag.0.load(Ordering::SeqCst));
            assert_eq!(
                shared.poll_done(&mut Context::from_waker(&waker)),
                Poll::Ready(())
            );
        });
    }
}
