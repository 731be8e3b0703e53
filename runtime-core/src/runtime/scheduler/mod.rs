//! The schedulers: which thread polls which task, and when.

pub(crate) mod multi_thread;
