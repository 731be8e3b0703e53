#[runtime_macros::main(worker_threads = "many")]
async fn main() {}
