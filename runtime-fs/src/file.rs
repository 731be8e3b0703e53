//! [`File`]: an open file whose reads, writes and seeks run on the blocking
//! pool.
//!
//! # Design
//!
//! A `File` shares its `std::fs::File` (behind an `Arc`) with at most one
//! operation at a time running on the blocking pool. Its [`State`] is
//! either `Idle`, holding the [`Buf`], or `Busy`, holding the `JoinHandle`
//! of the operation that took the buffer with it. Every poll method first
//! drives a `Busy` state back to `Idle`, then starts its own operation.
//!
//! * Reads: one blocking `read` of at most `min(caller's space,
//!   max_buf_size)` bytes fills the buffer; the caller is served from it, and
//!   later reads drain it before touching the file again.
//! * Writes: `poll_write` copies at most `max_buf_size` bytes into the
//!   buffer, starts the blocking `write_all` and returns `Ready(Ok(n))` at
//!   once. The write completes in the background; its error, if any,
//!   surfaces from the next write, flush, or seek-completing call. Hence
//!   `flush().await` is needed to know the data reached the file. An
//!   accepted write finishes even if the `File` is dropped, and even if the
//!   runtime shuts down before it starts (it is a mandatory blocking task,
//!   which shutdown runs and waits for instead of cancelling).
//! * Seeks, and writes that follow a read, first move the file cursor back
//!   over the bytes read ahead into the buffer but not consumed, so the
//!   cursor is where the caller believes it is.
//! * An error from a background write noticed by a read or a seek is kept in
//!   `last_write_err` and returned by the next write or flush.
//!
//! The methods taking `&self` (`sync_all`, `set_len`, ...) lock an async
//! mutex around the same state and wait for the in-flight operation first.

use std::fmt;
use std::fs::{Metadata, Permissions};
use std::future::{Future, poll_fn};
use std::io::{self, IoSlice, Seek, SeekFrom};
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use runtime_core::io::{AsyncRead, AsyncSeek, AsyncWrite, ReadBuf};
use runtime_core::loom::sync::Arc;
use runtime_core::sync::Mutex;
use runtime_core::task::{JoinHandle, spawn_blocking, spawn_mandatory_blocking};

use crate::blocking::asyncify;
use crate::buf::Buf;
use crate::{FileTimes, OpenOptions};

/// The default for [`File::set_max_buf_size`]: 2 MiB.
const DEFAULT_MAX_BUF_SIZE: usize = 2 * 1024 * 1024;

/// A reference to an open file on the file system.
///
/// This is the asynchronous counterpart of [`std::fs::File`]: open one with
/// [`File::open`], [`File::create`] or [`OpenOptions`], then read, write and
/// seek it through the [`AsyncRead`], [`AsyncWrite`] and [`AsyncSeek`]
/// traits (usually with the `AsyncReadExt`, `AsyncWriteExt` and
/// `AsyncSeekExt` extension methods). Each operation runs on the runtime's
/// blocking pool, so a `File` must be used inside a runtime.
///
/// A file closes when its `File` is dropped. Writes are buffered and finish
/// in the background: a write returns as soon as its bytes are copied, so
/// an error from the file system can only show up later. Call
/// `flush().await` (or [`sync_all`](File::sync_all)) before dropping a
/// `File` to learn whether every write succeeded; a write still in flight
/// when the `File` is dropped completes, but its error is lost.
///
/// Reading and writing a `File` needs `&mut self`; the methods that only
/// need `&self` wait for the operation in flight before they run.
///
/// # Examples
///
/// Create a file, write to it, and read it back:
///
/// ```
/// use runtime_core::io::{AsyncReadExt, AsyncWriteExt};
/// use runtime_fs::File;
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// # rt.block_on(async {
/// let path = std::env::temp_dir().join("runtime-fs-doc-file.txt");
/// let mut file = File::create(&path).await?;
/// file.write_all(b"hello, world!").await?;
/// file.flush().await?;
///
/// let mut contents = String::new();
/// File::open(&path).await?.read_to_string(&mut contents).await?;
/// assert_eq!(contents, "hello, world!");
/// # runtime_fs::remove_file(&path).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub struct File {
    std: Arc<std::fs::File>,
    inner: Mutex<Inner>,
    /// The largest read or write one blocking operation performs; never 0.
    max_buf_size: usize,
}

/// The mutable state of a [`File`], behind its mutex.
struct Inner {
    state: State,
    /// The kind of a background write's error noticed by a read or a seek,
    /// returned by the next write or flush (which clear it).
    last_write_err: Option<io::ErrorKind>,
    /// The cursor position reported by the last completed seek.
    pos: u64,
}

/// Whether an operation is in flight.
///
/// `Idle(None)` exists only transiently inside a method that has taken the
/// buffer out; every method leaves the state `Idle(Some(_))` or `Busy`.
#[derive(Debug)]
enum State {
    Idle(Option<Buf>),
    Busy(JoinHandle<(Operation, Buf)>),
}

/// What a background operation was, and how it ended.
#[derive(Debug)]
enum Operation {
    Read(io::Result<usize>),
    Write(io::Result<()>),
    Seek(io::Result<u64>),
}

impl File {
    /// Opens a file in read-only mode.
    ///
    /// See [`OpenOptions`] for more ways to open a file.
    ///
    /// # Errors
    ///
    /// Fails if `path` does not exist (`io::ErrorKind::NotFound`), and with
    /// any other error of [`OpenOptions::open`].
    ///
    /// # Panics
    ///
    /// Panics when called outside a runtime.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncReadExt;
    /// use runtime_fs::File;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-open.txt");
    /// runtime_fs::write(&path, b"abc").await?;
    ///
    /// let mut file = File::open(&path).await?;
    /// let mut contents = vec![];
    /// file.read_to_end(&mut contents).await?;
    /// assert_eq!(contents, b"abc");
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn open(path: impl AsRef<Path>) -> io::Result<File> {
        let path = path.as_ref().to_owned();
        let std = asyncify(move || std::fs::File::open(path)).await?;
        Ok(File::from_std(std))
    }

    /// Opens a file in write-only mode, creating it if it does not exist
    /// and truncating it if it does.
    ///
    /// # Errors
    ///
    /// Fails if the parent directory does not exist, if the process may not
    /// write there, and with any other error of [`OpenOptions::open`].
    ///
    /// # Panics
    ///
    /// Panics when called outside a runtime.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncWriteExt;
    /// use runtime_fs::File;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-create.txt");
    /// let mut file = File::create(&path).await?;
    /// file.write_all(b"hello").await?;
    /// file.flush().await?;
    /// assert_eq!(runtime_fs::read(&path).await?, b"hello");
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn create(path: impl AsRef<Path>) -> io::Result<File> {
        let path = path.as_ref().to_owned();
        let std = asyncify(move || std::fs::File::create(path)).await?;
        Ok(File::from_std(std))
    }

    /// Creates a new file in read-write mode; fails if it already exists.
    ///
    /// Checking that the file does not exist and creating it happen in one
    /// atomic step, so two racing callers cannot both succeed. Symbolic links
    /// are not followed: a link at `path`, even a dangling one, is an
    /// existing file.
    ///
    /// # Errors
    ///
    /// `io::ErrorKind::AlreadyExists` if `path` exists, and any other error
    /// of [`OpenOptions::open`].
    ///
    /// # Panics
    ///
    /// Panics when called outside a runtime.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_fs::File;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-create-new.txt");
    /// # let _ = runtime_fs::remove_file(&path).await;
    /// File::create_new(&path).await?;
    /// let err = File::create_new(&path).await.unwrap_err();
    /// assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn create_new<P: AsRef<Path>>(path: P) -> std::io::Result<File> {
        Self::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(path)
            .await
    }

    /// Returns a new [`OpenOptions`], with every option off.
    ///
    /// The same as `OpenOptions::new()`, reachable without importing
    /// `OpenOptions`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncWriteExt;
    /// use runtime_fs::File;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-options.txt");
    /// let mut file = File::options().append(true).create(true).open(&path).await?;
    /// file.write_all(b"line\n").await?;
    /// file.flush().await?;
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[must_use]
    pub fn options() -> OpenOptions {
        OpenOptions::new()
    }

    /// Wraps an open [`std::fs::File`].
    ///
    /// The file keeps its cursor; the new `File` has the default maximum
    /// buffer size (2 MiB).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_fs::File;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-from-std.txt");
    /// let std_file = std::fs::File::create(&path)?;
    /// let file = File::from_std(std_file);
    /// assert_eq!(file.metadata().await?.len(), 0);
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn from_std(std: std::fs::File) -> File {
        File {
            std: Arc::new(std),
            inner: Mutex::new(Inner {
                state: State::Idle(Some(Buf::with_capacity(0))),
                last_write_err: None,
                pos: 0,
            }),
            max_buf_size: DEFAULT_MAX_BUF_SIZE,
        }
    }

    /// Waits for the operation in flight, then flushes the file's data and
    /// metadata to the storage device (`fsync`).
    ///
    /// A write in flight completes first; its error, if any, is not
    /// returned here but kept for the next write or flush.
    ///
    /// # Errors
    ///
    /// Any error of [`std::fs::File::sync_all`].
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncWriteExt;
    /// use runtime_fs::File;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-sync-all.txt");
    /// let mut file = File::create(&path).await?;
    /// file.write_all(b"durable").await?;
    /// file.sync_all().await?;
    /// assert_eq!(runtime_fs::read(&path).await?, b"durable");
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn sync_all(&self) -> io::Result<()> {
        let mut inner = self.inner.lock().await;
        inner.complete_inflight().await;
        let std = self.std.clone();
        asyncify(move || std.sync_all()).await
    }

    /// Like [`sync_all`](File::sync_all), but may skip metadata that is not
    /// needed to read the data back (`fdatasync`).
    ///
    /// # Errors
    ///
    /// Any error of [`std::fs::File::sync_data`].
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncWriteExt;
    /// use runtime_fs::File;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-sync-data.txt");
    /// let mut file = File::create(&path).await?;
    /// file.write_all(b"data").await?;
    /// file.sync_data().await?;
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn sync_data(&self) -> io::Result<()> {
        let mut inner = self.inner.lock().await;
        inner.complete_inflight().await;
        let std = self.std.clone();
        asyncify(move || std.sync_data()).await
    }

    /// Truncates or extends the file to `size` bytes, after the operation in
    /// flight completes.
    ///
    /// Extending fills with zeros. The cursor does not move: a cursor past
    /// the new end stays there, and the next write fills the gap with zeros.
    /// Bytes read ahead into the buffer but not consumed are discarded first,
    /// so the cursor is where the caller's reads left it.
    ///
    /// # Errors
    ///
    /// Fails if the file is not open for writing, and with any other error of
    /// [`std::fs::File::set_len`].
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncWriteExt;
    /// use runtime_fs::File;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-set-len.txt");
    /// let mut file = File::create(&path).await?;
    /// file.write_all(b"hello, world!").await?;
    /// file.set_len(5).await?;
    /// assert_eq!(runtime_fs::read(&path).await?, b"hello");
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn set_len(&self, size: u64) -> io::Result<()> {
        let mut inner = self.inner.lock().await;
        inner.complete_inflight().await;

        let mut buf = inner.take_idle_buf();
        let rewind = (!buf.is_empty()).then(|| SeekFrom::Current(buf.discard_read()));
        let std = self.std.clone();
        inner.state = State::Busy(spawn_blocking(move || {
            let result = match rewind {
                Some(rewind) => (&*std).seek(rewind).and_then(|_| std.set_len(size)),
                None => std.set_len(size),
            };
            // Reported as a seek so that the state machine needs no fourth
            // kind of operation; the position is not used.
            (Operation::Seek(result.map(|()| 0)), buf)
        }));

        match poll_fn(|cx| inner.poll_settle(cx)).await? {
            Some(Operation::Seek(result)) => result.map(|_| ()),
            _ => unreachable!("set_len started a seek operation"),
        }
    }

    /// Queries the file's metadata.
    ///
    /// This does not wait for the operation in flight: the size may not yet
    /// count a write that has been accepted but not completed.
    ///
    /// # Errors
    ///
    /// Any error of [`std::fs::File::metadata`].
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_fs::File;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-file-metadata.txt");
    /// runtime_fs::write(&path, b"12345").await?;
    /// let file = File::open(&path).await?;
    /// let metadata = file.metadata().await?;
    /// assert!(metadata.is_file());
    /// assert_eq!(metadata.len(), 5);
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn metadata(&self) -> io::Result<Metadata> {
        let std = self.std.clone();
        asyncify(move || std.metadata()).await
    }

    /// Creates a new `File` sharing this one's underlying file description
    /// (the same cursor, the same open flags), after the operation in flight
    /// completes.
    ///
    /// The new `File` has this one's maximum buffer size.
    ///
    /// # Errors
    ///
    /// Any error of [`std::fs::File::try_clone`], such as running out of file
    /// descriptors.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_fs::File;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-try-clone.txt");
    /// let file = File::create(&path).await?;
    /// let clone = file.try_clone().await?;
    /// assert_eq!(clone.max_buf_size(), file.max_buf_size());
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn try_clone(&self) -> io::Result<File> {
        self.inner.lock().await.complete_inflight().await;
        let std = self.std.clone();
        let cloned = asyncify(move || std.try_clone()).await?;
        let mut file = File::from_std(cloned);
        file.set_max_buf_size(self.max_buf_size);
        Ok(file)
    }

    /// Waits for the operation in flight, then returns the
    /// [`std::fs::File`] inside.
    ///
    /// An error of the last background write is lost; flush first to see
    /// it. Bytes read ahead into the buffer but not consumed are dropped, so
    /// the std file's cursor may be past what was read through this `File`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Read;
    /// use runtime_core::io::AsyncWriteExt;
    /// use runtime_fs::File;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-into-std.txt");
    /// let mut file = File::create(&path).await?;
    /// file.write_all(b"abc").await?;
    /// let std_file: std::fs::File = file.into_std().await;
    /// assert_eq!(std_file.metadata()?.len(), 3);
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn into_std(mut self) -> std::fs::File {
        self.inner.get_mut().complete_inflight().await;
        // With nothing in flight no blocking closure holds a clone.
        Arc::try_unwrap(self.std).expect("no operation holds the file once it is idle")
    }

    /// Returns the [`std::fs::File`] inside if no operation is in flight,
    /// or gives `self` back.
    ///
    /// # Errors
    ///
    /// Returns the `File` itself while a background operation (such as a
    /// write just accepted) still uses the file.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_fs::File;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-try-into-std.txt");
    /// let file = File::create(&path).await?;
    /// let std_file = file.try_into_std().expect("nothing in flight");
    /// # drop(std_file);
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[allow(clippy::result_large_err)] // gives ownership back, as tokio does
    pub fn try_into_std(mut self) -> Result<std::fs::File, Self> {
        match Arc::try_unwrap(self.std) {
            Ok(std) => Ok(std),
            Err(shared) => {
                self.std = shared;
                Err(self)
            }
        }
    }

    /// Changes the permissions of the file.
    ///
    /// This does not wait for the operation in flight.
    ///
    /// # Errors
    ///
    /// Any error of [`std::fs::File::set_permissions`], such as the process
    /// not owning the file.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_fs::File;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-file-perms.txt");
    /// let file = File::create(&path).await?;
    /// let mut perms = file.metadata().await?.permissions();
    /// perms.set_readonly(true);
    /// file.set_permissions(perms).await?;
    /// assert!(file.metadata().await?.permissions().readonly());
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn set_permissions(&self, perm: Permissions) -> io::Result<()> {
        let std = self.std.clone();
        asyncify(move || std.set_permissions(perm)).await
    }

    /// Changes the timestamps of the file, after the operation in flight
    /// completes (so that a late write cannot overwrite them).
    ///
    /// # Errors
    ///
    /// Any error of [`std::fs::File::set_times`].
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use runtime_fs::{File, FileTimes};
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-set-times.txt");
    /// let file = File::create(&path).await?;
    /// let when = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    /// file.set_times(FileTimes::new().set_modified(when)).await?;
    /// assert_eq!(file.metadata().await?.modified()?, when);
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn set_times(&self, times: FileTimes) -> io::Result<()> {
        self.inner.lock().await.complete_inflight().await;
        let std = self.std.clone();
        let times = times.into_std();
        asyncify(move || std.set_times(times)).await
    }

    /// Changes the modification time of the file; shorthand for
    /// [`set_times`](File::set_times) with only the modification time.
    ///
    /// # Errors
    ///
    /// Any error of [`std::fs::File::set_modified`].
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use runtime_fs::File;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-set-modified.txt");
    /// let file = File::create(&path).await?;
    /// let when = SystemTime::UNIX_EPOCH + Duration::from_secs(2_000_000_000);
    /// file.set_modified(when).await?;
    /// assert_eq!(file.metadata().await?.modified()?, when);
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn set_modified(&self, time: std::time::SystemTime) -> io::Result<()> {
        self.set_times(FileTimes::new().set_modified(time)).await
    }

    /// Sets the largest number of bytes one background read or write moves.
    ///
    /// A read returns at most this many bytes, and a write accepts at most
    /// this many, however large the caller's buffer. It also bounds the
    /// memory the `File` holds. The default is 2 MiB.
    ///
    /// # Panics
    ///
    /// Panics if `max_buf_size` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncWriteExt;
    /// use runtime_fs::File;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-max-buf.txt");
    /// let mut file = File::create(&path).await?;
    /// file.set_max_buf_size(4);
    /// assert_eq!(file.write(b"abcdefgh").await?, 4);
    /// file.flush().await?;
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[track_caller]
    pub fn set_max_buf_size(&mut self, max_buf_size: usize) {
        assert!(max_buf_size > 0, "`max_buf_size` must be greater than 0");
        self.max_buf_size = max_buf_size;
    }

    /// Returns the largest number of bytes one background read or write
    /// moves; see [`set_max_buf_size`](File::set_max_buf_size).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_fs::File;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-get-max-buf.txt");
    /// let file = File::create(&path).await?;
    /// assert_eq!(file.max_buf_size(), 2 * 1024 * 1024);
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[must_use]
    pub fn max_buf_size(&self) -> usize {
        self.max_buf_size
    }
}

impl Inner {
    /// The buffer of an idle file, taken out (the state stays `Idle(None)`
    /// until the caller stores a new state).
    fn take_idle_buf(&mut self) -> Buf {
        match &mut self.state {
            State::Idle(buf) => buf.take().expect("an idle file holds its buffer"),
            State::Busy(_) => unreachable!("the operation in flight was awaited first"),
        }
    }

    /// The buffer of an idle file, in place.
    fn idle_buf(&mut self) -> &mut Buf {
        match &mut self.state {
            State::Idle(Some(buf)) => buf,
            _ => unreachable!("an idle file holds its buffer"),
        }
    }

    /// Waits for the operation in flight, if any, and makes the state
    /// `Idle` again with the buffer it returns. `None` means nothing was in
    /// flight.
    ///
    /// A closure that did not complete (a panic, or a runtime shutting
    /// down) is an error, and the file goes on with a fresh buffer.
    fn poll_settle(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<Option<Operation>>> {
        let State::Busy(join) = &mut self.state else {
            return Poll::Ready(Ok(None));
        };
        let result = ready!(Pin::new(join).poll(cx));
        match result {
            Ok((op, buf)) => {
                self.state = State::Idle(Some(buf));
                Poll::Ready(Ok(Some(op)))
            }
            Err(e) => {
                self.state = State::Idle(Some(Buf::with_capacity(0)));
                Poll::Ready(Err(e.into()))
            }
        }
    }

    /// Waits for the operation in flight; a write's error (or a kept one)
    /// is returned and cleared.
    fn poll_flush(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if let Some(kind) = self.last_write_err.take() {
            return Poll::Ready(Err(kind.into()));
        }
        match ready!(self.poll_settle(cx))? {
            Some(Operation::Write(result)) => Poll::Ready(result),
            _ => Poll::Ready(Ok(())),
        }
    }

    /// Waits for the operation in flight, keeping a write's error for the
    /// next write or flush.
    async fn complete_inflight(&mut self) {
        poll_fn(|cx| {
            if let Err(e) = ready!(self.poll_flush(cx)) {
                self.last_write_err = Some(e.kind());
            }
            Poll::Ready(())
        })
        .await;
    }

    /// Starts a background write of what `fill` puts into the buffer;
    /// returns how many bytes it took.
    ///
    /// The write is a mandatory blocking task: once accepted it runs even if
    /// the runtime shuts down first. A runtime already shut down refuses it.
    fn start_write(
        &mut self,
        std: &Arc<std::fs::File>,
        fill: impl FnOnce(&mut Buf) -> usize,
    ) -> io::Result<usize> {
        let mut buf = self.take_idle_buf();
        // Bytes read ahead but not consumed: the write goes where the
        // caller's cursor is, before them.
        let rewind = (!buf.is_empty()).then(|| SeekFrom::Current(buf.discard_read()));
        let n = fill(&mut buf);
        let std = std.clone();
        let join = spawn_mandatory_blocking(move || {
            let result = match rewind {
                Some(rewind) => (&*std).seek(rewind).and_then(|_| buf.write_to(&mut &*std)),
                None => buf.write_to(&mut &*std),
            };
            (Operation::Write(result), buf)
        });
        match join {
            Some(join) => {
                self.state = State::Busy(join);
                Ok(n)
            }
            None => {
                // The buffer went with the refused closure.
                self.state = State::Idle(Some(Buf::with_capacity(0)));
                Err(io::Error::other("background task failed"))
            }
        }
    }

    /// The body of `poll_write` and `poll_write_vectored`.
    fn poll_write(
        &mut self,
        cx: &mut Context<'_>,
        std: &Arc<std::fs::File>,
        fill: impl FnOnce(&mut Buf) -> usize,
    ) -> Poll<io::Result<usize>> {
        if let Some(kind) = self.last_write_err.take() {
            return Poll::Ready(Err(kind.into()));
        }
        loop {
            match ready!(self.poll_settle(cx))? {
                None => return Poll::Ready(self.start_write(std, fill)),
                // The previous write's error belongs to this call.
                Some(Operation::Write(result)) => result?,
                // A read's bytes stay in the buffer and are rewound over by
                // the write; a seek's position is not needed.
                Some(Operation::Read(_) | Operation::Seek(_)) => {}
            }
        }
    }
}

impl AsyncRead for File {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        dst: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let me = self.get_mut();
        let inner = me.inner.get_mut();
        loop {
            match ready!(inner.poll_settle(cx))? {
                None => {
                    let buf = inner.idle_buf();
                    if !buf.is_empty() || dst.remaining() == 0 {
                        buf.copy_to(dst);
                        return Poll::Ready(Ok(()));
                    }
                    let mut buf = inner.take_idle_buf();
                    let max = dst.remaining().min(me.max_buf_size);
                    let std = me.std.clone();
                    inner.state = State::Busy(spawn_blocking(move || {
                        let result = buf.read_from(&mut &*std, max);
                        (Operation::Read(result), buf)
                    }));
                }
                Some(Operation::Read(Ok(_))) => {
                    inner.idle_buf().copy_to(dst);
                    return Poll::Ready(Ok(()));
                }
                Some(Operation::Read(Err(e))) => return Poll::Ready(Err(e)),
                Some(Operation::Write(Ok(()))) => {}
                Some(Operation::Write(Err(e))) => inner.last_write_err = Some(e.kind()),
                Some(Operation::Seek(result)) => {
                    if let Ok(pos) = result {
                        inner.pos = pos;
                    }
                }
            }
        }
    }
}

impl AsyncSeek for File {
    fn start_seek(self: Pin<&mut Self>, mut position: SeekFrom) -> io::Result<()> {
        let me = self.get_mut();
        let inner = me.inner.get_mut();
        if let State::Busy(_) = inner.state {
            return Err(io::Error::other(
                "other file operation is pending, call poll_complete before start_seek",
            ));
        }
        let mut buf = inner.take_idle_buf();
        // Bytes read ahead but not consumed: a relative seek counts from the
        // caller's cursor, which is that many bytes before the file's.
        let mut rewind = None;
        if !buf.is_empty() {
            let back = buf.discard_read();
            if let SeekFrom::Current(offset) = &mut position {
                match offset.checked_add(back) {
                    Some(sum) => *offset = sum,
                    None => rewind = Some(SeekFrom::Current(back)),
                }
            }
        }
        let std = me.std.clone();
        inner.state = State::Busy(spawn_blocking(move || {
            let result = match rewind {
                Some(rewind) => (&*std).seek(rewind).and_then(|_| (&*std).seek(position)),
                None => (&*std).seek(position),
            };
            (Operation::Seek(result), buf)
        }));
        Ok(())
    }

    fn poll_complete(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<u64>> {
        let inner = self.get_mut().inner.get_mut();
        loop {
            match ready!(inner.poll_settle(cx))? {
                None => return Poll::Ready(Ok(inner.pos)),
                Some(Operation::Seek(result)) => {
                    if let Ok(pos) = result {
                        inner.pos = pos;
                    }
                    return Poll::Ready(result);
                }
                Some(Operation::Write(Err(e))) => inner.last_write_err = Some(e.kind()),
                Some(Operation::Write(Ok(())) | Operation::Read(_)) => {}
            }
        }
    }
}

impl AsyncWrite for File {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        src: &[u8],
    ) -> Poll<io::Result<usize>> {
        let me = self.get_mut();
        let max = me.max_buf_size;
        me.inner
            .get_mut()
            .poll_write(cx, &me.std, |buf| buf.copy_from(src, max))
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let me = self.get_mut();
        let max = me.max_buf_size;
        me.inner
            .get_mut()
            .poll_write(cx, &me.std, |buf| buf.copy_from_bufs(bufs, max))
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.get_mut().inner.get_mut().poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.poll_flush(cx)
    }
}

impl From<std::fs::File> for File {
    fn from(std: std::fs::File) -> File {
        File::from_std(std)
    }
}

impl fmt::Debug for File {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Named by its facade path, as tokio names it by `tokio::fs::File`.
        f.debug_struct("runtime::fs::File")
            .field("std", &self.std)
            .finish()
    }
}

#[cfg(unix)]
mod unix {
    use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};

    use super::File;

    impl From<OwnedFd> for File {
        fn from(fd: OwnedFd) -> File {
            File::from_std(std::fs::File::from(fd))
        }
    }

    impl AsRawFd for File {
        fn as_raw_fd(&self) -> RawFd {
            self.std.as_raw_fd()
        }
    }

    impl AsFd for File {
        fn as_fd(&self) -> BorrowedFd<'_> {
            self.std.as_fd()
        }
    }

    impl FromRawFd for File {
        /// Wraps an open file descriptor.
        ///
        /// # Safety
        ///
        /// `fd` must be an open file descriptor that nothing else owns (the
        /// `File` closes it), as for [`std::fs::File::from_raw_fd`].
        unsafe fn from_raw_fd(fd: RawFd) -> File {
            // SAFETY: the caller hands over an open descriptor it owns, the
            // contract of this function and of std's.
            File::from_std(unsafe { std::fs::File::from_raw_fd(fd) })
        }
    }
}
