//! Dropped children are reaped: no zombies accumulate. In its own test
//! binary (and a single test) because it inspects every child of this
//! process with `waitid(P_ALL)`.

mod support;

use std::process::Stdio;

use runtime_process::Command;

/// Whether this process has an exited, unreaped child (without reaping it).
fn has_zombie() -> bool {
    // SAFETY: `siginfo_t` is plain integers; all-zero is a valid value.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    // SAFETY: `info` is a live, writable siginfo_t for the call.
    let ret = unsafe {
        libc::waitid(
            libc::P_ALL,
            0,
            &mut info,
            libc::WEXITED | libc::WNOHANG | libc::WNOWAIT,
        )
    };
    if ret == -1 {
        // ECHILD: no children at all.
        assert_eq!(
            std::io::Error::last_os_error().raw_os_error(),
            Some(libc::ECHILD)
        );
        return false;
    }
    // SAFETY: after a successful waitid, `si_pid` is set (0 when no child
    // has changed state).
    unsafe { info.si_pid() != 0 }
}

/// Whether this process has any child at all.
fn has_children() -> bool {
    // SAFETY: as in `has_zombie`.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    // SAFETY: `info` is a live, writable siginfo_t for the call.
    let ret = unsafe {
        libc::waitid(
            libc::P_ALL,
            0,
            &mut info,
            libc::WEXITED | libc::WSTOPPED | libc::WNOHANG | libc::WNOWAIT,
        )
    };
    ret == 0
}

#[test]
fn dropped_children_are_reaped() {
    support::block_on(async {
        for _ in 0..64 {
            let child = Command::new("true").stdout(Stdio::null()).spawn().unwrap();
            drop(child);
        }
        for i in 0..64 {
            let child = Command::new("sh")
                .args(["-c", "exit 1"])
                .kill_on_drop(i % 2 == 0)
                .spawn()
                .unwrap();
            drop(child);
        }
        // Each orphan's task reaps it when it exits; give them the runtime.
        for _ in 0..4000 {
            if !has_children() {
                break;
            }
            runtime_core::task::yield_now().await;
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        assert!(!has_zombie(), "a dropped child was left a zombie");
        assert!(!has_children(), "a dropped child was never reaped");
    });

    // Dropped outside of any runtime task: the list, reaped by the next spawn.
    let rt = support::current_thread();
    let children: Vec<_> = rt.block_on(async {
        (0..16)
            .map(|_| Command::new("true").spawn().unwrap())
            .collect()
    });
    drop(rt);
    drop(children);
    let rt = support::current_thread();
    rt.block_on(async {
        // The orphans exit soon; each spawn-and-wait reaps the list.
        for _ in 0..4000 {
            Command::new("true").status().await.unwrap();
            if !has_children() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        panic!("orphans dropped outside a runtime were never reaped");
    });
}
