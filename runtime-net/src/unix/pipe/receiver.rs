//! [`Receiver`]: the reading end of a pipe.

use std::fmt;
use std::fs::File;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::pin::Pin;
use std::task::{Context, Poll};

use runtime_core::io::{AsyncRead, Interest, ReadBuf, Ready};

use super::End;
use crate::driver::interest;
use crate::driver::poll_evented::PollEvented;
use crate::driver::scheduled_io::Direction;
use crate::sys;

/// The reading end of a Unix pipe.
///
/// Make one with [`pipe()`](super::pipe()), open a FIFO with
/// [`OpenOptions::open_receiver`](super::OpenOptions::open_receiver), or
/// adopt a descriptor with [`from_file`](Receiver::from_file) /
/// [`from_owned_fd`](Receiver::from_owned_fd). Read with [`AsyncRead`]
/// (the `AsyncReadExt` methods), or with [`readable`](Receiver::readable)
/// and [`try_read`](Receiver::try_read).
///
/// Once every writing end is closed and the buffered bytes are read, reads
/// return `Ok(0)`: end of file (`read_exact` turns it into
/// `UnexpectedEof`). A FIFO can then be opened for writing again; the same
/// receiver reads the new writer's bytes once they are there, but it no
/// longer sleeps until they come (see the [module docs](super#closing)).
/// To wait for the next writer, open a new receiver; or, on Linux, open it
/// with [`read_write`](super::OpenOptions::read_write): such a receiver
/// never reads end of file and waits across writers.
///
/// # Examples
///
/// Reading messages from writers that come and go, with a fresh receiver
/// after each end of file:
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
/// let path = std::env::temp_dir().join(format!("doc-fifo-receiver-{}", std::process::id()));
/// mkfifo(&path)?;
/// for msg in [b"one", b"two"] {
///     let mut rx = pipe::OpenOptions::new().open_receiver(&path)?;
///
///     // A writer opens the FIFO, writes one message and leaves.
///     let mut tx = pipe::OpenOptions::new().open_sender(&path)?;
///     tx.write_all(msg).await?;
///     drop(tx);
///
///     let mut buf = [0u8; 3];
///     rx.read_exact(&mut buf).await?;
///     assert_eq!(&buf, msg);
///     // The writer is gone: end of file.
///     assert_eq!(rx.read(&mut buf).await?, 0);
/// }
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub struct Receiver {
    /// Registered for reading only; the descriptor is non-blocking (see the
    /// [module docs](super)).
    io: PollEvented<mio::unix::pipe::Receiver>,
}

impl Receiver {
    /// Registers a non-blocking mio pipe end for reading.
    #[track_caller]
    pub(super) fn from_mio(rx: mio::unix::pipe::Receiver) -> io::Result<Receiver> {
        Ok(Receiver {
            io: PollEvented::new_with_interest(rx, mio::Interest::READABLE)?,
        })
    }

    /// Adopts `file`, which must be a pipe or FIFO open for reading; it is
    /// put in non-blocking mode and registered with the current runtime's
    /// I/O driver.
    ///
    /// # Errors
    ///
    /// `InvalidInput` when the file is not a pipe or FIFO, or was opened
    /// without read access (write-only); any error of the system calls
    /// otherwise. The file is closed on error.
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
    /// use std::os::unix::fs::OpenOptionsExt;
    ///
    /// use runtime_net::unix::pipe;
    ///
    /// let path = std::env::temp_dir().join(format!("doc-fifo-rx-file-{}", std::process::id()));
    /// mkfifo(&path)?;
    /// // O_NONBLOCK lets the open return before a writer comes.
    /// let file = std::fs::OpenOptions::new()
    ///     .read(true)
    ///     .custom_flags(libc::O_NONBLOCK)
    ///     .open(&path)?;
    /// let rx = pipe::Receiver::from_file(file)?;
    /// # drop(rx);
    /// # std::fs::remove_file(&path)?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[track_caller]
    pub fn from_file(file: File) -> io::Result<Receiver> {
        Receiver::from_owned_fd(file.into())
    }

    /// Adopts `owned_fd`, which must be a pipe or FIFO open for reading; it
    /// is put in non-blocking mode and registered with the current
    /// runtime's I/O driver.
    ///
    /// # Errors
    ///
    /// As for [`from_file`](Receiver::from_file).
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
    /// let (tx, rx) = pipe::pipe()?;
    /// // The writing end is not open for reading.
    /// let err = pipe::Receiver::from_owned_fd(tx.into_nonblocking_fd()?).unwrap_err();
    /// assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    ///
    /// let rx = pipe::Receiver::from_owned_fd(rx.into_blocking_fd()?)?;
    /// # drop(rx);
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[track_caller]
    pub fn from_owned_fd(owned_fd: OwnedFd) -> io::Result<Receiver> {
        let fd = super::check_end(owned_fd, End::Receiver)?;
        let rx = mio::unix::pipe::Receiver::from(fd);
        rx.set_nonblocking(true)?;
        Receiver::from_mio(rx)
    }

    /// Adopts `file` without any check, and registers it with the current
    /// runtime's I/O driver.
    ///
    /// The caller promises that the file is a pipe or FIFO, open for
    /// reading and in non-blocking mode. Nothing unsafe happens if it is
    /// not, but the receiver misbehaves: a blocking descriptor stalls the
    /// runtime thread that reads from it, a wrong access mode makes every
    /// read fail.
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
    /// let path = std::env::temp_dir().join(format!("doc-fifo-rx-unchecked-{}", std::process::id()));
    /// mkfifo(&path)?;
    /// let file = std::fs::OpenOptions::new()
    ///     .read(true)
    ///     .custom_flags(libc::O_NONBLOCK)
    ///     .open(&path)?;
    /// if file.metadata()?.file_type().is_fifo() {
    ///     let rx = pipe::Receiver::from_file_unchecked(file)?;
    ///     # drop(rx);
    /// }
    /// # std::fs::remove_file(&path)?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[track_caller]
    pub fn from_file_unchecked(file: File) -> io::Result<Receiver> {
        Receiver::from_owned_fd_unchecked(file.into())
    }

    /// Adopts `owned_fd` without any check, and registers it with the
    /// current runtime's I/O driver.
    ///
    /// The caller promises what [`from_file_unchecked`] needs: a pipe or
    /// FIFO, open for reading, in non-blocking mode.
    ///
    /// # Errors
    ///
    /// The driver's registration error.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    ///
    /// [`from_file_unchecked`]: Receiver::from_file_unchecked
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
    /// let (_tx, rx) = pipe::pipe()?;
    /// let fd = rx.into_nonblocking_fd()?;
    /// let rx = pipe::Receiver::from_owned_fd_unchecked(fd)?;
    /// # drop(rx);
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[track_caller]
    pub fn from_owned_fd_unchecked(owned_fd: OwnedFd) -> io::Result<Receiver> {
        Receiver::from_mio(mio::unix::pipe::Receiver::from(owned_fd))
    }

    /// Waits for any readiness in `interest` and returns what is set.
    ///
    /// For a receiver the useful states are [`Ready::READABLE`] and
    /// [`Ready::READ_CLOSED`] (every writer is gone). The result can be a
    /// false positive (the next `try_read` says `WouldBlock`), and it can be
    /// empty: check it, and wait again if it holds nothing you asked for.
    ///
    /// # Errors
    ///
    /// When the runtime has shut down.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe. Readiness, once seen, stays until an operation finds
    /// the pipe empty (`WouldBlock`).
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
    /// drop(tx);
    /// let ready = rx.ready(Interest::READABLE).await?;
    /// assert!(ready.is_read_closed());
    /// assert_eq!(rx.try_read(&mut [0u8; 8])?, 0);
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

    /// Waits until the pipe holds bytes to read (or every writer is gone,
    /// so that a read returns end of file at once).
    ///
    /// Usually followed by [`try_read`](Receiver::try_read), which can still
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
    /// use runtime_core::io::AsyncWriteExt;
    /// use runtime_net::unix::pipe;
    ///
    /// let (mut tx, rx) = pipe::pipe()?;
    /// tx.write_all(b"hi").await?;
    /// drop(tx);
    ///
    /// let mut received = Vec::new();
    /// loop {
    ///     rx.readable().await?;
    ///     let mut buf = [0u8; 16];
    ///     match rx.try_read(&mut buf) {
    ///         Ok(0) => break, // end of file
    ///         Ok(n) => received.extend_from_slice(&buf[..n]),
    ///         Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
    ///         Err(e) => return Err(e),
    ///     }
    /// }
    /// assert_eq!(received, b"hi");
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn readable(&self) -> io::Result<()> {
        self.io
            .registration()
            .readiness(Direction::Read.mask())
            .await?;
        Ok(())
    }

    /// Polls for read readiness.
    ///
    /// Returns `Pending` and arranges for `cx`'s waker to be woken when the
    /// pipe becomes readable; only the waker of the most recent call is
    /// kept. `Ready(Ok(()))` can be a false positive, like
    /// [`readable`](Receiver::readable). Takes a unit of the task's
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
    /// let (tx, rx) = pipe::pipe()?;
    /// tx.writable().await?;
    /// tx.try_write(b"x")?;
    /// poll_fn(|cx| rx.poll_read_ready(cx)).await?;
    /// assert_eq!(rx.try_read(&mut [0u8; 4])?, 1);
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn poll_read_ready(&self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.io
            .registration()
            .poll_ready(cx, Direction::Read)
            .map_ok(|_| ())
    }

    /// Reads what the pipe holds into `buf` without waiting, and returns
    /// how many bytes were read.
    ///
    /// The read is only tried once the driver reported the pipe readable
    /// (see [`readable`](Receiver::readable)). `Ok(0)` means end of file:
    /// every writer is gone (or `buf` is empty).
    ///
    /// # Errors
    ///
    /// `WouldBlock` when the pipe is empty or not known to be readable yet
    /// (the readiness is then cleared).
    ///
    /// # Examples
    ///
    /// See [`readable`](Receiver::readable).
    pub fn try_read(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.io.try_read_slice(buf)
    }

    /// Reads what the pipe holds into `bufs`, filling them in order,
    /// without waiting and with one system call; returns how many bytes
    /// were read.
    ///
    /// # Errors
    ///
    /// As for [`try_read`](Receiver::try_read).
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use std::io::IoSliceMut;
    ///
    /// use runtime_net::unix::pipe;
    ///
    /// let (tx, rx) = pipe::pipe()?;
    /// tx.writable().await?;
    /// tx.try_write(b"hello world")?;
    ///
    /// rx.readable().await?;
    /// let (mut a, mut b) = ([0u8; 6], [0u8; 5]);
    /// let n = rx.try_read_vectored(&mut [IoSliceMut::new(&mut a), IoSliceMut::new(&mut b)])?;
    /// assert_eq!((n, &a, &b), (11, b"hello ", b"world"));
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn try_read_vectored(&self, bufs: &mut [io::IoSliceMut<'_>]) -> io::Result<usize> {
        self.io.try_read_vectored(bufs)
    }

    /// Reads what the pipe holds into the spare capacity of `buf`, without
    /// waiting, advances `buf` and returns how many bytes were read.
    ///
    /// The bytes go straight into `buf`'s uninitialised capacity; nothing
    /// is zeroed first. `Ok(0)` means end of file (or no spare capacity).
    ///
    /// # Errors
    ///
    /// As for [`try_read`](Receiver::try_read).
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
    /// tx.try_write(b"into a vec")?;
    ///
    /// rx.readable().await?;
    /// let mut buf = Vec::with_capacity(64);
    /// let n = rx.try_read_buf(&mut buf)?;
    /// assert_eq!((n, &buf[..]), (10, &b"into a vec"[..]));
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn try_read_buf<B: bytes::BufMut>(&self, buf: &mut B) -> io::Result<usize> {
        self.io.registration().try_io(Direction::Read.mask(), || {
            sys::read_buf_mut(self.io.as_fd(), buf)
        })
    }

    /// Runs the non-blocking `f` if the pipe looks readable, clearing the
    /// read readiness when `f` fails with `WouldBlock`: for system calls
    /// this type does not wrap.
    ///
    /// `f` must do its I/O on this receiver's descriptor directly (through
    /// [`as_fd`](AsFd::as_fd)), not with this type's own methods, which
    /// manage the readiness themselves.
    ///
    /// # Errors
    ///
    /// `WouldBlock` without calling `f` when the pipe is not known to be
    /// readable; `f`'s result otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use std::io::Read;
    /// use std::os::fd::AsFd;
    ///
    /// use runtime_net::unix::pipe;
    ///
    /// let (tx, rx) = pipe::pipe()?;
    /// tx.writable().await?;
    /// tx.try_write(b"raw")?;
    ///
    /// rx.readable().await?;
    /// let mut buf = [0u8; 8];
    /// let n = rx.try_io(|| {
    ///     // A std file over a duplicate of the descriptor.
    ///     let mut file = std::fs::File::from(rx.as_fd().try_clone_to_owned()?);
    ///     file.read(&mut buf)
    /// })?;
    /// assert_eq!(&buf[..n], b"raw");
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn try_io<R>(&self, f: impl FnOnce() -> io::Result<R>) -> io::Result<R> {
        self.io.registration().try_io(Direction::Read.mask(), f)
    }

    /// Deregisters the receiver and returns its descriptor in blocking
    /// mode, for code that reads from it synchronously (a child process's
    /// standard input, say).
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
    /// use std::io::Read;
    ///
    /// use runtime_core::io::AsyncWriteExt;
    /// use runtime_net::unix::pipe;
    ///
    /// let (mut tx, rx) = pipe::pipe()?;
    /// let mut file = std::fs::File::from(rx.into_blocking_fd()?);
    /// let reader = std::thread::spawn(move || {
    ///     let mut text = String::new();
    ///     file.read_to_string(&mut text).map(|_| text)
    /// });
    ///
    /// tx.write_all(b"to a thread").await?;
    /// drop(tx);
    /// assert_eq!(reader.join().unwrap()?, "to a thread");
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn into_blocking_fd(self) -> io::Result<OwnedFd> {
        let rx = self.io.into_inner()?;
        rx.set_nonblocking(false)?;
        Ok(rx.into())
    }

    /// Deregisters the receiver and returns its descriptor, still in
    /// non-blocking mode.
    ///
    /// # Errors
    ///
    /// When deregistering fails; the descriptor is closed then.
    ///
    /// # Examples
    ///
    /// See [`from_owned_fd_unchecked`](Receiver::from_owned_fd_unchecked).
    pub fn into_nonblocking_fd(self) -> io::Result<OwnedFd> {
        Ok(self.io.into_inner()?.into())
    }
}

impl AsyncRead for Receiver {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.io.poll_read_with(cx, buf, sys::read_read_buf)
    }
}

impl AsRawFd for Receiver {
    fn as_raw_fd(&self) -> RawFd {
        self.io.as_raw_fd()
    }
}

impl AsFd for Receiver {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.io.as_fd()
    }
}

impl fmt::Debug for Receiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver")
            .field("fd", &self.as_raw_fd())
            .finish()
    }
}
