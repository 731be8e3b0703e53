//! Helpers shared by the integration tests.
#![allow(dead_code, unreachable_pub)]

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use runtime_core::runtime::{Builder, Runtime};

pub fn rt() -> Runtime {
    Builder::new_current_thread().build().unwrap()
}

/// A one-shot signal that can be fired from any thread.
#[derive(Clone, Default)]
pub struct Signal(Arc<Mutex<(bool, Option<Waker>)>>);

impl Signal {
    pub fn new() -> Signal {
        Signal::default()
    }

    pub fn fire(&self) {
        let waker = {
            let mut s = self.0.lock().unwrap();
            s.0 = true;
            s.1.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }

    pub fn wait(&self) -> impl Future<Output = ()> + Send + 'static {
        let me = self.clone();
        std::future::poll_fn(move |cx| {
            let mut s = me.0.lock().unwrap();
            if s.0 {
                Poll::Ready(())
            } else {
                s.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        })
    }
}

/// Counts drops of the value it wraps.
pub struct DropCounter(pub Arc<AtomicUsize>);

impl Drop for DropCounter {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// A future that is pending forever and counts its drops.
pub struct PendingDrop(pub DropCounter);

impl Future for PendingDrop {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        Poll::Pending
    }
}
