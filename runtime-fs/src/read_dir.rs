//! [`read_dir`], [`ReadDir`] and [`DirEntry`]: listing a directory.
//!
//! # Design
//!
//! Each `readdir` call can block, so entries are fetched on the blocking
//! pool in batches of [`BATCH`]: the std iterator travels to the pool
//! thread with a queue, comes back with up to `BATCH` results, and
//! [`ReadDir::poll_next_entry`] hands them out one by one before fetching
//! the next batch. A batch ends early after an error, so that the error is
//! returned in its place in the listing. `read_dir` fetches the first batch
//! together with opening the directory.
//!
//! Each [`DirEntry`] remembers the file type the directory listing gave (on
//! the platforms that report one), so [`DirEntry::file_type`] usually needs
//! no system call.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::fs::{FileType, Metadata};
use std::future::{Future, poll_fn};
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use runtime_core::loom::sync::Arc;
use runtime_core::task::{JoinHandle, spawn_blocking};

use crate::blocking::asyncify;

/// How many entries one trip to the blocking pool reads.
const BATCH: usize = 32;

/// Returns a stream over the entries of the directory at `path`.
///
/// The entries come in no particular order and do not include `.` and
/// `..`. Entries added or removed while the listing is read may or may not
/// appear.
///
/// # Errors
///
/// * `NotFound`: `path` does not exist.
/// * `NotADirectory` (on Linux; another kind elsewhere): `path` is not a
///   directory.
/// * `PermissionDenied`, and the other errors of [`std::fs::read_dir`].
///
/// # Panics
///
/// Panics when called outside a runtime.
///
/// # Examples
///
/// ```
/// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// # rt.block_on(async {
/// let dir = std::env::temp_dir().join("runtime-fs-doc-read-dir");
/// runtime_fs::create_dir_all(&dir).await?;
/// runtime_fs::write(dir.join("a.txt"), b"a").await?;
///
/// let mut names = vec![];
/// let mut entries = runtime_fs::read_dir(&dir).await?;
/// while let Some(entry) = entries.next_entry().await? {
///     names.push(entry.file_name());
/// }
/// assert_eq!(names, ["a.txt"]);
/// # runtime_fs::remove_dir_all(&dir).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn read_dir(path: impl AsRef<Path>) -> io::Result<ReadDir> {
    let path = path.as_ref().to_owned();
    asyncify(move || {
        let mut batch = Batch {
            entries: VecDeque::with_capacity(BATCH),
            std: Some(std::fs::read_dir(path)?),
            more: true,
        };
        batch.fetch();
        Ok(ReadDir {
            state: State::Idle(Some(batch)),
        })
    })
    .await
}

/// The entries of a directory, as returned by [`read_dir`].
///
/// Read it with [`next_entry`](ReadDir::next_entry) (or, in a hand-written
/// future, [`poll_next_entry`](ReadDir::poll_next_entry)); `None` marks the
/// end. The runtime-stream crate wraps it as a `Stream`.
///
/// # Errors
///
/// An entry that could not be read is an `Err` item; the listing may go on
/// after it.
#[derive(Debug)]
#[must_use = "a ReadDir does nothing unless its entries are read"]
pub struct ReadDir {
    state: State,
}

/// Whether a batch is being fetched.
///
/// `Idle(None)` exists only transiently inside `poll_next_entry`.
#[derive(Debug)]
enum State {
    Idle(Option<Batch>),
    Fetching(JoinHandle<Batch>),
}

/// The std iterator with the results it has produced but not handed out.
#[derive(Debug)]
struct Batch {
    entries: VecDeque<io::Result<DirEntry>>,
    /// `None` only after a fetch was lost (see `poll_next_entry`).
    std: Option<std::fs::ReadDir>,
    /// `false` once the std iterator has ended (or is gone).
    more: bool,
}

impl Batch {
    /// Reads up to `BATCH` more results (blocking), stopping after an error
    /// or at the end of the directory.
    fn fetch(&mut self) {
        for _ in 0..BATCH {
            let Some(result) = self.std.as_mut().and_then(Iterator::next) else {
                self.more = false;
                return;
            };
            let failed = result.is_err();
            self.entries.push_back(result.map(DirEntry::new));
            if failed {
                return;
            }
        }
    }
}

impl ReadDir {
    /// Returns the next entry, or `None` at the end of the directory.
    ///
    /// # Errors
    ///
    /// An error reading the directory; later calls may return more entries.
    ///
    /// # Cancel safety
    ///
    /// This method is cancel safe: if it is dropped before completing, no
    /// entry is lost; the next call returns it.
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let dir = std::env::temp_dir().join("runtime-fs-doc-next-entry");
    /// runtime_fs::create_dir_all(&dir).await?;
    /// let mut entries = runtime_fs::read_dir(&dir).await?;
    /// assert!(entries.next_entry().await?.is_none());
    /// # runtime_fs::remove_dir(&dir).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn next_entry(&mut self) -> io::Result<Option<DirEntry>> {
        poll_fn(|cx| self.poll_next_entry(cx)).await
    }

    /// Polls for the next entry.
    ///
    /// Returns `Poll::Pending` while a batch is fetched (the waker of `cx`,
    /// and only the last one passed, is woken when it arrives),
    /// `Poll::Ready(Ok(Some(entry)))` for an entry, `Poll::Ready(Ok(None))`
    /// at the end, and `Poll::Ready(Err(e))` for an error reading the
    /// directory.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::future::poll_fn;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let dir = std::env::temp_dir().join("runtime-fs-doc-poll-next-entry");
    /// runtime_fs::create_dir_all(&dir).await?;
    /// let mut entries = runtime_fs::read_dir(&dir).await?;
    /// let next = poll_fn(|cx| entries.poll_next_entry(cx)).await?;
    /// assert!(next.is_none());
    /// # runtime_fs::remove_dir(&dir).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn poll_next_entry(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<Option<DirEntry>>> {
        loop {
            match &mut self.state {
                State::Idle(slot) => {
                    let batch = slot.as_mut().expect("an idle ReadDir holds its batch");
                    if let Some(entry) = batch.entries.pop_front() {
                        return Poll::Ready(entry.map(Some));
                    }
                    if !batch.more {
                        return Poll::Ready(Ok(None));
                    }
                    let mut batch = slot.take().expect("checked above");
                    self.state = State::Fetching(spawn_blocking(move || {
                        batch.fetch();
                        batch
                    }));
                }
                State::Fetching(join) => {
                    // The closure cannot panic; an error here means the
                    // runtime shut down before it ran, which loses the
                    // iterator: the listing ends with that error.
                    let batch = match ready!(Pin::new(join).poll(cx)) {
                        Ok(batch) => batch,
                        Err(e) => {
                            self.state = State::Idle(Some(Batch {
                                entries: VecDeque::new(),
                                std: None,
                                more: false,
                            }));
                            return Poll::Ready(Err(e.into()));
                        }
                    };
                    self.state = State::Idle(Some(batch));
                }
            }
        }
    }
}

/// An entry of a directory listing, returned by [`ReadDir`].
///
/// It holds the entry's name and the directory's path, so the methods that
/// need the file system go to the path: the file may have changed, moved or
/// gone since the listing was read.
#[derive(Debug)]
pub struct DirEntry {
    std: Arc<std::fs::DirEntry>,
    /// The file type the listing reported, if the platform reports one.
    file_type: Option<FileType>,
}

impl DirEntry {
    /// Runs on the blocking pool: `file_type` may be a syscall on platforms
    /// whose listings carry no type.
    fn new(std: std::fs::DirEntry) -> DirEntry {
        DirEntry {
            file_type: std.file_type().ok(),
            std: Arc::new(std),
        }
    }

    /// Returns the full path of the entry: the path given to [`read_dir`]
    /// joined with the entry's file name.
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let dir = std::env::temp_dir().join("runtime-fs-doc-entry-path");
    /// runtime_fs::create_dir_all(&dir).await?;
    /// runtime_fs::write(dir.join("f"), b"").await?;
    /// let entry = runtime_fs::read_dir(&dir).await?.next_entry().await?.unwrap();
    /// assert_eq!(entry.path(), dir.join("f"));
    /// # runtime_fs::remove_dir_all(&dir).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[must_use]
    pub fn path(&self) -> PathBuf {
        self.std.path()
    }

    /// Returns the entry's file name, without any leading path.
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let dir = std::env::temp_dir().join("runtime-fs-doc-entry-name");
    /// runtime_fs::create_dir_all(&dir).await?;
    /// runtime_fs::write(dir.join("name.txt"), b"").await?;
    /// let entry = runtime_fs::read_dir(&dir).await?.next_entry().await?.unwrap();
    /// assert_eq!(entry.file_name(), "name.txt");
    /// # runtime_fs::remove_dir_all(&dir).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[must_use]
    pub fn file_name(&self) -> OsString {
        self.std.file_name()
    }

    /// Returns the metadata of the entry, without following a symbolic
    /// link (like [`symlink_metadata`](crate::symlink_metadata)).
    ///
    /// # Errors
    ///
    /// The entry no longer exists, the process may not read it, or another
    /// error of [`std::fs::DirEntry::metadata`].
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let dir = std::env::temp_dir().join("runtime-fs-doc-entry-metadata");
    /// runtime_fs::create_dir_all(&dir).await?;
    /// runtime_fs::write(dir.join("f"), b"1234").await?;
    /// let entry = runtime_fs::read_dir(&dir).await?.next_entry().await?.unwrap();
    /// assert_eq!(entry.metadata().await?.len(), 4);
    /// # runtime_fs::remove_dir_all(&dir).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn metadata(&self) -> io::Result<Metadata> {
        let std = self.std.clone();
        asyncify(move || std.metadata()).await
    }

    /// Returns the file type of the entry, without following a symbolic
    /// link.
    ///
    /// Usually answered from the directory listing, with no system call.
    ///
    /// # Errors
    ///
    /// When the listing had no type: the errors of
    /// [`std::fs::DirEntry::file_type`].
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let dir = std::env::temp_dir().join("runtime-fs-doc-entry-type");
    /// runtime_fs::create_dir_all(dir.join("sub")).await?;
    /// let entry = runtime_fs::read_dir(&dir).await?.next_entry().await?.unwrap();
    /// assert!(entry.file_type().await?.is_dir());
    /// # runtime_fs::remove_dir_all(&dir).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn file_type(&self) -> io::Result<FileType> {
        if let Some(file_type) = self.file_type {
            return Ok(file_type);
        }
        let std = self.std.clone();
        asyncify(move || std.file_type()).await
    }
}

#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
impl DirEntry {
    /// Returns the inode number the directory listing gave for the entry.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::os::unix::fs::MetadataExt;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let dir = std::env::temp_dir().join("runtime-fs-doc-entry-ino");
    /// runtime_fs::create_dir_all(&dir).await?;
    /// runtime_fs::write(dir.join("f"), b"").await?;
    /// let entry = runtime_fs::read_dir(&dir).await?.next_entry().await?.unwrap();
    /// assert_eq!(entry.ino(), entry.metadata().await?.ino());
    /// # runtime_fs::remove_dir_all(&dir).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[must_use]
    pub fn ino(&self) -> u64 {
        std::os::unix::fs::DirEntryExt::ino(&*self.std)
    }
}
