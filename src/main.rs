//! The `dossier` binary: the command line (`cli`) parses the arguments and calls the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
