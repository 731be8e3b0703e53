#[runtime_macros::test(worker_threads = 2)]
async fn default_flavor_is_current_thread() {}

fn main() {}
