//! The parent's ends of a child's standard streams: [`ChildStdin`],
//! [`ChildStdout`] and [`ChildStderr`].
//!
//! Each is a pipe end taken from the `std::process::Child`, switched to
//! non-blocking mode and registered with the current runtime's I/O driver:
//! runtime-net's [`pipe::Sender`](runtime_net::unix::pipe::Sender) for stdin,
//! [`pipe::Receiver`](runtime_net::unix::pipe::Receiver) for stdout and
//! stderr. Converting one back ([`into_owned_fd`](ChildStdin::into_owned_fd),
//! `try_into::<Stdio>()`) deregisters it and makes it blocking again, ready
//! for a synchronous reader or for another child.

use std::fmt;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::pin::Pin;
use std::process::Stdio;
use std::task::{Context, Poll};

use runtime_core::io::{AsyncRead, AsyncWrite, ReadBuf};
use runtime_net::unix::pipe::{Receiver, Sender};

/// The parent's end of a child's standard input, from
/// [`Child::stdin`](crate::Child::stdin) when the command asked for
/// [`Stdio::piped`]. Writes never block the runtime; dropping it closes the
/// pipe, so the child reads end-of-file.
///
/// # Examples
///
/// ```
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// use std::process::Stdio;
///
/// use runtime_core::io::AsyncWriteExt;
/// use runtime_process::Command;
///
/// let mut child = Command::new("cat")
///     .stdin(Stdio::piped())
///     .stdout(Stdio::piped())
///     .spawn()?;
/// let mut stdin = child.stdin.take().unwrap();
/// stdin.write_all(b"hello").await?;
/// drop(stdin); // end-of-file for `cat`
///
/// let output = child.wait_with_output().await?;
/// assert_eq!(output.stdout, b"hello");
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub struct ChildStdin {
    inner: Sender,
}

/// The parent's end of a child's standard output, from
/// [`Child::stdout`](crate::Child::stdout) when the command asked for
/// [`Stdio::piped`]. Reads never block the runtime; a read of zero bytes
/// means the child (and every process it shared the pipe with) closed it.
///
/// # Examples
///
/// ```
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// use std::process::Stdio;
///
/// use runtime_core::io::AsyncReadExt;
/// use runtime_process::Command;
///
/// let mut child = Command::new("echo").arg("hi").stdout(Stdio::piped()).spawn()?;
/// let mut text = String::new();
/// child.stdout.take().unwrap().read_to_string(&mut text).await?;
/// assert_eq!(text, "hi\n");
/// assert!(child.wait().await?.success());
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub struct ChildStdout {
    inner: Receiver,
}

/// The parent's end of a child's standard error, from
/// [`Child::stderr`](crate::Child::stderr) when the command asked for
/// [`Stdio::piped`]. It reads like [`ChildStdout`].
///
/// # Examples
///
/// ```
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// use std::process::Stdio;
///
/// use runtime_core::io::AsyncReadExt;
/// use runtime_process::Command;
///
/// let mut child = Command::new("sh")
///     .args(["-c", "echo oops >&2"])
///     .stderr(Stdio::piped())
///     .spawn()?;
/// let mut text = String::new();
/// child.stderr.take().unwrap().read_to_string(&mut text).await?;
/// assert_eq!(text, "oops\n");
/// # child.wait().await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub struct ChildStderr {
    inner: Receiver,
}

impl ChildStdin {
    /// Adopts the stdin pipe of a child spawned by `std::process`: it is
    /// made non-blocking and registered with the current runtime's I/O
    /// driver.
    ///
    /// # Errors
    ///
    /// When the descriptor cannot be switched to non-blocking mode or
    /// registered.
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
    /// use std::process::Stdio;
    ///
    /// use runtime_core::io::AsyncWriteExt;
    /// use runtime_process::ChildStdin;
    ///
    /// let mut child = std::process::Command::new("cat")
    ///     .stdin(Stdio::piped())
    ///     .stdout(Stdio::null())
    ///     .spawn()?;
    /// let mut stdin = ChildStdin::from_std(child.stdin.take().unwrap())?;
    /// stdin.write_all(b"data").await?;
    /// drop(stdin);
    /// assert!(child.wait()?.success());
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[track_caller]
    pub fn from_std(inner: std::process::ChildStdin) -> io::Result<ChildStdin> {
        Ok(ChildStdin {
            inner: Sender::from_owned_fd(OwnedFd::from(inner))?,
        })
    }

    /// Deregisters the pipe and returns its descriptor, in blocking mode
    /// again.
    ///
    /// # Errors
    ///
    /// When deregistering or switching the mode fails; the descriptor is
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
    /// use std::process::Stdio;
    ///
    /// use runtime_process::Command;
    ///
    /// let mut child = Command::new("cat")
    ///     .stdin(Stdio::piped())
    ///     .stdout(Stdio::piped())
    ///     .spawn()?;
    /// let fd = child.stdin.take().unwrap().into_owned_fd()?;
    /// std::fs::File::from(fd).write_all(b"sync write")?;
    /// let output = child.wait_with_output().await?;
    /// assert_eq!(output.stdout, b"sync write");
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn into_owned_fd(self) -> io::Result<OwnedFd> {
        self.inner.into_blocking_fd()
    }
}

impl ChildStdout {
    /// Adopts the stdout pipe of a child spawned by `std::process`: it is
    /// made non-blocking and registered with the current runtime's I/O
    /// driver.
    ///
    /// # Errors
    ///
    /// When the descriptor cannot be switched to non-blocking mode or
    /// registered.
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
    /// use std::process::Stdio;
    ///
    /// use runtime_core::io::AsyncReadExt;
    /// use runtime_process::ChildStdout;
    ///
    /// let mut child = std::process::Command::new("echo")
    ///     .arg("from std")
    ///     .stdout(Stdio::piped())
    ///     .spawn()?;
    /// let mut stdout = ChildStdout::from_std(child.stdout.take().unwrap())?;
    /// let mut text = String::new();
    /// stdout.read_to_string(&mut text).await?;
    /// assert_eq!(text, "from std\n");
    /// assert!(child.wait()?.success());
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[track_caller]
    pub fn from_std(inner: std::process::ChildStdout) -> io::Result<ChildStdout> {
        Ok(ChildStdout {
            inner: Receiver::from_owned_fd(OwnedFd::from(inner))?,
        })
    }

    /// Deregisters the pipe and returns its descriptor, in blocking mode
    /// again.
    ///
    /// # Errors
    ///
    /// When deregistering or switching the mode fails; the descriptor is
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
    /// use std::process::Stdio;
    ///
    /// use runtime_process::Command;
    ///
    /// let mut child = Command::new("echo").arg("x").stdout(Stdio::piped()).spawn()?;
    /// let fd = child.stdout.take().unwrap().into_owned_fd()?;
    /// let mut text = String::new();
    /// std::fs::File::from(fd).read_to_string(&mut text)?;
    /// assert_eq!(text, "x\n");
    /// # child.wait().await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn into_owned_fd(self) -> io::Result<OwnedFd> {
        self.inner.into_blocking_fd()
    }
}

impl ChildStderr {
    /// Adopts the stderr pipe of a child spawned by `std::process`: it is
    /// made non-blocking and registered with the current runtime's I/O
    /// driver.
    ///
    /// # Errors
    ///
    /// When the descriptor cannot be switched to non-blocking mode or
    /// registered.
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
    /// use std::process::Stdio;
    ///
    /// use runtime_core::io::AsyncReadExt;
    /// use runtime_process::ChildStderr;
    ///
    /// let mut child = std::process::Command::new("sh")
    ///     .args(["-c", "echo err >&2"])
    ///     .stderr(Stdio::piped())
    ///     .spawn()?;
    /// let mut stderr = ChildStderr::from_std(child.stderr.take().unwrap())?;
    /// let mut text = String::new();
    /// stderr.read_to_string(&mut text).await?;
    /// assert_eq!(text, "err\n");
    /// # child.wait()?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[track_caller]
    pub fn from_std(inner: std::process::ChildStderr) -> io::Result<ChildStderr> {
        Ok(ChildStderr {
            inner: Receiver::from_owned_fd(OwnedFd::from(inner))?,
        })
    }

    /// Deregisters the pipe and returns its descriptor, in blocking mode
    /// again.
    ///
    /// # Errors
    ///
    /// When deregistering or switching the mode fails; the descriptor is
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
    /// use std::process::Stdio;
    ///
    /// use runtime_process::Command;
    ///
    /// let mut child = Command::new("sh")
    ///     .args(["-c", "echo e >&2"])
    ///     .stderr(Stdio::piped())
    ///     .spawn()?;
    /// let fd = child.stderr.take().unwrap().into_owned_fd()?;
    /// let mut text = String::new();
    /// std::fs::File::from(fd).read_to_string(&mut text)?;
    /// assert_eq!(text, "e\n");
    /// # child.wait().await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn into_owned_fd(self) -> io::Result<OwnedFd> {
        self.inner.into_blocking_fd()
    }
}

impl AsyncWrite for ChildStdin {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

impl AsyncRead for ChildStdout {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncRead for ChildStderr {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

/// The three types share their descriptor plumbing and conversions.
macro_rules! fd_traits {
    ($ty:ident, $name:literal) => {
        impl AsRawFd for $ty {
            fn as_raw_fd(&self) -> RawFd {
                self.inner.as_raw_fd()
            }
        }

        impl AsFd for $ty {
            fn as_fd(&self) -> BorrowedFd<'_> {
                self.inner.as_fd()
            }
        }

        /// Deregisters the pipe and makes it blocking again, to hand it to
        /// another process as one of its standard streams.
        impl TryInto<Stdio> for $ty {
            type Error = io::Error;

            fn try_into(self) -> io::Result<Stdio> {
                self.into_owned_fd().map(Stdio::from)
            }
        }

        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct($name)
                    .field("fd", &self.as_raw_fd())
                    .finish()
            }
        }
    };
}

fd_traits!(ChildStdin, "ChildStdin");
fd_traits!(ChildStdout, "ChildStdout");
fd_traits!(ChildStderr, "ChildStderr");
