//! `ReadDirStream` over real directories (the listing runs on the blocking
//! pool, so these need a runtime but no driver).

#![cfg(feature = "fs")]

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::io;
use std::path::PathBuf;

use runtime_core::runtime::{Builder, Runtime};
use runtime_stream::StreamExt;
use runtime_stream::wrappers::ReadDirStream;

fn rt() -> Runtime {
    Builder::new_current_thread().build().expect("runtime")
}

/// A fresh, empty directory of this test's own, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!(
            "runtime-stream-read-dir-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    fn with_files(name: &str, count: usize) -> (TempDir, BTreeSet<OsString>) {
        let dir = TempDir::new(name);
        let mut names = BTreeSet::new();
        for i in 0..count {
            let file = format!("file-{i:03}");
            std::fs::write(dir.0.join(&file), i.to_string()).unwrap();
            names.insert(OsString::from(file));
        }
        (dir, names)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn yields_every_entry_once_then_ends() {
    let (dir, expected) = TempDir::with_files("every", 5);
    std::fs::create_dir(dir.0.join("sub")).unwrap();
    rt().block_on(async {
        let mut stream = ReadDirStream::new(runtime_fs::read_dir(&dir.0).await.unwrap());
        let mut files = BTreeSet::new();
        let mut dirs = Vec::new();
        while let Some(entry) = stream.next().await {
            let entry = entry.unwrap();
            assert_eq!(entry.path(), dir.0.join(entry.file_name()));
            if entry.file_type().await.unwrap().is_dir() {
                dirs.push(entry.file_name());
            } else {
                assert!(files.insert(entry.file_name()), "listed twice");
            }
        }
        assert_eq!(files, expected);
        assert_eq!(dirs, ["sub"]);
        // The end is sticky.
        assert!(stream.next().await.is_none());
    });
}

#[test]
fn an_empty_directory_ends_at_once() {
    let dir = TempDir::new("empty");
    rt().block_on(async {
        let mut stream = ReadDirStream::new(runtime_fs::read_dir(&dir.0).await.unwrap());
        assert!(stream.next().await.is_none());
    });
}

#[test]
fn lists_directories_larger_than_one_batch() {
    // Well past the 32 entries runtime-fs fetches per trip to the pool.
    let (dir, expected) = TempDir::with_files("large", 100);
    rt().block_on(async {
        let stream = ReadDirStream::new(runtime_fs::read_dir(&dir.0).await.unwrap());
        let listed: Vec<OsString> = stream
            .map(|entry| entry.unwrap().file_name())
            .collect()
            .await;
        assert_eq!(listed.len(), expected.len());
        assert_eq!(listed.into_iter().collect::<BTreeSet<_>>(), expected);
    });
}

#[test]
fn works_on_a_multi_thread_runtime() {
    let (dir, expected) = TempDir::with_files("multi", 40);
    let rt = Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    let path = dir.0.clone();
    let listed = rt.block_on(async move {
        runtime_core::task::spawn(async move {
            let stream = ReadDirStream::new(runtime_fs::read_dir(&path).await.unwrap());
            stream
                .map(|entry| entry.unwrap().file_name())
                .collect::<BTreeSet<_>>()
                .await
        })
        .await
        .unwrap()
    });
    assert_eq!(listed, expected);
}

#[test]
fn as_mut_and_into_inner_share_one_position() {
    let (dir, expected) = TempDir::with_files("position", 6);
    rt().block_on(async {
        let mut stream = ReadDirStream::new(runtime_fs::read_dir(&dir.0).await.unwrap());
        let mut seen = BTreeSet::new();
        seen.insert(stream.next().await.unwrap().unwrap().file_name());
        seen.insert(
            stream
                .as_mut()
                .next_entry()
                .await
                .unwrap()
                .unwrap()
                .file_name(),
        );
        let _: &runtime_fs::ReadDir = stream.as_ref();
        assert!(format!("{stream:?}").contains("ReadDirStream"));

        let mut inner = stream.into_inner();
        while let Some(entry) = inner.next_entry().await.unwrap() {
            assert!(seen.insert(entry.file_name()), "listed twice");
        }
        assert_eq!(seen, expected);
    });
}

#[test]
fn a_missing_directory_fails_before_the_stream_exists() {
    let dir = TempDir::new("missing");
    let gone = dir.0.join("not-there");
    rt().block_on(async {
        let err = runtime_fs::read_dir(&gone).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    });
}
