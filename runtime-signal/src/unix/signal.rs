//! [`Signal`]: one listener for one kind of signal.

use std::fmt;
use std::future::poll_fn;
use std::task::{Context, Poll, ready};

use runtime_core::task::coop;

use crate::driver::Handle;
use crate::registry::{Listener, Table};

/// A listener for one kind of signal, from [`signal`](super::signal).
///
/// Each `Signal` is notified of every delivery of its kind to the process,
/// independently of the other listeners of that kind. Deliveries coalesce:
/// all the signals that arrive before a [`recv`](Signal::recv) (or between
/// two) are reported as one notification, so a notification means *at least
/// one* signal. Once `recv` is waiting, a further signal is always reported.
/// A `Signal` is not told about signals that arrived before it was created.
///
/// # Caveats
///
/// Creating the first `Signal` of a kind installs a process-wide handler for
/// it that is never removed: from then on the signal's default action (for
/// `SIGINT` or `SIGTERM`, terminating the process) does not happen, even
/// after every `Signal` is dropped. Make sure the program still reacts the
/// way it should.
///
/// # Examples
///
/// ```no_run
/// use runtime_signal::unix::{SignalKind, signal};
///
/// # async fn run() -> std::io::Result<()> {
/// let mut hangups = signal(SignalKind::hangup())?;
/// while hangups.recv().await.is_some() {
///     println!("SIGHUP: reloading the configuration");
/// }
/// # Ok(())
/// # }
/// ```
#[must_use = "streams do nothing unless polled"]
pub struct Signal {
    table: &'static Table,
    listener: Listener,
    driver: Handle,
}

impl Signal {
    pub(crate) fn new(table: &'static Table, signum: usize, driver: Handle) -> Signal {
        Signal {
            listener: table.listen(signum, driver.id()),
            table,
            driver,
        }
    }

    /// Waits for the next notification.
    ///
    /// Returns `Some(())` for each notification (one or more signals), and
    /// `None` once the signal driver of the runtime this `Signal` was
    /// created in has shut down (the runtime was dropped) and every
    /// notification that arrived before has been received.
    ///
    /// # Cancel safety
    ///
    /// This method is cancel safe: if it is dropped before completing (a
    /// losing branch of `select!`), no notification is lost; the next call
    /// reports it.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_signal::unix::{SignalKind, signal};
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .driver_layer(runtime_signal::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let mut usr1 = signal(SignalKind::user_defined1())?;
    /// // SAFETY: the handler for SIGUSR1 is installed (by `signal`).
    /// unsafe { libc::raise(libc::SIGUSR1) };
    /// assert_eq!(usr1.recv().await, Some(()));
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn recv(&mut self) -> Option<()> {
        poll_fn(|cx| self.poll_recv(cx)).await
    }

    /// Polls for the next notification: the poll-style form of
    /// [`recv`](Signal::recv), for hand-written futures and streams.
    ///
    /// Returns `Poll::Pending` and arranges for the waker of `cx` to be woken
    /// at the next notification; only the waker of the most recent poll is
    /// woken.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::future::Future;
    /// use std::pin::Pin;
    /// use std::task::{Context, Poll};
    /// use runtime_signal::unix::{Signal, SignalKind, signal};
    ///
    /// struct Next<'a>(&'a mut Signal);
    ///
    /// impl Future for Next<'_> {
    ///     type Output = Option<()>;
    ///
    ///     fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<()>> {
    ///         self.0.poll_recv(cx)
    ///     }
    /// }
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .driver_layer(runtime_signal::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let mut usr2 = signal(SignalKind::user_defined2())?;
    /// // SAFETY: the handler for SIGUSR2 is installed (by `signal`).
    /// unsafe { libc::raise(libc::SIGUSR2) };
    /// assert_eq!(Next(&mut usr2).await, Some(()));
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn poll_recv(&mut self, cx: &mut Context<'_>) -> Poll<Option<()>> {
        let coop = ready!(coop::poll_proceed(cx));
        let driver = &self.driver;
        let result = ready!(
            self.table
                .poll(&mut self.listener, cx, || driver.is_shutdown())
        );
        coop.made_progress();
        Poll::Ready(result)
    }
}

impl Drop for Signal {
    fn drop(&mut self) {
        self.table.unlisten(&self.listener);
    }
}

impl fmt::Debug for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signal")
            .field("signal", &self.listener)
            .field("driver", &self.driver)
            .finish()
    }
}
