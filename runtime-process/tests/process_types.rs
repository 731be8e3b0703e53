//! Every public type and future is `Send`, `Sync` and `Unpin` where tokio's
//! are, so that they can move between tasks of a multi-thread runtime.

use std::future::Future;

use runtime_process::{Child, ChildStderr, ChildStdin, ChildStdout, Command};

fn send_sync_unpin<T: Send + Sync + Unpin>() {}
fn send<T: Send>(_: &T) {}
fn future_send<F: Future + Send>(_: &F) {}

#[test]
fn public_types_are_send_sync_unpin() {
    send_sync_unpin::<Command>();
    send_sync_unpin::<Child>();
    send_sync_unpin::<ChildStdin>();
    send_sync_unpin::<ChildStdout>();
    send_sync_unpin::<ChildStderr>();
}

#[allow(dead_code, unused_must_use)]
fn futures_are_send(mut command: Command, mut child: Child, other: Child) {
    let status = command.status();
    future_send(&status);
    let output = command.output();
    future_send(&output);
    // `status` and `output` do not borrow the command.
    drop(command);
    send(&status);
    future_send(&child.wait());
    future_send(&child.kill());
    future_send(&other.wait_with_output());
}
