//! `SyncIoBridge`: blocking std::io over async objects, from blocking code.
#![cfg(feature = "io-util")]

use std::io::{BufRead, Cursor, Read, Seek, SeekFrom, Write};

use runtime_core::runtime::{Builder, Runtime};
use runtime_test::io::Builder as MockBuilder;
use runtime_util::io::SyncIoBridge;

fn rt() -> Runtime {
    Builder::new_current_thread().build().unwrap()
}

#[test]
fn reads_from_spawn_blocking_with_the_current_handle() {
    let rt = rt();
    let out = rt.block_on(async {
        let mock = MockBuilder::new().read(b"hello ").read(b"world").build();
        // `new` picks up the runtime from the calling context.
        let mut bridge = SyncIoBridge::new(mock);
        runtime_core::task::spawn_blocking(move || {
            let mut s = String::new();
            bridge.read_to_string(&mut s).unwrap();
            s
        })
        .await
        .unwrap()
    });
    assert_eq!(out, "hello world");
}

#[test]
fn writes_flushes_and_shuts_down_from_a_plain_thread() {
    let rt = rt();
    let handle = rt.handle().clone();
    let mock = MockBuilder::new().write(b"abc").write(b"def").build();
    let mock = std::thread::spawn(move || {
        let mut bridge = SyncIoBridge::new_with_handle(mock, handle);
        assert!(!bridge.is_write_vectored());
        bridge.write_all(b"abcdef").unwrap();
        bridge.flush().unwrap();
        bridge.shutdown().unwrap();
        bridge.into_inner()
    })
    .join()
    .unwrap();
    drop(mock);
}

#[test]
fn buf_read_lines_and_seek() {
    let rt = rt();
    let handle = rt.handle().clone();
    std::thread::spawn(move || {
        let cursor = Cursor::new(b"one\ntwo\n".to_vec());
        let mut bridge = SyncIoBridge::new_with_handle(cursor, handle);
        let mut line = String::new();
        bridge.read_line(&mut line).unwrap();
        assert_eq!(line, "one\n");
        assert_eq!(bridge.fill_buf().unwrap(), b"two\n");
        bridge.consume(4);
        assert_eq!(bridge.fill_buf().unwrap(), b"");
        assert_eq!(bridge.seek(SeekFrom::Start(4)).unwrap(), 4);
        let mut rest = Vec::new();
        bridge.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, b"two\n");
    })
    .join()
    .unwrap();
}

#[test]
fn read_errors_come_through() {
    let rt = rt();
    let handle = rt.handle().clone();
    let mock = MockBuilder::new()
        .read_error(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "rst",
        ))
        .build();
    std::thread::spawn(move || {
        let mut bridge = SyncIoBridge::new_with_handle(mock, handle);
        let err = bridge.read(&mut [0u8; 4]).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::ConnectionReset);
    })
    .join()
    .unwrap();
}

#[test]
fn new_outside_a_runtime_panics() {
    let result = std::panic::catch_unwind(|| SyncIoBridge::new(&b""[..]));
    assert!(result.is_err());
}

#[test]
fn blocking_inside_an_async_task_panics() {
    let rt = rt();
    let result = rt.block_on(async {
        let handle = runtime_core::runtime::Handle::current();
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
            let mut bridge = SyncIoBridge::new_with_handle(&b"x"[..], handle);
            let mut buf = [0u8; 1];
            bridge.read(&mut buf)
        }))
    });
    assert!(result.is_err(), "blocking inside the runtime must panic");
}
