//! Timers: sleep, timeout, interval (runtime-time).
