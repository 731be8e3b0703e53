//! [`Command`]: a `std::process::Command` whose spawned [`Child`] is
//! awaited instead of blocked on.
//!
//! Every builder method forwards to the wrapped std command; the only state
//! of our own is the `kill_on_drop` flag, passed on to each spawned child.

use std::ffi::OsStr;
use std::fmt;
use std::future::Future;
use std::io;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command as StdCommand, ExitStatus, Output, Stdio};

use crate::child::Child;

/// A process builder, like `std::process::Command`, whose [`spawn`] hands
/// back a [`Child`] to `await`, with non-blocking pipes to its standard
/// streams.
///
/// The child's standard streams are inherited from the parent by default
/// for [`spawn`] and [`status`], and captured by [`output`].
///
/// [`spawn`]: Command::spawn
/// [`status`]: Command::status
/// [`output`]: Command::output
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
/// let output = Command::new("echo").arg("hello").arg("world").output().await?;
/// assert!(output.status.success());
/// assert_eq!(output.stdout, b"hello world\n");
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub struct Command {
    std: StdCommand,
    kill_on_drop: bool,
}

impl Command {
    /// A command that runs `program`, with no arguments, the parent's
    /// environment and working directory, and (for `spawn` and `status`)
    /// inherited standard streams.
    ///
    /// A `program` without a `/` is looked up in the `PATH`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_process::Command;
    ///
    /// let command = Command::new("sh");
    /// assert_eq!(command.as_std().get_program(), "sh");
    /// ```
    pub fn new<S: AsRef<OsStr>>(program: S) -> Command {
        Command::from(StdCommand::new(program))
    }

    /// The wrapped `std::process::Command`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_process::Command;
    ///
    /// let mut command = Command::new("ls");
    /// command.arg("-l");
    /// let args: Vec<_> = command.as_std().get_args().collect();
    /// assert_eq!(args, ["-l"]);
    /// ```
    pub fn as_std(&self) -> &StdCommand {
        &self.std
    }

    /// The wrapped `std::process::Command`, mutably, for the settings this
    /// type does not forward.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_process::Command;
    ///
    /// let mut command = Command::new("ls");
    /// command.as_std_mut().arg("-a");
    /// assert_eq!(command.as_std().get_args().count(), 1);
    /// ```
    pub fn as_std_mut(&mut self) -> &mut StdCommand {
        &mut self.std
    }

    /// Unwraps the `std::process::Command`. The `kill_on_drop` setting,
    /// which std does not have, is lost.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_process::Command;
    ///
    /// let mut command = Command::new("true");
    /// command.kill_on_drop(true);
    /// let status = command.into_std().status()?;
    /// assert!(status.success());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn into_std(self) -> StdCommand {
        self.std
    }

    /// Appends one argument, passed to the program as is (no shell
    /// splitting or quoting).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_process::Command;
    ///
    /// let mut command = Command::new("ls");
    /// command.arg("-l").arg("-a");
    /// assert_eq!(command.as_std().get_args().count(), 2);
    /// ```
    pub fn arg<S: AsRef<OsStr>>(&mut self, arg: S) -> &mut Command {
        self.std.arg(arg);
        self
    }

    /// Appends several arguments, each as is.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_process::Command;
    ///
    /// let mut command = Command::new("ls");
    /// command.args(["-l", "-a"]);
    /// assert_eq!(command.as_std().get_args().count(), 2);
    /// ```
    pub fn args<I, S>(&mut self, args: I) -> &mut Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.std.args(args);
        self
    }

    /// Sets (or overrides) one environment variable of the child.
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
    /// let output = Command::new("sh")
    ///     .args(["-c", "echo $GREETING"])
    ///     .env("GREETING", "hi")
    ///     .output()
    ///     .await?;
    /// assert_eq!(output.stdout, b"hi\n");
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn env<K, V>(&mut self, key: K, val: V) -> &mut Command
    where
        K: AsRef<OsStr>,
        V: AsRef<OsStr>,
    {
        self.std.env(key, val);
        self
    }

    /// Sets (or overrides) several environment variables of the child.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::collections::HashMap;
    ///
    /// use runtime_process::Command;
    ///
    /// let vars: HashMap<_, _> = [("A", "1"), ("B", "2")].into_iter().collect();
    /// let mut command = Command::new("env");
    /// command.env_clear().envs(&vars);
    /// assert_eq!(command.as_std().get_envs().count(), 2);
    /// ```
    pub fn envs<I, K, V>(&mut self, vars: I) -> &mut Command
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<OsStr>,
        V: AsRef<OsStr>,
    {
        self.std.envs(vars);
        self
    }

    /// Removes one environment variable from the child's environment
    /// (whether inherited or set earlier on this command).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_process::Command;
    ///
    /// let mut command = Command::new("env");
    /// command.env("PATH_TO_REMOVE", "x").env_remove("PATH_TO_REMOVE");
    /// let (key, value) = command.as_std().get_envs().next().unwrap();
    /// assert_eq!((key, value), ("PATH_TO_REMOVE".as_ref(), None));
    /// ```
    pub fn env_remove<K: AsRef<OsStr>>(&mut self, key: K) -> &mut Command {
        self.std.env_remove(key);
        self
    }

    /// Clears the child's environment: it inherits none of the parent's
    /// variables, only those set on this command afterwards.
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
    /// let output = Command::new("/usr/bin/env").env_clear().env("ONLY", "me").output().await?;
    /// assert_eq!(output.stdout, b"ONLY=me\n");
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn env_clear(&mut self) -> &mut Command {
        self.std.env_clear();
        self
    }

    /// Sets the child's working directory. A relative program path is
    /// resolved in a platform-specific way; prefer an absolute one when you
    /// set this.
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
    /// let output = Command::new("pwd").current_dir("/").output().await?;
    /// assert_eq!(output.stdout, b"/\n");
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn current_dir<P: AsRef<Path>>(&mut self, dir: P) -> &mut Command {
        self.std.current_dir(dir);
        self
    }

    /// Sets what the child's standard input is: [`Stdio::piped`] gives the
    /// parent a [`ChildStdin`](crate::ChildStdin) in [`Child::stdin`].
    /// Inherited by default for `spawn` and `status`, and for `output` too.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::process::Stdio;
    ///
    /// use runtime_process::Command;
    ///
    /// let mut command = Command::new("cat");
    /// command.stdin(Stdio::null());
    /// ```
    pub fn stdin<T: Into<Stdio>>(&mut self, cfg: T) -> &mut Command {
        self.std.stdin(cfg);
        self
    }

    /// Sets what the child's standard output is: [`Stdio::piped`] gives the
    /// parent a [`ChildStdout`](crate::ChildStdout) in [`Child::stdout`].
    /// Inherited by default for `spawn` and `status`, captured by `output`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::process::Stdio;
    ///
    /// use runtime_process::Command;
    ///
    /// let mut command = Command::new("ls");
    /// command.stdout(Stdio::null());
    /// ```
    pub fn stdout<T: Into<Stdio>>(&mut self, cfg: T) -> &mut Command {
        self.std.stdout(cfg);
        self
    }

    /// Sets what the child's standard error is: [`Stdio::piped`] gives the
    /// parent a [`ChildStderr`](crate::ChildStderr) in [`Child::stderr`].
    /// Inherited by default for `spawn` and `status`, captured by `output`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::process::Stdio;
    ///
    /// use runtime_process::Command;
    ///
    /// let mut command = Command::new("ls");
    /// command.stderr(Stdio::null());
    /// ```
    pub fn stderr<T: Into<Stdio>>(&mut self, cfg: T) -> &mut Command {
        self.std.stderr(cfg);
        self
    }

    /// Whether a [`Child`] spawned from this command is killed (`SIGKILL`)
    /// when its handle is dropped before the process was reaped. Off by
    /// default: like a std child, a dropped one keeps running, and is
    /// reaped in the background once it exits (best effort).
    ///
    /// Killing on drop is a last resort: the child gets no chance to clean
    /// up, and the kill is not awaited. Prefer [`Child::kill`] followed by
    /// [`Child::wait`] where you can.
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
    /// let child = Command::new("sleep").arg("60").kill_on_drop(true).spawn()?;
    /// drop(child); // the `sleep` is killed now
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn kill_on_drop(&mut self, kill_on_drop: bool) -> &mut Command {
        self.kill_on_drop = kill_on_drop;
        self
    }

    /// Whether children spawned from this command are killed on drop (see
    /// [`kill_on_drop`](Command::kill_on_drop)).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_process::Command;
    ///
    /// let mut command = Command::new("true");
    /// assert!(!command.get_kill_on_drop());
    /// command.kill_on_drop(true);
    /// assert!(command.get_kill_on_drop());
    /// ```
    pub fn get_kill_on_drop(&self) -> bool {
        self.kill_on_drop
    }

    /// Sets the child's user id (`setuid` before `exec`). Spawning fails if
    /// the parent may not take that id.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_process::Command;
    ///
    /// let mut command = Command::new("id");
    /// command.uid(1000);
    /// ```
    pub fn uid(&mut self, id: u32) -> &mut Command {
        self.std.uid(id);
        self
    }

    /// Sets the child's group id (`setgid` before `exec`). Spawning fails if
    /// the parent may not take that id.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_process::Command;
    ///
    /// let mut command = Command::new("id");
    /// command.gid(1000);
    /// ```
    pub fn gid(&mut self, id: u32) -> &mut Command {
        self.std.gid(id);
        self
    }

    /// Sets the child's `argv[0]`, the name it sees itself run as, instead
    /// of the program path.
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
    /// let output = Command::new("sh").arg0("my-shell").args(["-c", "echo $0"]).output().await?;
    /// assert_eq!(output.stdout, b"my-shell\n");
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn arg0<S>(&mut self, arg: S) -> &mut Command
    where
        S: AsRef<OsStr>,
    {
        self.std.arg0(arg);
        self
    }

    /// Puts the child in the process group `pgroup` (`setpgid`); `0` makes
    /// a new group whose id is the child's pid, so that, for instance, a
    /// terminal's Ctrl-C does not reach it.
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
    /// let status = Command::new("true").process_group(0).status().await?;
    /// assert!(status.success());
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn process_group(&mut self, pgroup: i32) -> &mut Command {
        self.std.process_group(pgroup);
        self
    }

    /// Runs `f` in the child after `fork` and before `exec`. An error it
    /// returns makes the spawn fail with that error (only its OS error code
    /// crosses over to the parent). Several closures run in the order they
    /// were added.
    ///
    /// # Safety
    ///
    /// `f` runs in a copy of the parent where only the forking thread
    /// exists: it must only do what is async-signal-safe (no allocation, no
    /// locks another thread may have held, no runtime), and it may only touch
    /// memory as `fork`'s rules allow. See
    /// [`std::os::unix::process::CommandExt::pre_exec`].
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
    /// let mut command = Command::new("true");
    /// // SAFETY: the closure only returns an OS error code; it allocates
    /// // nothing and takes no lock.
    /// unsafe {
    ///     command.pre_exec(|| Err(std::io::Error::from_raw_os_error(libc::EACCES)));
    /// }
    /// let err = command.spawn().unwrap_err();
    /// assert_eq!(err.kind(), std::io::ErrorKind::PermissionDenied);
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub unsafe fn pre_exec<F>(&mut self, f: F) -> &mut Command
    where
        F: FnMut() -> io::Result<()> + Send + Sync + 'static,
    {
        // SAFETY: the caller promises what std's `pre_exec` requires of `f`,
        // which our `# Safety` section states.
        unsafe { self.std.pre_exec(f) };
        self
    }

    /// Starts the program as a child process and returns its [`Child`]
    /// handle, with the pipes asked for in `stdin`/`stdout`/`stderr`
    /// registered with the current runtime.
    ///
    /// The child runs independently of the handle: dropping the handle does
    /// not stop it, unless [`kill_on_drop`](Command::kill_on_drop) is set.
    /// Either way a dropped child is reaped once it exits, on a best-effort
    /// basis (see the crate docs); await [`Child::wait`] for a firm
    /// guarantee.
    ///
    /// # Errors
    ///
    /// The OS's error: `NotFound` for a missing program, `PermissionDenied`
    /// for one that is not executable, `WouldBlock` when the process limit
    /// is reached.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver (with
    /// tokio's wording).
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
    /// let mut child = Command::new("sh").args(["-c", "exit 3"]).spawn()?;
    /// let status = child.wait().await?;
    /// assert_eq!(status.code(), Some(3));
    ///
    /// let err = Command::new("no-such-program-here").spawn().unwrap_err();
    /// assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[track_caller]
    pub fn spawn(&mut self) -> io::Result<Child> {
        if runtime_core::runtime::Handle::try_current().is_err() {
            // Before the process exists, rather than once its pipes fail to
            // register.
            panic!("{}", crate::NO_RUNTIME_MSG);
        }
        crate::orphan::reap_orphans();
        let child = self.std.spawn()?;
        Child::new(child, self.kill_on_drop)
    }

    /// Runs the command and waits for it to exit, returning its status.
    /// Standard streams are inherited unless configured otherwise; pipes
    /// asked for are closed at once (the child reads end-of-file and its
    /// writes fail).
    ///
    /// The command is spawned when `status` is called, not when the future
    /// is first polled. Dropping the future drops the [`Child`], with what
    /// [`kill_on_drop`](Command::kill_on_drop) says.
    ///
    /// # Errors
    ///
    /// As for [`spawn`](Command::spawn), and any error waiting.
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
    /// assert!(Command::new("true").status().await?.success());
    /// assert_eq!(Command::new("false").status().await?.code(), Some(1));
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[track_caller]
    pub fn status(&mut self) -> impl Future<Output = io::Result<ExitStatus>> + use<> {
        let spawned = self.spawn();
        async move {
            let mut child = spawned?;
            // Close our ends first: a child blocked on a pipe we hold would
            // never exit.
            drop(child.stdin.take());
            drop(child.stdout.take());
            drop(child.stderr.take());
            child.wait().await
        }
    }

    /// Runs the command, collects everything it writes to stdout and
    /// stderr, and waits for it to exit.
    ///
    /// Stdout and stderr are set to [`Stdio::piped`] (on this command, so
    /// the setting stays for later spawns); stdin stays as configured
    /// (inherited by default). The command is spawned when `output` is
    /// called.
    ///
    /// # Errors
    ///
    /// As for [`spawn`](Command::spawn), and any error reading the pipes or
    /// waiting.
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
    /// let output = Command::new("sh").args(["-c", "echo out; echo err >&2; exit 2"]).output().await?;
    /// assert_eq!(output.status.code(), Some(2));
    /// assert_eq!(output.stdout, b"out\n");
    /// assert_eq!(output.stderr, b"err\n");
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    #[track_caller]
    pub fn output(&mut self) -> impl Future<Output = io::Result<Output>> + use<> {
        self.std.stdout(Stdio::piped());
        self.std.stderr(Stdio::piped());
        let spawned = self.spawn();
        async move { spawned?.wait_with_output().await }
    }
}

impl From<StdCommand> for Command {
    /// Wraps a std command, with `kill_on_drop` off.
    fn from(std: StdCommand) -> Command {
        Command {
            std,
            kill_on_drop: false,
        }
    }
}

impl fmt::Debug for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Command")
            .field("std", &self.std)
            .field("kill_on_drop", &self.kill_on_drop)
            .finish()
    }
}
