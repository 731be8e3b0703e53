//! Futures that carry a runtime's context with them: [`TokioContext`] and
//! [`RuntimeExt`].
//!
//! A future that creates a socket or a timer looks up the *current* runtime
//! when it does, and panics if there is none or if that runtime lacks the
//! driver it needs. Such a future cannot simply be polled by another
//! executor, or by a runtime built without the driver. [`TokioContext`]
//! pairs the future with a [`Handle`] and enters that runtime's context
//! (`Handle::enter`) around every poll, so the lookups find the runtime of
//! the handle, whoever drives the future. The resources are then registered
//! with that runtime's drivers, and their events are processed by that
//! runtime's threads: its wake-ups reach the executor that polls the future
//! through the future's waker, as usual.
//!
//! The names are tokio-util's (`TokioContext` rather than a name of our
//! own) so that code ports by renaming the crate.
//!
//! # With the facade's `Runtime`
//!
//! [`RuntimeExt`] is implemented for runtime-core's
//! [`Runtime`]. runtime-util cannot depend on
//! the `runtime` facade, whose `runtime::runtime::Runtime` is a separate type
//! that dereferences to runtime-core's. Method calls find the trait through
//! that deref, so `rt.wrap(future)` works on the facade's runtime as written
//! for tokio; what does not is naming the facade's type where a
//! `RuntimeExt` bound is required (`fn f(rt: &impl RuntimeExt)` called with
//! the facade's runtime): pass `&*rt` (runtime-core's runtime) there, or use
//! [`TokioContext::new`] with `rt.handle().clone()`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use pin_project_lite::pin_project;
use runtime_core::runtime::{Handle, Runtime};

pin_project! {
    /// A future that runs inside the context of a given runtime, whichever
    /// executor polls it.
    ///
    /// Each poll of the wrapped future happens with the runtime behind the
    /// [`Handle`] entered as the current one, so that spawning, sockets and
    /// timers created by the future use that runtime and its drivers. Get a
    /// handle with [`Runtime::handle`], or wrap directly with
    /// [`RuntimeExt::wrap`].
    ///
    /// The runtime must outlive the future: once it has shut down, resources
    /// that depend on its drivers fail (timers panic, I/O returns errors).
    ///
    /// **Warning:** the wrapped future's timers fire and its I/O events are
    /// noticed only while the runtime's drivers are driven. A multi-thread
    /// runtime drives them on its own threads; a current-thread runtime only
    /// inside a call to its `block_on`. Prefer a multi-thread runtime for
    /// the handle (one worker thread is enough).
    ///
    /// # Examples
    ///
    /// `rt_time` has the time driver, `rt_plain` has none; the sleep, polled
    /// by `rt_plain`, uses `rt_time`'s timer.
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_core::runtime::Builder;
    /// use runtime_util::context::TokioContext;
    ///
    /// let rt_time = Builder::new_multi_thread()
    ///     .worker_threads(1)
    ///     .driver_layer(runtime_time::driver::layer())
    ///     .build()
    ///     .unwrap();
    /// let rt_plain = Builder::new_current_thread().build().unwrap();
    ///
    /// let future = TokioContext::new(
    ///     async { runtime_time::sleep(Duration::from_millis(2)).await },
    ///     rt_time.handle().clone(),
    /// );
    /// rt_plain.block_on(future);
    /// ```
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct TokioContext<F> {
        #[pin]
        inner: F,
        handle: Handle,
    }
}

impl<F> TokioContext<F> {
    /// Wraps `future` so that it is polled inside the context of the
    /// runtime behind `handle`.
    ///
    /// The handle does not keep the runtime alive; see the type's docs.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::{Builder, Handle};
    /// use runtime_util::context::TokioContext;
    ///
    /// let rt_a = Builder::new_current_thread().build().unwrap();
    /// let rt_b = Builder::new_current_thread().build().unwrap();
    ///
    /// // Polled by `rt_b`, the future sees `rt_a` as the current runtime.
    /// let id = rt_b.block_on(TokioContext::new(
    ///     async { Handle::current().id() },
    ///     rt_a.handle().clone(),
    /// ));
    /// assert_eq!(id, rt_a.handle().id());
    /// ```
    pub fn new(future: F, handle: Handle) -> TokioContext<F> {
        TokioContext {
            inner: future,
            handle,
        }
    }

    /// The handle of the runtime whose context the future runs in.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Builder;
    /// use runtime_util::context::RuntimeExt;
    ///
    /// let rt = Builder::new_current_thread().build().unwrap();
    /// let future = rt.wrap(async {});
    /// assert_eq!(future.handle().id(), rt.handle().id());
    /// ```
    pub fn handle(&self) -> &Handle {
        &self.handle
    }

    /// Unwraps the future, which from then on runs in whatever context its
    /// poller provides.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Builder;
    /// use runtime_util::context::RuntimeExt;
    ///
    /// let rt = Builder::new_current_thread().build().unwrap();
    /// let future = rt.wrap(async { 5 }).into_inner();
    /// assert_eq!(rt.block_on(future), 5);
    /// ```
    pub fn into_inner(self) -> F {
        self.inner
    }
}

impl<F> fmt::Debug for TokioContext<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The future is rarely `Debug`; the runtime is what matters here.
        f.debug_struct("TokioContext")
            .field("handle", &self.handle)
            .finish_non_exhaustive()
    }
}

impl<F: Future> Future for TokioContext<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        // Restores the poller's context (if any) when the poll returns or
        // unwinds.
        let _enter = this.handle.enter();
        this.inner.poll(cx)
    }
}

/// Wraps futures in the context of a runtime: a shorthand for
/// [`TokioContext::new`] with the runtime's handle.
///
/// Implemented for runtime-core's [`Runtime`]; on the facade's
/// `runtime::runtime::Runtime`, `rt.wrap(future)` works through its deref
/// to that type (see the [module docs](self) for the limits).
pub trait RuntimeExt {
    /// Wraps `fut` in a [`TokioContext`] that polls it inside this runtime's
    /// context.
    ///
    /// # Examples
    ///
    /// `rt_time` has the time driver, `rt_plain` has none: the sleep,
    /// driven by `rt_plain`, registers with `rt_time`'s timer.
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_core::runtime::Builder;
    /// use runtime_util::context::RuntimeExt;
    ///
    /// let rt_time = Builder::new_multi_thread()
    ///     .worker_threads(1)
    ///     .driver_layer(runtime_time::driver::layer())
    ///     .build()
    ///     .unwrap();
    /// let rt_plain = Builder::new_multi_thread().worker_threads(1).build().unwrap();
    ///
    /// let future = rt_time.wrap(async { runtime_time::sleep(Duration::from_millis(2)).await });
    /// rt_plain.block_on(future);
    /// ```
    fn wrap<F: Future>(&self, fut: F) -> TokioContext<F>;
}

impl RuntimeExt for Runtime {
    fn wrap<F: Future>(&self, fut: F) -> TokioContext<F> {
        TokioContext::new(fut, self.handle().clone())
    }
}
