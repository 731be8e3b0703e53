//! `Send`/`Sync`/`Unpin` of every public type of `sync`, as in tokio.

use std::rc::Rc;

use runtime_core::sync::*;

fn send<T: Send>() {}
fn sync<T: Sync>() {}
fn unpin<T: Unpin>() {}

macro_rules! send_sync {
    ($($t:ty),* $(,)?) => {$(
        send::<$t>();
        sync::<$t>();
    )*};
}

#[test]
fn channel_types_are_send_and_sync() {
    send_sync!(
        mpsc::Sender<u8>,
        mpsc::Receiver<u8>,
        mpsc::WeakSender<u8>,
        mpsc::UnboundedSender<u8>,
        mpsc::UnboundedReceiver<u8>,
        mpsc::WeakUnboundedSender<u8>,
        mpsc::Permit<'static, u8>,
        mpsc::OwnedPermit<u8>,
        mpsc::PermitIterator<'static, u8>,
        oneshot::Sender<u8>,
        oneshot::Receiver<u8>,
        broadcast::Sender<u8>,
        broadcast::Receiver<u8>,
        broadcast::WeakSender<u8>,
        watch::Sender<u8>,
        watch::Receiver<u8>,
    );
    // A watch borrow is a read guard: shareable, but tied to its thread.
    sync::<watch::Ref<'static, u8>>();
    unpin::<oneshot::Receiver<u8>>();
    unpin::<mpsc::Receiver<u8>>();
}

#[test]
fn lock_types_are_send_and_sync() {
    send_sync!(
        Mutex<u8>,
        MutexGuard<'static, u8>,
        OwnedMutexGuard<u8>,
        MappedMutexGuard<'static, u8>,
        OwnedMappedMutexGuard<u8, u8>,
        RwLock<u8>,
        RwLockReadGuard<'static, u8>,
        RwLockWriteGuard<'static, u8>,
        RwLockMappedWriteGuard<'static, u8>,
        OwnedRwLockReadGuard<u8>,
        OwnedRwLockWriteGuard<u8>,
        OwnedRwLockMappedWriteGuard<u8>,
        Semaphore,
        SemaphorePermit<'static>,
        OwnedSemaphorePermit,
        Notify,
        futures::Notified<'static>,
        futures::OwnedNotified,
        Barrier,
        OnceCell<u8>,
        SetOnce<u8>,
    );
    // A mutex makes a `Send` but not `Sync` value shareable.
    sync::<Mutex<std::cell::Cell<u8>>>();
    send::<Mutex<std::cell::Cell<u8>>>();
}

#[test]
fn futures_are_send() {
    fn send_val<T: Send>(_: &T) {}
    let m = Mutex::new(0);
    send_val(&m.lock());
    let s = Semaphore::new(1);
    send_val(&s.acquire());
    let (tx, mut rx) = mpsc::channel::<u8>(1);
    send_val(&tx.send(1));
    send_val(&tx.reserve());
    send_val(&rx.recv());
    let (wtx, mut wrx) = watch::channel(0u8);
    send_val(&wrx.changed());
    send_val(&wtx.closed());
    let (btx, mut brx) = broadcast::channel::<u8>(1);
    send_val(&brx.recv());
    drop(btx);
    let n = Notify::new();
    send_val(&n.notified());
    let b = Barrier::new(1);
    send_val(&b.wait());
    let c = OnceCell::<u8>::new();
    send_val(&c.get_or_init(|| async { 1 }));
    let _ = Rc::new(());
}
