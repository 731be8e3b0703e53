//! `Handle`: a cheap, cloneable reference to a runtime.

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;

use super::context::{self, TryCurrentError};
use super::{Id, scheduler};
use crate::task::{self, JoinHandle};

/// A handle to a runtime: spawn onto it, enter it, look up its drivers.
///
/// Handles are cheap to clone and can be sent to any thread; they do not
/// keep the runtime running (tasks spawned after it shut down are cancelled
/// at once).
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::{Handle, Runtime};
///
/// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// let handle = rt.handle().clone();
/// let join = std::thread::spawn(move || handle.spawn(async { 7 }))
///     .join()
///     .unwrap();
/// assert_eq!(rt.block_on(join).unwrap(), 7);
/// ```
#[derive(Clone)]
pub struct Handle {
    pub(crate) inner: scheduler::Handle,
}

/// The kind of scheduler a runtime uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuntimeFlavor {
    /// `Builder::new_current_thread`.
    CurrentThread,
    /// `Builder::new_multi_thread`.
    MultiThread,
}

/// Leaves the runtime context entered with [`Handle::enter`] (or
/// `Runtime::enter`) when dropped.
#[must_use = "dropping the guard leaves the runtime context at once"]
pub struct EnterGuard<'a> {
    _guard: context::SetCurrentGuard,
    _handle: PhantomData<&'a Handle>,
    /// The guard restores this thread's context, so it must be dropped on
    /// this thread: `!Send` (but `Sync`, like a mutex guard).
    _not_send: PhantomData<std::sync::MutexGuard<'static, ()>>,
}

impl fmt::Debug for EnterGuard<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnterGuard").finish()
    }
}

impl Handle {
    /// Makes this runtime the current one on this thread until the guard is
    /// dropped, so that `spawn`, `Handle::current` and resources that need
    /// a driver work outside `block_on`.
    ///
    /// # Panics
    ///
    /// Dropping guards in another order than the reverse of their creation
    /// panics (each guard restores what the one before it replaced).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::{Handle, Runtime};
    ///
    /// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// let _guard = rt.handle().enter();
    /// assert_eq!(Handle::current().id(), rt.handle().id());
    /// ```
    pub fn enter(&self) -> EnterGuard<'_> {
        EnterGuard {
            _guard: context::set_current(&self.inner),
            _handle: PhantomData,
            _not_send: PhantomData,
        }
    }

    /// The handle of the current runtime.
    ///
    /// # Panics
    ///
    /// Panics outside a runtime context; see [`try_current`](Self::try_current).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::{Handle, Runtime};
    ///
    /// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// let id = rt.block_on(async { Handle::current().id() });
    /// assert_eq!(id, rt.handle().id());
    /// ```
    #[track_caller]
    pub fn current() -> Handle {
        match context::try_current() {
            Ok(inner) => Handle { inner },
            Err(e) => panic!("{e}"),
        }
    }

    /// The handle of the current runtime, or why there is none.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Handle;
    ///
    /// let err = Handle::try_current().unwrap_err();
    /// assert!(err.is_missing_context());
    /// ```
    pub fn try_current() -> Result<Handle, TryCurrentError> {
        context::try_current().map(|inner| Handle { inner })
    }

    /// Spawns a future onto the runtime.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Runtime;
    ///
    /// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// let join = rt.handle().spawn(async { "done" });
    /// assert_eq!(rt.block_on(join).unwrap(), "done");
    /// ```
    #[track_caller]
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        self.inner.spawn(future, task::Id::next())
    }

    /// Runs a blocking closure on the runtime's blocking pool.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Runtime;
    ///
    /// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// let join = rt.handle().spawn_blocking(|| std::thread::current().name().map(String::from));
    /// assert_eq!(rt.block_on(join).unwrap().as_deref(), Some("runtime-worker"));
    /// ```
    #[track_caller]
    pub fn spawn_blocking<F, R>(&self, func: F) -> JoinHandle<R>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        self.inner
            .blocking_spawner()
            .spawn_blocking(&self.inner, func)
    }

    /// Runs a future to completion on the current thread, with this runtime
    /// entered.
    ///
    /// On a current-thread runtime this does not drive the runtime's tasks
    /// or drivers: only `Runtime::block_on` does. Use it from threads
    /// outside the runtime (for instance in `spawn_blocking`).
    ///
    /// # Panics
    ///
    /// Panics when called from a thread that is driving a runtime (inside
    /// `block_on` or a task): use `.await` there.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Runtime;
    ///
    /// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// let handle = rt.handle().clone();
    /// let v = rt
    ///     .block_on(rt.spawn_blocking(move || handle.block_on(async { 5 })))
    ///     .unwrap();
    /// assert_eq!(v, 5);
    /// ```
    #[track_caller]
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        // `block_in_place` inside is allowed (it just runs its closure): this
        // thread is not a worker, whatever the runtime's flavour.
        let _enter = context::enter_runtime(&self.inner, true);
        crate::runtime::park_block_on::block_on(future)
    }

    /// The kind of scheduler.
    pub fn runtime_flavor(&self) -> RuntimeFlavor {
        match self.inner {
            scheduler::Handle::CurrentThread(_) => RuntimeFlavor::CurrentThread,
            scheduler::Handle::MultiThread(_) => RuntimeFlavor::MultiThread,
        }
    }

    /// The runtime's name, if [`Builder::name`](super::Builder::name) gave
    /// it one.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Builder;
    ///
    /// let rt = Builder::new_current_thread().build().unwrap();
    /// assert_eq!(rt.handle().name(), None);
    /// ```
    pub fn name(&self) -> Option<&str> {
        self.inner.name()
    }

    /// The runtime's id.
    pub fn id(&self) -> Id {
        self.inner.runtime_id()
    }

    /// The driver handle of type `T` that a driver layer registered when the
    /// runtime was built, or `None` if no such driver is installed.
    ///
    /// This is the lookup half of the driver seam: `runtime-net` and
    /// `runtime-time` call it once when a socket or timer is created.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Runtime;
    ///
    /// struct TimeHandle;
    /// let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// assert!(rt.handle().driver::<TimeHandle>().is_none());
    /// ```
    pub fn driver<T: Any + Send + Sync>(&self) -> Option<&T> {
        self.inner.registry().get::<T>()
    }

    /// Metrics about the runtime.
    pub fn metrics(&self) -> super::RuntimeMetrics {
        super::RuntimeMetrics::new(self.clone())
    }
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("id", &self.id())
            .field("flavor", &self.runtime_flavor())
            .finish()
    }
}

// As for `Runtime`: a caught panic leaves the runtime behind a handle
// consistent.
impl std::panic::UnwindSafe for Handle {}
impl std::panic::RefUnwindSafe for Handle {}
