//! `File`: reads, writes, seeks and their interleavings, background write
//! errors, the maximum buffer size, and conversions.

mod support;

use std::io::{self, SeekFrom, Write as _};
use std::pin::Pin;

use runtime_core::io::{AsyncReadExt, AsyncSeek, AsyncSeekExt, AsyncWriteExt};
use runtime_fs::{File, OpenOptions};
use support::{TempDir, block_on, block_on_multi, pattern};

#[test]
fn write_then_read_round_trip() {
    let dir = TempDir::new("round-trip");
    let path = dir.join("f");
    block_on(async {
        let mut file = File::create(&path).await.unwrap();
        file.write_all(b"hello, ").await.unwrap();
        file.write_all(b"world").await.unwrap();
        file.flush().await.unwrap();
        drop(file);

        let mut contents = String::new();
        let mut file = File::open(&path).await.unwrap();
        file.read_to_string(&mut contents).await.unwrap();
        assert_eq!(contents, "hello, world");
        // At the end, reads return 0 bytes.
        let mut byte = [0u8; 1];
        assert_eq!(file.read(&mut byte).await.unwrap(), 0);
    });
}

#[test]
fn round_trip_on_multi_thread_runtime() {
    let dir = TempDir::new("round-trip-mt");
    let path = dir.join("f");
    block_on_multi(async {
        let mut file = File::create(&path).await.unwrap();
        file.write_all(&pattern(100_000)).await.unwrap();
        file.shutdown().await.unwrap();
        assert_eq!(runtime_fs::read(&path).await.unwrap(), pattern(100_000));
    });
}

#[test]
fn open_missing_file_is_not_found() {
    let dir = TempDir::new("open-missing");
    block_on(async {
        let err = File::open(dir.join("missing")).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    });
}

#[test]
fn create_truncates_existing_file() {
    let dir = TempDir::new("create-truncates");
    let path = dir.join("f");
    std::fs::write(&path, b"long old contents").unwrap();
    block_on(async {
        let mut file = File::create(&path).await.unwrap();
        file.write_all(b"new").await.unwrap();
        file.flush().await.unwrap();
    });
    assert_eq!(std::fs::read(&path).unwrap(), b"new");
}

#[test]
fn create_new_on_existing_file_is_already_exists() {
    let dir = TempDir::new("create-new");
    let path = dir.join("f");
    block_on(async {
        let mut file = File::create_new(&path).await.unwrap();
        file.write_all(b"first").await.unwrap();
        file.flush().await.unwrap();

        let err = File::create_new(&path).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        // The existing file is untouched.
        assert_eq!(runtime_fs::read(&path).await.unwrap(), b"first");
    });
}

#[test]
fn create_new_opens_for_reading_and_writing() {
    let dir = TempDir::new("create-new-rw");
    let path = dir.join("f");
    block_on(async {
        let mut file = File::create_new(&path).await.unwrap();
        file.write_all(b"abc").await.unwrap();
        file.rewind().await.unwrap();
        let mut contents = vec![];
        file.read_to_end(&mut contents).await.unwrap();
        assert_eq!(contents, b"abc");
    });
}

#[test]
fn append_writes_at_the_end() {
    let dir = TempDir::new("append");
    let path = dir.join("f");
    std::fs::write(&path, b"one\n").unwrap();
    block_on(async {
        let mut file = OpenOptions::new().append(true).open(&path).await.unwrap();
        file.write_all(b"two\n").await.unwrap();
        // A seek does not move where an appending write lands.
        file.seek(SeekFrom::Start(0)).await.unwrap();
        file.write_all(b"three\n").await.unwrap();
        file.flush().await.unwrap();
    });
    assert_eq!(std::fs::read(&path).unwrap(), b"one\ntwo\nthree\n");
}

#[test]
fn truncate_option_empties_the_file() {
    let dir = TempDir::new("truncate");
    let path = dir.join("f");
    std::fs::write(&path, b"0123456789").unwrap();
    block_on(async {
        let mut file = OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&path)
            .await
            .unwrap();
        assert_eq!(file.metadata().await.unwrap().len(), 0);
        file.write_all(b"ab").await.unwrap();
        file.flush().await.unwrap();
    });
    assert_eq!(std::fs::read(&path).unwrap(), b"ab");

    // Without truncate, a write overwrites in place.
    block_on(async {
        let mut file = OpenOptions::new().write(true).open(&path).await.unwrap();
        file.write_all(b"X").await.unwrap();
        file.flush().await.unwrap();
    });
    assert_eq!(std::fs::read(&path).unwrap(), b"Xb");
}

#[test]
fn seek_and_read_after_unflushed_write() {
    let dir = TempDir::new("seek-after-write");
    let path = dir.join("f");
    block_on(async {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .open(&path)
            .await
            .unwrap();
        file.write_all(b"hello world").await.unwrap();
        // No flush: the seek waits for the write in flight.
        assert_eq!(file.seek(SeekFrom::Start(6)).await.unwrap(), 6);
        let mut rest = String::new();
        file.read_to_string(&mut rest).await.unwrap();
        assert_eq!(rest, "world");
    });
}

#[test]
fn read_right_after_unflushed_write_waits_for_it() {
    let dir = TempDir::new("read-after-write");
    let path = dir.join("f");
    std::fs::write(&path, b"0123456789").unwrap();
    block_on(async {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .await
            .unwrap();
        file.write_all(b"ab").await.unwrap();
        // The read starts where the write ended.
        let mut rest = vec![];
        file.read_to_end(&mut rest).await.unwrap();
        assert_eq!(rest, b"23456789");
    });
}

#[test]
fn seek_counts_from_the_callers_cursor_not_the_read_ahead() {
    let dir = TempDir::new("seek-read-ahead");
    let path = dir.join("f");
    std::fs::write(&path, b"0123456789").unwrap();
    block_on(async {
        let mut file = File::open(&path).await.unwrap();
        let mut two = [0u8; 2];
        file.read_exact(&mut two).await.unwrap();
        assert_eq!(&two, b"01");
        // However much the file read ahead, the cursor is at 2.
        assert_eq!(file.stream_position().await.unwrap(), 2);
        assert_eq!(file.seek(SeekFrom::Current(3)).await.unwrap(), 5);
        file.read_exact(&mut two).await.unwrap();
        assert_eq!(&two, b"56");
        assert_eq!(file.seek(SeekFrom::End(-1)).await.unwrap(), 9);
        assert_eq!(file.read(&mut two).await.unwrap(), 1);
        assert_eq!(two[0], b'9');
    });
}

#[test]
fn small_reads_are_served_from_the_buffer() {
    let dir = TempDir::new("small-reads");
    let path = dir.join("f");
    std::fs::write(&path, b"abcdef").unwrap();
    block_on(async {
        let mut file = File::open(&path).await.unwrap();
        let mut big = [0u8; 4];
        assert_eq!(file.read(&mut big).await.unwrap(), 4);
        assert_eq!(&big, b"abcd");
        let mut one = [0u8; 1];
        assert_eq!(file.read(&mut one).await.unwrap(), 1);
        assert_eq!(&one, b"e");
        assert_eq!(file.read(&mut one).await.unwrap(), 1);
        assert_eq!(&one, b"f");
        assert_eq!(file.read(&mut one).await.unwrap(), 0);
    });
}

#[test]
fn write_after_partial_read_lands_at_the_callers_cursor() {
    let dir = TempDir::new("write-after-read");
    let path = dir.join("f");
    std::fs::write(&path, b"abcdef").unwrap();
    block_on(async {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .await
            .unwrap();
        let mut two = [0u8; 2];
        file.read_exact(&mut two).await.unwrap();
        file.write_all(b"XY").await.unwrap();
        file.flush().await.unwrap();
        let mut rest = vec![];
        file.read_to_end(&mut rest).await.unwrap();
        assert_eq!(rest, b"ef");
    });
    assert_eq!(std::fs::read(&path).unwrap(), b"abXYef");
}

/// The error kind the OS gives for writing to a read-only descriptor, as
/// std reports it.
fn read_only_write_error_kind(path: &std::path::Path) -> io::ErrorKind {
    std::fs::File::open(path)
        .unwrap()
        .write(b"x")
        .unwrap_err()
        .kind()
}

#[test]
fn flush_reports_a_background_write_error() {
    let dir = TempDir::new("flush-error");
    let path = dir.join("f");
    std::fs::write(&path, b"original").unwrap();
    let expected = read_only_write_error_kind(&path);
    block_on(async {
        let mut file = File::open(&path).await.unwrap();
        // The write is accepted: it runs in the background.
        assert_eq!(file.write(b"data").await.unwrap(), 4);
        let err = file.flush().await.unwrap_err();
        assert_eq!(err.kind(), expected);
        // Reported once.
        file.flush().await.unwrap();
    });
    assert_eq!(std::fs::read(&path).unwrap(), b"original");
}

#[test]
fn next_write_reports_the_previous_write_error() {
    let dir = TempDir::new("write-error");
    let path = dir.join("f");
    std::fs::write(&path, b"").unwrap();
    let expected = read_only_write_error_kind(&path);
    block_on(async {
        let mut file = File::open(&path).await.unwrap();
        file.write_all(b"first").await.unwrap();
        let err = file.write_all(b"second").await.unwrap_err();
        assert_eq!(err.kind(), expected);
    });
}

#[test]
fn write_error_seen_by_a_read_is_kept_for_the_next_flush() {
    let dir = TempDir::new("write-error-read");
    let path = dir.join("f");
    std::fs::write(&path, b"abc").unwrap();
    let expected = read_only_write_error_kind(&path);
    block_on(async {
        let mut file = File::open(&path).await.unwrap();
        file.write_all(b"zz").await.unwrap();
        // The read completes the failed write, then reads normally.
        let mut contents = vec![];
        file.read_to_end(&mut contents).await.unwrap();
        assert_eq!(contents, b"abc");
        let err = file.flush().await.unwrap_err();
        assert_eq!(err.kind(), expected);
        file.flush().await.unwrap();
    });
}

#[test]
fn sync_all_keeps_a_write_error_for_flush() {
    let dir = TempDir::new("sync-all-error");
    let path = dir.join("f");
    std::fs::write(&path, b"").unwrap();
    let expected = read_only_write_error_kind(&path);
    block_on(async {
        let mut file = File::open(&path).await.unwrap();
        file.write_all(b"zz").await.unwrap();
        file.sync_all().await.unwrap();
        assert_eq!(file.flush().await.unwrap_err().kind(), expected);
    });
}

#[test]
fn sync_all_and_sync_data_wait_for_the_write() {
    let dir = TempDir::new("sync");
    let path = dir.join("f");
    block_on(async {
        let mut file = File::create(&path).await.unwrap();
        file.write_all(b"abc").await.unwrap();
        file.sync_all().await.unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"abc");
        file.write_all(b"def").await.unwrap();
        file.sync_data().await.unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"abcdef");
    });
}

#[test]
fn set_len_truncates_and_extends() {
    let dir = TempDir::new("set-len");
    let path = dir.join("f");
    block_on(async {
        let mut file = File::create(&path).await.unwrap();
        file.write_all(b"hello, world!").await.unwrap();
        // Waits for the write in flight.
        file.set_len(5).await.unwrap();
        assert_eq!(runtime_fs::read(&path).await.unwrap(), b"hello");

        file.set_len(8).await.unwrap();
        assert_eq!(file.metadata().await.unwrap().len(), 8);
        assert_eq!(runtime_fs::read(&path).await.unwrap(), b"hello\0\0\0");
        // The cursor did not move: it is still after the 13 bytes written.
        assert_eq!(file.stream_position().await.unwrap(), 13);
    });
}

#[test]
fn set_len_on_read_only_file_fails() {
    let dir = TempDir::new("set-len-ro");
    let path = dir.join("f");
    std::fs::write(&path, b"abc").unwrap();
    block_on(async {
        let file = File::open(&path).await.unwrap();
        let err = file.set_len(1).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    });
    assert_eq!(std::fs::read(&path).unwrap(), b"abc");
}

#[test]
fn set_len_keeps_the_cursor_after_a_partial_read() {
    let dir = TempDir::new("set-len-read");
    let path = dir.join("f");
    std::fs::write(&path, b"0123456789").unwrap();
    block_on(async {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .await
            .unwrap();
        let mut two = [0u8; 2];
        file.read_exact(&mut two).await.unwrap();
        file.set_len(6).await.unwrap();
        let mut rest = vec![];
        file.read_to_end(&mut rest).await.unwrap();
        assert_eq!(rest, b"2345");
    });
}

#[test]
fn metadata_of_an_open_file() {
    let dir = TempDir::new("metadata");
    let path = dir.join("f");
    block_on(async {
        let mut file = File::create(&path).await.unwrap();
        file.write_all(&[7u8; 1234]).await.unwrap();
        file.flush().await.unwrap();
        let metadata = file.metadata().await.unwrap();
        assert!(metadata.is_file());
        assert_eq!(metadata.len(), 1234);
    });
}

#[test]
fn large_write_bigger_than_the_max_buffer_is_intact() {
    let dir = TempDir::new("large");
    let path = dir.join("f");
    let data = pattern(5 * 1024 * 1024 + 17);
    block_on(async {
        let mut file = File::create(&path).await.unwrap();
        // One write call takes at most the maximum buffer size.
        let n = file.write(&data).await.unwrap();
        assert_eq!(n, 2 * 1024 * 1024);
        file.write_all(&data[n..]).await.unwrap();
        file.flush().await.unwrap();

        let mut back = Vec::new();
        File::open(&path)
            .await
            .unwrap()
            .read_to_end(&mut back)
            .await
            .unwrap();
        assert!(back == data, "contents differ");
    });
}

#[test]
fn set_max_buf_size_bounds_each_read_and_write() {
    let dir = TempDir::new("max-buf");
    let path = dir.join("f");
    block_on(async {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .open(&path)
            .await
            .unwrap();
        assert_eq!(file.max_buf_size(), 2 * 1024 * 1024);
        file.set_max_buf_size(3);
        assert_eq!(file.max_buf_size(), 3);
        assert_eq!(file.write(b"abcdefgh").await.unwrap(), 3);
        file.write_all(b"defgh").await.unwrap();
        file.rewind().await.unwrap();

        let mut buf = [0u8; 8];
        assert_eq!(file.read(&mut buf).await.unwrap(), 3);
        assert_eq!(&buf[..3], b"abc");
        let mut rest = vec![];
        file.read_to_end(&mut rest).await.unwrap();
        assert_eq!(rest, b"defgh");

        // A clone keeps the setting.
        assert_eq!(file.try_clone().await.unwrap().max_buf_size(), 3);
    });
}

#[test]
#[should_panic(expected = "max_buf_size")]
fn set_max_buf_size_zero_panics() {
    let mut file = File::from_std(tempfile_std("max-buf-zero"));
    file.set_max_buf_size(0);
}

/// An open std file in a fresh directory that is removed at once (the
/// file stays usable).
fn tempfile_std(tag: &str) -> std::fs::File {
    let dir = TempDir::new(tag);
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(dir.join("f"))
        .unwrap()
}

#[test]
fn dropping_a_file_mid_write_loses_nothing_flushed() {
    let dir = TempDir::new("drop-mid-write");
    let path = dir.join("f");
    let first = pattern(300_000);
    let second = vec![b'z'; 300_000];
    block_on(async {
        let mut file = File::create(&path).await.unwrap();
        file.write_all(&first).await.unwrap();
        file.flush().await.unwrap();
        // Accepted but not flushed: this write may still be in flight.
        file.write_all(&second).await.unwrap();
        drop(file);
    });
    let contents = std::fs::read(&path).unwrap();
    assert!(contents.len() >= first.len());
    assert!(contents[..first.len()] == first[..], "flushed data lost");
    // A write in flight at the drop either completed or never started.
    let tail = &contents[first.len()..];
    assert!(tail.is_empty() || tail == &second[..], "torn write");
}

#[test]
fn write_in_flight_completes_after_the_drop() {
    let dir = TempDir::new("drop-completes");
    let path = dir.join("f");
    let rt = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut file = File::create(&path).await.unwrap();
        file.write_all(b"in flight").await.unwrap();
        drop(file);
        // Nothing waits for the write any more; it still runs to the end
        // on the blocking pool. Re-read until it shows (bounded by the
        // write finishing, not by a timer).
        loop {
            if runtime_fs::read(&path).await.unwrap() == b"in flight" {
                break;
            }
            runtime_core::task::yield_now().await;
        }
    });
}

#[test]
fn try_clone_shares_the_cursor() {
    let dir = TempDir::new("try-clone");
    let path = dir.join("f");
    block_on(async {
        let mut file = File::create(&path).await.unwrap();
        file.write_all(b"ab").await.unwrap();
        let mut clone = file.try_clone().await.unwrap();
        clone.write_all(b"cd").await.unwrap();
        clone.flush().await.unwrap();
        file.write_all(b"ef").await.unwrap();
        file.flush().await.unwrap();
    });
    assert_eq!(std::fs::read(&path).unwrap(), b"abcdef");
}

#[test]
fn into_std_waits_for_the_write_in_flight() {
    let dir = TempDir::new("into-std");
    let path = dir.join("f");
    block_on(async {
        let mut file = File::create(&path).await.unwrap();
        file.write_all(b"abc").await.unwrap();
        let std_file = file.into_std().await;
        assert_eq!(std_file.metadata().unwrap().len(), 3);
    });
}

#[test]
fn try_into_std_gives_the_file_back_while_busy() {
    let dir = TempDir::new("try-into-std");
    let path = dir.join("f");
    block_on(async {
        let file = File::create(&path).await.unwrap();
        let mut file = file.try_into_std().map(File::from_std).unwrap();
        file.write_all(&pattern(1 << 20)).await.unwrap();
        // The write may or may not have finished; once flushed it has.
        let mut file = match file.try_into_std() {
            Ok(std) => File::from_std(std),
            Err(file) => file,
        };
        file.flush().await.unwrap();
        let std = file.try_into_std().expect("idle after flush");
        assert_eq!(std.metadata().unwrap().len(), 1 << 20);
    });
}

#[test]
fn start_seek_while_an_operation_is_pending_is_an_error() {
    let dir = TempDir::new("start-seek-busy");
    let path = dir.join("f");
    block_on(async {
        let mut file = File::create(&path).await.unwrap();
        file.write_all(b"abc").await.unwrap();
        // The write is still the pending operation until polled to
        // completion.
        let err = Pin::new(&mut file)
            .start_seek(SeekFrom::Start(0))
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::Other);
        file.flush().await.unwrap();
        assert_eq!(file.seek(SeekFrom::Start(1)).await.unwrap(), 1);
    });
}

#[test]
fn seek_before_the_start_is_invalid_input() {
    let dir = TempDir::new("seek-negative");
    let path = dir.join("f");
    std::fs::write(&path, b"abc").unwrap();
    block_on(async {
        let mut file = File::open(&path).await.unwrap();
        let err = file.seek(SeekFrom::Current(-1)).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        // The file is still usable.
        let mut contents = vec![];
        file.read_to_end(&mut contents).await.unwrap();
        assert_eq!(contents, b"abc");
    });
}

#[test]
fn vectored_write_takes_every_slice() {
    let dir = TempDir::new("vectored");
    let path = dir.join("f");
    block_on(async {
        let mut file = File::create(&path).await.unwrap();
        let bufs = [io::IoSlice::new(b"ab"), io::IoSlice::new(b"cd")];
        assert_eq!(file.write_vectored(&bufs).await.unwrap(), 4);
        file.flush().await.unwrap();
    });
    assert_eq!(std::fs::read(&path).unwrap(), b"abcd");
}

#[test]
fn permissions_of_an_open_file() {
    let dir = TempDir::new("file-perms");
    let path = dir.join("f");
    block_on(async {
        let file = File::create(&path).await.unwrap();
        let mut perms = file.metadata().await.unwrap().permissions();
        assert!(!perms.readonly());
        perms.set_readonly(true);
        file.set_permissions(perms).await.unwrap();
        assert!(file.metadata().await.unwrap().permissions().readonly());
    });
}

#[test]
fn set_times_and_set_modified() {
    use std::time::{Duration, SystemTime};

    let dir = TempDir::new("times");
    let path = dir.join("f");
    block_on(async {
        let mut file = File::create(&path).await.unwrap();
        let then = SystemTime::UNIX_EPOCH + Duration::from_secs(1_500_000_000);
        file.write_all(b"x").await.unwrap();
        // Waits for the write, which would otherwise bump the time later.
        file.set_modified(then).await.unwrap();
        assert_eq!(file.metadata().await.unwrap().modified().unwrap(), then);

        let accessed = then + Duration::from_secs(10);
        file.set_times(runtime_fs::FileTimes::new().set_accessed(accessed))
            .await
            .unwrap();
        let metadata = file.metadata().await.unwrap();
        assert_eq!(metadata.accessed().unwrap(), accessed);
        assert_eq!(metadata.modified().unwrap(), then);
    });
}

#[test]
fn conversions_and_debug() {
    use std::os::fd::{AsFd, AsRawFd, FromRawFd, IntoRawFd, OwnedFd};

    let std_file = tempfile_std("conversions");
    let raw = std_file.as_raw_fd();
    let file = File::from(std_file);
    assert_eq!(file.as_raw_fd(), raw);
    assert_eq!(file.as_fd().as_raw_fd(), raw);
    let debug = format!("{file:?}");
    assert!(
        debug.starts_with("runtime::fs::File { std: File { fd: "),
        "{debug}"
    );

    let std_file = file.try_into_std().unwrap();
    let owned = OwnedFd::from(std_file);
    let file = File::from(owned);
    assert_eq!(file.as_raw_fd(), raw);

    let fd = file.try_into_std().unwrap().into_raw_fd();
    // SAFETY: `fd` was just released by `into_raw_fd` and nothing else owns
    // it.
    let file = unsafe { File::from_raw_fd(fd) };
    assert_eq!(file.as_raw_fd(), fd);
}

#[test]
fn open_outside_a_runtime_panics() {
    use std::future::Future;
    use std::task::{Context, Waker};

    let dir = TempDir::new("no-runtime");
    let path = dir.join("f");
    let result = std::panic::catch_unwind(|| {
        let mut fut = std::pin::pin!(File::create(&path));
        let _ = fut.as_mut().poll(&mut Context::from_waker(Waker::noop()));
    });
    let payload = result.unwrap_err();
    let message = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap();
    assert!(message.contains("spawn_blocking"), "{message}");
    assert!(!path.exists());
}

#[test]
fn write_accepted_before_runtime_shutdown_is_not_lost() {
    let dir = TempDir::new("shutdown");
    // Dropping the runtime right after the write is accepted races the
    // blocking write against shutdown; the write must win every time.
    for i in 0..50 {
        let path = dir.join(&format!("{i}"));
        let rt = runtime_core::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let p = path.clone();
        rt.block_on(async move {
            let mut file = File::create(&p).await.unwrap();
            file.write_all(b"accepted").await.unwrap();
        });
        drop(rt);
        assert_eq!(std::fs::read(&path).unwrap(), b"accepted", "iteration {i}");
    }
}
