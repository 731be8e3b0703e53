//! [`SignalKind`]: which signal to listen for.

use std::os::raw::c_int;

/// A signal number, as accepted by [`signal`](super::signal).
///
/// The constructors name the common signals; [`SignalKind::from_raw`] takes
/// any other (a real-time signal, say). Whether a number can be listened to
/// is checked by [`signal`](super::signal), not here.
///
/// # Examples
///
/// ```
/// use runtime_signal::unix::SignalKind;
///
/// let kind = SignalKind::user_defined1();
/// assert_eq!(kind.as_raw_value(), libc::SIGUSR1);
/// assert_eq!(SignalKind::from_raw(libc::SIGUSR1), kind);
/// assert_eq!(SignalKind::from(libc::SIGHUP), SignalKind::hangup());
/// assert_eq!(std::os::raw::c_int::from(SignalKind::terminate()), libc::SIGTERM);
/// ```
#[derive(Debug, Clone, Copy, Hash, PartialEq, Eq)]
pub struct SignalKind(c_int);

impl SignalKind {
    /// Any signal, by number: for the ones without a constructor here.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_signal::unix::SignalKind;
    ///
    /// # #[cfg(target_os = "linux")] {
    /// let realtime = SignalKind::from_raw(libc::SIGRTMIN() + 2);
    /// assert_eq!(realtime.as_raw_value(), libc::SIGRTMIN() + 2);
    /// # }
    /// ```
    pub const fn from_raw(signum: c_int) -> Self {
        SignalKind(signum)
    }

    /// The signal's number.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_signal::unix::SignalKind;
    ///
    /// assert_eq!(SignalKind::interrupt().as_raw_value(), libc::SIGINT);
    /// ```
    pub const fn as_raw_value(&self) -> c_int {
        self.0
    }

    /// `SIGALRM`: a real-time timer (`alarm(2)`, `setitimer(2)`) expired.
    /// Terminates the process by default.
    pub const fn alarm() -> Self {
        SignalKind(libc::SIGALRM)
    }

    /// `SIGCHLD`: a child process stopped, resumed or exited. Ignored by
    /// default.
    pub const fn child() -> Self {
        SignalKind(libc::SIGCHLD)
    }

    /// `SIGHUP`: the controlling terminal went away; daemons commonly take
    /// it as "reload your configuration". Terminates the process by default.
    pub const fn hangup() -> Self {
        SignalKind(libc::SIGHUP)
    }

    /// `SIGINFO`: a request for a status report (Ctrl-T on BSD terminals).
    /// Ignored by default. Only on the platforms that have it.
    #[cfg(any(
        target_os = "dragonfly",
        target_os = "freebsd",
        target_os = "macos",
        target_os = "netbsd",
        target_os = "openbsd",
        target_os = "illumos"
    ))]
    pub const fn info() -> Self {
        SignalKind(libc::SIGINFO)
    }

    /// `SIGINT`: an interrupt from the terminal (Ctrl-C). Terminates the
    /// process by default.
    pub const fn interrupt() -> Self {
        SignalKind(libc::SIGINT)
    }

    /// `SIGIO` (`SIGPOLL` on Haiku): I/O became possible on a descriptor set
    /// up for signal-driven I/O. Ignored by default.
    pub const fn io() -> Self {
        #[cfg(target_os = "haiku")]
        {
            SignalKind(libc::SIGPOLL)
        }
        #[cfg(not(target_os = "haiku"))]
        {
            SignalKind(libc::SIGIO)
        }
    }

    /// `SIGPIPE`: a write to a pipe or socket with no reader. Terminates the
    /// process by default (Rust programs start with it ignored).
    pub const fn pipe() -> Self {
        SignalKind(libc::SIGPIPE)
    }

    /// `SIGQUIT`: a quit request from the terminal (Ctrl-\\). Terminates the
    /// process with a core dump by default.
    pub const fn quit() -> Self {
        SignalKind(libc::SIGQUIT)
    }

    /// `SIGTERM`: a polite request to terminate (what `kill` sends by
    /// default). Terminates the process by default.
    pub const fn terminate() -> Self {
        SignalKind(libc::SIGTERM)
    }

    /// `SIGUSR1`: for the application's own use. Terminates the process by
    /// default.
    pub const fn user_defined1() -> Self {
        SignalKind(libc::SIGUSR1)
    }

    /// `SIGUSR2`: for the application's own use. Terminates the process by
    /// default.
    pub const fn user_defined2() -> Self {
        SignalKind(libc::SIGUSR2)
    }

    /// `SIGWINCH`: the terminal window changed size. Ignored by default.
    pub const fn window_change() -> Self {
        SignalKind(libc::SIGWINCH)
    }
}

impl From<c_int> for SignalKind {
    fn from(signum: c_int) -> Self {
        SignalKind::from_raw(signum)
    }
}

impl From<SignalKind> for c_int {
    fn from(kind: SignalKind) -> Self {
        kind.as_raw_value()
    }
}
