const N: usize = 4;

#[runtime_macros::main(worker_threads = N)]
async fn main() {}
