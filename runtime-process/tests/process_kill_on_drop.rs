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
fn a_child_killed_on_drop_is_then_reaped() {
    block_on(async {
        let mut child = Command::new("sleep")
            .arg("60")
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let pid = child.id().unwrap();
        let stdout = child.stdout.take().unwrap();
        drop(child);
        drop(stdout);
        // `sleep` was killed; it may linger as a zombie only until the
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

#[test]
fn a_child_held_by_a_task_is_killed_when_the_runtime_drops_the_task() {
    let rt = support::current_thread();
    let (pid, mut stdout) = rt.block_on(async {
        let mut child = Command::new("sleep")
            .arg("60")
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let pid = child.id().unwrap();
        let stdout = child.stdout.take().unwrap().into_owned_fd().unwrap();
        // The task never finishes: the runtime drops it (and the child) at
        // shutdown.
        runtime_core::task::spawn(async move {
            let _child = child;
            std::future::pending::<()>().await;
        });
        runtime_core::task::yield_now().await;
        (pid, std::fs::File::from(stdout))
    });
    drop(rt);
    // Killed: the pipe's only writer is gone.
    let mut buf = Vec::new();
    assert_eq!(
        std::io::Read::read_to_end(&mut stdout, &mut buf).unwrap(),
        0
    );
    // And reaped by the next spawn-and-wait (the orphan list).
    support::block_on(async {
        for _ in 0..2000 {
            Command::new("true").status().await.unwrap();
            if !support::pid_exists(pid) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        panic!("the killed child {pid} was never reaped");
    });
}
