//! [`Builder`]: writes the script of a [`Mock`].

use std::collections::VecDeque;
use std::io;
use std::time::Duration;

use runtime_core::loom::sync::Arc;

use super::{Action, Handle, Mock};

/// Builds the script of a [`Mock`] I/O object, step by step.
///
/// The steps run in order; see the [module documentation](super) for how
/// the mock checks the code under test against them. A `Builder` can be
/// cloned to build several mocks from one script.
///
/// # Examples
///
/// ```
/// use std::io;
/// use std::time::Duration;
///
/// let mock = runtime_test::io::Builder::new()
///     .name("client")
///     .read(b"HELLO\r\n")
///     .wait(Duration::from_millis(1))
///     .write(b"OK\r\n")
///     .read_error(io::Error::new(io::ErrorKind::ConnectionReset, "peer reset"))
///     .build();
/// # std::mem::forget(mock); // the script is not played here
/// ```
#[derive(Debug, Clone, Default)]
pub struct Builder {
    actions: VecDeque<Action>,
    name: String,
}

impl Builder {
    /// Starts an empty script: a mock that reads end of file and accepts no
    /// writes.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds bytes the code under test will read. They are delivered by one
    /// or more reads, never merged with the bytes of another step.
    pub fn read(&mut self, buf: &[u8]) -> &mut Self {
        self.actions.push_back(Action::Read(buf.to_vec()));
        self
    }

    /// Adds an error the code's next read gets.
    pub fn read_error(&mut self, error: io::Error) -> &mut Self {
        self.actions
            .push_back(Action::ReadError(Some(Arc::new(error))));
        self
    }

    /// Adds bytes the code under test must write next. They may be written
    /// in any number of pieces.
    pub fn write(&mut self, buf: &[u8]) -> &mut Self {
        self.actions.push_back(Action::Write(buf.to_vec()));
        self
    }

    /// Adds an error the code's next write gets.
    pub fn write_error(&mut self, error: io::Error) -> &mut Self {
        self.actions
            .push_back(Action::WriteError(Some(Arc::new(error))));
        self
    }

    /// Adds a pause: reads and writes return `Pending` until `duration` has
    /// passed since the pause began, and the mock then wakes the waiting
    /// task.
    ///
    /// The pause runs on the clock of the current runtime's timer, so with
    /// a paused clock (`start_paused`) it takes no real time, as tokio-test's
    /// does; without a runtime timer it sleeps on a helper thread.
    pub fn wait(&mut self, duration: Duration) -> &mut Self {
        if duration.is_zero() {
            return self;
        }
        self.actions.push_back(Action::Wait(duration));
        self
    }

    /// Names the mock, for its panic messages.
    pub fn name(&mut self, name: impl Into<String>) -> &mut Self {
        self.name = name.into();
        self
    }

    /// Builds a mock that plays this script.
    pub fn build(&mut self) -> Mock {
        Mock::new(self.actions.clone(), self.name.clone(), None)
    }

    /// Builds a mock that plays this script, and a [`Handle`] to add steps
    /// to it later.
    pub fn build_with_handle(&mut self) -> (Mock, Handle) {
        let (handle, shared) = Handle::new();
        let mock = Mock::new(self.actions.clone(), self.name.clone(), Some(shared));
        (mock, handle)
    }
}
