//! Auto traits of the runtime's guards, checked at compile time: a guard
//! that restores thread-local state must not move to another thread.

/// `T: !Send` compiles only when the blanket impl is the only candidate:
/// if `T: Send`, both impls apply and the call is ambiguous.
trait AmbiguousIfSend<A> {
    fn some_item(&self) {}
}
impl<T: ?Sized> AmbiguousIfSend<()> for T {}
impl<T: ?Sized + Send> AmbiguousIfSend<u8> for T {}

/// The same for `Sync`.
trait AmbiguousIfSync<A> {
    fn some_item(&self) {}
}
impl<T: ?Sized> AmbiguousIfSync<()> for T {}
impl<T: ?Sized + Sync> AmbiguousIfSync<u8> for T {}

fn require_sync<T: Sync>(_: &T) {}

#[test]
fn enter_guard_is_sync_but_not_send() {
    let rt = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let guard = rt.enter();
    AmbiguousIfSend::some_item(&guard);
    require_sync(&guard);
}

#[test]
fn restore_on_pending_is_neither_send_nor_sync() {
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    let std::task::Poll::Ready(guard) = runtime_core::task::coop::poll_proceed(&mut cx) else {
        panic!("outside a runtime the budget is unconstrained");
    };
    AmbiguousIfSend::some_item(&guard);
    AmbiguousIfSync::some_item(&guard);
}

fn require_unwind_safe<T: std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}

#[test]
fn runtime_and_handle_are_unwind_safe() {
    require_unwind_safe::<runtime_core::runtime::Runtime>();
    require_unwind_safe::<runtime_core::runtime::Handle>();
    // So a runtime can be used inside `catch_unwind` by reference.
    let rt = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let caught = std::panic::catch_unwind(|| rt.block_on(async { panic!("inside") }));
    assert!(caught.is_err());
    // And it still works afterwards.
    assert_eq!(rt.block_on(async { 5 }), 5);
}
