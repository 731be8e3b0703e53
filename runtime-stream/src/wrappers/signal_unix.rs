//! [`SignalStream`]: a Unix signal listener as a stream of notifications.
//!
//! The wrapper adds no state of its own: every poll is forwarded to
//! [`Signal::poll_recv`], which already has the shape of a stream poll
//! (`Some(())` per delivery it reports, `None` once the runtime that
//! delivers signals is gone). Deliveries that arrive while nobody polls
//! coalesce exactly as they do for [`Signal`].

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use runtime_signal::unix::Signal;

/// A [`Stream`] that yields `()` each time the signal a [`Signal`] listens
/// for is received.
///
/// Several deliveries of the signal between two polls may be reported as
/// one item. The stream ends (`None`) only once the signal driver of the
/// runtime it was created in has shut down.
///
/// # Examples
///
/// ```
/// use runtime_signal::unix::{SignalKind, signal};
/// use runtime_stream::StreamExt;
/// use runtime_stream::wrappers::SignalStream;
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .driver_layer(runtime_signal::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// let mut hangups = SignalStream::new(signal(SignalKind::hangup())?);
/// // SAFETY: `signal` installed the handler for SIGHUP, so raising it does
/// // not run the default action (terminating the process).
/// unsafe { libc::raise(libc::SIGHUP) };
/// assert_eq!(hangups.next().await, Some(()));
/// # Ok::<_, std::io::Error>(())
/// # }).unwrap();
/// ```
#[derive(Debug)]
pub struct SignalStream {
    inner: Signal,
}

impl SignalStream {
    /// Wraps a signal listener.
    pub fn new(signal: Signal) -> Self {
        SignalStream { inner: signal }
    }

    /// Returns the signal listener.
    pub fn into_inner(self) -> Signal {
        self.inner
    }
}

impl Stream for SignalStream {
    type Item = ();

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<()>> {
        self.inner.poll_recv(cx)
    }
}

impl AsRef<Signal> for SignalStream {
    fn as_ref(&self) -> &Signal {
        &self.inner
    }
}

impl AsMut<Signal> for SignalStream {
    fn as_mut(&mut self) -> &mut Signal {
        &mut self.inner
    }
}
