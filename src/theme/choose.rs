//! Which built-in theme to use: the one asked for, or for `auto` the one that
//! fits the terminal's background (its OSC 11 answer, else `COLORFGBG`, else
//! dark). `NO_COLOR` is read here and nowhere else.

use super::Theme;

/// The theme a user asks for (`--theme`, `theme =` in the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    /// Fit the terminal's background; mono under `NO_COLOR`.
    #[default]
    Auto,
    /// Colours for a dark background.
    Dark,
    /// Colours for a light background.
    Light,
    /// No colour.
    Mono,
}

impl ThemeChoice {
    /// Every choice, with the name a config and the command line use.
    pub const ALL: [(ThemeChoice, &'static str); 4] = [
        (ThemeChoice::Auto, "auto"),
        (ThemeChoice::Dark, "dark"),
        (ThemeChoice::Light, "light"),
        (ThemeChoice::Mono, "mono"),
    ];

    /// The choice called `name`.
    pub fn from_name(name: &str) -> Option<ThemeChoice> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
    }

    /// The name of this choice.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("auto", |(_, n)| n)
    }
}

/// The kind of background a terminal has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    /// Light text on a dark background.
    Dark,
    /// Dark text on a light background.
    Light,
}

impl Background {
    /// The background of a colour given as 16-bit channels (as OSC 11
    /// answers): light when its relative luminance is above the middle.
    pub fn of_rgb(r: u16, g: u16, b: u16) -> Background {
        let lin = |c: u16| {
            let c = f64::from(c) / f64::from(u16::MAX);
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let y = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
        // 0.18 luminance is the perceptual middle grey (L* = 50).
        if y > 0.18 {
            Background::Light
        } else {
            Background::Dark
        }
    }

    /// The background an OSC 11 answer names
    /// (`ESC ] 11 ; rgb:RRRR/GGGG/BBBB` ended by BEL or `ESC \`).
    pub fn from_osc11(answer: &[u8]) -> Option<Background> {
        let text = std::str::from_utf8(answer).ok()?;
        let body = text.strip_prefix("\x1b]11;")?;
        let body = body
            .strip_suffix('\x07')
            .or_else(|| body.strip_suffix("\x1b\\"))?;
        let rgb = body
            .strip_prefix("rgb:")
            .or_else(|| body.strip_prefix("rgba:"))?;
        let mut channels = rgb.split('/').map(|h| {
            // 1 to 4 hex digits scale to the full 16 bits.
            let v = u32::from_str_radix(h, 16).ok()?;
            let max = (1u32 << (4 * h.len().clamp(1, 4))) - 1;
            (h.len() <= 4).then(|| u16::try_from(v * 0xffff / max).ok())?
        });
        let (r, g, b) = (channels.next()??, channels.next()??, channels.next()??);
        Some(Background::of_rgb(r, g, b))
    }

    /// The background `COLORFGBG` (`fg;bg`, set by rxvt, Konsole and others)
    /// says: colours 0-6 and 8 are dark, 7 and 9-15 light.
    pub fn from_colorfgbg(value: &str) -> Option<Background> {
        let bg: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
        match bg {
            0..=6 | 8 => Some(Background::Dark),
            7 | 9..=15 => Some(Background::Light),
            _ => None,
        }
    }
}

/// How long the terminal gets to answer what its background is.
pub const ASK_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(100);

/// The terminal's background, asked with OSC 11 (terminal-colorsaurus, which
/// knows which terminals answer and how), waiting at most [`ASK_TIMEOUT`].
/// `None` without a terminal or an answer.
pub fn ask_terminal() -> Option<Background> {
    let mut options = terminal_colorsaurus::QueryOptions::default();
    options.timeout = ASK_TIMEOUT;
    let c = terminal_colorsaurus::background_color(options).ok()?;
    Some(Background::of_rgb(c.r, c.g, c.b))
}

/// True when `NO_COLOR` is set to anything but the empty string.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The built-in theme for `choice`. For `auto`: mono when `no_color`, else
/// the background `ask` reports (the terminal's OSC 11 answer), else the one
/// `colorfgbg` names, else dark. `ask` is only called for `auto`.
pub fn choose(
    choice: ThemeChoice,
    no_color: bool,
    colorfgbg: Option<&str>,
    ask: impl FnOnce() -> Option<Background>,
) -> Theme {
    match choice {
        ThemeChoice::Dark => Theme::DARK,
        ThemeChoice::Light => Theme::LIGHT,
        ThemeChoice::Mono => Theme::MONO,
        ThemeChoice::Auto if no_color => Theme::MONO,
        ThemeChoice::Auto => match ask().or_else(|| colorfgbg.and_then(Background::from_colorfgbg))
        {
            Some(Background::Light) => Theme::LIGHT,
            Some(Background::Dark) | None => Theme::DARK,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc11_answers_name_the_background() {
        let white = b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\";
        let black = b"\x1b]11;rgb:0000/0000/0000\x07";
        let solarized_light = b"\x1b]11;rgb:fdfd/f6f6/e3e3\x07";
        let short = b"\x1b]11;rgb:28/2c/34\x07";
        assert_eq!(Background::from_osc11(white), Some(Background::Light));
        assert_eq!(Background::from_osc11(black), Some(Background::Dark));
        assert_eq!(
            Background::from_osc11(solarized_light),
            Some(Background::Light)
        );
        assert_eq!(Background::from_osc11(short), Some(Background::Dark));
        assert_eq!(Background::from_osc11(b"\x1b]11;rgb:ff/ff\x07"), None);
        assert_eq!(Background::from_osc11(b"garbage"), None);
    }

    #[test]
    fn colorfgbg_names_the_background() {
        assert_eq!(Background::from_colorfgbg("15;0"), Some(Background::Dark));
        assert_eq!(Background::from_colorfgbg("0;15"), Some(Background::Light));
        assert_eq!(
            Background::from_colorfgbg("0;default;15"),
            Some(Background::Light)
        );
        assert_eq!(Background::from_colorfgbg("0;default"), None);
    }

    #[test]
    fn auto_asks_the_terminal_then_colorfgbg_then_picks_dark() {
        let light = || Background::from_osc11(b"\x1b]11;rgb:ffff/ffff/ffff\x07");
        assert_eq!(choose(ThemeChoice::Auto, false, None, light), Theme::LIGHT);
        // The terminal's answer wins over COLORFGBG.
        assert_eq!(
            choose(ThemeChoice::Auto, false, Some("15;0"), light),
            Theme::LIGHT
        );
        // No answer: COLORFGBG, then dark.
        assert_eq!(
            choose(ThemeChoice::Auto, false, Some("0;15"), || None),
            Theme::LIGHT
        );
        assert_eq!(choose(ThemeChoice::Auto, false, None, || None), Theme::DARK);
    }

    #[test]
    fn no_color_means_mono_unless_a_theme_is_named() {
        let never = || -> Option<Background> { panic!("asked the terminal under NO_COLOR") };
        assert_eq!(
            choose(ThemeChoice::Auto, true, Some("0;15"), never),
            Theme::MONO
        );
        assert_eq!(choose(ThemeChoice::Dark, true, None, || None), Theme::DARK);
        assert_eq!(choose(ThemeChoice::Mono, false, None, || None), Theme::MONO);
    }

    #[test]
    fn choices_have_names() {
        for (c, n) in ThemeChoice::ALL {
            assert_eq!(ThemeChoice::from_name(n), Some(c));
            assert_eq!(c.name(), n);
        }
    }
}
