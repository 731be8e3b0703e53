#[runtime_macros::main(crate = my_runtime)]
async fn main() {}
