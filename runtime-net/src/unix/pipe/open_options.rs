//! [`OpenOptions`]: how a FIFO (a named pipe) is opened as a pipe end.

use std::fs::File;
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use super::{End, Receiver, Sender};

/// Options for opening a FIFO as a [`Sender`] or a [`Receiver`].
///
/// Start from [`new`](OpenOptions::new) (every option off), set options,
/// then call [`open_receiver`](OpenOptions::open_receiver) or
/// [`open_sender`](OpenOptions::open_sender) with the FIFO's path. The file
/// is always opened non-blocking and close-on-exec.
///
/// Opening a FIFO for writing fails with the `ENXIO` error while nobody has
/// it open for reading (see [`open_sender`](OpenOptions::open_sender));
/// opening it for reading always succeeds at once.
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
/// use runtime_core::io::{AsyncReadExt, AsyncWriteExt};
/// use runtime_net::unix::pipe;
///
/// let path = std::env::temp_dir().join(format!("doc-fifo-{}", std::process::id()));
/// mkfifo(&path)?;
///
/// // The reader first: a sender cannot open a FIFO nobody reads.
/// let mut rx = pipe::OpenOptions::new().open_receiver(&path)?;
/// let mut tx = pipe::OpenOptions::new().open_sender(&path)?;
///
/// tx.write_all(b"named").await?;
/// let mut buf = [0u8; 5];
/// rx.read_exact(&mut buf).await?;
/// assert_eq!(&buf, b"named");
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
#[derive(Clone, Debug, Default)]
pub struct OpenOptions {
    /// Open for reading and writing whichever end is asked for.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    read_write: bool,
    /// Skip the check that the file is a FIFO.
    unchecked: bool,
}

impl OpenOptions {
    /// Creates options with every option off: the file must be a FIFO, and
    /// it is opened only for the access the end needs.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_net::unix::pipe::OpenOptions;
    ///
    /// let mut options = OpenOptions::new();
    /// options.unchecked(false);
    /// ```
    pub fn new() -> OpenOptions {
        OpenOptions::default()
    }

    /// Opens the FIFO for both reading and writing, whichever end is
    /// created (Linux and Android only: POSIX leaves this undefined).
    ///
    /// A [`Sender`] opened this way holds a reading end too, so opening it
    /// never fails with `ENXIO` for want of a reader, and it can write
    /// before anyone reads. The price: bytes still in the pipe when the
    /// last end closes are lost, so make sure a reader has opened the FIFO
    /// before such a sender is dropped.
    ///
    /// A [`Receiver`] opened this way holds a writing end too, so it never
    /// reads end of file: it keeps waiting across writers that come and go.
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
    /// use runtime_core::io::{AsyncReadExt, AsyncWriteExt};
    /// use runtime_net::unix::pipe;
    ///
    /// let path = std::env::temp_dir().join(format!("doc-fifo-rw-{}", std::process::id()));
    /// mkfifo(&path)?;
    ///
    /// // No reader yet: a plain sender cannot open the FIFO...
    /// let err = pipe::OpenOptions::new().open_sender(&path).unwrap_err();
    /// assert_eq!(err.raw_os_error(), Some(libc::ENXIO));
    ///
    /// // ...but a read-write one can, and writes before the reader comes.
    /// let mut tx = pipe::OpenOptions::new().read_write(true).open_sender(&path)?;
    /// tx.write_all(b"early").await?;
    ///
    /// let mut rx = pipe::OpenOptions::new().open_receiver(&path)?;
    /// let mut buf = [0u8; 5];
    /// rx.read_exact(&mut buf).await?;
    /// assert_eq!(&buf, b"early");
    /// # std::fs::remove_file(&path)?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android"))))]
    pub fn read_write(&mut self, value: bool) -> &mut Self {
        self.read_write = value;
        self
    }

    /// Skips the check that the opened file is a FIFO.
    ///
    /// By default [`open_receiver`](OpenOptions::open_receiver) and
    /// [`open_sender`](OpenOptions::open_sender) fail with `InvalidInput`
    /// when the path names anything else. Turn the check off only for a
    /// path known to be a FIFO (one the program made itself, say): the
    /// check costs one `fstat(2)`.
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
    /// use runtime_net::unix::pipe;
    ///
    /// // This program made the FIFO, so it knows what the path names.
    /// let path = std::env::temp_dir().join(format!("doc-fifo-unchecked-{}", std::process::id()));
    /// mkfifo(&path)?;
    /// let rx = pipe::OpenOptions::new().unchecked(true).open_receiver(&path)?;
    /// # drop(rx);
    /// # std::fs::remove_file(&path)?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn unchecked(&mut self, value: bool) -> &mut Self {
        self.unchecked = value;
        self
    }

    /// Opens the FIFO at `path` for reading and registers it with the
    /// current runtime's I/O driver.
    ///
    /// Opening never waits for a writer. Until one has opened the FIFO,
    /// reads wait (or fail with `WouldBlock` in the `try_*` forms); once
    /// every writer closed it, reads return end of file.
    ///
    /// # Errors
    ///
    /// `InvalidInput` when the file is not a FIFO (unless
    /// [`unchecked`](OpenOptions::unchecked)); the error of `open(2)`
    /// otherwise, such as `NotFound`.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    ///
    /// # Examples
    ///
    /// See [`OpenOptions`].
    #[track_caller]
    pub fn open_receiver<P: AsRef<Path>>(&self, path: P) -> io::Result<Receiver> {
        let file = self.open(path.as_ref(), End::Receiver)?;
        Receiver::from_file_unchecked(file)
    }

    /// Opens the FIFO at `path` for writing and registers it with the
    /// current runtime's I/O driver.
    ///
    /// # Errors
    ///
    /// * `NotFound`: nothing exists at `path`.
    /// * `InvalidInput`: the file is not a FIFO (unless
    ///   [`unchecked`](OpenOptions::unchecked)).
    /// * the `ENXIO` error (`raw_os_error() == Some(libc::ENXIO)`): the
    ///   FIFO exists but nobody has it open for reading. Try again later,
    ///   or open with [`read_write`](OpenOptions::read_write) on Linux.
    /// * any other error of `open(2)`.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    ///
    /// # Examples
    ///
    /// See [`OpenOptions`] and [`Sender`].
    #[track_caller]
    pub fn open_sender<P: AsRef<Path>>(&self, path: P) -> io::Result<Sender> {
        let file = self.open(path.as_ref(), End::Sender)?;
        Sender::from_file_unchecked(file)
    }

    /// Opens `path` non-blocking for `end`, checking the file type unless
    /// told not to.
    fn open(&self, path: &Path, end: End) -> io::Result<File> {
        let mut options = std::fs::OpenOptions::new();
        options
            .read(end == End::Receiver)
            .write(end == End::Sender)
            // Non-blocking from the start: a blocking open of a FIFO waits
            // for the other side, and the end must be non-blocking anyway.
            .custom_flags(libc::O_NONBLOCK);
        #[cfg(any(target_os = "linux", target_os = "android"))]
        if self.read_write {
            options.read(true).write(true);
        }
        let file = options.open(path)?;
        if !self.unchecked && !super::is_fifo(&file)? {
            return Err(super::not_a_pipe());
        }
        Ok(file)
    }
}
