//! Spawning, output capture, exit statuses, stdin piping, env and cwd.

mod support;

use std::io::ErrorKind;
use std::process::Stdio;

use runtime_core::io::{AsyncReadExt, AsyncWriteExt};
use runtime_process::Command;
use support::block_on;

#[test]
fn output_captures_stdout_and_stderr() {
    block_on(async {
        let output = Command::new("sh")
            .args(["-c", "echo out; echo err >&2; exit 4"])
            .output()
            .await
            .unwrap();
        assert_eq!(output.status.code(), Some(4));
        assert_eq!(output.stdout, b"out\n");
        assert_eq!(output.stderr, b"err\n");
    });
}

#[test]
fn status_reports_exit_codes() {
    block_on(async {
        assert!(Command::new("true").status().await.unwrap().success());
        let status = Command::new("false").status().await.unwrap();
        assert!(!status.success());
        assert_eq!(status.code(), Some(1));
        let status = Command::new("sh")
            .args(["-c", "exit 42"])
            .status()
            .await
            .unwrap();
        assert_eq!(status.code(), Some(42));
    });
}

#[test]
fn status_closes_pipes_so_the_child_sees_eof() {
    block_on(async {
        // `cat` reads its piped stdin to the end: `status` must close our
        // end or this would never finish.
        let status = Command::new("cat")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .status()
            .await
            .unwrap();
        assert!(status.success());
    });
}

#[test]
fn stdin_is_piped_to_cat_and_echoed_back() {
    block_on(async {
        let mut child = Command::new("cat")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut stdout = child.stdout.take().unwrap();
        // More than a pipe buffer, so writes must wait for `cat` to drain.
        let data: Vec<u8> = (0..256 * 1024).map(|i| (i % 251) as u8).collect();
        let expected = data.clone();
        let writer = async move {
            stdin.write_all(&data).await.unwrap();
            stdin.shutdown().await.unwrap();
        };
        let reader = async {
            let mut got = Vec::new();
            stdout.read_to_end(&mut got).await.unwrap();
            got
        };
        let ((), got) = futures::join!(writer, reader);
        assert_eq!(got.len(), expected.len());
        assert!(got == expected);
        assert!(child.wait().await.unwrap().success());
    });
}

#[test]
fn wait_with_output_closes_stdin_and_collects() {
    block_on(async {
        let mut child = Command::new("cat")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .as_mut()
            .unwrap()
            .write_all(b"line one\nline two\n")
            .await
            .unwrap();
        // stdin still in the child: wait_with_output must drop it first.
        let output = child.wait_with_output().await.unwrap();
        assert!(output.status.success());
        assert_eq!(output.stdout, b"line one\nline two\n");
        assert!(output.stderr.is_empty());
    });
}

#[test]
fn wait_with_output_of_taken_or_unpiped_streams_is_empty() {
    block_on(async {
        let mut child = Command::new("sh")
            .args(["-c", "echo hidden"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let output = child.wait_with_output().await.unwrap();
        assert!(output.stdout.is_empty());
        assert!(output.stderr.is_empty());
        let mut text = String::new();
        stdout.read_to_string(&mut text).await.unwrap();
        assert_eq!(text, "hidden\n");
    });
}

#[test]
fn env_and_current_dir_reach_the_child() {
    block_on(async {
        let output = Command::new("sh")
            .args(["-c", "echo $ONE-$TWO-${GONE:-unset}; pwd"])
            .env("ONE", "1")
            .envs([("TWO", "2"), ("GONE", "x")])
            .env_remove("GONE")
            .current_dir("/")
            .output()
            .await
            .unwrap();
        assert_eq!(output.stdout, b"1-2-unset\n/\n");

        let output = Command::new("/usr/bin/env")
            .env_clear()
            .env("ONLY", "this")
            .output()
            .await
            .unwrap();
        assert_eq!(output.stdout, b"ONLY=this\n");
    });
}

#[test]
fn arg0_and_process_group() {
    block_on(async {
        let output = Command::new("sh")
            .arg0("renamed")
            .args(["-c", "echo $0; ps -o pgid= -p $$ | tr -d ' '; echo $$"])
            .process_group(0)
            .output()
            .await
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        let lines: Vec<_> = text.lines().collect();
        assert_eq!(lines[0], "renamed");
        if lines.len() == 3 {
            // A new group is named after its leader, the child itself.
            assert_eq!(lines[1], lines[2]);
        }
    });
}

#[test]
fn missing_program_is_not_found() {
    block_on(async {
        let err = Command::new("/definitely/not/a/program")
            .spawn()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
        let err = Command::new("no-such-program-on-path-xyz")
            .output()
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
        let err = Command::new("no-such-program-on-path-xyz")
            .status()
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
    });
}

#[test]
fn not_executable_is_permission_denied() {
    block_on(async {
        let err = Command::new("/").spawn().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    });
}

#[test]
fn pre_exec_error_fails_the_spawn() {
    block_on(async {
        let mut command = Command::new("true");
        // SAFETY: the closure allocates nothing and takes no lock; it only
        // returns an error built from a raw errno.
        unsafe {
            command.pre_exec(|| Err(std::io::Error::from_raw_os_error(libc::EACCES)));
        }
        let err = command.spawn().unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EACCES));
    });
}

#[test]
fn std_conversions_keep_settings() {
    let mut std = std::process::Command::new("echo");
    std.arg("a");
    let mut command = Command::from(std);
    assert!(!command.get_kill_on_drop());
    command.kill_on_drop(true).arg("b");
    assert!(command.get_kill_on_drop());
    assert_eq!(command.as_std().get_program(), "echo");
    command.as_std_mut().arg("c");
    let args: Vec<_> = command.as_std().get_args().collect();
    assert_eq!(args, ["a", "b", "c"]);
    let debug = format!("{command:?}");
    assert!(debug.contains("kill_on_drop: true"), "{debug}");
    let std = command.into_std();
    assert_eq!(std.get_args().count(), 3);
}

#[test]
fn stdio_handles_convert_back_to_blocking_fds() {
    block_on(async {
        use std::io::Read;
        // Chain two children: the first's stdout becomes the second's stdin.
        let mut first = Command::new("echo")
            .arg("chained")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout: Stdio = first.stdout.take().unwrap().try_into().unwrap();
        let output = Command::new("cat").stdin(stdout).output().await.unwrap();
        assert_eq!(output.stdout, b"chained\n");
        assert!(first.wait().await.unwrap().success());

        let mut child = Command::new("echo")
            .arg("owned")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let fd = child.stdout.take().unwrap().into_owned_fd().unwrap();
        // SAFETY: fcntl(F_GETFL) only reads the flags of a descriptor we own.
        let flags = unsafe { libc::fcntl(std::os::fd::AsRawFd::as_raw_fd(&fd), libc::F_GETFL) };
        assert_eq!(flags & libc::O_NONBLOCK, 0);
        let mut text = String::new();
        std::fs::File::from(fd).read_to_string(&mut text).unwrap();
        assert_eq!(text, "owned\n");
        child.wait().await.unwrap();
    });
}

#[test]
fn from_std_adopts_std_pipes() {
    block_on(async {
        use std::os::fd::{AsFd, AsRawFd};

        let mut std_child = std::process::Command::new("cat")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin =
            runtime_process::ChildStdin::from_std(std_child.stdin.take().unwrap()).unwrap();
        let mut stdout =
            runtime_process::ChildStdout::from_std(std_child.stdout.take().unwrap()).unwrap();
        let stderr =
            runtime_process::ChildStderr::from_std(std_child.stderr.take().unwrap()).unwrap();
        assert_eq!(stdin.as_fd().as_raw_fd(), stdin.as_raw_fd());
        assert!(format!("{stdout:?}").starts_with("ChildStdout"));
        assert!(format!("{stderr:?}").starts_with("ChildStderr"));
        // SAFETY: fcntl(F_GETFL) only reads the flags of a live descriptor.
        let flags = unsafe { libc::fcntl(stdout.as_raw_fd(), libc::F_GETFL) };
        assert_ne!(flags & libc::O_NONBLOCK, 0);
        stdin.write_all(b"adopted").await.unwrap();
        drop(stdin);
        let mut text = String::new();
        stdout.read_to_string(&mut text).await.unwrap();
        assert_eq!(text, "adopted");
        assert!(std_child.wait().unwrap().success());
    });
}

#[test]
fn debug_shows_pid_then_status() {
    block_on(async {
        let mut child = Command::new("true").spawn().unwrap();
        let pid = child.id().unwrap();
        assert!(format!("{child:?}").contains(&format!("pid: {pid}")));
        child.wait().await.unwrap();
        assert!(format!("{child:?}").contains("status"));
    });
}
