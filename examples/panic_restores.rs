//! Takes the terminal the way quire does, draws, then panics: the panic hook
//! must hand the terminal back (the tmux end-to-end test runs this).

use std::io::Write;

fn main() -> std::io::Result<()> {
    let _guard = quire::tui::TerminalGuard::enter()?;
    let mut out = std::io::stdout();
    write!(out, "TAKEN")?;
    out.flush()?;
    std::thread::sleep(std::time::Duration::from_millis(300));
    panic!("a deliberate panic while the terminal is in raw mode");
}
