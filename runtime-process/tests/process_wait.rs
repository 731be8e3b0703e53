//! Waiting, killing, try_wait, cancellation and runtime changes.

mod support;

use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;

use runtime_core::io::AsyncReadExt;
use runtime_process::Command;
use support::{block_on, pid_exists};

#[test]
fn kill_then_wait_reports_the_signal() {
    block_on(async {
        let mut child = Command::new("sleep").arg("60").spawn().unwrap();
        child.kill().await.unwrap();
        let status = child.wait().await.unwrap();
        assert_eq!(status.signal(), Some(libc::SIGKILL));
        assert_eq!(status.code(), None);
        assert_eq!(child.id(), None);
        // Killing a reaped child is not an error.
        child.start_kill().unwrap();
        child.kill().await.unwrap();
    });
}

#[test]
fn start_kill_then_wait() {
    block_on(async {
        let mut child = Command::new("sleep").arg("60").spawn().unwrap();
        let pid = child.id().unwrap();
        child.start_kill().unwrap();
        // Still ours (a zombie at most) until we reap it.
        assert!(pid_exists(pid));
        let status = child.wait().await.unwrap();
        assert_eq!(status.signal(), Some(libc::SIGKILL));
    });
}

#[test]
fn try_wait_before_and_after_exit() {
    block_on(async {
        let mut child = Command::new("sh")
            .args(["-c", "read line; exit 3"])
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        assert_eq!(child.try_wait().unwrap(), None);
        assert!(child.id().is_some());
        // Closing stdin lets `read` return; wait closes it for us.
        let status = child.wait().await.unwrap();
        assert_eq!(status.code(), Some(3));
        assert_eq!(child.try_wait().unwrap(), Some(status));
        assert_eq!(child.wait().await.unwrap(), status);
        assert_eq!(child.id(), None);
    });
}

#[test]
fn try_wait_reaps_without_wait() {
    block_on(async {
        let mut child = Command::new("true").stdout(Stdio::piped()).spawn().unwrap();
        // `true` exits: its stdout reaches end-of-file first.
        let mut sink = Vec::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_end(&mut sink)
            .await
            .unwrap();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            runtime_core::task::yield_now().await;
        };
        assert!(status.success());
        assert_eq!(child.id(), None);
    });
}

#[test]
fn wait_is_cancel_safe() {
    block_on(async {
        let mut child = Command::new("sh")
            .args(["-c", "read line; exit 9"])
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        {
            // Poll wait once and drop it: the child must keep running.
            let wait = child.wait();
            futures::pin_mut!(wait);
            assert!(futures::poll!(wait.as_mut()).is_pending());
        }
        assert_eq!(child.try_wait().unwrap(), None);
        drop(stdin);
        assert_eq!(child.wait().await.unwrap().code(), Some(9));
    });
}

#[test]
fn concurrent_children_on_a_multi_thread_runtime() {
    let rt = support::multi_thread(2);
    rt.block_on(async {
        let mut handles = Vec::new();
        for i in 0..32 {
            handles.push(runtime_core::task::spawn(async move {
                let output = Command::new("sh")
                    .args(["-c", &format!("echo {i}; exit {}", i % 7)])
                    .output()
                    .await
                    .unwrap();
                (i, output)
            }));
        }
        for handle in handles {
            let (i, output) = handle.await.unwrap();
            assert_eq!(output.status.code(), Some(i % 7));
            assert_eq!(output.stdout, format!("{i}\n").into_bytes());
        }
    });
}

#[test]
fn child_outlives_the_runtime_that_spawned_it() {
    let mut child = block_on(async {
        Command::new("sh")
            .args(["-c", "read line; exit 6"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
    });
    // The first runtime is gone, with the driver the pidfd was registered
    // with. A second runtime waits for it (wait drops stdin, so it exits).
    let status = block_on(async { child.wait().await.unwrap() });
    assert_eq!(status.code(), Some(6));
}

#[test]
fn waited_in_another_runtime_while_the_first_lives() {
    // The first runtime's workers keep driving its I/O driver (with the
    // pidfd) while the second one waits, as in tokio. (A current-thread
    // runtime drives it only inside `block_on`.)
    let first = support::multi_thread(1);
    let mut child = first.block_on(async { Command::new("true").spawn().unwrap() });
    let status = block_on(async { child.wait().await.unwrap() });
    assert!(status.success());
    drop(first);
}

#[test]
#[should_panic(
    expected = "there is no reactor running, must be called from the context of a Tokio 1.x runtime"
)]
fn spawn_outside_a_runtime_panics() {
    let _ = Command::new("true")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn();
}

#[test]
#[should_panic(expected = "A Tokio 1.x context was found, but IO is disabled")]
fn spawn_without_the_io_driver_panics() {
    let rt = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let _ = Command::new("true").spawn();
    });
}
