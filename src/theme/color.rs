//! Colours as a theme names them: the 16 named terminal colours, the 256
//! indexed ones and RGB, read from config words like `light-cyan`, `208` or
//! `#e0a000`.

/// The 16 colours every terminal names (their look depends on its palette).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Named {
    /// Colour 0.
    Black,
    /// Colour 1.
    Red,
    /// Colour 2.
    Green,
    /// Colour 3.
    Yellow,
    /// Colour 4.
    Blue,
    /// Colour 5.
    Magenta,
    /// Colour 6.
    Cyan,
    /// Colour 7.
    Gray,
    /// Colour 8.
    DarkGray,
    /// Colour 9.
    LightRed,
    /// Colour 10.
    LightGreen,
    /// Colour 11.
    LightYellow,
    /// Colour 12.
    LightBlue,
    /// Colour 13.
    LightMagenta,
    /// Colour 14.
    LightCyan,
    /// Colour 15.
    White,
}

impl Named {
    /// Every named colour, by its number.
    pub const ALL: [Named; 16] = [
        Named::Black,
        Named::Red,
        Named::Green,
        Named::Yellow,
        Named::Blue,
        Named::Magenta,
        Named::Cyan,
        Named::Gray,
        Named::DarkGray,
        Named::LightRed,
        Named::LightGreen,
        Named::LightYellow,
        Named::LightBlue,
        Named::LightMagenta,
        Named::LightCyan,
        Named::White,
    ];

    /// The colour's number, 0 to 15.
    pub fn index(self) -> u8 {
        self as u8
    }

    /// The name a config uses for it.
    pub fn name(self) -> &'static str {
        match self {
            Named::Black => "black",
            Named::Red => "red",
            Named::Green => "green",
            Named::Yellow => "yellow",
            Named::Blue => "blue",
            Named::Magenta => "magenta",
            Named::Cyan => "cyan",
            Named::Gray => "gray",
            Named::DarkGray => "dark-gray",
            Named::LightRed => "light-red",
            Named::LightGreen => "light-green",
            Named::LightYellow => "light-yellow",
            Named::LightBlue => "light-blue",
            Named::LightMagenta => "light-magenta",
            Named::LightCyan => "light-cyan",
            Named::White => "white",
        }
    }
}

/// A colour of a [`Style`](super::Style).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Color {
    /// One of the 16 named colours.
    Named(Named),
    /// One of the 256 indexed colours.
    Indexed(u8),
    /// A 24-bit colour.
    Rgb(u8, u8, u8),
}

impl std::fmt::Display for Color {
    /// The colour as a config writes it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Color::Named(n) => f.write_str(n.name()),
            Color::Indexed(i) => write!(f, "{i}"),
            Color::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

/// Reads a colour from a config: a name (`light-cyan`, `lightcyan`,
/// `light_cyan`, `grey`), a 256-colour number (`208`), or `#rrggbb`.
pub fn parse_color(word: &str) -> Option<Color> {
    let word = word.trim();
    if let Some(hex) = word.strip_prefix('#') {
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        return Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?));
    }
    if let Ok(i) = word.parse::<u8>() {
        return Some(Color::Indexed(i));
    }
    let key: String = word
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .map(|c| c.to_ascii_lowercase())
        .collect::<String>()
        .replace("grey", "gray")
        .replace("bright", "light");
    Named::ALL
        .into_iter()
        .find(|n| n.name().replace('-', "") == key)
        .map(Color::Named)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_read_in_every_form() {
        assert_eq!(parse_color("#e0a000"), Some(Color::Rgb(0xe0, 0xa0, 0)));
        assert_eq!(parse_color("208"), Some(Color::Indexed(208)));
        assert_eq!(
            parse_color("Light_Cyan"),
            Some(Color::Named(Named::LightCyan))
        );
        assert_eq!(
            parse_color("dark-grey"),
            Some(Color::Named(Named::DarkGray))
        );
        for bad in ["#e0a00", "256", "mauve", "#gg0000", ""] {
            assert_eq!(parse_color(bad), None, "{bad}");
        }
    }

    #[test]
    fn names_read_back() {
        for n in Named::ALL {
            let c = Color::Named(n);
            assert_eq!(parse_color(&c.to_string()), Some(c));
        }
        assert_eq!(Color::Rgb(1, 2, 255).to_string(), "#0102ff");
    }
}
