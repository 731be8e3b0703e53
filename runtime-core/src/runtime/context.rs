//! The per-thread runtime context.
//!
//! One thread-local holds what "the current runtime" means on this thread:
//!
//! * `handle`: the runtime entered with `Runtime::enter`, `block_on` or on a
//!   worker thread; [`Handle::current`](super::Handle::current) and
//!   `spawn` read it.
//! * `runtime`: whether this thread is *driving* a runtime (inside
//!   `block_on` or a worker loop), in which case blocking it again with a
//!   nested `block_on` is refused with a panic that says what to do.
//! * `scheduler`: a scoped pointer to the scheduler state of the runtime
//!   being driven here, so that a task woken on its own worker is pushed to
//!   the local queue without locking.
//! * `current_task_id`: the task being polled, for [`task::id`](crate::task::id).
//!
//! The cooperative budget lives beside it, in `task/coop.rs`.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::ptr;

use super::scheduler;
use crate::task::Id;

struct Context {
    handle: RefCell<Option<scheduler::Handle>>,
    runtime: Cell<EnterRuntime>,
    scheduler: Cell<*const scheduler::Context>,
    current_task_id: Cell<Option<Id>>,
    /// How many `set_current` guards are alive, to catch guards dropped out
    /// of order.
    handle_depth: Cell<usize>,
}

thread_local! {
    static CONTEXT: Context = const {
        Context {
            handle: RefCell::new(None),
            runtime: Cell::new(EnterRuntime::NotEntered),
            scheduler: Cell::new(ptr::null()),
            current_task_id: Cell::new(None),
            handle_depth: Cell::new(0),
        }
    };
}

/// Whether this thread is driving a runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EnterRuntime {
    /// Driving a runtime; `allow_block_in_place` is true on multi-thread
    /// workers.
    Entered {
        allow_block_in_place: bool,
    },
    NotEntered,
}

/// Why there is no current runtime.
///
/// Returned by [`Handle::try_current`](super::Handle::try_current).
pub struct TryCurrentError {
    kind: TryCurrentErrorKind,
}

#[derive(Debug, PartialEq, Eq)]
enum TryCurrentErrorKind {
    NoContext,
    ThreadLocalDestroyed,
}

impl TryCurrentError {
    /// The call was made outside any runtime context.
    pub fn is_missing_context(&self) -> bool {
        self.kind == TryCurrentErrorKind::NoContext
    }

    /// The thread is exiting and its runtime context is already destroyed.
    pub fn is_thread_local_destroyed(&self) -> bool {
        self.kind == TryCurrentErrorKind::ThreadLocalDestroyed
    }
}

impl fmt::Debug for TryCurrentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TryCurrentError")
            .field("kind", &self.kind)
            .finish()
    }
}

impl fmt::Display for TryCurrentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            TryCurrentErrorKind::NoContext => f.write_str(
                "there is no reactor running, must be called from the context of a Tokio 1.x \
                 runtime (this crate's runtime, which keeps tokio 1.x's messages: inside \
                 `block_on`, a spawned task, or after `Runtime::enter`)",
            ),
            TryCurrentErrorKind::ThreadLocalDestroyed => f.write_str(
                "The Tokio context thread-local variable has been destroyed. (The thread is \
                 exiting; a thread-local destructor cannot use the runtime context.)",
            ),
        }
    }
}

impl std::error::Error for TryCurrentError {}

/// Runs `f` with the current runtime handle.
pub(crate) fn with_current<R>(
    f: impl FnOnce(&scheduler::Handle) -> R,
) -> Result<R, TryCurrentError> {
    match CONTEXT.try_with(|ctx| ctx.handle.borrow().as_ref().map(f)) {
        Ok(Some(r)) => Ok(r),
        Ok(None) => Err(TryCurrentError {
            kind: TryCurrentErrorKind::NoContext,
        }),
        Err(_) => Err(TryCurrentError {
            kind: TryCurrentErrorKind::ThreadLocalDestroyed,
        }),
    }
}

/// The current runtime handle.
pub(crate) fn try_current() -> Result<scheduler::Handle, TryCurrentError> {
    with_current(Clone::clone)
}

/// Makes `handle` the current runtime until the guard drops.
pub(crate) fn set_current(handle: &scheduler::Handle) -> SetCurrentGuard {
    let (prev, depth) = CONTEXT
        .try_with(|ctx| {
            let depth = ctx.handle_depth.get() + 1;
            ctx.handle_depth.set(depth);
            (ctx.handle.replace(Some(handle.clone())), depth)
        })
        .unwrap_or((None, 0));
    SetCurrentGuard {
        prev: Some(prev),
        depth,
    }
}

/// Restores the previous current runtime on drop.
///
/// Guards must be dropped in the reverse order of their creation (each
/// restores what the one before it replaced); `depth` is this guard's place
/// in that stack, and a guard dropped out of turn panics rather than leave
/// the wrong runtime current.
pub(crate) struct SetCurrentGuard {
    // `Some(previous handle)`; the outer option is only for `take` in drop.
    prev: Option<Option<scheduler::Handle>>,
    /// 0 when the thread's context was gone at creation.
    depth: usize,
}

impl Drop for SetCurrentGuard {
    fn drop(&mut self) {
        let prev = self.prev.take().flatten();
        let in_order = CONTEXT.try_with(|ctx| {
            if self.depth == 0 {
                return true;
            }
            if ctx.handle_depth.get() != self.depth {
                return false;
            }
            ctx.handle_depth.set(self.depth - 1);
            // Dropping the replaced handle may run arbitrary destructors:
            // do it outside the borrow.
            let replaced = ctx.handle.replace(prev);
            drop(replaced);
            true
        });
        if in_order == Ok(false) && !std::thread::panicking() {
            panic!(
                "`EnterGuard` values dropped out of order. Guards returned by \
                 `runtime::runtime::Handle::enter()` must be dropped in the reverse order as \
                 they were acquired."
            );
        }
    }
}

impl fmt::Debug for SetCurrentGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SetCurrentGuard").finish()
    }
}

/// Marks this thread as driving `handle`'s runtime until the guard drops.
///
/// # Panics
///
/// Panics if the thread already drives a runtime: blocking a thread that
/// must keep polling tasks would deadlock them.
#[track_caller]
pub(crate) fn enter_runtime(
    handle: &scheduler::Handle,
    allow_block_in_place: bool,
) -> EnterRuntimeGuard {
    let entered = CONTEXT.with(|ctx| {
        if ctx.runtime.get() != EnterRuntime::NotEntered {
            return false;
        }
        ctx.runtime.set(EnterRuntime::Entered {
            allow_block_in_place,
        });
        true
    });
    if !entered {
        panic!(
            "Cannot start a runtime from within a runtime. This happens because a function \
             (like `block_on`) attempted to block the current thread while the thread is being \
             used to drive asynchronous tasks. If you are in an async function, use `.await` on \
             the future instead of blocking on it. (Otherwise, move the blocking call to \
             `spawn_blocking` or to a thread of its own.)"
        );
    }
    EnterRuntimeGuard {
        _handle: set_current(handle),
    }
}

/// Leaves the driving state on drop.
pub(crate) struct EnterRuntimeGuard {
    _handle: SetCurrentGuard,
}

impl Drop for EnterRuntimeGuard {
    fn drop(&mut self) {
        let _ = CONTEXT.try_with(|ctx| ctx.runtime.set(EnterRuntime::NotEntered));
    }
}

/// Whether this thread is driving a runtime right now (blocking it is then
/// a bug).
pub(crate) fn is_driving_runtime() -> bool {
    CONTEXT
        .try_with(|ctx| ctx.runtime.get() != EnterRuntime::NotEntered)
        .unwrap_or(false)
}

/// The driving state, for `block_in_place`.
#[allow(
    dead_code,
    reason = "used by the multi-thread scheduler's block_in_place"
)]
pub(crate) fn runtime_state() -> EnterRuntime {
    CONTEXT
        .try_with(|ctx| ctx.runtime.get())
        .unwrap_or(EnterRuntime::NotEntered)
}

/// Temporarily leaves the driving state (for `block_in_place`), restoring
/// it on drop.
#[allow(
    dead_code,
    reason = "used by the multi-thread scheduler's block_in_place"
)]
pub(crate) fn exit_runtime() -> ExitRuntimeGuard {
    let prev = CONTEXT.with(|ctx| ctx.runtime.replace(EnterRuntime::NotEntered));
    ExitRuntimeGuard { prev }
}

/// Restores the driving state on drop.
#[allow(
    dead_code,
    reason = "used by the multi-thread scheduler's block_in_place"
)]
pub(crate) struct ExitRuntimeGuard {
    prev: EnterRuntime,
}

impl Drop for ExitRuntimeGuard {
    fn drop(&mut self) {
        let _ = CONTEXT.try_with(|ctx| ctx.runtime.set(self.prev));
    }
}

/// Runs `f` with `cx` as this thread's scheduler context.
pub(crate) fn set_scheduler<R>(cx: &scheduler::Context, f: impl FnOnce() -> R) -> R {
    with_scheduler_ptr(cx as *const _, f)
}

/// Runs `f` with no scheduler context on this thread (restored after):
/// for a thread that blocks on a future without driving its scheduler (a
/// `Handle::block_on` inside `block_in_place`), so that wake-ups from `f`
/// are not deferred onto a scheduler that is not running here.
pub(crate) fn without_scheduler<R>(f: impl FnOnce() -> R) -> R {
    with_scheduler_ptr(ptr::null(), f)
}

/// Runs `f` with `cx` as this thread's scheduler pointer, restoring the
/// previous one afterwards (also if `f` panics).
fn with_scheduler_ptr<R>(cx: *const scheduler::Context, f: impl FnOnce() -> R) -> R {
    struct Reset(*const scheduler::Context);

    impl Drop for Reset {
        fn drop(&mut self) {
            let _ = CONTEXT.try_with(|ctx| ctx.scheduler.set(self.0));
        }
    }

    // While the thread's locals are being destroyed (a runtime kept in a
    // thread-local is dropped at thread exit, say) there is no context to
    // set: `f` then runs without one, as it would on a foreign thread.
    let Ok(prev) = CONTEXT.try_with(|ctx| ctx.scheduler.replace(cx)) else {
        return f();
    };
    let _reset = Reset(prev);
    f()
}

/// Runs `f` with this thread's scheduler context, if any.
pub(crate) fn with_scheduler<R>(f: impl FnOnce(Option<&scheduler::Context>) -> R) -> R {
    let ptr = CONTEXT
        .try_with(|ctx| ctx.scheduler.get())
        .unwrap_or(ptr::null());
    // SAFETY: the pointer is set by `set_scheduler` for the duration of a
    // call that borrows the context, and reset before that borrow ends; it
    // is only read on this thread.
    f(unsafe { ptr.as_ref() })
}

/// Defers a wake-up until the scheduler has polled its driver once: how
/// `yield_now` lets I/O and timers through between yields.
pub(crate) fn defer(waker: &std::task::Waker) {
    with_scheduler(|cx| match cx {
        Some(cx) => cx.defer(waker),
        None => waker.wake_by_ref(),
    })
}

/// The id of the task being polled on this thread.
pub(crate) fn current_task_id() -> Option<Id> {
    CONTEXT
        .try_with(|ctx| ctx.current_task_id.get())
        .ok()
        .flatten()
}

/// Sets the current task id while a task is polled or dropped.
pub(crate) struct TaskIdGuard {
    prev: Option<Id>,
}

impl TaskIdGuard {
    pub(crate) fn enter(id: Id) -> TaskIdGuard {
        let prev = CONTEXT
            .try_with(|ctx| ctx.current_task_id.replace(Some(id)))
            .ok()
            .flatten();
        TaskIdGuard { prev }
    }
}

impl Drop for TaskIdGuard {
    fn drop(&mut self) {
        let _ = CONTEXT.try_with(|ctx| ctx.current_task_id.set(self.prev));
    }
}
