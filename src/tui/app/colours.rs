//! The colours of the `auto` theme: the terminal's last answer, remembered
//! per terminal in the store, colours the first frame at once; the terminal
//! is asked again after that frame (the answer comes in with the keys) and
//! the app is recoloured when the answer differs. No start waits for a
//! terminal that does not answer.

use crate::store::Answer;
use crate::theme::{Background, Theme};
use crate::tui::app::inflight::Waiter;
use crate::tui::app::{App, Screen};
use crate::tui::memory::{self, MemoryJob};

/// What the `auto` theme needs to recolour the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutoTheme {
    /// The terminal's key in the store ([`crate::store::terminal_key`]).
    pub terminal: String,
    /// The answer the store remembered, if any.
    pub remembered: Option<Answer>,
    /// The theme for a dark background, with the user's colours.
    pub dark: Theme,
    /// The theme for a light background, with the user's colours.
    pub light: Theme,
    /// The theme when the terminal does not answer (`COLORFGBG`, else dark).
    pub unanswered: Theme,
    /// True once the terminal has been asked.
    pub asked: bool,
}

impl AutoTheme {
    /// The theme for `answer`.
    pub fn theme_for(&self, answer: Option<Answer>) -> Theme {
        match answer {
            Some(Answer::Dark) => self.dark,
            Some(Answer::Light) => self.light,
            Some(Answer::None) | None => self.unanswered,
        }
    }
}

/// The answer a background names (`None`: no answer).
pub fn answer_of(background: Option<Background>) -> Answer {
    match background {
        Some(Background::Dark) => Answer::Dark,
        Some(Background::Light) => Answer::Light,
        None => Answer::None,
    }
}

/// True when the terminal is to be asked now (once, for an `auto` theme).
pub fn ask_now(app: &mut App) -> bool {
    match app.auto_theme.as_mut() {
        Some(auto) if !auto.asked => {
            auto.asked = true;
            true
        }
        _ => false,
    }
}

/// The terminal answered (`None`: it did not in time): recolours the app
/// when the theme for the answer is another, and remembers a new answer.
pub fn answered(app: &mut App, background: Option<Background>) {
    let Some(auto) = app.auto_theme.as_mut() else {
        return;
    };
    let answer = answer_of(background);
    let theme = auto.theme_for(Some(answer));
    let new = auto.remembered != Some(answer);
    auto.remembered = Some(answer);
    let terminal = auto.terminal.clone();
    if theme != app.config.theme {
        recolour(app, theme);
    }
    if new && app.memory.enabled() {
        memory::push(app, Waiter::Write, MemoryJob::Answer { terminal, answer });
    }
}

/// Draws everything in `theme` from now on.
pub fn recolour(app: &mut App, theme: Theme) {
    app.config.theme = theme;
    for screen in &mut app.screens {
        if let Screen::Reader(r) = screen {
            r.set_theme(theme);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::Config;

    fn auto_app(remembered: Option<Answer>) -> App {
        let auto = AutoTheme {
            terminal: "xterm-256color||".to_string(),
            remembered,
            dark: Theme::DARK,
            light: Theme::LIGHT,
            unanswered: Theme::DARK,
            asked: false,
        };
        let config = Config {
            theme: auto.theme_for(remembered),
            ..Config::default()
        };
        let mut app = App::new(config, 80, 24);
        app.auto_theme = Some(auto);
        app
    }

    #[test]
    fn the_remembered_answer_colours_the_start_and_a_new_one_recolours() {
        let mut app = auto_app(Some(Answer::Light));
        assert_eq!(app.config.theme, Theme::LIGHT);
        assert!(ask_now(&mut app));
        assert!(!ask_now(&mut app), "asked once");
        answered(&mut app, Some(Background::Dark));
        assert_eq!(app.config.theme, Theme::DARK);
        let auto = app.auto_theme.as_ref().expect("auto");
        assert_eq!(auto.remembered, Some(Answer::Dark));
    }

    #[test]
    fn the_same_answer_changes_nothing_and_no_answer_is_remembered_too() {
        let mut app = auto_app(Some(Answer::Dark));
        answered(&mut app, Some(Background::Dark));
        assert_eq!(app.config.theme, Theme::DARK);
        assert!(app.jobs.take().is_empty(), "nothing new to remember");
        let mut app = auto_app(None);
        answered(&mut app, None);
        assert_eq!(app.config.theme, Theme::DARK);
        let auto = app.auto_theme.as_ref().expect("auto");
        assert_eq!(auto.remembered, Some(Answer::None));
    }
}
