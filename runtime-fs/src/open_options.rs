//! [`OpenOptions`]: how to open a file, a wrapper over
//! [`std::fs::OpenOptions`] whose `open` runs on the blocking pool.

use std::io;
use std::path::Path;

use crate::File;
use crate::blocking::asyncify;

/// Options and flags for opening a [`File`].
///
/// The asynchronous counterpart of [`std::fs::OpenOptions`]: build one with
/// [`new`](OpenOptions::new) (or [`File::options`]), set what you need with
/// the chainable methods, then call [`open`](OpenOptions::open). Every
/// option starts off.
///
/// # Examples
///
/// Open a file for reading and writing, creating it if needed:
///
/// ```
/// use runtime_fs::OpenOptions;
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// # rt.block_on(async {
/// let path = std::env::temp_dir().join("runtime-fs-doc-open-options.txt");
/// let file = OpenOptions::new()
///     .read(true)
///     .write(true)
///     .create(true)
///     .open(&path)
///     .await?;
/// # drop(file);
/// # runtime_fs::remove_file(&path).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct OpenOptions(std::fs::OpenOptions);

impl OpenOptions {
    /// Returns options with every flag off.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_fs::OpenOptions;
    ///
    /// let mut options = OpenOptions::new();
    /// options.read(true);
    /// ```
    #[must_use]
    pub fn new() -> OpenOptions {
        OpenOptions(std::fs::OpenOptions::new())
    }

    /// Sets whether the file is opened for reading.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_fs::OpenOptions;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-oo-read.txt");
    /// # runtime_fs::write(&path, b"").await?;
    /// let file = OpenOptions::new().read(true).open(&path).await?;
    /// # drop(file);
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn read(&mut self, read: bool) -> &mut OpenOptions {
        self.0.read(read);
        self
    }

    /// Sets whether the file is opened for writing.
    ///
    /// Writing to an existing file overwrites its bytes from the start,
    /// without truncating it, unless [`truncate`](OpenOptions::truncate) or
    /// [`append`](OpenOptions::append) is also set.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_fs::OpenOptions;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-oo-write.txt");
    /// # runtime_fs::write(&path, b"").await?;
    /// let file = OpenOptions::new().write(true).open(&path).await?;
    /// # drop(file);
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn write(&mut self, write: bool) -> &mut OpenOptions {
        self.0.write(write);
        self
    }

    /// Sets append mode: every write goes to the end of the file, whatever
    /// the cursor (`O_APPEND`). Implies write access.
    ///
    /// Seeking still moves the cursor used by reads, but not where writes
    /// land.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncWriteExt;
    /// use runtime_fs::OpenOptions;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-oo-append.txt");
    /// runtime_fs::write(&path, b"one ").await?;
    /// let mut file = OpenOptions::new().append(true).open(&path).await?;
    /// file.write_all(b"two").await?;
    /// file.flush().await?;
    /// assert_eq!(runtime_fs::read(&path).await?, b"one two");
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn append(&mut self, append: bool) -> &mut OpenOptions {
        self.0.append(append);
        self
    }

    /// Sets whether an existing file is truncated to 0 bytes when opened.
    /// Needs write access.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_fs::OpenOptions;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-oo-truncate.txt");
    /// runtime_fs::write(&path, b"old contents").await?;
    /// OpenOptions::new().write(true).truncate(true).open(&path).await?;
    /// assert!(runtime_fs::read(&path).await?.is_empty());
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn truncate(&mut self, truncate: bool) -> &mut OpenOptions {
        self.0.truncate(truncate);
        self
    }

    /// Sets whether a missing file is created. Needs write or append
    /// access.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_fs::OpenOptions;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-oo-create.txt");
    /// let file = OpenOptions::new().write(true).create(true).open(&path).await?;
    /// # drop(file);
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn create(&mut self, create: bool) -> &mut OpenOptions {
        self.0.create(create);
        self
    }

    /// Sets whether the file must be newly created: opening fails with
    /// `io::ErrorKind::AlreadyExists` if it exists. Needs write or append
    /// access.
    ///
    /// The check and the creation are one atomic step. When set,
    /// [`create`](OpenOptions::create) and
    /// [`truncate`](OpenOptions::truncate) are ignored. A symbolic link at
    /// the path, even a dangling one, counts as existing.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_fs::OpenOptions;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-oo-create-new.txt");
    /// runtime_fs::write(&path, b"").await?;
    /// let err = OpenOptions::new()
    ///     .write(true)
    ///     .create_new(true)
    ///     .open(&path)
    ///     .await
    ///     .unwrap_err();
    /// assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn create_new(&mut self, create_new: bool) -> &mut OpenOptions {
        self.0.create_new(create_new);
        self
    }

    /// Opens the file at `path` with these options.
    ///
    /// # Errors
    ///
    /// The errors of [`std::fs::OpenOptions::open`], among them:
    ///
    /// * `NotFound`: the file does not exist and neither `create` nor
    ///   `create_new` is set, or a parent directory is missing.
    /// * `PermissionDenied`: the process may not open the file this way.
    /// * `AlreadyExists`: `create_new` is set and the file exists.
    /// * `InvalidInput`: a combination of options that makes no sense
    ///   (such as `truncate` without write access).
    ///
    /// # Panics
    ///
    /// Panics when called outside a runtime.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_fs::OpenOptions;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-oo-missing.txt");
    /// let err = OpenOptions::new().read(true).open(&path).await.unwrap_err();
    /// assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn open(&self, path: impl AsRef<Path>) -> io::Result<File> {
        let path = path.as_ref().to_owned();
        let options = self.0.clone();
        let std = asyncify(move || options.open(path)).await?;
        Ok(File::from_std(std))
    }
}

#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
impl OpenOptions {
    /// Sets the permission bits a newly created file gets (before the
    /// process umask applies). The default is `0o666`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::os::unix::fs::PermissionsExt;
    /// use runtime_fs::OpenOptions;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-oo-mode.txt");
    /// # let _ = runtime_fs::remove_file(&path).await;
    /// let file = OpenOptions::new().write(true).create(true).mode(0o600).open(&path).await?;
    /// assert_eq!(file.metadata().await?.permissions().mode() & 0o777, 0o600);
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn mode(&mut self, mode: u32) -> &mut OpenOptions {
        std::os::unix::fs::OpenOptionsExt::mode(&mut self.0, mode);
        self
    }

    /// Adds flags to the `open(2)` call (such as `libc::O_NOFOLLOW`).
    ///
    /// The access mode bits (`O_ACCMODE`) are ignored: set access with
    /// [`read`](OpenOptions::read) and [`write`](OpenOptions::write). Flags
    /// that change the meaning of later calls (such as `O_NONBLOCK`) may
    /// break this crate's assumptions.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_fs::OpenOptions;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let path = std::env::temp_dir().join("runtime-fs-doc-oo-flags.txt");
    /// let file = OpenOptions::new()
    ///     .write(true)
    ///     .create(true)
    ///     .custom_flags(0)
    ///     .open(&path)
    ///     .await?;
    /// # drop(file);
    /// # runtime_fs::remove_file(&path).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn custom_flags(&mut self, flags: i32) -> &mut OpenOptions {
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut self.0, flags);
        self
    }
}

impl From<std::fs::OpenOptions> for OpenOptions {
    fn from(options: std::fs::OpenOptions) -> OpenOptions {
        OpenOptions(options)
    }
}

impl Default for OpenOptions {
    fn default() -> OpenOptions {
        OpenOptions::new()
    }
}
