#[runtime_macros::main]
async fn main(args: Vec<String>) {
    let _ = args;
}
