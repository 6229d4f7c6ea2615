//! The command that opens an article in the user's editor at a line:
//! `$VISUAL`, else `$EDITOR`, else `vi`, split as a command line (no shell).

use std::path::Path;
use std::process::Command;

/// Editors known to take `+LINE` before the file.
const TAKES_PLUS_LINE: &[&str] = &[
    "vi",
    "vim",
    "nvim",
    "gvim",
    "view",
    "nano",
    "emacs",
    "emacsclient",
    "micro",
    "kak",
    "hx",
    "helix",
];

/// The editor command for `path` at 1-based `line`, from the values of
/// `$VISUAL` and `$EDITOR`; an error says why it cannot be made.
pub fn command(
    visual: Option<&str>,
    editor: Option<&str>,
    path: &Path,
    line: usize,
) -> Result<Command, String> {
    let chosen = [visual, editor]
        .into_iter()
        .flatten()
        .find(|v| !v.trim().is_empty())
        .unwrap_or("vi");
    let words = shell_words::split(chosen).map_err(|e| format!("the editor command: {e}"))?;
    let Some((program, args)) = words.split_first() else {
        return Err("the editor command is empty".into());
    };
    let mut cmd = Command::new(program);
    cmd.args(args);
    let name = Path::new(program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if TAKES_PLUS_LINE.contains(&name.as_str()) {
        cmd.arg(format!("+{}", line.max(1)));
    }
    cmd.arg(path);
    Ok(cmd)
}

/// The editor chosen by the environment.
pub fn from_env(path: &Path, line: usize) -> Result<Command, String> {
    let visual = std::env::var("VISUAL").ok();
    let editor = std::env::var("EDITOR").ok();
    command(visual.as_deref(), editor.as_deref(), path, line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(cmd: &Command) -> Vec<String> {
        std::iter::once(cmd.get_program())
            .chain(cmd.get_args())
            .map(|s| s.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn visual_wins_then_editor_then_vi() {
        let p = Path::new("post.md");
        let c = command(Some("nvim"), Some("nano"), p, 12).expect("cmd");
        assert_eq!(parts(&c), ["nvim", "+12", "post.md"]);
        let c = command(None, Some("nano"), p, 3).expect("cmd");
        assert_eq!(parts(&c), ["nano", "+3", "post.md"]);
        let c = command(Some("  "), None, p, 1).expect("cmd");
        assert_eq!(parts(&c), ["vi", "+1", "post.md"]);
    }

    #[test]
    fn a_command_line_is_split_without_a_shell_and_unknown_editors_get_the_path() {
        let p = Path::new("my post.md");
        let c = command(None, Some("code --wait"), p, 9).expect("cmd");
        assert_eq!(parts(&c), ["code", "--wait", "my post.md"]);
        let c = command(None, Some("'/opt/my editors/vim' -u NONE"), p, 9).expect("cmd");
        assert_eq!(
            parts(&c),
            ["/opt/my editors/vim", "-u", "NONE", "+9", "my post.md"]
        );
        // Shell syntax is not run: a semicolon is just a character.
        let c = command(None, Some("vi; rm -rf x"), p, 1).expect("cmd");
        assert_eq!(parts(&c)[0], "vi;");
    }

    #[test]
    fn broken_values_say_why() {
        let p = Path::new("a.md");
        assert!(command(None, Some("vim 'unclosed"), p, 1).is_err());
    }
}
