//! [`Child`]: a spawned process, its pipes, and the future of its exit.
//!
//! The handle is either running (a `std::process::Child`, its [`Waiter`],
//! and the `kill_on_drop` flag) or done (the cached exit status, once it
//! has been reaped). It never blocks: `wait` awaits the waiter, `try_wait`
//! is one `waitpid(WNOHANG)`. When a running handle is dropped, it kills
//! the process if asked to, then hands it to the [orphan](crate::orphan)
//! machinery, which reaps it once it exits.

use std::fmt;
use std::future;
use std::io;
use std::process::{Child as StdChild, ExitStatus, Output};

use runtime_core::io::{AsyncRead, AsyncReadExt};
use runtime_core::task::coop;

use crate::orphan;
use crate::stdio::{ChildStderr, ChildStdin, ChildStdout};
use crate::waiter::Waiter;

/// A child process spawned by [`Command::spawn`](crate::Command::spawn).
///
/// Its exit is awaited with [`wait`](Child::wait) (or
/// [`wait_with_output`](Child::wait_with_output)); its pipes, when the
/// command asked for them, are in the public `stdin`, `stdout` and `stderr`
/// fields, to take and use on their own.
///
/// Dropping a `Child` does not stop the process, unless the command set
/// [`kill_on_drop`](crate::Command::kill_on_drop). Either way the process
/// is reaped in the background once it exits, on a best-effort basis; a
/// child you `wait` for is reaped for sure.
///
/// # Examples
///
/// ```
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// use runtime_process::Command;
///
/// let mut child = Command::new("sleep").arg("60").spawn()?;
/// assert!(child.id().is_some());
/// child.kill().await?;
/// assert_eq!(child.id(), None); // reaped
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub struct Child {
    state: State,
    /// The parent's end of the child's stdin, when the command set it to
    /// [`Stdio::piped`](std::process::Stdio::piped). Take it to write;
    /// dropping it closes the pipe. [`wait`](Child::wait) drops it first.
    pub stdin: Option<ChildStdin>,
    /// The parent's end of the child's stdout, when the command set it to
    /// [`Stdio::piped`](std::process::Stdio::piped).
    pub stdout: Option<ChildStdout>,
    /// The parent's end of the child's stderr, when the command set it to
    /// [`Stdio::piped`](std::process::Stdio::piped).
    pub stderr: Option<ChildStderr>,
}

enum State {
    Running(Running),
    /// Reaped: the pid may belong to another process now.
    Done(ExitStatus),
}

/// A process not reaped yet. Invariant: `std` has not been reaped (its
/// `try_wait` never returned a status), so its pid is still ours.
struct Running {
    std: StdChild,
    waiter: Waiter,
    /// Kill on drop; cleared once a kill was sent successfully.
    kill_on_drop: bool,
}

impl Child {
    /// Wraps a freshly spawned std child: registers its pipes and its exit
    /// waiter with the current runtime.
    #[track_caller]
    pub(crate) fn new(std: StdChild, kill_on_drop: bool) -> io::Result<Child> {
        // Should a registration fail (or panic: no I/O driver), the process
        // still runs; the guard hands it to the orphan list to be reaped.
        let mut guard = SpawnGuard(Some(std));
        let std = guard.0.as_mut().expect("set above");
        let stdin = std.stdin.take().map(ChildStdin::from_std).transpose()?;
        let stdout = std.stdout.take().map(ChildStdout::from_std).transpose()?;
        let stderr = std.stderr.take().map(ChildStderr::from_std).transpose()?;
        let waiter = Waiter::new(std.id())?;
        Ok(Child {
            state: State::Running(Running {
                std: guard.0.take().expect("set above"),
                waiter,
                kill_on_drop,
            }),
            stdin,
            stdout,
            stderr,
        })
    }

    /// The exit waiter of a running child (unit tests check which one).
    #[cfg(test)]
    pub(crate) fn waiter_for_tests(&self) -> Option<&Waiter> {
        match &self.state {
            State::Running(running) => Some(&running.waiter),
            State::Done(_) => None,
        }
    }

    /// The OS's process id, or `None` once the child has been reaped
    /// (after `wait` or `try_wait` returned its status), when the id may
    /// already name another process.
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use runtime_process::Command;
    ///
    /// let mut child = Command::new("true").spawn()?;
    /// assert!(child.id().is_some());
    /// child.wait().await?;
    /// assert_eq!(child.id(), None);
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn id(&self) -> Option<u32> {
        match &self.state {
            State::Running(running) => Some(running.std.id()),
            State::Done(_) => None,
        }
    }

    /// Sends `SIGKILL` to the child without waiting for it to die; follow
    /// with [`wait`](Child::wait) to reap it (or see [`kill`](Child::kill)).
    /// Once a kill was sent, `kill_on_drop` has nothing left to do.
    ///
    /// # Errors
    ///
    /// The OS's error from `kill(2)`. Killing a child that has already
    /// exited (reaped or not) is not an error.
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use std::os::unix::process::ExitStatusExt;
    ///
    /// use runtime_process::Command;
    ///
    /// let mut child = Command::new("sleep").arg("60").spawn()?;
    /// child.start_kill()?;
    /// let status = child.wait().await?;
    /// assert_eq!(status.signal(), Some(libc::SIGKILL));
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn start_kill(&mut self) -> io::Result<()> {
        match &mut self.state {
            State::Running(running) => {
                running.std.kill()?;
                running.kill_on_drop = false;
                Ok(())
            }
            State::Done(_) => Ok(()),
        }
    }

    /// Kills the child (`SIGKILL`) and waits until it is reaped.
    ///
    /// # Errors
    ///
    /// As for [`start_kill`](Child::start_kill) and [`wait`](Child::wait).
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: once the kill was sent, a new call (or `wait`) picks
    /// up the wait where it stopped.
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use std::os::unix::process::ExitStatusExt;
    ///
    /// use runtime_process::Command;
    ///
    /// let mut child = Command::new("sleep").arg("60").spawn()?;
    /// child.kill().await?;
    /// assert_eq!(child.try_wait()?.unwrap().signal(), Some(libc::SIGKILL));
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn kill(&mut self) -> io::Result<()> {
        self.start_kill()?;
        self.wait().await?;
        Ok(())
    }

    /// Waits for the child to exit and returns its status, reaping it. The
    /// status is kept: later calls (and `try_wait`) return it again.
    ///
    /// `stdin` is dropped first, so that a child reading its input to the
    /// end is not left waiting for more while we wait for it.
    ///
    /// # Errors
    ///
    /// When the OS cannot report the status (the pid was reaped behind our
    /// back, say by a `waitpid(-1)` elsewhere in the process).
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: dropping the future loses nothing, and the child keeps
    /// running; wait again to get the status.
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use runtime_process::Command;
    ///
    /// let mut child = Command::new("sh").args(["-c", "exit 7"]).spawn()?;
    /// assert_eq!(child.wait().await?.code(), Some(7));
    /// assert_eq!(child.wait().await?.code(), Some(7));
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn wait(&mut self) -> io::Result<ExitStatus> {
        drop(self.stdin.take());
        orphan::reap_orphans();
        let status = match &mut self.state {
            State::Done(status) => return Ok(*status),
            State::Running(running) => {
                future::poll_fn(|cx| {
                    // Each poll spends task budget, as tokio's does: a loop
                    // of `wait` calls on exited children cannot starve the
                    // other tasks of its worker.
                    let coop = std::task::ready!(coop::poll_proceed(cx));
                    let exit = running.waiter.poll_exit(&mut running.std, cx);
                    if exit.is_ready() {
                        coop.made_progress();
                    }
                    exit
                })
                .await?
            }
        };
        self.state = State::Done(status);
        Ok(status)
    }

    /// Returns the child's status if it has exited (reaping it), or `None`
    /// if it is still running, without waiting. Unlike `wait`, it leaves
    /// `stdin` open.
    ///
    /// # Errors
    ///
    /// As for [`wait`](Child::wait).
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use runtime_process::Command;
    ///
    /// let mut child = Command::new("sleep").arg("60").spawn()?;
    /// assert_eq!(child.try_wait()?, None);
    /// child.kill().await?;
    /// assert!(child.try_wait()?.is_some());
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn try_wait(&mut self) -> io::Result<Option<ExitStatus>> {
        match &mut self.state {
            State::Done(status) => Ok(Some(*status)),
            State::Running(running) => {
                let status = running.std.try_wait()?;
                if let Some(status) = status {
                    self.state = State::Done(status);
                }
                Ok(status)
            }
        }
    }

    /// Waits for the child to exit while reading all of its stdout and
    /// stderr, and returns the three. `stdin` is closed first; a stream
    /// that was not piped (or was taken out of the `Child`) gives an empty
    /// buffer.
    ///
    /// The reads and the wait run concurrently, so a child that fills a
    /// pipe does not deadlock with us.
    ///
    /// # Errors
    ///
    /// The first error from reading either pipe or from waiting.
    ///
    /// # Examples
    ///
    /// ```
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// use std::process::Stdio;
    ///
    /// use runtime_process::Command;
    ///
    /// let child = Command::new("echo").arg("captured").stdout(Stdio::piped()).spawn()?;
    /// let output = child.wait_with_output().await?;
    /// assert!(output.status.success());
    /// assert_eq!(output.stdout, b"captured\n");
    /// assert!(output.stderr.is_empty());
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn wait_with_output(mut self) -> io::Result<Output> {
        async fn read_all<R: AsyncRead + Unpin>(pipe: &mut Option<R>) -> io::Result<Vec<u8>> {
            let mut buf = Vec::new();
            if let Some(pipe) = pipe {
                pipe.read_to_end(&mut buf).await?;
            }
            Ok(buf)
        }

        let mut stdout_pipe = self.stdout.take();
        let mut stderr_pipe = self.stderr.take();
        let (status, stdout, stderr) = try_join3(
            self.wait(),
            read_all(&mut stdout_pipe),
            read_all(&mut stderr_pipe),
        )
        .await?;
        Ok(Output {
            status,
            stdout,
            stderr,
        })
    }
}

/// Runs three fallible futures concurrently; the first error wins.
async fn try_join3<A, B, C>(
    a: impl Future<Output = io::Result<A>>,
    b: impl Future<Output = io::Result<B>>,
    c: impl Future<Output = io::Result<C>>,
) -> io::Result<(A, B, C)> {
    use std::pin::pin;
    use std::task::Poll;

    let (mut a, mut b, mut c) = (pin!(a), pin!(b), pin!(c));
    let (mut ra, mut rb, mut rc) = (None, None, None);
    future::poll_fn(|cx| {
        if ra.is_none() {
            if let Poll::Ready(r) = a.as_mut().poll(cx) {
                ra = Some(r?);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(r) = b.as_mut().poll(cx) {
                rb = Some(r?);
            }
        }
        if rc.is_none() {
            if let Poll::Ready(r) = c.as_mut().poll(cx) {
                rc = Some(r?);
            }
        }
        if ra.is_some() && rb.is_some() && rc.is_some() {
            Poll::Ready(Ok((
                ra.take().unwrap(),
                rb.take().unwrap(),
                rc.take().unwrap(),
            )))
        } else {
            Poll::Pending
        }
    })
    .await
}

/// Owns a spawned process until its `Child` is complete.
struct SpawnGuard(Option<StdChild>);

impl Drop for SpawnGuard {
    fn drop(&mut self) {
        if let Some(child) = self.0.take() {
            orphan::push(child);
        }
    }
}

impl Drop for Child {
    fn drop(&mut self) {
        let State::Running(running) = std::mem::replace(
            &mut self.state,
            // A placeholder: the handle is going away.
            State::Done(ExitStatus::default()),
        ) else {
            return;
        };
        let Running {
            mut std,
            waiter,
            kill_on_drop,
        } = running;
        if kill_on_drop {
            // Best effort: a failed kill leaves the child running, reaped
            // like any orphan.
            let _ = std.kill();
        }
        orphan::adopt(std, waiter);
        orphan::reap_orphans();
    }
}

impl fmt::Debug for Child {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Child");
        match &self.state {
            State::Running(running) => d
                .field("pid", &running.std.id())
                .field("kill_on_drop", &running.kill_on_drop),
            State::Done(status) => d.field("status", status),
        };
        d.field("stdin", &self.stdin)
            .field("stdout", &self.stdout)
            .field("stderr", &self.stderr)
            .finish()
    }
}
