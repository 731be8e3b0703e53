//! `OpenOptions`: each flag's effect, unix `mode` and `custom_flags`, and
//! the trait impls.

mod support;

use std::io;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};

use runtime_core::io::{AsyncReadExt, AsyncWriteExt};
use runtime_fs::{File, OpenOptions};
use support::{TempDir, block_on};

#[test]
fn read_only_and_write_only() {
    let dir = TempDir::new("oo-access");
    let path = dir.join("f");
    std::fs::write(&path, b"abc").unwrap();
    block_on(async {
        let mut file = OpenOptions::new().read(true).open(&path).await.unwrap();
        let mut contents = vec![];
        file.read_to_end(&mut contents).await.unwrap();
        assert_eq!(contents, b"abc");

        let mut file = OpenOptions::new().write(true).open(&path).await.unwrap();
        let mut byte = [0u8; 1];
        // Reading a write-only file fails (EBADF), as with std.
        assert!(file.read(&mut byte).await.is_err());
    });
}

#[test]
fn create_only_when_asked() {
    let dir = TempDir::new("oo-create");
    let path = dir.join("f");
    block_on(async {
        let err = OpenOptions::new()
            .write(true)
            .open(&path)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        OpenOptions::new()
            .write(true)
            .create(true)
            .open(&path)
            .await
            .unwrap();
        assert!(runtime_fs::try_exists(&path).await.unwrap());
    });
}

#[test]
fn create_new_refuses_existing_files() {
    let dir = TempDir::new("oo-create-new");
    let path = dir.join("f");
    block_on(async {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .await
            .unwrap();
        let err = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
    });
}

#[test]
fn truncate_without_write_is_invalid_input() {
    let dir = TempDir::new("oo-invalid");
    let path = dir.join("f");
    std::fs::write(&path, b"keep").unwrap();
    block_on(async {
        let err = OpenOptions::new()
            .read(true)
            .truncate(true)
            .open(&path)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let err = OpenOptions::new().open(&path).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    });
    assert_eq!(std::fs::read(&path).unwrap(), b"keep");
}

#[test]
fn mode_sets_the_permissions_of_a_new_file() {
    let dir = TempDir::new("oo-mode");
    let path = dir.join("f");
    block_on(async {
        let file = OpenOptions::new()
            .write(true)
            .create(true)
            .mode(0o600)
            .open(&path)
            .await
            .unwrap();
        let mode = file.metadata().await.unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    });
}

#[test]
fn custom_flags_reach_open() {
    let dir = TempDir::new("oo-flags");
    let path = dir.join("f");
    std::fs::write(&path, b"one ").unwrap();
    block_on(async {
        // O_APPEND through custom_flags behaves like `append(true)`.
        let mut file = OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_APPEND)
            .open(&path)
            .await
            .unwrap();
        file.write_all(b"two").await.unwrap();
        file.flush().await.unwrap();

        // O_NOFOLLOW refuses a symbolic link.
        let link = dir.join("link");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        let err = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&link)
            .await
            .unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ELOOP));
    });
    assert_eq!(std::fs::read(&path).unwrap(), b"one two");
}

#[test]
fn from_std_clone_default_and_debug() {
    let dir = TempDir::new("oo-traits");
    let path = dir.join("f");
    let mut std_options = std::fs::OpenOptions::new();
    std_options.write(true).create(true).mode(0o640);
    let options = OpenOptions::from(std_options);
    let clone = options.clone();
    assert!(format!("{options:?}").contains("OpenOptions"));
    block_on(async {
        let file = clone.open(&path).await.unwrap();
        let mode = file.metadata().await.unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);

        // Default has every option off, like new().
        let err = OpenOptions::default().open(&path).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);

        let mut file = File::options().read(true).open(&path).await.unwrap();
        let mut contents = vec![];
        file.read_to_end(&mut contents).await.unwrap();
        assert!(contents.is_empty());
    });
}
