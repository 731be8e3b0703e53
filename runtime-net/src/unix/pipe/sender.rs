//! [`Sender`]: the writing end of a pipe.

use std::fmt;
use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::pin::Pin;
use std::task::{Context, Poll};

use runtime_core::io::{AsyncWrite, Interest, Ready};

use super::End;
use crate::driver::interest;
use crate::driver::poll_evented::PollEvented;
use crate::driver::registration::Registration;
use crate::driver::scheduled_io::Direction;

/// The writing end of a Unix pipe.
///
/// Make one with [`pipe()`](super::pipe()), open a FIFO with
/// [`OpenOptions::open_sender`](super::OpenOptions::open_sender), or adopt
/// a descriptor with [`from_file`](Sender::from_file) /
/// [`from_owned_fd`](Sender::from_owned_fd). Write with
/// [`AsyncWrite`] (the `AsyncWriteExt` methods), or with
/// [`writable`](Sender::writable) and [`try_write`](Sender::try_write).
///
/// Opening a FIFO for writing fails with:
///
/// * `NotFound` when nothing exists at the path,
/// * `InvalidInput` when the file is not a FIFO,
/// * the `ENXIO` error while no one has the FIFO open for reading: wait
///   and try again, or (on Linux) open it with
///   [`read_write`](super::OpenOptions::read_write).
///
/// Once every reading end is closed, writes fail with `BrokenPipe`.
///
/// # Examples
///
/// Waiting for a reader to open a FIFO:
///
/// ```
/// # fn mkfifo(path: &std::path::Path) -> std::io::Result<()> {
/// #     use std::os::unix::ffi::OsStrExt;
/// #     let path = std::ffi::CString::new(path.as_os_str().as_bytes())?;
/// #     // SAFETY: `path` is a NUL-terminated string that outlives the call.
/// #     if unsafe { libc::mkfifo(path.as_ptr(), 0o600) } == -1 {
/// #         return Err(std::io::Error::last_os_error());
/// #     }
/// #     Ok(())
/// # }
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// use runtime_core::io::{AsyncReadExt, AsyncWriteExt};
/// use runtime_net::unix::pipe;
///
/// let path = std::env::temp_dir().join(format!("doc-fifo-sender-{}", std::process::id()));
/// mkfifo(&path)?;
///
/// // A reader in another task (here: one that comes a little later).
/// let reader_path = path.clone();
/// let reader = runtime_core::task::spawn(async move {
///     runtime_core::task::yield_now().await;
///     let mut rx = pipe::OpenOptions::new().open_receiver(&reader_path)?;
///     let mut buf = Vec::new();
///     rx.read_to_end(&mut buf).await?;
///     Ok::<_, std::io::Error>(buf)
/// });
///
/// let mut tx = loop {
///     match pipe::OpenOptions::new().open_sender(&path) {
///         Ok(tx) => break tx,
///         // No reader yet; a real program would sleep a little here.
///         Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
///             runtime_core::task::yield_now().await
///         }
///         Err(e) => return Err(e),
///     }
/// };
/// tx.write_all(b"hello").await?;
/// drop(tx);
/// assert_eq!(reader.await.unwrap()?, b"hello");
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub struct Sender {
    /// Registered for writing only; the descriptor is non-blocking (see the
    /// [module docs](super)).
    io: PollEvented<mio::unix::pipe::Sender>,
}

impl Sender {
    /// Registers a non-blocking mio pipe end for writing.
    #[track_caller]
    pub(super) fn from_mio(tx: mio::unix::pipe::Sender) -> io::Result<Sender> {
        Ok(Sender {
            io: PollEvented::new_with_interest(tx, mio::Interest::WRITABLE)?,
        })
    }

    pub(super) fn registration(&self) -> &Registration {
        self.io.registration()
    }

    /// Adopts `file`, which must be a pipe or FIFO open for writing; it is
    /// put in non-blocking mode and registered with the current runtime's
    /// I/O driver.
    ///
    /// # Errors
    ///
    /// `InvalidInput` when the file is not a pipe or FIFO, or was opened
    /// without write access (read-only); any error of the system calls
    /// otherwise. The file is closed on error.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use runtime_net::unix::pipe;
    ///
    /// // A regular file is not a pipe.
    /// let path = std::env::temp_dir().join(format!("doc-not-a-pipe-{}", std::process::id()));
    /// let file = std::fs::File::create(&path)?;
    /// let err = pipe::Sender::from_file(file).unwrap_err();
    /// assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    /// # std::fs::remove_file(&path)?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[track_caller]
    pub fn from_file(file: File) -> io::Result<Sender> {
        Sender::from_owned_fd(file.into())
    }

    /// Adopts `owned_fd`, which must be a pipe or FIFO open for writing; it
    /// is put in non-blocking mode and registered with the current
    /// runtime's I/O driver.
    ///
    /// # Errors
    ///
    /// As for [`from_file`](Sender::from_file).
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use std::os::fd::OwnedFd;
    ///
    /// use runtime_net::unix::pipe;
    ///
    /// // A blocking descriptor, as a child process or a library hands over.
    /// let (tx, _rx) = pipe::pipe()?;
    /// let fd: OwnedFd = tx.into_blocking_fd()?;
    ///
    /// let tx = pipe::Sender::from_owned_fd(fd)?; // non-blocking again
    /// tx.writable().await?;
    /// assert_eq!(tx.try_write(b"adopted")?, 7);
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[track_caller]
    pub fn from_owned_fd(owned_fd: OwnedFd) -> io::Result<Sender> {
        let fd = super::check_end(owned_fd, End::Sender)?;
        let tx = mio::unix::pipe::Sender::from(fd);
        tx.set_nonblocking(true)?;
        Sender::from_mio(tx)
    }

    /// Adopts `file` without any check, and registers it with the current
    /// runtime's I/O driver.
    ///
    /// The caller promises that the file is a pipe or FIFO, open for
    /// writing and in non-blocking mode. Nothing unsafe happens if it is
    /// not, but the sender misbehaves: a blocking descriptor stalls the
    /// runtime thread that writes to it, a wrong access mode makes every
    /// write fail.
    ///
    /// # Errors
    ///
    /// The driver's registration error.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    ///
    /// # Examples
    ///
    /// ```
    /// # fn mkfifo(path: &std::path::Path) -> std::io::Result<()> {
    /// #     use std::os::unix::ffi::OsStrExt;
    /// #     let path = std::ffi::CString::new(path.as_os_str().as_bytes())?;
    /// #     // SAFETY: `path` is a NUL-terminated string that outlives the call.
    /// #     if unsafe { libc::mkfifo(path.as_ptr(), 0o600) } == -1 {
    /// #         return Err(std::io::Error::last_os_error());
    /// #     }
    /// #     Ok(())
    /// # }
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    ///
    /// use runtime_net::unix::pipe;
    ///
    /// let path = std::env::temp_dir().join(format!("doc-fifo-tx-unchecked-{}", std::process::id()));
    /// mkfifo(&path)?;
    /// let _rx = pipe::OpenOptions::new().open_receiver(&path)?;
    ///
    /// let file = std::fs::OpenOptions::new()
    ///     .write(true)
    ///     .custom_flags(libc::O_NONBLOCK)
    ///     .open(&path)?;
    /// assert!(file.metadata()?.file_type().is_fifo());
    /// let tx = pipe::Sender::from_file_unchecked(file)?;
    /// # drop(tx);
    /// # std::fs::remove_file(&path)?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[track_caller]
    pub fn from_file_unchecked(file: File) -> io::Result<Sender> {
        Sender::from_owned_fd_unchecked(file.into())
    }

    /// Adopts `owned_fd` without any check, and registers it with the
    /// current runtime's I/O driver.
    ///
    /// The caller promises what [`from_file_unchecked`] needs: a pipe or
    /// FIFO, open for writing, in non-blocking mode.
    ///
    /// # Errors
    ///
    /// The driver's registration error.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    ///
    /// [`from_file_unchecked`]: Sender::from_file_unchecked
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use runtime_net::unix::pipe;
    ///
    /// let (tx, _rx) = pipe::pipe()?;
    /// let fd = tx.into_nonblocking_fd()?; // still non-blocking: no check needed
    /// let tx = pipe::Sender::from_owned_fd_unchecked(fd)?;
    /// tx.writable().await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[track_caller]
    pub fn from_owned_fd_unchecked(owned_fd: OwnedFd) -> io::Result<Sender> {
        Sender::from_mio(mio::unix::pipe::Sender::from(owned_fd))
    }

    /// Waits for any readiness in `interest` and returns what is set.
    ///
    /// For a sender the useful states are [`Ready::WRITABLE`] and
    /// [`Ready::WRITE_CLOSED`] (every reader is gone). The result can be a
    /// false positive (the next `try_write` says `WouldBlock`), and it can
    /// be empty: check it, and wait again if it holds nothing you asked for.
    ///
    /// # Errors
    ///
    /// When the runtime has shut down.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe. Readiness, once seen, stays until an operation finds
    /// the pipe full (`WouldBlock`).
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use runtime_core::io::Interest;
    /// use runtime_net::unix::pipe;
    ///
    /// let (tx, rx) = pipe::pipe()?;
    /// let ready = tx.ready(Interest::WRITABLE).await?;
    /// assert!(ready.is_writable());
    /// assert_eq!(tx.try_write(b"x")?, 1);
    ///
    /// // With the reader gone, the next write fails.
    /// drop(rx);
    /// tx.ready(Interest::WRITABLE).await?;
    /// let err = tx.try_write(b"x").unwrap_err();
    /// assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn ready(&self, interest: Interest) -> io::Result<Ready> {
        let event = self
            .io
            .registration()
            .readiness(interest::mask(interest))
            .await?;
        Ok(interest::to_ready(event.ready))
    }

    /// Waits until the pipe has room for a write (or every reader is gone,
    /// so that a write fails at once).
    ///
    /// Usually followed by [`try_write`](Sender::try_write), which can still
    /// fail with `WouldBlock` after a false positive.
    ///
    /// # Errors
    ///
    /// When the runtime has shut down.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use runtime_net::unix::pipe;
    ///
    /// let (tx, rx) = pipe::pipe()?;
    /// let mut data: &[u8] = b"hello world";
    /// while !data.is_empty() {
    ///     tx.writable().await?;
    ///     match tx.try_write(data) {
    ///         Ok(n) => data = &data[n..],
    ///         Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
    ///         Err(e) => return Err(e),
    ///     }
    /// }
    /// # drop(rx);
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn writable(&self) -> io::Result<()> {
        self.io
            .registration()
            .readiness(Direction::Write.mask())
            .await?;
        Ok(())
    }

    /// Polls for write readiness.
    ///
    /// Returns `Pending` and arranges for `cx`'s waker to be woken when the
    /// pipe becomes writable; only the waker of the most recent call is
    /// kept. `Ready(Ok(()))` can be a false positive, like
    /// [`writable`](Sender::writable). Takes a unit of the task's
    /// cooperative budget.
    ///
    /// # Errors
    ///
    /// When the runtime has shut down.
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use std::future::poll_fn;
    ///
    /// use runtime_net::unix::pipe;
    ///
    /// let (tx, _rx) = pipe::pipe()?;
    /// poll_fn(|cx| tx.poll_write_ready(cx)).await?;
    /// assert_eq!(tx.try_write(b"ok")?, 2);
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn poll_write_ready(&self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.io
            .registration()
            .poll_ready(cx, Direction::Write)
            .map_ok(|_| ())
    }

    /// Writes what fits of `buf` into the pipe without waiting, and returns
    /// how many bytes were written.
    ///
    /// The write is only tried once the driver reported the pipe writable
    /// (see [`writable`](Sender::writable)). Writes of at most `PIPE_BUF`
    /// bytes (4096 on Linux) are atomic: all of `buf` or nothing.
    ///
    /// # Errors
    ///
    /// `WouldBlock` when the pipe is full or not known to be writable yet
    /// (the readiness is then cleared); `BrokenPipe` once every reader is
    /// gone.
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use runtime_net::unix::pipe;
    ///
    /// let (tx, rx) = pipe::pipe()?;
    /// tx.writable().await?;
    /// assert_eq!(tx.try_write(b"hello")?, 5);
    /// # drop(rx);
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn try_write(&self, buf: &[u8]) -> io::Result<usize> {
        self.io
            .registration()
            .try_io(Direction::Write.mask(), || (&*self.io).write(buf))
    }

    /// Writes what fits of `bufs`, in order, into the pipe without waiting,
    /// with one system call; returns how many bytes were written.
    ///
    /// # Errors
    ///
    /// As for [`try_write`](Sender::try_write).
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use std::io::IoSlice;
    ///
    /// use runtime_net::unix::pipe;
    ///
    /// let (tx, rx) = pipe::pipe()?;
    /// tx.writable().await?;
    /// let bufs = [IoSlice::new(b"hello "), IoSlice::new(b"world")];
    /// assert_eq!(tx.try_write_vectored(&bufs)?, 11);
    /// # drop(rx);
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn try_write_vectored(&self, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
        self.io
            .registration()
            .try_io(Direction::Write.mask(), || (&*self.io).write_vectored(bufs))
    }

    /// Runs the non-blocking `f` if the pipe looks writable, clearing the
    /// write readiness when `f` fails with `WouldBlock`: for system calls
    /// this type does not wrap.
    ///
    /// `f` must do its I/O on this sender's descriptor directly (through
    /// [`as_fd`](AsFd::as_fd)), not with this type's own methods, which
    /// manage the readiness themselves.
    ///
    /// # Errors
    ///
    /// `WouldBlock` without calling `f` when the pipe is not known to be
    /// writable; `f`'s result otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use std::io::Write;
    /// use std::os::fd::AsFd;
    ///
    /// use runtime_net::unix::pipe;
    ///
    /// let (tx, _rx) = pipe::pipe()?;
    /// tx.writable().await?;
    /// let n = tx.try_io(|| {
    ///     // A std file over a duplicate of the descriptor.
    ///     let mut file = std::fs::File::from(tx.as_fd().try_clone_to_owned()?);
    ///     file.write(b"raw")
    /// })?;
    /// assert_eq!(n, 3);
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn try_io<R>(&self, f: impl FnOnce() -> io::Result<R>) -> io::Result<R> {
        self.io.registration().try_io(Direction::Write.mask(), f)
    }

    /// Deregisters the sender and returns its descriptor in blocking mode,
    /// for code that writes to it synchronously (a child process's
    /// standard output, say).
    ///
    /// # Errors
    ///
    /// When deregistering or clearing `O_NONBLOCK` fails; the descriptor is
    /// closed then.
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use std::io::Write;
    ///
    /// use runtime_core::io::AsyncReadExt;
    /// use runtime_net::unix::pipe;
    ///
    /// let (tx, mut rx) = pipe::pipe()?;
    /// let mut file = std::fs::File::from(tx.into_blocking_fd()?);
    /// let writer = std::thread::spawn(move || file.write_all(b"from a thread"));
    ///
    /// let mut text = String::new();
    /// rx.read_to_string(&mut text).await?;
    /// assert_eq!(text, "from a thread");
    /// writer.join().unwrap()?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn into_blocking_fd(self) -> io::Result<OwnedFd> {
        let tx = self.io.into_inner()?;
        tx.set_nonblocking(false)?;
        Ok(tx.into())
    }

    /// Deregisters the sender and returns its descriptor, still in
    /// non-blocking mode.
    ///
    /// # Errors
    ///
    /// When deregistering fails; the descriptor is closed then.
    ///
    /// # Examples
    ///
    /// See [`from_owned_fd_unchecked`](Sender::from_owned_fd_unchecked).
    pub fn into_nonblocking_fd(self) -> io::Result<OwnedFd> {
        Ok(self.io.into_inner()?.into())
    }
}

impl AsyncWrite for Sender {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.io.poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.io.poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    /// Writes go straight to the kernel's pipe buffer: nothing to flush.
    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    /// Does nothing, as in tokio: a pipe has no half-close. Drop the sender
    /// to let the reader see end of file.
    fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

impl AsRawFd for Sender {
    fn as_raw_fd(&self) -> RawFd {
        self.io.as_raw_fd()
    }
}

impl AsFd for Sender {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.io.as_fd()
    }
}

impl fmt::Debug for Sender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sender")
            .field("fd", &self.as_raw_fd())
            .finish()
    }
}
