//! The user's settings from `config.toml`: where the file is, what it says,
//! and what was wrong with it. No terminal types: keys and actions stay text
//! here and the keymap reads them.

mod default;
mod parse;

pub use default::default_toml;
pub use parse::parse;
pub use parse::remote::Remote;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::library::SortKey;
use crate::theme::{Color, Theme, ThemeChoice};

/// Where the outline pane goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutlineSide {
    /// Left of the text.
    #[default]
    Left,
    /// Right of the text.
    Right,
    /// Not shown until `o` asks for it.
    Hidden,
}

/// How the reader shows pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Images {
    /// Whatever the terminal can do.
    #[default]
    Auto,
    /// Unicode half blocks.
    Halfblocks,
    /// Only the `[image: alt]` text.
    Off,
}

/// One `"key" = "action"` line of `[keys.reader]` or `[keys.library]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBinding {
    /// The key's name as written (`ctrl-n`).
    pub key: String,
    /// The action's name as written (`next-heading`, or `none`).
    pub action: String,
    /// The line it is on, from 1.
    pub line: usize,
}

/// Every setting of the file; `None` (or empty) where the file says nothing
/// or said something wrong.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// The file the settings came from.
    pub source: Option<PathBuf>,
    /// The widest the reader's text column may be.
    pub width: Option<u16>,
    /// The folder opened when no PATH is given.
    pub library: Option<PathBuf>,
    /// The theme.
    pub theme: Option<ThemeChoice>,
    /// Where the outline goes.
    pub outline: Option<OutlineSide>,
    /// The widest the outline may be, in columns.
    pub outline_width: Option<u16>,
    /// Whether the library lists drafts.
    pub drafts: Option<bool>,
    /// Whether the reader's links are OSC 8 hyperlinks.
    pub hyperlinks: Option<bool>,
    /// The library's first order.
    pub sort: Option<SortKey>,
    /// How the reader shows pictures.
    pub images: Option<Images>,
    /// The most rows a picture takes.
    pub image_height: Option<u16>,
    /// `[colors]`: theme slots and the colour each is given.
    pub colors: Vec<(&'static str, Color)>,
    /// `[keys.reader]`.
    pub reader_keys: Vec<KeyBinding>,
    /// `[keys.library]`.
    pub library_keys: Vec<KeyBinding>,
    /// `[remote]`: forges' API bases and the limits of a fetch.
    pub remote: Remote,
}

/// The settings with the defaults filled in where the file said nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The widest the reader's text column may be.
    pub width: u16,
    /// The folder opened when no PATH is given (`None`: `./articles` or `.`).
    pub library: Option<PathBuf>,
    /// The theme.
    pub theme: ThemeChoice,
    /// Where the outline goes.
    pub outline: OutlineSide,
    /// The widest the outline may be.
    pub outline_width: u16,
    /// Whether the library lists drafts.
    pub drafts: bool,
    /// Whether the reader's links are OSC 8 hyperlinks.
    pub hyperlinks: bool,
    /// The library's first order.
    pub sort: SortKey,
    /// How the reader shows pictures.
    pub images: Images,
    /// The most rows a picture takes.
    pub image_height: u16,
}

/// The default text width of the reader.
pub const DEFAULT_WIDTH: u16 = 100;
/// The default most rows of a picture.
pub const DEFAULT_IMAGE_HEIGHT: u16 = 16;
/// The most rows a picture may be given.
pub const MAX_IMAGE_HEIGHT: u16 = 200;
/// The default widest outline.
pub const DEFAULT_OUTLINE_WIDTH: u16 = 60;

impl Config {
    /// The settings, with defaults where the file said nothing.
    pub fn settings(&self) -> Settings {
        Settings {
            width: self.width.unwrap_or(DEFAULT_WIDTH),
            library: self.library.clone(),
            theme: self.theme.unwrap_or_default(),
            outline: self.outline.unwrap_or_default(),
            outline_width: self.outline_width.unwrap_or(DEFAULT_OUTLINE_WIDTH),
            drafts: self.drafts.unwrap_or(true),
            hyperlinks: self.hyperlinks.unwrap_or(true),
            sort: self.sort.unwrap_or_default(),
            images: self.images.unwrap_or_default(),
            image_height: self.image_height.unwrap_or(DEFAULT_IMAGE_HEIGHT),
        }
    }

    /// The theme to draw with: the one the config (or `--theme`) names, for
    /// `auto` the one for the terminal's background (`ask` reports the OSC 11
    /// answer, else `COLORFGBG`), mono under `NO_COLOR` when `no_color_mono`;
    /// then painted with `[colors]`.
    pub fn theme_for(
        &self,
        no_color_mono: bool,
        ask: impl FnOnce() -> Option<crate::theme::Background>,
    ) -> Theme {
        let colorfgbg = std::env::var("COLORFGBG").ok();
        let no_color = no_color_mono && crate::theme::no_color();
        let theme = crate::theme::choose(
            self.theme.unwrap_or_default(),
            no_color,
            colorfgbg.as_deref(),
            ask,
        );
        self.paint(theme)
    }

    /// `theme` with the `[colors]` overrides: each sets its slot's text
    /// colour. Mono stays without colour.
    pub fn paint(&self, mut theme: Theme) -> Theme {
        if theme.name == Theme::MONO.name {
            return theme;
        }
        for (slot, color) in &self.colors {
            if let Some(style) = theme.slot_mut(slot) {
                style.fg = Some(*color);
            }
        }
        theme
    }
}

/// The most config warnings printed; the rest are counted in one line.
pub const MAX_SHOWN_WARNINGS: usize = 20;

/// Something wrong in a config file: where, which key, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file.
    pub file: PathBuf,
    /// The line, from 1.
    pub line: usize,
    /// The key (dotted, `keys.reader."ctrl-n"`), or empty for a syntax error.
    pub key: String,
    /// What is wrong and what is used instead.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = crate::sanitize::sanitize_line(&self.file.display().to_string()).into_owned();
        let key = crate::sanitize::sanitize_line(&self.key).into_owned();
        let message = crate::sanitize::sanitize_line(&self.message).into_owned();
        // Line 0: about the whole file (it could not be read).
        match (self.line, key.is_empty()) {
            (0, _) => write!(f, "{file}: {message}"),
            (line, true) => write!(f, "{file}:{line}: {message}"),
            (line, false) => write!(f, "{file}:{line}: {key}: {message}"),
        }
    }
}

/// Where the config is read from: `explicit` (`--config`), else
/// `QUIRE_CONFIG`, else `$XDG_CONFIG_HOME/quire/config.toml`, else
/// `~/.config/quire/config.toml`. `None` when none of them can be named.
pub fn path(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(p) = var("QUIRE_CONFIG") {
        return Some(PathBuf::from(p));
    }
    let base = match var("XDG_CONFIG_HOME") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(var("HOME")?).join(".config"),
    };
    Some(base.join("quire").join("config.toml"))
}

/// The largest config quire reads: a settings file is a few KB; anything
/// bigger is a mistake (or `/dev/zero`), refused with the defaults.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads the config at `path`. A missing file is no config and no warning,
/// unless it was named on purpose (`--config`, `QUIRE_CONFIG`). Anything but
/// a regular file (a device, a fifo) and a file over [`MAX_CONFIG_BYTES`]
/// is refused unopened, with a warning, and the defaults are used.
pub fn load(path: Option<&Path>, named: bool) -> (Config, Vec<Warning>) {
    let Some(path) = path else {
        return (Config::default(), Vec::new());
    };
    let reason = match crate::file::read_regular(path, MAX_CONFIG_BYTES) {
        Ok((bytes, _)) => {
            let text = String::from_utf8_lossy(&bytes);
            return parse(&text, path);
        }
        Err(crate::Error::Read { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound && !named =>
        {
            return (Config::default(), Vec::new());
        }
        Err(crate::Error::Read { source, .. }) => format!("cannot be read ({source})"),
        Err(crate::Error::TooLarge { limit, .. }) => {
            format!("larger than {limit} bytes, the most a config may be")
        }
        Err(_) => "not a regular file".to_string(),
    };
    let warning = Warning {
        file: path.to_path_buf(),
        line: 0,
        key: String::new(),
        message: format!("{reason}; using the defaults"),
    };
    (Config::default(), vec![warning])
}

/// `~/x` with the home folder, other paths as they are.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}
