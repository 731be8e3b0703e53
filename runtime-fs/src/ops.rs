//! The path-based operations: `read`, `write`, `copy`, `rename`,
//! `metadata` and the rest.
//!
//! Each is one blocking `std::fs` call moved to the blocking pool, with the
//! same arguments, result and errors as the std function of the same name.
//! Paths and contents are copied into the closure, because it must own
//! what it uses (`'static`) and may outlive a cancelled caller: dropping one
//! of these futures does not stop a call already running, whose effect
//! (a file written, a directory removed) still happens.

use std::fs::{Metadata, Permissions};
use std::io;
use std::path::{Path, PathBuf};

use crate::blocking::asyncify;

/// Returns the canonical, absolute form of `path`, with every `.` and `..`
/// and symbolic link resolved.
///
/// # Errors
///
/// `NotFound` if `path` (or a link it goes through) does not exist, and
/// the other errors of [`std::fs::canonicalize`].
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
/// let dir = std::env::temp_dir().join("runtime-fs-doc-canonicalize");
/// runtime_fs::create_dir_all(dir.join("sub")).await?;
/// let path = runtime_fs::canonicalize(dir.join("sub/..")).await?;
/// assert_eq!(path, runtime_fs::canonicalize(&dir).await?);
/// assert!(path.is_absolute());
/// # runtime_fs::remove_dir_all(&dir).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn canonicalize(path: impl AsRef<Path>) -> io::Result<PathBuf> {
    let path = path.as_ref().to_owned();
    asyncify(move || std::fs::canonicalize(path)).await
}

/// Copies the contents and permission bits of the file `from` to the file
/// `to`, creating or overwriting `to`; returns the number of bytes copied.
///
/// # Errors
///
/// `from` is missing or not a regular file, `to` cannot be written, or any
/// other error of [`std::fs::copy`].
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
/// let dir = std::env::temp_dir().join("runtime-fs-doc-copy");
/// runtime_fs::create_dir_all(&dir).await?;
/// runtime_fs::write(dir.join("from"), b"data").await?;
/// assert_eq!(runtime_fs::copy(dir.join("from"), dir.join("to")).await?, 4);
/// assert_eq!(runtime_fs::read(dir.join("to")).await?, b"data");
/// # runtime_fs::remove_dir_all(&dir).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn copy(from: impl AsRef<Path>, to: impl AsRef<Path>) -> Result<u64, std::io::Error> {
    let (from, to) = (from.as_ref().to_owned(), to.as_ref().to_owned());
    asyncify(move || std::fs::copy(from, to)).await
}

/// Creates an empty directory at `path`; its parent must exist.
///
/// Use [`create_dir_all`] to create missing parents too.
///
/// # Errors
///
/// `AlreadyExists` if `path` exists, `NotFound` if a parent is missing,
/// and the other errors of [`std::fs::create_dir`].
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
/// let dir = std::env::temp_dir().join("runtime-fs-doc-create-dir");
/// runtime_fs::create_dir(&dir).await?;
/// let err = runtime_fs::create_dir(&dir).await.unwrap_err();
/// assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
/// # runtime_fs::remove_dir(&dir).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn create_dir(path: impl AsRef<Path>) -> io::Result<()> {
    let path = path.as_ref().to_owned();
    asyncify(move || std::fs::create_dir(path)).await
}

/// Creates the directory at `path` and every missing parent; succeeds if
/// it already exists as a directory.
///
/// # Errors
///
/// A component exists but is not a directory, the process may not create
/// one, or another error of [`std::fs::create_dir_all`].
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
/// let root = std::env::temp_dir().join("runtime-fs-doc-create-dir-all");
/// runtime_fs::create_dir_all(root.join("a/b")).await?;
/// runtime_fs::create_dir_all(root.join("a/b")).await?;
/// # runtime_fs::remove_dir_all(&root).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn create_dir_all(path: impl AsRef<Path>) -> io::Result<()> {
    let path = path.as_ref().to_owned();
    asyncify(move || std::fs::create_dir_all(path)).await
}

/// Creates a hard link at `link` to the file `original`: a second name for
/// the same file.
///
/// # Errors
///
/// `original` is missing, `link` exists (`AlreadyExists`), the two are on
/// different file systems, or another error of [`std::fs::hard_link`].
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
/// let dir = std::env::temp_dir().join("runtime-fs-doc-hard-link");
/// runtime_fs::create_dir_all(&dir).await?;
/// runtime_fs::write(dir.join("a"), b"shared").await?;
/// runtime_fs::hard_link(dir.join("a"), dir.join("b")).await?;
/// assert_eq!(runtime_fs::read(dir.join("b")).await?, b"shared");
/// # runtime_fs::remove_dir_all(&dir).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn hard_link(original: impl AsRef<Path>, link: impl AsRef<Path>) -> io::Result<()> {
    let (original, link) = (original.as_ref().to_owned(), link.as_ref().to_owned());
    asyncify(move || std::fs::hard_link(original, link)).await
}

/// Returns the metadata of the file or directory at `path`, following
/// symbolic links.
///
/// # Errors
///
/// `NotFound` if `path` does not exist, and the other errors of
/// [`std::fs::metadata`].
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
/// let path = std::env::temp_dir().join("runtime-fs-doc-metadata.txt");
/// runtime_fs::write(&path, b"abc").await?;
/// let metadata = runtime_fs::metadata(&path).await?;
/// assert!(metadata.is_file());
/// assert_eq!(metadata.len(), 3);
/// # runtime_fs::remove_file(&path).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn metadata(path: impl AsRef<Path>) -> io::Result<Metadata> {
    let path = path.as_ref().to_owned();
    asyncify(move || std::fs::metadata(path)).await
}

/// Reads the whole file at `path` into a vector.
///
/// # Errors
///
/// `NotFound` if `path` does not exist, and the other errors of
/// [`std::fs::read`]. Bytes read before an error are dropped.
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
/// let path = std::env::temp_dir().join("runtime-fs-doc-read.bin");
/// runtime_fs::write(&path, [1u8, 2, 3]).await?;
/// assert_eq!(runtime_fs::read(&path).await?, [1, 2, 3]);
/// # runtime_fs::remove_file(&path).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn read(path: impl AsRef<Path>) -> io::Result<Vec<u8>> {
    let path = path.as_ref().to_owned();
    asyncify(move || std::fs::read(path)).await
}

/// Returns the target of the symbolic link at `path`, as stored (it may be
/// relative, and need not exist).
///
/// # Errors
///
/// `NotFound` if `path` does not exist, `InvalidInput` if it is not a
/// symbolic link, and the other errors of [`std::fs::read_link`].
///
/// # Panics
///
/// Panics when called outside a runtime.
///
/// # Examples
///
/// ```
/// # #[cfg(unix)]
/// # {
/// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// # rt.block_on(async {
/// let link = std::env::temp_dir().join("runtime-fs-doc-read-link");
/// # let _ = runtime_fs::remove_file(&link).await;
/// runtime_fs::symlink("some/target", &link).await?;
/// assert_eq!(runtime_fs::read_link(&link).await?, std::path::Path::new("some/target"));
/// # runtime_fs::remove_file(&link).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// # }
/// ```
pub async fn read_link(path: impl AsRef<Path>) -> io::Result<PathBuf> {
    let path = path.as_ref().to_owned();
    asyncify(move || std::fs::read_link(path)).await
}

/// Reads the whole file at `path` into a string.
///
/// # Errors
///
/// `InvalidData` if the contents are not UTF-8, `NotFound` if `path` does
/// not exist, and the other errors of [`std::fs::read_to_string`].
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
/// let path = std::env::temp_dir().join("runtime-fs-doc-read-to-string.txt");
/// runtime_fs::write(&path, "héllo").await?;
/// assert_eq!(runtime_fs::read_to_string(&path).await?, "héllo");
/// # runtime_fs::remove_file(&path).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn read_to_string(path: impl AsRef<Path>) -> io::Result<String> {
    let path = path.as_ref().to_owned();
    asyncify(move || std::fs::read_to_string(path)).await
}

/// Removes the empty directory at `path`.
///
/// # Errors
///
/// `NotFound` if `path` does not exist, an error if it is not a directory
/// or not empty, and the other errors of [`std::fs::remove_dir`].
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
/// let dir = std::env::temp_dir().join("runtime-fs-doc-remove-dir");
/// runtime_fs::create_dir_all(&dir).await?;
/// runtime_fs::remove_dir(&dir).await?;
/// assert!(!runtime_fs::try_exists(&dir).await?);
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn remove_dir(path: impl AsRef<Path>) -> io::Result<()> {
    let path = path.as_ref().to_owned();
    asyncify(move || std::fs::remove_dir(path)).await
}

/// Removes the directory at `path` and everything in it. Symbolic links
/// inside are removed, not followed.
///
/// # Errors
///
/// `NotFound` if `path` does not exist, and the other errors of
/// [`std::fs::remove_dir_all`]. After an error, part of the tree may be
/// gone.
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
/// let root = std::env::temp_dir().join("runtime-fs-doc-remove-dir-all");
/// runtime_fs::create_dir_all(root.join("a/b")).await?;
/// runtime_fs::write(root.join("a/file"), b"x").await?;
/// runtime_fs::remove_dir_all(&root).await?;
/// assert!(!runtime_fs::try_exists(&root).await?);
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn remove_dir_all(path: impl AsRef<Path>) -> io::Result<()> {
    let path = path.as_ref().to_owned();
    asyncify(move || std::fs::remove_dir_all(path)).await
}

/// Removes the file (or symbolic link) at `path`. Open handles to the
/// file stay valid; the data goes when the last one closes.
///
/// # Errors
///
/// `NotFound` if `path` does not exist, an error if it is a directory,
/// and the other errors of [`std::fs::remove_file`].
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
/// let path = std::env::temp_dir().join("runtime-fs-doc-remove-file.txt");
/// runtime_fs::write(&path, b"").await?;
/// runtime_fs::remove_file(&path).await?;
/// let err = runtime_fs::remove_file(&path).await.unwrap_err();
/// assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn remove_file(path: impl AsRef<Path>) -> io::Result<()> {
    let path = path.as_ref().to_owned();
    asyncify(move || std::fs::remove_file(path)).await
}

/// Renames the file or directory `from` to `to`, replacing `to` if it
/// exists (a file by a file, or an empty directory by a directory).
///
/// # Errors
///
/// `NotFound` if `from` does not exist, an error if the two are on
/// different file systems, and the other errors of [`std::fs::rename`].
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
/// let dir = std::env::temp_dir().join("runtime-fs-doc-rename");
/// runtime_fs::create_dir_all(&dir).await?;
/// runtime_fs::write(dir.join("old"), b"x").await?;
/// runtime_fs::rename(dir.join("old"), dir.join("new")).await?;
/// assert_eq!(runtime_fs::read(dir.join("new")).await?, b"x");
/// # runtime_fs::remove_dir_all(&dir).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn rename(from: impl AsRef<Path>, to: impl AsRef<Path>) -> io::Result<()> {
    let (from, to) = (from.as_ref().to_owned(), to.as_ref().to_owned());
    asyncify(move || std::fs::rename(from, to)).await
}

/// Changes the permissions of the file or directory at `path`, following
/// symbolic links.
///
/// # Errors
///
/// `NotFound` if `path` does not exist, `PermissionDenied` if the process
/// may not change them, and the other errors of
/// [`std::fs::set_permissions`].
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
/// let path = std::env::temp_dir().join("runtime-fs-doc-set-permissions.txt");
/// runtime_fs::write(&path, b"").await?;
/// let mut perms = runtime_fs::metadata(&path).await?.permissions();
/// perms.set_readonly(true);
/// runtime_fs::set_permissions(&path, perms).await?;
/// assert!(runtime_fs::metadata(&path).await?.permissions().readonly());
/// # runtime_fs::remove_file(&path).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn set_permissions(path: impl AsRef<Path>, perm: Permissions) -> io::Result<()> {
    let path = path.as_ref().to_owned();
    asyncify(move || std::fs::set_permissions(path, perm)).await
}

/// Creates a symbolic link at `link` pointing to `original`, which need not
/// exist.
///
/// # Errors
///
/// `AlreadyExists` if `link` exists, and the other errors of
/// [`std::os::unix::fs::symlink`].
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
/// let dir = std::env::temp_dir().join("runtime-fs-doc-symlink");
/// runtime_fs::create_dir_all(&dir).await?;
/// runtime_fs::write(dir.join("target"), b"t").await?;
/// runtime_fs::symlink(dir.join("target"), dir.join("link")).await?;
/// assert_eq!(runtime_fs::read(dir.join("link")).await?, b"t");
/// # runtime_fs::remove_dir_all(&dir).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
pub async fn symlink(original: impl AsRef<Path>, link: impl AsRef<Path>) -> io::Result<()> {
    let (original, link) = (original.as_ref().to_owned(), link.as_ref().to_owned());
    asyncify(move || std::os::unix::fs::symlink(original, link)).await
}

/// Returns the metadata of the file, directory or symbolic link at `path`,
/// without following a symbolic link.
///
/// # Errors
///
/// `NotFound` if `path` does not exist, and the other errors of
/// [`std::fs::symlink_metadata`].
///
/// # Panics
///
/// Panics when called outside a runtime.
///
/// # Examples
///
/// ```
/// # #[cfg(unix)]
/// # {
/// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// # rt.block_on(async {
/// let link = std::env::temp_dir().join("runtime-fs-doc-symlink-metadata");
/// # let _ = runtime_fs::remove_file(&link).await;
/// runtime_fs::symlink("nowhere", &link).await?;
/// assert!(runtime_fs::symlink_metadata(&link).await?.file_type().is_symlink());
/// # runtime_fs::remove_file(&link).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// # }
/// ```
pub async fn symlink_metadata(path: impl AsRef<Path>) -> io::Result<Metadata> {
    let path = path.as_ref().to_owned();
    asyncify(move || std::fs::symlink_metadata(path)).await
}

/// Returns whether something exists at `path`, following symbolic links
/// (a dangling link gives `Ok(false)`).
///
/// Unlike [`Path::exists`], errors other than "not found" are returned
/// instead of read as `false`.
///
/// # Errors
///
/// `PermissionDenied` when a parent directory may not be searched, and the
/// other errors of [`std::fs::exists`] besides `NotFound`.
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
/// let path = std::env::temp_dir().join("runtime-fs-doc-try-exists.txt");
/// # let _ = runtime_fs::remove_file(&path).await;
/// assert!(!runtime_fs::try_exists(&path).await?);
/// runtime_fs::write(&path, b"").await?;
/// assert!(runtime_fs::try_exists(&path).await?);
/// # runtime_fs::remove_file(&path).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn try_exists(path: impl AsRef<Path>) -> io::Result<bool> {
    let path = path.as_ref().to_owned();
    asyncify(move || path.try_exists()).await
}

/// Writes `contents` to the file at `path`, creating it if missing and
/// replacing its contents if not.
///
/// The contents are copied first, so the future owns them.
///
/// # Errors
///
/// A parent directory is missing (`NotFound`), the process may not write
/// there, or another error of [`std::fs::write`].
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
/// let path = std::env::temp_dir().join("runtime-fs-doc-write.txt");
/// runtime_fs::write(&path, "first").await?;
/// runtime_fs::write(&path, b"second").await?;
/// assert_eq!(runtime_fs::read_to_string(&path).await?, "second");
/// # runtime_fs::remove_file(&path).await?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub async fn write(path: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> io::Result<()> {
    let path = path.as_ref().to_owned();
    let contents = contents.as_ref().to_owned();
    asyncify(move || std::fs::write(path, contents)).await
}
