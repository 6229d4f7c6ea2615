//! What a newcomer meets first on small sites of their own: a mistyped
//! option, and the other surprises found trying quire on a fresh site.

use crate::common;

#[test]
fn a_mistyped_option_of_a_command_is_named_by_clap() {
    // `quire list --jsn`: the command is right and the option is not; the
    // message names the option, not `list` as a command that does not exist.
    let dir = tempfile::tempdir().unwrap();
    let out = common::quire()
        .current_dir(dir.path())
        .args(["list", "--jsn", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("no such command"), "{stderr}");
    assert!(stderr.contains("--jsn"), "{stderr}");
    assert!(stderr.contains("--json"), "{stderr}");
}
