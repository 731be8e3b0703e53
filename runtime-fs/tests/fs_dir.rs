//! Directories: `read_dir` with `ReadDir` and `DirEntry`, `DirBuilder`,
//! `create_dir*`, `remove_dir*`.

mod support;

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};

use runtime_fs::DirBuilder;
use support::{TempDir, block_on, block_on_multi};

#[test]
fn read_dir_lists_every_entry_across_batches() {
    let dir = TempDir::new("read-dir");
    // More than one batch (32) of entries.
    let mut expected = BTreeSet::new();
    for i in 0..100 {
        let name = format!("file-{i:03}");
        std::fs::write(dir.join(&name), name.as_bytes()).unwrap();
        expected.insert(OsString::from(name));
    }
    std::fs::create_dir(dir.join("sub")).unwrap();
    expected.insert(OsString::from("sub"));

    block_on(async {
        let mut entries = runtime_fs::read_dir(dir.path()).await.unwrap();
        let mut seen = BTreeSet::new();
        while let Some(entry) = entries.next_entry().await.unwrap() {
            let name = entry.file_name();
            assert_eq!(entry.path(), dir.path().join(&name));
            let file_type = entry.file_type().await.unwrap();
            let metadata = entry.metadata().await.unwrap();
            assert_eq!(entry.ino(), metadata.ino());
            if name == "sub" {
                assert!(file_type.is_dir());
                assert!(metadata.is_dir());
            } else {
                assert!(file_type.is_file());
                assert_eq!(metadata.len(), name.len() as u64);
            }
            assert!(seen.insert(name), "an entry came twice");
        }
        assert_eq!(seen, expected);
        // The end is sticky.
        assert!(entries.next_entry().await.unwrap().is_none());
        assert!(entries.next_entry().await.unwrap().is_none());
    });
}

#[test]
fn read_dir_on_multi_thread_runtime() {
    let dir = TempDir::new("read-dir-mt");
    for i in 0..40 {
        std::fs::write(dir.join(&format!("{i}")), b"").unwrap();
    }
    let count = block_on_multi(async {
        let mut entries = runtime_fs::read_dir(dir.path()).await.unwrap();
        let mut count = 0;
        while entries.next_entry().await.unwrap().is_some() {
            count += 1;
        }
        count
    });
    assert_eq!(count, 40);
}

#[test]
fn read_dir_of_an_empty_directory() {
    let dir = TempDir::new("read-dir-empty");
    block_on(async {
        let mut entries = runtime_fs::read_dir(dir.path()).await.unwrap();
        assert!(entries.next_entry().await.unwrap().is_none());
    });
}

#[test]
fn poll_next_entry_by_hand() {
    use std::future::poll_fn;

    let dir = TempDir::new("poll-next-entry");
    std::fs::write(dir.join("only"), b"").unwrap();
    block_on(async {
        let mut entries = runtime_fs::read_dir(dir.path()).await.unwrap();
        let entry = poll_fn(|cx| entries.poll_next_entry(cx))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(entry.file_name(), "only");
        assert!(
            poll_fn(|cx| entries.poll_next_entry(cx))
                .await
                .unwrap()
                .is_none()
        );
    });
}

#[test]
fn read_dir_errors() {
    let dir = TempDir::new("read-dir-errors");
    std::fs::write(dir.join("file"), b"").unwrap();
    block_on(async {
        let err = runtime_fs::read_dir(dir.join("missing")).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        let err = runtime_fs::read_dir(dir.join("file")).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotADirectory);
    });
}

#[test]
fn dir_entry_file_type_does_not_follow_symlinks() {
    let dir = TempDir::new("entry-symlink");
    std::os::unix::fs::symlink("nowhere", dir.join("link")).unwrap();
    block_on(async {
        let entry = runtime_fs::read_dir(dir.path())
            .await
            .unwrap()
            .next_entry()
            .await
            .unwrap()
            .unwrap();
        assert!(entry.file_type().await.unwrap().is_symlink());
        assert!(entry.metadata().await.unwrap().file_type().is_symlink());
    });
}

#[test]
fn dir_entry_metadata_of_a_removed_file_is_not_found() {
    let dir = TempDir::new("entry-removed");
    std::fs::write(dir.join("gone"), b"").unwrap();
    block_on(async {
        let entry = runtime_fs::read_dir(dir.path())
            .await
            .unwrap()
            .next_entry()
            .await
            .unwrap()
            .unwrap();
        std::fs::remove_file(dir.join("gone")).unwrap();
        let err = entry.metadata().await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    });
}

#[test]
fn create_dir_and_its_errors() {
    let dir = TempDir::new("create-dir");
    block_on(async {
        let sub = dir.join("sub");
        runtime_fs::create_dir(&sub).await.unwrap();
        assert!(runtime_fs::metadata(&sub).await.unwrap().is_dir());

        let err = runtime_fs::create_dir(&sub).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);

        let err = runtime_fs::create_dir(dir.join("a/b")).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    });
}

#[test]
fn create_dir_all_makes_parents_and_tolerates_existing() {
    let dir = TempDir::new("create-dir-all");
    block_on(async {
        let deep = dir.join("a/b/c");
        runtime_fs::create_dir_all(&deep).await.unwrap();
        runtime_fs::create_dir_all(&deep).await.unwrap();
        assert!(runtime_fs::metadata(&deep).await.unwrap().is_dir());

        runtime_fs::write(dir.join("file"), b"").await.unwrap();
        let err = runtime_fs::create_dir_all(dir.join("file/sub"))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotADirectory);
    });
}

#[test]
fn dir_builder_recursive_and_not() {
    let dir = TempDir::new("dir-builder");
    block_on(async {
        let deep = dir.join("x/y/z");
        let err = DirBuilder::new().create(&deep).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);

        DirBuilder::new()
            .recursive(true)
            .create(&deep)
            .await
            .unwrap();
        assert!(runtime_fs::metadata(&deep).await.unwrap().is_dir());
        // Recursive: an existing directory is fine.
        DirBuilder::new()
            .recursive(true)
            .create(&deep)
            .await
            .unwrap();
        // Not recursive: it is an error.
        let err = DirBuilder::new().create(&deep).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
    });
}

#[test]
fn dir_builder_mode() {
    let dir = TempDir::new("dir-builder-mode");
    block_on(async {
        let sub = dir.join("private");
        let mut builder = DirBuilder::new();
        builder.mode(0o700);
        builder.create(&sub).await.unwrap();
        let mode = runtime_fs::metadata(&sub)
            .await
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
        assert!(format!("{builder:?}").contains("DirBuilder"));
    });
}

#[test]
fn remove_dir_only_removes_empty_directories() {
    let dir = TempDir::new("remove-dir");
    block_on(async {
        let sub = dir.join("sub");
        runtime_fs::create_dir(&sub).await.unwrap();
        runtime_fs::write(sub.join("f"), b"keep").await.unwrap();

        let err = runtime_fs::remove_dir(&sub).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::DirectoryNotEmpty);
        assert_eq!(runtime_fs::read(sub.join("f")).await.unwrap(), b"keep");

        runtime_fs::remove_file(sub.join("f")).await.unwrap();
        runtime_fs::remove_dir(&sub).await.unwrap();
        assert!(!runtime_fs::try_exists(&sub).await.unwrap());

        let err = runtime_fs::remove_dir(&sub).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    });
}

#[test]
fn remove_dir_all_removes_a_tree_but_not_link_targets() {
    let dir = TempDir::new("remove-dir-all");
    block_on(async {
        let tree = dir.join("tree");
        runtime_fs::create_dir_all(tree.join("a/b")).await.unwrap();
        runtime_fs::write(tree.join("a/b/f"), b"x").await.unwrap();
        runtime_fs::write(tree.join("top"), b"y").await.unwrap();
        let outside = dir.join("outside");
        runtime_fs::create_dir(&outside).await.unwrap();
        runtime_fs::write(outside.join("kept"), b"z").await.unwrap();
        runtime_fs::symlink(&outside, tree.join("link"))
            .await
            .unwrap();

        runtime_fs::remove_dir_all(&tree).await.unwrap();
        assert!(!runtime_fs::try_exists(&tree).await.unwrap());
        assert_eq!(runtime_fs::read(outside.join("kept")).await.unwrap(), b"z");

        let err = runtime_fs::remove_dir_all(&tree).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    });
}
