struct Holder {
    fut: std::future::Ready<()>,
}

fn main() {
    let holder = Holder { fut: std::future::ready(()) };
    runtime_core::pin!(holder.fut);
}
