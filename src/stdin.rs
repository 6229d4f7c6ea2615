//! An article read from standard input: `quire -`, `cat post.md | quire`.

use std::io::{self, IsTerminal, Read};
use std::path::Path;

use crate::error::Error;

/// The name an article from standard input goes by in titles and messages.
pub const NAME: &str = "stdin";

/// The path that asks for standard input on the command line.
pub fn is_dash(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// True when standard input is a pipe or a redirected file: something was
/// sent to quire. A terminal, `/dev/null` or a closed input is not.
pub fn is_piped() -> bool {
    use std::os::unix::fs::FileTypeExt;
    if io::stdin().is_terminal() {
        return false;
    }
    std::fs::metadata("/dev/stdin").is_ok_and(|m| {
        let kind = m.file_type();
        kind.is_fifo() || kind.is_file() || kind.is_socket()
    })
}

/// Reads all of standard input, up to the size a file may have
/// ([`crate::article::max_file_bytes`]: 256 MB, or `QUIRE_MAX_BYTES`).
pub fn read() -> Result<Vec<u8>, Error> {
    read_from(io::stdin().lock(), crate::article::max_file_bytes())
}

fn read_from(input: impl Read, limit: u64) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    input
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read {
            path: NAME.into(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(Error::Read {
            path: NAME.into(),
            source: io::Error::other(format!("larger than {limit} bytes")),
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_everything_up_to_the_limit_and_refuses_more() {
        let ok = read_from(&b"# Title\n\nText\n"[..], 100).expect("small input");
        assert_eq!(ok, b"# Title\n\nText\n");
        let err = read_from(&[b'x'; 101][..], 100).expect_err("too large");
        let message = err.to_string();
        assert!(message.starts_with("stdin: "), "{message}");
        assert!(message.contains("larger than 100 bytes"), "{message}");
    }

    #[test]
    fn a_dash_names_standard_input() {
        assert!(is_dash(Path::new("-")));
        assert!(!is_dash(Path::new("-x")));
        assert!(!is_dash(Path::new("./-")));
    }
}
