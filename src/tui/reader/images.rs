//! The reader's pictures: how they are shown (the protocol the terminal
//! speaks, found once before the event loop), which are wanted (those near
//! the screen), and each one's state per width: asked for, ready, or why not.
//! Decoding is a background job (see [`super::jobs::image`]); nothing here waits.
//! When to ask for pictures and where a decoded one lands is the app's part
//! (`app::pictures`).

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui_image::picker::Picker;
use ratatui_image::picker::cap_parser::QueryStdioOptions;
use ratatui_image::sliced::SlicedProtocol;

use crate::config::Images;
use crate::tui::runtime::JobId;

/// How long the terminal has to say what it can show (most answer at once).
const QUERY_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(1000);

/// The cache of one reader holds at most this many pictures; past it the
/// ones made for other widths go first.
const CACHE_MAX: usize = 48;

/// How the app shows pictures: the mode asked for and, once the terminal
/// has been asked (or in tests, set), the picker that makes them.
#[derive(Debug, Clone, Default)]
pub struct Pictures {
    /// What the config and `--images` asked for (already `Off` under `NO_COLOR`).
    pub mode: Option<Images>,
    /// Makes pictures in the terminal's protocol; `None`: none are made
    /// (but see `on_workers`).
    pub picker: Option<Picker>,
    /// True when pictures are half blocks whose picker each picture's job
    /// gets for itself: making it under tmux runs `tmux` three times
    /// (below), which the first frame and the loop's thread must not wait
    /// for. Half blocks count cells of [`crate::layout::PICTURE_CELL`].
    pub on_workers: bool,
}

impl Pictures {
    /// Half blocks in colour, whatever the terminal: for tests and `halfblocks`.
    pub fn halfblocks() -> Pictures {
        Pictures {
            mode: Some(Images::Halfblocks),
            picker: Some(halfblocks()),
            on_workers: false,
        }
    }

    /// Finds the picker for the mode: `auto` asks a terminal known to draw
    /// pictures (kitty, iTerm2, WezTerm, Ghostty, outside tmux) which
    /// protocol and font size it has; every other gets half blocks without
    /// a question, since a terminal that never answers would leave the
    /// query's reader waiting on stdin for the user's first key. Called once
    /// the terminal is in raw mode and before its events are read.
    pub fn detect(&mut self) {
        self.on_workers = matches!(self.mode, Some(Images::Auto | Images::Halfblocks));
        self.picker = match self.mode {
            Some(Images::Auto) if std::io::stdin().is_terminal() && draws_pictures() => {
                let options = QueryStdioOptions {
                    timeout: QUERY_TIMEOUT,
                    ..QueryStdioOptions::default()
                };
                Some(
                    Picker::from_query_stdio_with_options(options).unwrap_or_else(|_| halfblocks()),
                )
            }
            Some(Images::Auto | Images::Halfblocks) => None,
            Some(Images::Off) | None => None,
        };
        self.on_workers &= self.picker.is_none();
    }
}

/// The half-block picker, made once. The picture crate's constructor runs
/// `tmux set -p allow-passthrough on` whenever `TERM` or `TERM_PROGRAM`
/// names tmux, and leaves it on; no constructor skips that. Under tmux the
/// pane's setting is read first and put back at once, while quire is still
/// the pane's only program, so the user's option is what it was.
pub fn halfblocks() -> Picker {
    static PICKER: std::sync::OnceLock<Picker> = std::sync::OnceLock::new();
    PICKER
        .get_or_init(|| {
            let var = |name: &str| std::env::var(name).unwrap_or_default();
            let tmux = var("TERM").starts_with("tmux") || var("TERM_PROGRAM") == "tmux";
            let before = tmux.then(|| tmux_option(&["show-options", "-p", "-v"]));
            let picker = Picker::halfblocks();
            match before {
                Some(Some(value)) if !value.is_empty() => {
                    tmux_option(&["set-option", "-p", "allow-passthrough", value.as_str()]);
                }
                Some(_) => {
                    tmux_option(&["set-option", "-p", "-u", "allow-passthrough"]);
                }
                None => {}
            }
            picker
        })
        .clone()
}

/// Runs `tmux ARGS` (`allow-passthrough` added to a `show-options`),
/// returning its trimmed output.
fn tmux_option(args: &[&str]) -> Option<String> {
    let mut cmd = std::process::Command::new("tmux");
    cmd.args(args);
    if args.first() == Some(&"show-options") {
        cmd.arg("allow-passthrough");
    }
    let out = cmd
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// True when the environment names a terminal that draws pictures and
/// answers the protocol query, and no multiplexer sits in between.
fn draws_pictures() -> bool {
    draws_pictures_in(|name| std::env::var(name).unwrap_or_default())
}

/// [`draws_pictures`] over the environment `var` reads. Under tmux (or
/// screen) the answer is no, by every sign the picture crate itself reads:
/// asked there, it runs `tmux set -p allow-passthrough on` and leaves it
/// on, so that a later `cat` of an untrusted file in the pane reaches the
/// outer terminal. quire never changes the user's tmux options: half blocks.
fn draws_pictures_in(var: impl Fn(&str) -> String) -> bool {
    let term = var("TERM");
    let program = var("TERM_PROGRAM");
    if !var("TMUX").is_empty()
        || term.starts_with("tmux")
        || term.starts_with("screen")
        || program == "tmux"
        || program == "screen"
    {
        return false;
    }
    term == "xterm-kitty"
        || term == "xterm-ghostty"
        || !var("KITTY_WINDOW_ID").is_empty()
        || !var("WEZTERM_EXECUTABLE").is_empty()
        || matches!(program.as_str(), "iTerm.app" | "WezTerm" | "ghostty")
}

/// The mode from the config and the `--images` flag: `off` under `NO_COLOR`.
pub fn mode(flag: Option<Images>, config: Images) -> Images {
    if crate::theme::no_color() {
        return Images::Off;
    }
    flag.unwrap_or(config)
}

/// A decoded picture fitted to its cells, ready to draw.
#[derive(Clone)]
pub struct Picture {
    /// The picture in the terminal's protocol, sliced by rows so that a
    /// picture half off screen draws its visible rows.
    pub protocol: Arc<SlicedProtocol>,
    /// The image's size in pixels.
    pub pixels: (u32, u32),
}

impl std::fmt::Debug for Picture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let size = self.protocol.size();
        f.debug_struct("Picture")
            .field("pixels", &self.pixels)
            .field("cells", &(size.width, size.height))
            .finish()
    }
}

/// Why a picture is not shown, and its size when that much was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Why, in a few words (`not found`, `too large`, `damaged`, ..).
    pub reason: String,
    /// The image's size in pixels, when its header was read.
    pub pixels: Option<(u32, u32)>,
}

/// Names one picture of a reader: its target as written, and the cells it
/// is fitted to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageKey {
    /// The target as the article writes it.
    pub target: String,
    /// The most columns.
    pub width: u16,
    /// The most rows.
    pub rows: u16,
}

/// A picture's state.
#[derive(Debug, Clone)]
pub enum ImageState {
    /// Its job is running; the image's size once its header was read.
    Pending {
        /// The job.
        job: JobId,
        /// The size in pixels, when known.
        pixels: Option<(u32, u32)>,
    },
    /// Decoded and fitted.
    Ready(Picture),
    /// It cannot be shown.
    Failed(Failure),
}

/// The pictures of one reader, per target and width.
#[derive(Debug, Clone, Default)]
pub struct ReaderImages {
    states: HashMap<ImageKey, ImageState>,
}

impl ReaderImages {
    /// The state of a picture, to change (a result landing).
    pub fn get_mut(&mut self, key: &ImageKey) -> Option<&mut ImageState> {
        self.states.get_mut(key)
    }

    /// The state of a picture, if it was asked for.
    pub fn get(&self, key: &ImageKey) -> Option<&ImageState> {
        self.states.get(key)
    }

    /// How many pictures are known.
    pub fn len(&self) -> usize {
        self.states.len()
    }

    /// True when none are.
    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }

    /// Notes the state of a picture (a job asked for, a result), making
    /// room past [`CACHE_MAX`] by dropping pictures made for other widths.
    pub fn insert(&mut self, key: ImageKey, state: ImageState) {
        if self.states.len() >= CACHE_MAX {
            let width = key.width;
            self.states
                .retain(|k, s| k.width == width || matches!(s, ImageState::Pending { .. }));
        }
        self.states.insert(key, state);
    }
}

/// What a picture job produced, for the reader that asked.
#[derive(Debug, Clone)]
pub struct ImageOutput {
    /// Which picture.
    pub key: ImageKey,
    /// The article it belongs to.
    pub article: PathBuf,
    /// What is known of it now.
    pub outcome: Outcome,
}

/// What a picture job found out: the size first (from the header), then
/// the picture or why not.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The image's size in pixels; the picture is on its way.
    Size(u32, u32),
    /// The picture.
    Ready(Picture),
    /// Why it cannot be shown.
    Failed(Failure),
}

/// The key of picture block `block` of a reader's document.
pub fn key_of(doc: &crate::layout::Document, block: &crate::layout::ImageBlock) -> ImageKey {
    ImageKey {
        target: doc
            .links
            .get(block.link as usize)
            .cloned()
            .unwrap_or_default(),
        width: block.width,
        rows: block.rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> String {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        }
    }

    #[test]
    fn half_blocks_are_left_to_the_jobs_and_no_picker_is_made_up_front() {
        for mode in [Images::Auto, Images::Halfblocks] {
            // Tests have no terminal on standard input: `auto` asks nothing.
            let mut pictures = Pictures {
                mode: Some(mode),
                ..Pictures::default()
            };
            pictures.detect();
            assert!(pictures.picker.is_none(), "{mode:?}");
            assert!(pictures.on_workers, "{mode:?}");
        }
        let mut off = Pictures {
            mode: Some(Images::Off),
            ..Pictures::default()
        };
        off.detect();
        assert!(off.picker.is_none() && !off.on_workers);
    }

    #[test]
    fn a_terminal_behind_tmux_or_screen_is_never_asked() {
        // Asking runs `tmux set -p allow-passthrough on` for good.
        let kitty = ("KITTY_WINDOW_ID", "1");
        assert!(draws_pictures_in(env(&[kitty])));
        assert!(draws_pictures_in(env(&[("TERM_PROGRAM", "WezTerm")])));
        for sign in [
            ("TMUX", "/tmp/tmux-0/default,1,0"),
            ("TERM", "tmux-256color"),
            ("TERM", "screen-256color"),
            ("TERM_PROGRAM", "tmux"),
        ] {
            assert!(!draws_pictures_in(env(&[kitty, sign])), "{sign:?}");
        }
    }
}
