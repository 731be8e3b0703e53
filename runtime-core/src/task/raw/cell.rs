//! The task allocation: header, core and trailer in one `#[repr(C)]` cell.
//!
//! Invariant: `Header` is the first field of `Cell`, and `Cell` is
//! `#[repr(C)]`, so a pointer to the cell is a valid pointer to its header
//! and back. Every type-erased handle relies on this.

use std::future::Future;
use std::mem;
use std::ptr::NonNull;
use std::task::{Context, Poll, Waker};

use super::Schedule;
use super::state::State;
use crate::loom::cell::UnsafeCell;
use crate::task::{Id, JoinError};

/// The type-erased operations on a task, one table per `(T, S)`.
pub(crate) struct Vtable {
    pub(super) poll: unsafe fn(NonNull<Header>),
    pub(super) schedule: unsafe fn(NonNull<Header>),
    pub(super) dealloc: unsafe fn(NonNull<Header>),
    pub(super) try_read_output: unsafe fn(NonNull<Header>, *mut (), &Waker),
    pub(super) drop_join_handle_slow: unsafe fn(NonNull<Header>),
    pub(super) shutdown: unsafe fn(NonNull<Header>),
}

/// The part of a task that is the same for every future type.
#[repr(C)]
pub(crate) struct Header {
    pub(crate) state: State,
    pub(super) vtable: &'static Vtable,
    pub(crate) id: Id,
    /// Which owned list holds the task (0: none). Guarded by that list's
    /// lock.
    pub(super) owner_id: UnsafeCell<u64>,
    /// Links of the owned list. Guarded by that list's lock.
    pub(super) links: UnsafeCell<Links>,
}

#[derive(Default)]
pub(super) struct Links {
    pub(super) prev: Option<NonNull<Header>>,
    pub(super) next: Option<NonNull<Header>>,
}

/// What the future is at.
pub(super) enum Stage<T: Future> {
    Running(T),
    Finished(Result<T::Output, JoinError>),
    Consumed,
}

/// The scheduler handle and the stage.
pub(super) struct Core<T: Future, S> {
    pub(super) scheduler: S,
    /// Touched only by the thread that owns the task's future or output, as
    /// decided by the state word (see `state.rs`).
    stage: UnsafeCell<Stage<T>>,
}

/// The `JoinHandle`'s waker slot (see JOIN_WAKER in `state.rs`).
pub(super) struct Trailer {
    waker: UnsafeCell<Option<Waker>>,
}

/// The whole task allocation.
#[repr(C)]
pub(super) struct Cell<T: Future, S> {
    pub(super) header: Header,
    pub(super) core: Core<T, S>,
    pub(super) trailer: Trailer,
}

impl<T: Future + 'static, S: Schedule> Cell<T, S> {
    /// Allocates a task and returns its header pointer.
    pub(super) fn allocate(future: T, scheduler: S, id: Id, refs: usize) -> NonNull<Header> {
        let cell = Box::new(Cell {
            header: Header {
                state: State::with_refs(refs),
                vtable: super::harness::vtable::<T, S>(),
                id,
                owner_id: UnsafeCell::new(0),
                links: UnsafeCell::new(Links::default()),
            },
            core: Core {
                scheduler,
                stage: UnsafeCell::new(Stage::Running(future)),
            },
            trailer: Trailer {
                waker: UnsafeCell::new(None),
            },
        });
        // `Header` is the first field of a `#[repr(C)]` struct.
        NonNull::from(Box::leak(cell)).cast::<Header>()
    }
}

impl<T: Future, S> Core<T, S> {
    /// Polls the future.
    ///
    /// # Safety
    ///
    /// The caller owns the future (has set RUNNING), and the cell is pinned
    /// (it never moves: it is a leaked box freed only by `dealloc`).
    pub(super) unsafe fn poll(&self, cx: &mut Context<'_>) -> Poll<T::Output> {
        self.stage.with_mut(|ptr| {
            // SAFETY: exclusive access is the caller's promise.
            let stage = unsafe { &mut *ptr };
            match stage {
                Stage::Running(future) => {
                    // SAFETY: the future lives in the heap cell and is never
                    // moved until it is dropped in place by `take_stage`'s
                    // caller.
                    let future = unsafe { std::pin::Pin::new_unchecked(future) };
                    future.poll(cx)
                }
                _ => unreachable!("polled a task that is not running"),
            }
        })
    }

    /// Replaces the stage with `Consumed` and returns the old one, so that
    /// the caller can drop it outside (a panicking destructor then cannot
    /// leave the cell half-dropped).
    ///
    /// # Safety
    ///
    /// The caller owns the future or the output.
    pub(super) unsafe fn take_stage(&self) -> Stage<T> {
        // SAFETY: exclusive access is the caller's promise.
        self.stage
            .with_mut(|ptr| mem::replace(unsafe { &mut *ptr }, Stage::Consumed))
    }

    /// Drops the stage where it lies, leaving `Consumed`. The future is
    /// pinned: it must be dropped in place, never moved out first (a timer
    /// or a waiter list may point into it until its destructor runs).
    ///
    /// # Safety
    ///
    /// The caller owns the future or the output.
    pub(super) unsafe fn drop_stage_in_place(&self) {
        struct Consume<T: Future>(*mut Stage<T>);
        impl<T: Future> Drop for Consume<T> {
            fn drop(&mut self) {
                // SAFETY: the stage was just dropped (or its destructor
                // panicked part-way, which still ends its life): overwrite
                // it without dropping it again.
                unsafe { std::ptr::write(self.0, Stage::Consumed) };
            }
        }
        self.stage.with_mut(|ptr| {
            // Runs even if the destructor below panics.
            let _consume = Consume(ptr);
            // SAFETY: exclusive access is the caller's promise; `_consume`
            // writes a valid value back before anyone reads the cell.
            unsafe { std::ptr::drop_in_place(ptr) };
        })
    }

    /// Stores the output.
    ///
    /// # Safety
    ///
    /// The caller owns the stage, which must be `Consumed`.
    pub(super) unsafe fn store_output(&self, output: Result<T::Output, JoinError>) {
        self.stage.with_mut(|ptr| {
            // SAFETY: exclusive access is the caller's promise.
            let stage = unsafe { &mut *ptr };
            debug_assert!(matches!(stage, Stage::Consumed));
            // Writing over `Consumed` runs no destructor of note.
            *stage = Stage::Finished(output);
        })
    }

    /// Takes the output for the `JoinHandle`.
    ///
    /// # Safety
    ///
    /// The caller owns the output (the task is complete and the caller is
    /// the interested `JoinHandle`).
    pub(super) unsafe fn take_output(&self) -> Result<T::Output, JoinError> {
        // SAFETY: forwarded.
        match unsafe { self.take_stage() } {
            Stage::Finished(output) => output,
            _ => panic!("JoinHandle polled after completion"),
        }
    }
}

impl Trailer {
    /// # Safety
    ///
    /// The caller must own the waker slot: the `JoinHandle` while JOIN_WAKER
    /// is clear.
    pub(super) unsafe fn set_waker(&self, waker: Option<Waker>) {
        // SAFETY: exclusive access is the caller's promise.
        self.waker.with_mut(|ptr| unsafe { *ptr = waker });
    }

    /// # Safety
    ///
    /// JOIN_WAKER must be set (the slot is filled and no one writes it).
    pub(super) unsafe fn will_wake(&self, waker: &Waker) -> bool {
        // SAFETY: shared read of a slot nobody writes while JOIN_WAKER is set.
        self.waker.with(|ptr| match unsafe { &*ptr } {
            Some(stored) => stored.will_wake(waker),
            None => false,
        })
    }

    /// # Safety
    ///
    /// JOIN_WAKER was set when the task completed.
    pub(super) unsafe fn wake_join(&self) {
        // SAFETY: after COMPLETE the JoinHandle never writes the slot.
        self.waker.with(|ptr| match unsafe { &*ptr } {
            Some(waker) => waker.wake_by_ref(),
            None => panic!("JOIN_WAKER set but no waker stored"),
        })
    }
}
