//! The path-based functions: read, write, copy, rename, links, metadata,
//! permissions, existence.

mod support;

use std::io;
use std::os::unix::fs::PermissionsExt;

use support::{TempDir, block_on, pattern};

#[test]
fn write_then_read_and_read_to_string() {
    let dir = TempDir::new("write-read");
    let path = dir.join("f");
    block_on(async {
        runtime_fs::write(&path, "first contents").await.unwrap();
        runtime_fs::write(&path, b"second").await.unwrap();
        assert_eq!(runtime_fs::read(&path).await.unwrap(), b"second");
        assert_eq!(runtime_fs::read_to_string(&path).await.unwrap(), "second");

        let big = pattern(3 * 1024 * 1024);
        runtime_fs::write(&path, &big).await.unwrap();
        assert!(runtime_fs::read(&path).await.unwrap() == big);
    });
}

#[test]
fn read_errors() {
    let dir = TempDir::new("read-errors");
    block_on(async {
        let err = runtime_fs::read(dir.join("missing")).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);

        runtime_fs::write(dir.join("bin"), [0xffu8, 0xfe])
            .await
            .unwrap();
        let err = runtime_fs::read_to_string(dir.join("bin"))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);

        let err = runtime_fs::write(dir.join("no/such/dir"), b"x")
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    });
}

#[test]
fn copy_copies_contents_and_permissions() {
    let dir = TempDir::new("copy");
    block_on(async {
        let from = dir.join("from");
        let to = dir.join("to");
        runtime_fs::write(&from, b"copied bytes").await.unwrap();
        runtime_fs::set_permissions(&from, std::fs::Permissions::from_mode(0o640))
            .await
            .unwrap();
        runtime_fs::write(&to, b"old and longer contents")
            .await
            .unwrap();

        assert_eq!(runtime_fs::copy(&from, &to).await.unwrap(), 12);
        assert_eq!(runtime_fs::read(&to).await.unwrap(), b"copied bytes");
        let mode = runtime_fs::metadata(&to)
            .await
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
        // The source is untouched.
        assert_eq!(runtime_fs::read(&from).await.unwrap(), b"copied bytes");

        let err = runtime_fs::copy(dir.join("missing"), &to)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    });
}

#[test]
fn rename_moves_and_replaces() {
    let dir = TempDir::new("rename");
    block_on(async {
        let a = dir.join("a");
        let b = dir.join("b");
        runtime_fs::write(&a, b"from a").await.unwrap();
        runtime_fs::write(&b, b"old b").await.unwrap();
        runtime_fs::rename(&a, &b).await.unwrap();
        assert!(!runtime_fs::try_exists(&a).await.unwrap());
        assert_eq!(runtime_fs::read(&b).await.unwrap(), b"from a");

        let sub = dir.join("sub");
        runtime_fs::create_dir(&sub).await.unwrap();
        runtime_fs::rename(&sub, dir.join("moved")).await.unwrap();
        assert!(
            runtime_fs::metadata(dir.join("moved"))
                .await
                .unwrap()
                .is_dir()
        );

        let err = runtime_fs::rename(&a, dir.join("c")).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    });
}

#[test]
fn remove_file_and_its_errors() {
    let dir = TempDir::new("remove-file");
    block_on(async {
        let path = dir.join("f");
        runtime_fs::write(&path, b"").await.unwrap();
        runtime_fs::remove_file(&path).await.unwrap();
        assert!(!runtime_fs::try_exists(&path).await.unwrap());
        let err = runtime_fs::remove_file(&path).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);

        runtime_fs::create_dir(dir.join("d")).await.unwrap();
        let err = runtime_fs::remove_file(dir.join("d")).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::IsADirectory);
    });
}

#[test]
fn symlink_read_link_and_symlink_metadata() {
    let dir = TempDir::new("symlink");
    block_on(async {
        let target = dir.join("target");
        let link = dir.join("link");
        runtime_fs::write(&target, b"through the link")
            .await
            .unwrap();
        runtime_fs::symlink(&target, &link).await.unwrap();

        assert_eq!(runtime_fs::read_link(&link).await.unwrap(), target);
        assert_eq!(runtime_fs::read(&link).await.unwrap(), b"through the link");
        assert!(runtime_fs::metadata(&link).await.unwrap().is_file());
        assert!(
            runtime_fs::symlink_metadata(&link)
                .await
                .unwrap()
                .file_type()
                .is_symlink()
        );

        // A relative target is stored as given, and may dangle.
        let dangling = dir.join("dangling");
        runtime_fs::symlink("no/such/file", &dangling)
            .await
            .unwrap();
        assert_eq!(
            runtime_fs::read_link(&dangling).await.unwrap(),
            std::path::Path::new("no/such/file")
        );

        let err = runtime_fs::symlink(&target, &link).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        let err = runtime_fs::read_link(&target).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    });
}

#[test]
fn hard_link_shares_the_file() {
    let dir = TempDir::new("hard-link");
    block_on(async {
        let a = dir.join("a");
        let b = dir.join("b");
        runtime_fs::write(&a, b"one").await.unwrap();
        runtime_fs::hard_link(&a, &b).await.unwrap();
        runtime_fs::write(&a, b"two").await.unwrap();
        assert_eq!(runtime_fs::read(&b).await.unwrap(), b"two");

        let err = runtime_fs::hard_link(&a, &b).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        let err = runtime_fs::hard_link(dir.join("missing"), dir.join("c"))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    });
}

#[test]
fn canonicalize_resolves_dots_and_links() {
    let dir = TempDir::new("canonicalize");
    block_on(async {
        runtime_fs::create_dir_all(dir.join("a/b")).await.unwrap();
        runtime_fs::symlink(dir.join("a/b"), dir.join("l"))
            .await
            .unwrap();
        let real = runtime_fs::canonicalize(dir.join("a/b")).await.unwrap();
        assert!(real.is_absolute());
        assert_eq!(
            runtime_fs::canonicalize(dir.join("a/./b/../b"))
                .await
                .unwrap(),
            real
        );
        assert_eq!(runtime_fs::canonicalize(dir.join("l")).await.unwrap(), real);
        let err = runtime_fs::canonicalize(dir.join("missing"))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    });
}

#[test]
fn try_exists_false_then_true() {
    let dir = TempDir::new("try-exists");
    block_on(async {
        let path = dir.join("f");
        assert!(!runtime_fs::try_exists(&path).await.unwrap());
        runtime_fs::write(&path, b"").await.unwrap();
        assert!(runtime_fs::try_exists(&path).await.unwrap());
        assert!(runtime_fs::try_exists(dir.path()).await.unwrap());

        // A dangling link does not exist.
        runtime_fs::symlink(dir.join("nowhere"), dir.join("dangling"))
            .await
            .unwrap();
        assert!(!runtime_fs::try_exists(dir.join("dangling")).await.unwrap());
    });
}

#[test]
fn metadata_and_permissions() {
    let dir = TempDir::new("metadata");
    block_on(async {
        let path = dir.join("f");
        runtime_fs::write(&path, b"12345").await.unwrap();
        let metadata = runtime_fs::metadata(&path).await.unwrap();
        assert!(metadata.is_file());
        assert_eq!(metadata.len(), 5);
        assert!(runtime_fs::metadata(dir.path()).await.unwrap().is_dir());

        let mut perms = metadata.permissions();
        perms.set_readonly(true);
        runtime_fs::set_permissions(&path, perms).await.unwrap();
        assert!(
            runtime_fs::metadata(&path)
                .await
                .unwrap()
                .permissions()
                .readonly()
        );
        runtime_fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604))
            .await
            .unwrap();
        let mode = runtime_fs::metadata(&path)
            .await
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o604);

        let err = runtime_fs::metadata(dir.join("missing")).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        let err = runtime_fs::set_permissions(
            dir.join("missing"),
            std::fs::Permissions::from_mode(0o600),
        )
        .await
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    });
}
