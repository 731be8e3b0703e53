//! The scripted mock I/O: reads, writes, errors, pauses, the handle, and the
//! panics that catch code straying from the script.

use std::io;
use std::pin::Pin;
use std::task::Poll;
use std::time::Duration;

use runtime_core::io::{AsyncRead, AsyncWrite, ReadBuf};
use runtime_test::io::{Builder, Mock};
use runtime_test::{assert_pending, assert_ready, assert_ready_err, assert_ready_ok, task};

fn read(t: &mut task::Spawn<()>, mock: &mut Mock, cap: usize) -> Poll<io::Result<Vec<u8>>> {
    let mut out = vec![0u8; cap];
    let mut buf = ReadBuf::new(&mut out);
    t.enter(|cx, _| Pin::new(&mut *mock).poll_read(cx, &mut buf))
        .map_ok(|()| buf.filled().to_vec())
}

fn write(t: &mut task::Spawn<()>, mock: &mut Mock, data: &[u8]) -> Poll<io::Result<usize>> {
    t.enter(|cx, _| Pin::new(&mut *mock).poll_write(cx, data))
}

#[test]
fn reads_are_delivered_step_by_step_then_eof() {
    let mut mock = Builder::new().read(b"abc").read(b"de").build();
    let mut t = task::spawn(());
    assert_eq!(assert_ready_ok!(read(&mut t, &mut mock, 2)), b"ab");
    assert_eq!(assert_ready_ok!(read(&mut t, &mut mock, 8)), b"c");
    assert_eq!(assert_ready_ok!(read(&mut t, &mut mock, 8)), b"de");
    assert_eq!(assert_ready_ok!(read(&mut t, &mut mock, 8)), b"");
    assert_eq!(assert_ready_ok!(read(&mut t, &mut mock, 8)), b"");
}

#[test]
fn writes_match_in_any_split() {
    let mut mock = Builder::new().write(b"hello").write(b" world").build();
    let mut t = task::spawn(());
    assert_eq!(assert_ready_ok!(write(&mut t, &mut mock, b"he")), 2);
    // One write may span two steps.
    assert_eq!(assert_ready_ok!(write(&mut t, &mut mock, b"llo wor")), 7);
    assert_eq!(assert_ready_ok!(write(&mut t, &mut mock, b"ld")), 2);
    assert_eq!(assert_ready_ok!(write(&mut t, &mut mock, b"")), 0);
    assert_ready_ok!(t.enter(|cx, _| Pin::new(&mut mock).poll_flush(cx)));
    assert_ready_ok!(t.enter(|cx, _| Pin::new(&mut mock).poll_shutdown(cx)));
}

#[test]
#[should_panic(expected = "unexpected write")]
fn wrong_bytes_panic() {
    let mut mock = Builder::new().write(b"yes").build();
    let mut t = task::spawn(());
    let _ = write(&mut t, &mut mock, b"no");
}

#[test]
#[should_panic(expected = "expects no more writes")]
fn write_past_the_script_panics() {
    let mut mock = Builder::new().read(b"x").build();
    let mut t = task::spawn(());
    let _ = write(&mut t, &mut mock, b"extra");
}

#[test]
#[should_panic(expected = "There is still data left to read.")]
fn drop_with_unread_bytes_panics() {
    let _mock = Builder::new().read(b"never read").build();
}

#[test]
#[should_panic(expected = "There is still data left to write.")]
fn drop_with_unwritten_bytes_panics() {
    let _mock = Builder::new().write(b"never written").build();
}

#[test]
#[should_panic(expected = "(mock \"client\")")]
fn the_name_is_in_panic_messages() {
    let _mock = Builder::new().name("client").read(b"x").build();
}

#[test]
fn unused_errors_do_not_panic_on_drop() {
    let _mock = Builder::new()
        .read_error(io::ErrorKind::Other.into())
        .write_error(io::ErrorKind::Other.into())
        .build();
}

#[test]
fn errors_are_returned_once_with_their_kind_and_message() {
    let mut mock = Builder::new()
        .read_error(io::Error::new(io::ErrorKind::ConnectionReset, "reset!"))
        .write_error(io::Error::new(io::ErrorKind::BrokenPipe, "pipe!"))
        .read(b"after")
        .build();
    let mut t = task::spawn(());
    let e = assert_ready_err!(read(&mut t, &mut mock, 8));
    assert_eq!(
        (e.kind(), e.to_string()),
        (io::ErrorKind::ConnectionReset, "reset!".into())
    );
    let e = assert_ready_err!(write(&mut t, &mut mock, b"x"));
    assert_eq!(
        (e.kind(), e.to_string()),
        (io::ErrorKind::BrokenPipe, "pipe!".into())
    );
    assert_eq!(assert_ready_ok!(read(&mut t, &mut mock, 8)), b"after");
}

#[test]
fn cloned_builder_gives_equivalent_errors() {
    let mut builder = Builder::new();
    builder.read_error(io::Error::new(io::ErrorKind::TimedOut, "late"));
    let mut a = builder.build();
    let mut b = builder.build();
    let mut t = task::spawn(());
    for mock in [&mut a, &mut b] {
        let e = assert_ready_err!(read(&mut t, mock, 8));
        assert_eq!(
            (e.kind(), e.to_string()),
            (io::ErrorKind::TimedOut, "late".into())
        );
    }
}

#[test]
fn read_waits_for_a_scripted_write_first() {
    let mut mock = Builder::new().write(b"req").read(b"resp").build();
    let mut reader = task::spawn(());
    let mut writer = task::spawn(());
    assert_pending!(read(&mut reader, &mut mock, 8));
    assert!(!reader.is_woken());
    assert_eq!(assert_ready_ok!(write(&mut writer, &mut mock, b"req")), 3);
    assert!(reader.is_woken());
    assert_eq!(assert_ready_ok!(read(&mut reader, &mut mock, 8)), b"resp");
}

#[test]
fn write_may_run_ahead_of_reads() {
    let mut mock = Builder::new().read(b"hello").write(b"hi").build();
    let mut t = task::spawn(());
    assert_eq!(assert_ready_ok!(write(&mut t, &mut mock, b"hi")), 2);
    assert_eq!(assert_ready_ok!(read(&mut t, &mut mock, 8)), b"hello");
}

#[test]
fn write_behind_a_pause_waits_for_reads_then_the_pause() {
    let mut mock = Builder::new()
        .read(b"r")
        .wait(Duration::from_millis(1))
        .write(b"w")
        .build();
    let mut writer = task::spawn(());
    let mut reader = task::spawn(());
    assert_pending!(write(&mut writer, &mut mock, b"w"));
    assert_eq!(assert_ready_ok!(read(&mut reader, &mut mock, 8)), b"r");
    assert!(writer.is_woken());
    runtime_test::block_on(futures::future::poll_fn(|cx| {
        Pin::new(&mut mock).poll_write(cx, b"w")
    }))
    .unwrap();
}

fn paused_runtime() -> runtime_core::runtime::Runtime {
    runtime_core::runtime::Builder::new_current_thread()
        .driver_layer(runtime_time::driver::layer())
        .start_paused(true)
        .build()
        .unwrap()
}

#[test]
fn wait_holds_reads_for_the_duration_on_the_runtime_clock() {
    let rt = paused_runtime();
    rt.block_on(async {
        let pause = Duration::from_secs(3600);
        let mut mock = Builder::new().read(b"a").wait(pause).read(b"b").build();
        let start = runtime_time::Instant::now();
        let mut out = [0u8; 8];
        let n = futures::AsyncReadExt::read(&mut Compat(&mut mock), &mut out)
            .await
            .unwrap();
        assert_eq!(&out[..n], b"a");
        let n = futures::AsyncReadExt::read(&mut Compat(&mut mock), &mut out)
            .await
            .unwrap();
        assert_eq!(&out[..n], b"b");
        // The pause took exactly its length on the (paused) runtime clock.
        runtime_test::assert_elapsed!(start, pause);
    });
}

#[test]
fn a_pause_does_not_spin() {
    let rt = paused_runtime();
    let _guard = rt.enter();
    let mut mock = Builder::new()
        .wait(Duration::from_secs(60))
        .read(b"b")
        .build();
    let mut t = task::spawn(());
    assert_pending!(read(&mut t, &mut mock, 8));
    // Pending without asking to be polled again at once: the timer wakes
    // the task when the pause is over.
    assert!(!t.is_woken());
    let out = rt
        .block_on(futures::future::poll_fn(|cx| {
            let mut out = [0u8; 8];
            let mut buf = ReadBuf::new(&mut out);
            Pin::new(&mut mock)
                .poll_read(cx, &mut buf)
                .map_ok(|()| buf.filled().to_vec())
        }))
        .unwrap();
    assert_eq!(out, b"b");
}

#[test]
fn wait_without_a_runtime_timer_wakes_the_task() {
    let pause = Duration::from_millis(5);
    let mut mock = Builder::new().read(b"a").wait(pause).read(b"b").build();
    // No runtime at all: the pause sleeps on a helper thread, which wakes
    // the executor's task (this would hang if it did not).
    let out = futures::executor::block_on(async {
        let mut out = [0u8; 8];
        let a = futures::AsyncReadExt::read(&mut Compat(&mut mock), &mut out).await?;
        assert_eq!(&out[..a], b"a");
        let b = futures::AsyncReadExt::read(&mut Compat(&mut mock), &mut out).await?;
        io::Result::Ok(out[..b].to_vec())
    })
    .unwrap();
    assert_eq!(out, b"b");
}

/// Reads a mock through futures-io, so that the tests can use `futures`'
/// read helpers.
struct Compat<'a>(&'a mut Mock);

impl futures::AsyncRead for Compat<'_> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        out: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        let mut buf = ReadBuf::new(out);
        Pin::new(&mut *self.get_mut().0)
            .poll_read(cx, &mut buf)
            .map_ok(|()| buf.filled().len())
    }
}

#[test]
fn zero_wait_is_no_step() {
    let mut mock = Builder::new().wait(Duration::ZERO).read(b"x").build();
    let mut t = task::spawn(());
    assert_eq!(assert_ready_ok!(read(&mut t, &mut mock, 8)), b"x");
}

#[test]
fn handle_adds_steps_at_run_time() {
    let (mut mock, mut handle) = Builder::new().read(b"first").build_with_handle();
    let mut t = task::spawn(());
    assert_eq!(assert_ready_ok!(read(&mut t, &mut mock, 8)), b"first");
    assert_pending!(read(&mut t, &mut mock, 8));
    handle.read(b"second").write(b"reply");
    assert!(t.is_woken());
    assert_eq!(assert_ready_ok!(read(&mut t, &mut mock, 8)), b"second");
    assert_eq!(assert_ready_ok!(write(&mut t, &mut mock, b"reply")), 5);

    // A write with nothing scripted waits for the handle.
    assert_pending!(write(&mut t, &mut mock, b"more"));
    handle.write(b"more");
    assert!(t.is_woken());
    assert_eq!(assert_ready_ok!(write(&mut t, &mut mock, b"more")), 4);

    handle.read_error(io::ErrorKind::UnexpectedEof.into());
    let e = assert_ready_err!(read(&mut t, &mut mock, 8));
    assert_eq!(e.kind(), io::ErrorKind::UnexpectedEof);
    handle.write_error(io::ErrorKind::WriteZero.into());
    let e = assert_ready_err!(write(&mut t, &mut mock, b"x"));
    assert_eq!(e.kind(), io::ErrorKind::WriteZero);

    // Dropping the handle ends the script: EOF for reads.
    assert_pending!(read(&mut t, &mut mock, 8));
    drop(handle);
    assert!(t.is_woken());
    assert_eq!(assert_ready_ok!(read(&mut t, &mut mock, 8)), b"");
}

#[test]
#[should_panic(expected = "There is still data left to read.")]
fn steps_added_by_the_handle_are_checked_on_drop() {
    let (mock, mut handle) = Builder::new().build_with_handle();
    handle.read(b"unread");
    drop(handle);
    drop(mock);
}

#[test]
fn mock_does_not_panic_again_while_unwinding() {
    let result = std::panic::catch_unwind(|| {
        let _mock = Builder::new().read(b"unread").build();
        panic!("the test's own failure");
    });
    let err = result.unwrap_err();
    assert_eq!(err.downcast_ref::<&str>(), Some(&"the test's own failure"));
}

#[test]
fn ready_macro_on_mock_read() {
    let mut mock = Builder::new().read(b"z").build();
    let mut t = task::spawn(());
    let r = assert_ready!(read(&mut t, &mut mock, 1));
    assert_eq!(r.unwrap(), b"z");
}

#[test]
fn write_behind_reads_waits_for_them_then_gets_the_write_error() {
    let mut mock = Builder::new()
        .read(b"hello")
        .write_error(io::Error::other("no thanks"))
        .build();
    let mut writer = task::spawn(());
    let mut reader = task::spawn(());
    // The write error lies behind a read: the write waits for it.
    assert_pending!(write(&mut writer, &mut mock, b"reply"));
    assert_eq!(assert_ready_ok!(read(&mut reader, &mut mock, 8)), b"hello");
    assert!(writer.is_woken());
    let err = assert_ready_err!(write(&mut writer, &mut mock, b"reply"));
    assert_eq!(err.to_string(), "no thanks");
}
