//! Unit tests of the parts integration tests cannot force: the thread
//! waiter on a kernel that has pidfds.

use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;

use crate::Command;
use crate::waiter::set_force_thread_waiter;

fn rt() -> runtime_core::runtime::Runtime {
    runtime_core::runtime::Builder::new_current_thread()
        .driver_layer(runtime_net::driver::layer())
        .build()
        .unwrap()
}

#[test]
#[cfg_attr(miri, ignore = "spawns processes")]
fn thread_waiter_waits_kills_and_reaps() {
    set_force_thread_waiter(true);
    rt().block_on(async {
        let mut child = Command::new("sh").args(["-c", "exit 5"]).spawn().unwrap();
        assert!(matches!(
            child.waiter_for_tests(),
            Some(crate::waiter::Waiter::Thread(None))
        ));
        assert_eq!(child.wait().await.unwrap().code(), Some(5));
        assert_eq!(child.id(), None);

        let mut child = Command::new("sleep").arg("60").spawn().unwrap();
        assert_eq!(child.try_wait().unwrap(), None);
        child.kill().await.unwrap();
        assert_eq!(
            child.try_wait().unwrap().unwrap().signal(),
            Some(libc::SIGKILL)
        );

        let output = Command::new("sh")
            .args(["-c", "echo thread"])
            .stdout(Stdio::piped())
            .output()
            .await
            .unwrap();
        assert_eq!(output.stdout, b"thread\n");

        // A dropped child is reaped by its orphan task's thread waiter.
        let child = Command::new("true").spawn().unwrap();
        let pid = child.id().unwrap();
        drop(child);
        let mut reaped = false;
        for _ in 0..2000 {
            // SAFETY: signal 0 only checks that the process exists.
            if unsafe { libc::kill(pid as libc::pid_t, 0) } == -1 {
                reaped = true;
                break;
            }
            runtime_core::task::yield_now().await;
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        assert!(reaped, "the dropped child {pid} was never reaped");
    });
    set_force_thread_waiter(false);
}
