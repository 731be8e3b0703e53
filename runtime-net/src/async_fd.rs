//! [`AsyncFd`]: readiness events for any file descriptor, for types this
//! crate does not wrap (a pipe, a TUN device, a socket from another crate).
//!
//! The fd is registered with the I/O driver like a socket. The user does the
//! actual I/O: wait for readiness, try the non-blocking call, and, when it
//! says `WouldBlock`, *clear* the readiness through the returned guard so the
//! next wait really waits. The guard carries the readiness tick it saw (see
//! the [driver's module docs](crate::driver)), so clearing never erases an
//! event that arrived after the failed call.

use std::error::Error;
use std::fmt;
use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::task::{Context, Poll, ready};

use mio::unix::SourceFd;
use runtime_core::io::{Interest, Ready};

use crate::driver::interest;
use crate::driver::registration::Registration;
use crate::driver::scheduled_io::{Direction, ReadyEvent};

/// Associates a file descriptor with the I/O driver, so tasks can wait until
/// it is readable or writable.
///
/// The descriptor must be in non-blocking mode; `AsyncFd` does not change
/// it. `AsyncFd` owns `inner` and deregisters the fd when dropped (or on
/// [`into_inner`](AsyncFd::into_inner)), before `inner` is dropped. `inner`
/// is expected to own its descriptor: `as_raw_fd` keeps returning the same
/// open descriptor while the `AsyncFd` holds it ([`AsyncFd::register`]
/// makes that a safety requirement; [`AsFd`](std::os::fd::AsFd) relies on
/// it).
///
/// Readiness is edge-triggered and sticky: once the fd is reported readable
/// it stays so until you clear it, which you do when an operation returns
/// `WouldBlock` ([`AsyncFdReadyGuard::clear_ready`], or let
/// [`AsyncFdReadyGuard::try_io`] / [`AsyncFd::async_io`] do it).
///
/// # Examples
///
/// ```
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// use std::io::{Read, Write};
/// use runtime_net::AsyncFd;
///
/// let (a, mut b) = std::os::unix::net::UnixStream::pair()?;
/// a.set_nonblocking(true)?;
/// let fd = AsyncFd::new(a)?;
/// b.write_all(b"ready")?;
///
/// let mut buf = [0u8; 64];
/// let n = loop {
///     let mut guard = fd.readable().await?;
///     match guard.try_io(|inner| inner.get_ref().read(&mut buf)) {
///         Ok(result) => break result?,
///         Err(_would_block) => continue,
///     }
/// };
/// assert_eq!(&buf[..n], b"ready");
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub struct AsyncFd<T: AsRawFd> {
    registration: Registration,
    // `None` only after `into_inner` moved it out.
    inner: Option<T>,
}

impl<T: AsRawFd> AsyncFd<T> {
    /// Registers `inner` for readable and writable events.
    ///
    /// # Errors
    ///
    /// The OS's error when the fd cannot be registered (for instance a
    /// regular file, which epoll refuses with `EPERM`).
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    #[track_caller]
    pub fn new(inner: T) -> io::Result<Self> {
        Self::with_interest(inner, Interest::READABLE | Interest::WRITABLE)
    }

    /// Registers `inner` for the events in `interest`.
    ///
    /// # Errors
    ///
    /// As for [`new`](AsyncFd::new).
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    #[track_caller]
    pub fn with_interest(inner: T, interest: Interest) -> io::Result<Self> {
        Self::try_with_interest(inner, interest).map_err(|e| e.cause)
    }

    /// Registers `inner` for readable and writable events, giving `inner`
    /// back on failure: the form of [`new`](AsyncFd::new) whose contract
    /// states the I/O-safety requirement (tokio 1.x's newest spelling).
    ///
    /// # Safety
    ///
    /// `inner.as_raw_fd()` must be a valid, open descriptor, must keep
    /// returning that same descriptor, and the descriptor must stay open and
    /// refer to the same open file description for as long as this
    /// `AsyncFd` owns `inner` (until it is dropped, [`into_inner`] is called,
    /// or it is forgotten). Otherwise the driver's registration could end up
    /// attached to a descriptor that `inner` no longer owns.
    ///
    /// [`into_inner`]: AsyncFd::into_inner
    ///
    /// # Errors
    ///
    /// As for [`new`](AsyncFd::new), with `inner` handed back.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    #[track_caller]
    pub unsafe fn register(inner: T) -> Result<Self, AsyncFdRegisterError<T>> {
        Self::try_with_interest(inner, Interest::READABLE | Interest::WRITABLE)
    }

    /// Registers `inner` for the events in `interest`, giving `inner` back
    /// on failure; see [`register`](AsyncFd::register).
    ///
    /// # Safety
    ///
    /// As for [`register`](AsyncFd::register).
    ///
    /// # Errors
    ///
    /// As for [`new`](AsyncFd::new), with `inner` handed back.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    #[track_caller]
    pub unsafe fn register_with_interest(
        inner: T,
        interest: Interest,
    ) -> Result<Self, AsyncFdRegisterError<T>> {
        Self::try_with_interest(inner, interest)
    }

    /// Like [`new`](AsyncFd::new), but gives `inner` back on failure.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    #[track_caller]
    pub fn try_new(inner: T) -> Result<Self, AsyncFdRegisterError<T>> {
        Self::try_with_interest(inner, Interest::READABLE | Interest::WRITABLE)
    }

    /// Like [`with_interest`](AsyncFd::with_interest), but gives `inner`
    /// back on failure.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    #[track_caller]
    pub fn try_with_interest(
        inner: T,
        interest: Interest,
    ) -> Result<Self, AsyncFdRegisterError<T>> {
        let fd = inner.as_raw_fd();
        match Registration::new(&mut SourceFd(&fd), interest::to_mio(interest)) {
            Ok(registration) => Ok(AsyncFd {
                registration,
                inner: Some(inner),
            }),
            Err(cause) => Err(AsyncFdRegisterError { inner, cause }),
        }
    }

    /// The wrapped value.
    pub fn get_ref(&self) -> &T {
        self.inner.as_ref().expect("present until into_inner")
    }

    /// The wrapped value, mutably.
    pub fn get_mut(&mut self) -> &mut T {
        self.inner.as_mut().expect("present until into_inner")
    }

    /// Deregisters the fd and returns the wrapped value.
    pub fn into_inner(mut self) -> T {
        self.take_inner().expect("present until into_inner")
    }

    fn take_inner(&mut self) -> Option<T> {
        let inner = self.inner.take()?;
        let fd = inner.as_raw_fd();
        // Failure means the fd is not (or no longer) in the poller; nothing
        // can name it afterwards either way.
        let _ = self.registration.deregister(&mut SourceFd(&fd));
        Some(inner)
    }

    /// Polls for read readiness. Only the most recent caller's waker is
    /// woken.
    pub fn poll_read_ready<'a>(
        &'a self,
        cx: &mut Context<'_>,
    ) -> Poll<io::Result<AsyncFdReadyGuard<'a, T>>> {
        let event = ready!(self.registration.poll_ready(cx, Direction::Read))?;
        Poll::Ready(Ok(AsyncFdReadyGuard {
            async_fd: self,
            event: Some(event),
        }))
    }

    /// Polls for read readiness, with a guard giving mutable access.
    pub fn poll_read_ready_mut<'a>(
        &'a mut self,
        cx: &mut Context<'_>,
    ) -> Poll<io::Result<AsyncFdReadyMutGuard<'a, T>>> {
        let event = ready!(self.registration.poll_ready(cx, Direction::Read))?;
        Poll::Ready(Ok(AsyncFdReadyMutGuard {
            async_fd: self,
            event: Some(event),
        }))
    }

    /// Polls for write readiness. Only the most recent caller's waker is
    /// woken.
    pub fn poll_write_ready<'a>(
        &'a self,
        cx: &mut Context<'_>,
    ) -> Poll<io::Result<AsyncFdReadyGuard<'a, T>>> {
        let event = ready!(self.registration.poll_ready(cx, Direction::Write))?;
        Poll::Ready(Ok(AsyncFdReadyGuard {
            async_fd: self,
            event: Some(event),
        }))
    }

    /// Polls for write readiness, with a guard giving mutable access.
    pub fn poll_write_ready_mut<'a>(
        &'a mut self,
        cx: &mut Context<'_>,
    ) -> Poll<io::Result<AsyncFdReadyMutGuard<'a, T>>> {
        let event = ready!(self.registration.poll_ready(cx, Direction::Write))?;
        Poll::Ready(Ok(AsyncFdReadyMutGuard {
            async_fd: self,
            event: Some(event),
        }))
    }

    /// Waits for any of the readiness in `interest`.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn ready(&self, interest: Interest) -> io::Result<AsyncFdReadyGuard<'_, T>> {
        let event = self
            .registration
            .readiness(interest::mask(interest))
            .await?;
        Ok(AsyncFdReadyGuard {
            async_fd: self,
            event: Some(event),
        })
    }

    /// Like [`ready`](AsyncFd::ready), with a guard giving mutable access.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn ready_mut(
        &mut self,
        interest: Interest,
    ) -> io::Result<AsyncFdReadyMutGuard<'_, T>> {
        let event = self
            .registration
            .readiness(interest::mask(interest))
            .await?;
        Ok(AsyncFdReadyMutGuard {
            async_fd: self,
            event: Some(event),
        })
    }

    /// Waits until the fd is readable.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn readable(&self) -> io::Result<AsyncFdReadyGuard<'_, T>> {
        self.ready(Interest::READABLE).await
    }

    /// Waits until the fd is readable, with a guard giving mutable access.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn readable_mut(&mut self) -> io::Result<AsyncFdReadyMutGuard<'_, T>> {
        self.ready_mut(Interest::READABLE).await
    }

    /// Waits until the fd is writable.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn writable(&self) -> io::Result<AsyncFdReadyGuard<'_, T>> {
        self.ready(Interest::WRITABLE).await
    }

    /// Waits until the fd is writable, with a guard giving mutable access.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn writable_mut(&mut self) -> io::Result<AsyncFdReadyMutGuard<'_, T>> {
        self.ready_mut(Interest::WRITABLE).await
    }

    /// Waits for `interest`, runs `f`, and repeats (clearing the readiness)
    /// while `f` returns `WouldBlock`.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe as long as `f` is: `f` runs only inside a poll.
    pub async fn async_io<R>(
        &self,
        interest: Interest,
        mut f: impl FnMut(&T) -> io::Result<R>,
    ) -> io::Result<R> {
        self.registration
            .async_io(interest::mask(interest), || f(self.get_ref()))
            .await
    }

    /// Like [`async_io`](AsyncFd::async_io), with mutable access.
    pub async fn async_io_mut<R>(
        &mut self,
        interest: Interest,
        mut f: impl FnMut(&mut T) -> io::Result<R>,
    ) -> io::Result<R> {
        let mask = interest::mask(interest);
        loop {
            let event = self.registration.readiness(mask).await?;
            match f(self.get_mut()) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.registration.clear_readiness(event)
                }
                result => return result,
            }
        }
    }

    /// Runs `f` if the fd looks ready for `interest`, without waiting;
    /// clears the readiness if `f` returns `WouldBlock`.
    ///
    /// # Errors
    ///
    /// `WouldBlock` without running `f` when not ready; `f`'s result
    /// otherwise.
    pub fn try_io<R>(
        &self,
        interest: Interest,
        f: impl FnOnce(&T) -> io::Result<R>,
    ) -> io::Result<R> {
        self.registration
            .try_io(interest::mask(interest), || f(self.get_ref()))
    }

    /// Like [`try_io`](AsyncFd::try_io), with mutable access.
    pub fn try_io_mut<R>(
        &mut self,
        interest: Interest,
        f: impl FnOnce(&mut T) -> io::Result<R>,
    ) -> io::Result<R> {
        let inner = self.inner.as_mut().expect("present until into_inner");
        self.registration
            .try_io(interest::mask(interest), || f(inner))
    }
}

impl<T: AsRawFd> AsRawFd for AsyncFd<T> {
    fn as_raw_fd(&self) -> RawFd {
        self.get_ref().as_raw_fd()
    }
}

/// Only `AsRawFd` is asked of `T`, as everywhere on `AsyncFd`: the
/// registration contract already makes the descriptor a borrowable one.
impl<T: AsRawFd> std::os::fd::AsFd for AsyncFd<T> {
    fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        // SAFETY: `AsyncFd`'s contract (the type docs; a stated safety
        // requirement of `register`) is that `inner` owns its descriptor and
        // keeps it open and unchanged while the `AsyncFd` holds it; the
        // borrow cannot outlive `&self`, hence not the `AsyncFd` either.
        unsafe { std::os::fd::BorrowedFd::borrow_raw(self.as_raw_fd()) }
    }
}

impl<T: AsRawFd + fmt::Debug> fmt::Debug for AsyncFd<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsyncFd")
            .field("inner", &self.inner)
            .finish()
    }
}

impl<T: AsRawFd> Drop for AsyncFd<T> {
    fn drop(&mut self) {
        // Deregister first, then let `inner` (and its fd) drop.
        drop(self.take_inner());
    }
}

/// The readiness an [`AsyncFd`] was found to have, borrowed from it.
///
/// Call [`clear_ready`](AsyncFdReadyGuard::clear_ready) when an operation
/// returns `WouldBlock`; dropping the guard without clearing keeps the
/// readiness (the next wait returns at once).
pub struct AsyncFdReadyGuard<'a, T: AsRawFd> {
    async_fd: &'a AsyncFd<T>,
    event: Option<ReadyEvent>,
}

/// Like [`AsyncFdReadyGuard`], with mutable access to the [`AsyncFd`].
pub struct AsyncFdReadyMutGuard<'a, T: AsRawFd> {
    async_fd: &'a mut AsyncFd<T>,
    event: Option<ReadyEvent>,
}

/// The error of the guards' `try_io` when the operation returned
/// `WouldBlock` (the readiness has been cleared; wait again).
#[derive(Debug)]
pub struct TryIoError(());

impl fmt::Display for TryIoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the operation would block; readiness was cleared")
    }
}

impl Error for TryIoError {}

fn clear_matching(registration: &Registration, event: &mut Option<ReadyEvent>, ready: Ready) {
    if let Some(mut ev) = event.take() {
        let bits = interest::ready_bits(ready);
        registration.clear_readiness(ReadyEvent {
            ready: ev.ready & bits,
            ..ev
        });
        ev.ready &= !bits;
        if ev.ready != 0 {
            *event = Some(ev);
        }
    }
}

impl<'a, T: AsRawFd> AsyncFdReadyGuard<'a, T> {
    /// Clears the readiness this guard saw, so the next wait waits for a new
    /// event. Call it after an operation returned `WouldBlock`.
    pub fn clear_ready(&mut self) {
        if let Some(event) = self.event.take() {
            self.async_fd.registration.clear_readiness(event);
        }
    }

    /// Clears only the readiness in `ready` (the closed states are never
    /// cleared).
    pub fn clear_ready_matching(&mut self, ready: Ready) {
        clear_matching(&self.async_fd.registration, &mut self.event, ready);
    }

    /// Drops the guard without clearing anything.
    pub fn retain_ready(&mut self) {
        self.event = None;
    }

    /// The readiness this guard saw (empty once cleared).
    pub fn ready(&self) -> Ready {
        interest::to_ready(self.event.map_or(0, |e| e.ready))
    }

    /// Runs `f`; if it returns `WouldBlock`, clears the readiness and
    /// returns `Err(TryIoError)`, otherwise `Ok` with `f`'s result.
    pub fn try_io<R>(
        &mut self,
        f: impl FnOnce(&'a AsyncFd<T>) -> io::Result<R>,
    ) -> Result<io::Result<R>, TryIoError> {
        match f(self.async_fd) {
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                self.clear_ready();
                Err(TryIoError(()))
            }
            result => Ok(result),
        }
    }

    /// The [`AsyncFd`] this guard borrows.
    pub fn get_ref(&self) -> &'a AsyncFd<T> {
        self.async_fd
    }

    /// The value inside the [`AsyncFd`].
    pub fn get_inner(&self) -> &'a T {
        self.async_fd.get_ref()
    }
}

impl<'a, T: AsRawFd> AsyncFdReadyMutGuard<'a, T> {
    /// Clears the readiness this guard saw; see
    /// [`AsyncFdReadyGuard::clear_ready`].
    pub fn clear_ready(&mut self) {
        if let Some(event) = self.event.take() {
            self.async_fd.registration.clear_readiness(event);
        }
    }

    /// Clears only the readiness in `ready`.
    pub fn clear_ready_matching(&mut self, ready: Ready) {
        clear_matching(&self.async_fd.registration, &mut self.event, ready);
    }

    /// Drops the guard without clearing anything.
    pub fn retain_ready(&mut self) {
        self.event = None;
    }

    /// The readiness this guard saw (empty once cleared).
    pub fn ready(&self) -> Ready {
        interest::to_ready(self.event.map_or(0, |e| e.ready))
    }

    /// Runs `f`; on `WouldBlock` clears the readiness and returns
    /// `Err(TryIoError)`.
    pub fn try_io<R>(
        &mut self,
        f: impl FnOnce(&mut AsyncFd<T>) -> io::Result<R>,
    ) -> Result<io::Result<R>, TryIoError> {
        match f(self.async_fd) {
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                self.clear_ready();
                Err(TryIoError(()))
            }
            result => Ok(result),
        }
    }

    /// The [`AsyncFd`] this guard borrows.
    pub fn get_ref(&self) -> &AsyncFd<T> {
        self.async_fd
    }

    /// The [`AsyncFd`] this guard borrows, mutably.
    pub fn get_mut(&mut self) -> &mut AsyncFd<T> {
        self.async_fd
    }

    /// The value inside the [`AsyncFd`].
    pub fn get_inner(&self) -> &T {
        self.async_fd.get_ref()
    }

    /// The value inside the [`AsyncFd`], mutably.
    pub fn get_inner_mut(&mut self) -> &mut T {
        self.async_fd.get_mut()
    }
}

impl<T: AsRawFd + fmt::Debug> fmt::Debug for AsyncFdReadyGuard<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReadyGuard")
            .field("async_fd", self.async_fd)
            .finish()
    }
}

impl<T: AsRawFd + fmt::Debug> fmt::Debug for AsyncFdReadyMutGuard<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MutReadyGuard")
            .field("async_fd", &self.async_fd)
            .finish()
    }
}

/// The error of [`AsyncFd::register`], [`AsyncFd::try_new`] and their
/// `_with_interest` forms: the value that could not be registered, and why.
pub struct AsyncFdRegisterError<T> {
    inner: T,
    cause: io::Error,
}

/// The older name of [`AsyncFdRegisterError`].
pub type AsyncFdTryNewError<T> = AsyncFdRegisterError<T>;

impl<T> AsyncFdRegisterError<T> {
    /// The value and the registration error.
    pub fn into_parts(self) -> (T, io::Error) {
        (self.inner, self.cause)
    }
}

impl<T> fmt::Display for AsyncFdRegisterError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.cause, f)
    }
}

impl<T> fmt::Debug for AsyncFdRegisterError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.cause, f)
    }
}

impl<T> Error for AsyncFdRegisterError<T> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.cause)
    }
}

impl<T> From<AsyncFdRegisterError<T>> for io::Error {
    fn from(value: AsyncFdRegisterError<T>) -> Self {
        value.cause
    }
}
