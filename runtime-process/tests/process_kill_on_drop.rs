//! `kill_on_drop`, and children dropped without being waited for.

mod support;

use std::process::Stdio;

use runtime_core::io::AsyncReadExt;
use runtime_process::Command;
use support::block_on;

#[test]
fn kill_on_drop_kills_the_child() {
    block_on(async {
        // The grandchild-free `sleep` holds the write end of our stdout pipe:
        // the pipe reports end-of-file only once it is dead.
        let mut child = Command::new("sleep")
            .arg("60")
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        drop(child);
        let mut buf = Vec::new();
        assert_eq!(stdout.read_to_end(&mut buf).await.unwrap(), 0);
    });
}

#[test]
fn without_kill_on_drop_the_child_keeps_running() {
    block_on(async {
        let mut child = Command::new("sh")
            .args(["-c", "read line; echo survived"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = child.stdout.take().unwrap();
        drop(child);
        drop(stdin); // `read` returns: the orphan goes on and prints.
        let mut text = String::new();
        stdout.read_to_string(&mut text).await.unwrap();
        assert_eq!(text, "survived\n");
    });
}

#[test]
fn kill_on_drop_of_a_status_future() {
    block_on(async {
        let mut child = Command::new("sh")
            .args(["-c", "sleep 60 & wait"])
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let pid = child.id().unwrap();
        let stdout = child.stdout.take().unwrap();
        drop(child);
        drop(stdout);
        // The shell was killed; it may linger as a zombie only until the
        // orphan reaper collects it, after which the pid is gone.
        for _ in 0..2000 {
            if !support::pid_exists(pid) {
                return;
            }
            runtime_core::task::yield_now().await;
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        panic!("the killed child {pid} was never reaped");
    });
}

#[test]
fn kill_on_drop_is_off_after_a_successful_kill_or_wait() {
    block_on(async {
        let mut child = Command::new("true").kill_on_drop(true).spawn().unwrap();
        assert!(child.wait().await.unwrap().success());
        drop(child); // nothing to kill: the pid is not ours any more.
    });
}
