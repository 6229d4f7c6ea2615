//! The text `quire config --default` prints: every setting at its default,
//! with a comment on what it does. Parsing it back gives the defaults.

use std::fmt::Write;

use super::{DEFAULT_IMAGE_HEIGHT, DEFAULT_OUTLINE_WIDTH, DEFAULT_WIDTH};
use crate::theme::Theme;

/// A complete, commented config of the defaults. `actions` lists the
/// actions keys can be bound to, as (name, description).
pub fn default_toml(actions: &[(String, &str)]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        r##"# quire's config: ~/.config/quire/config.toml ($XDG_CONFIG_HOME/quire/config.toml),
# or the file named by --config or QUIRE_CONFIG. Every setting is optional;
# the command line wins over the file. These are the defaults.

# The widest the reader's text column may be, in columns (--width).
width = {DEFAULT_WIDTH}

# The folder opened when quire is run without a PATH. Unset: ./articles when
# it exists, else the current folder.
# library = "~/notes/posts"

# auto (ask the terminal for its background), dark, light or mono (--theme).
# NO_COLOR set means mono unless a theme is named.
theme = "auto"

# Where the outline goes: left, right or hidden (o shows it).
outline = "left"
# The widest the outline may be, in columns. It fits its longest entries up
# to a third of the screen and this; {{ and }} narrow and widen it for a session.
outline-width = {DEFAULT_OUTLINE_WIDTH}

# List drafts in the library (marked); false hides them (--no-drafts).
drafts = true

# Links in the reader are hyperlinks (OSC 8) the terminal can open with a
# click; false when a terminal shows them wrong.
hyperlinks = true

# The library's order: date, title, path, reading-time or links-in.
sort = "date"

# How the reader shows pictures (local images alone in a paragraph): auto
# (kitty, iTerm2 or sixel when the terminal speaks one, else coloured half
# blocks), halfblocks, or off (the [image: alt] text). NO_COLOR means off.
# Remote images are fetched only for an article read by address (--images).
images = "auto"
# The most rows a picture takes; it keeps its shape within them and the
# text column's width.
image-height = {DEFAULT_IMAGE_HEIGHT}

# Reading by address (quire URL, quire gh:OWNER/REPO): the forges' API
# bases (GitHub Enterprise: https://HOST/api/v3), the most a fetch may take
# to connect and in all, in seconds, and the largest body read, in MB.
# GITHUB_TOKEN, when set, is sent to the GitHub API's host only. A folder's
# files are read from github-raw (none set with another github-api: through
# the API).
[remote]
github-api = "https://api.github.com"
github-raw = "https://raw.githubusercontent.com"
gitlab-api = "https://gitlab.com/api/v4"
connect-timeout = 10
timeout = 30
max-size = 20

# The colour of any part of the screen, over the theme's: a name (black, red,
# green, yellow, blue, magenta, cyan, gray, dark-gray, light-red, light-green,
# light-yellow, light-blue, light-magenta, light-cyan, white), a 256-colour
# number (0 to 255) or "#rrggbb". The dark theme's colours, for a start:
[colors]
"##
    );
    for slot in Theme::SLOTS {
        match Theme::DARK.slot(slot).and_then(|s| s.fg) {
            Some(color) => {
                let _ = writeln!(out, "# {slot} = \"{color}\"");
            }
            None => {
                let _ = writeln!(out, "# {slot} = \"white\"");
            }
        }
    }
    out.push_str(
        r#"
# Keys: "key" = "action". A key is a character (j, G, ?) or a name (space,
# enter, esc, tab, backtab, backspace, up, down, left, right, pgup, pgdn,
# home, end, f1..f12), with ctrl-, alt- or shift- before it. A bound key
# leaves what it did before; "none" unbinds it. The default keys stay, and
# the ? help lists the new ones first. `quire config --actions` lists these:
"#,
    );
    let column = actions
        .iter()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0);
    for (name, what) in actions {
        let _ = writeln!(out, "#   {name:<column$} {what}");
    }
    out.push_str(
        r#"[keys.reader]
# "ctrl-n" = "next-heading"

[keys.library]
# "x" = "toggle-drafts"
"#,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, parse};

    #[test]
    fn the_default_config_reads_back_as_the_defaults() {
        let text = default_toml(&[("quit".to_string(), "quit at once")]);
        let (config, warnings) = parse(&text, std::path::Path::new("default.toml"));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(config.settings(), Config::default().settings());
        // Complete: every setting with a default is written out.
        assert!(config.width.is_some() && config.theme.is_some() && config.outline.is_some());
        assert!(config.outline_width.is_some() && config.drafts.is_some());
        assert!(config.sort.is_some() && config.images.is_some());
        for slot in Theme::SLOTS {
            assert!(text.contains(&format!("# {slot} = ")), "{slot}");
        }
        assert!(text.contains("#   quit"));
    }
}
