//! The runtime: `Runtime`, `Builder`, `Handle`.
