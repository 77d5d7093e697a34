//! bidrag's entry point; everything else lives in the library.

fn main() -> std::process::ExitCode {
    bidrag::cli::main()
}
