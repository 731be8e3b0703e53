//! [`DirBuilder`]: how to create a directory, a wrapper over
//! [`std::fs::DirBuilder`] whose `create` runs on the blocking pool.

use std::io;
use std::path::Path;

use crate::blocking::asyncify;

/// Creates directories, with options.
///
/// The asynchronous counterpart of [`std::fs::DirBuilder`]. For the common
/// cases, [`create_dir`](crate::create_dir) and
/// [`create_dir_all`](crate::create_dir_all) are shorter.
///
/// # Examples
///
/// ```
/// use runtime_fs::DirBuilder;
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// # rt.block_on(async {
/// let root = std::env::temp_dir().join("runtime-fs-doc-dir-builder");
/// DirBuilder::new().recursive(true).create(root.join("a/b/c")).await?;
/// assert!(runtime_fs::metadata(root.join("a/b/c")).await?.is_dir());
/// # runtime_fs::remove_dir_all(&root).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
#[derive(Debug, Default)]
pub struct DirBuilder {
    /// Whether missing parents are created too.
    recursive: bool,
    /// The permission bits of new directories; `None` is std's default
    /// (`0o777`, before the umask).
    #[cfg(unix)]
    mode: Option<u32>,
}

impl DirBuilder {
    /// Returns a builder that creates one directory (not its parents) with
    /// the default permissions.
    ///
    /// # Examples
    ///
    /// ```
    /// let builder = runtime_fs::DirBuilder::new();
    /// # drop(builder);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets whether missing parent directories are created too. When set,
    /// creating a directory that already exists is not an error either.
    ///
    /// The default is `false`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut builder = runtime_fs::DirBuilder::new();
    /// builder.recursive(true);
    /// ```
    pub fn recursive(&mut self, recursive: bool) -> &mut Self {
        self.recursive = recursive;
        self
    }

    /// Creates the directory at `path` with these options.
    ///
    /// # Errors
    ///
    /// * `AlreadyExists`: `path` exists and the builder is not recursive.
    /// * `NotFound`: a parent is missing and the builder is not recursive.
    /// * `PermissionDenied`, and the other errors of
    ///   [`std::fs::DirBuilder::create`].
    ///
    /// # Panics
    ///
    /// Panics when called outside a runtime.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_fs::DirBuilder;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let dir = std::env::temp_dir().join("runtime-fs-doc-dir-builder-create");
    /// DirBuilder::new().create(&dir).await?;
    /// let err = DirBuilder::new().create(&dir).await.unwrap_err();
    /// assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
    /// # runtime_fs::remove_dir(&dir).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn create(&self, path: impl AsRef<Path>) -> io::Result<()> {
        let path = path.as_ref().to_owned();
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(self.recursive);
        #[cfg(unix)]
        if let Some(mode) = self.mode {
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, mode);
        }
        asyncify(move || builder.create(path)).await
    }
}

#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
impl DirBuilder {
    /// Sets the permission bits of the directories created (before the
    /// process umask applies). The default is `0o777`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::os::unix::fs::PermissionsExt;
    /// use runtime_fs::DirBuilder;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let dir = std::env::temp_dir().join("runtime-fs-doc-dir-builder-mode");
    /// DirBuilder::new().mode(0o700).create(&dir).await?;
    /// let mode = runtime_fs::metadata(&dir).await?.permissions().mode();
    /// assert_eq!(mode & 0o777, 0o700);
    /// # runtime_fs::remove_dir(&dir).await?;
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn mode(&mut self, mode: u32) -> &mut Self {
        self.mode = Some(mode);
        self
    }
}
