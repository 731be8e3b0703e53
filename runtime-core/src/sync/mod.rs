//! Asynchronous synchronisation primitives: channels, locks, semaphores,
//! notification. They need only a [`Waker`](std::task::Waker), so they work
//! with any executor.
