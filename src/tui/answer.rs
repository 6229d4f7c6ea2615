//! The terminal's answer to the background question (OSC 11), picked out of
//! its input events. The question is asked after the first frame, so that
//! no start waits for a terminal that never answers; the answer then comes
//! in with the keys, which crossterm reads as keys: `ESC ]` is Alt-`]`, the
//! body `11;rgb:…` one character each, and the end Ctrl-G (BEL) or Alt-`\`
//! (`ESC \`). [`Catcher`] holds such a run back and turns it into the
//! background; anything else that shows up in it goes on as keys.

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::theme::Background;

/// The question: what is the background colour? (OSC 11 `?`, ended by ST).
pub const QUESTION: &str = "\x1b]11;?\x1b\\";

/// How long after the question an answer is still looked for; a terminal
/// answers within milliseconds or not at all.
pub const WAIT: Duration = Duration::from_secs(2);

/// The longest body an answer has (`11;rgba:ffff/ffff/ffff/ffff` and some).
const LONGEST: usize = 48;

/// What the catcher made of an event.
#[derive(Debug, PartialEq)]
pub enum Step {
    /// Held: it may be part of the answer.
    Hold,
    /// Not the answer: these events go on as input, in order.
    Release(Vec<Event>),
    /// The answer ended: the background it names (`None`: unreadable).
    Answer(Option<Background>),
}

/// Watches the input for the answer after the question was asked.
#[derive(Debug)]
pub struct Catcher {
    /// Until when an answer is looked for.
    until: Instant,
    /// The events of an answer begun: held back.
    held: Vec<Event>,
    /// The answer's body so far.
    body: String,
}

impl Catcher {
    /// Looks for an answer to a question asked at `asked`.
    pub fn new(asked: Instant) -> Catcher {
        Catcher {
            until: asked + WAIT,
            held: Vec::new(),
            body: String::new(),
        }
    }

    /// Until when an answer is looked for.
    pub fn until(&self) -> Instant {
        self.until
    }

    /// True once an answer can no longer come (nothing is held then).
    pub fn expired(&self, now: Instant) -> bool {
        self.held.is_empty() && now > self.until
    }

    /// True while the start of an answer is held back.
    pub fn holding(&self) -> bool {
        !self.held.is_empty()
    }

    /// Takes `event`: the start of an answer is held, its end gives the
    /// background, and anything else goes on (with what was held).
    pub fn feed(&mut self, event: Event) -> Step {
        let key = match &event {
            Event::Key(key) if key.kind != KeyEventKind::Release => Some(*key),
            _ => None,
        };
        let started = self.holding();
        match key {
            Some(k) if !started && is_alt(k, ']') => {
                self.held.push(event);
                Step::Hold
            }
            Some(k) if started && (is_alt(k, '\\') || is_bel(k)) => {
                let answer = format!("\x1b]{}\x07", self.body);
                self.held.clear();
                self.body.clear();
                Step::Answer(Background::from_osc11(answer.as_bytes()))
            }
            Some(KeyEvent {
                code: KeyCode::Char(c),
                modifiers,
                ..
            }) if started
                && self.body.len() < LONGEST
                && (modifiers - KeyModifiers::SHIFT).is_empty()
                && (c.is_ascii_alphanumeric() || matches!(c, ';' | ':' | '/' | '#')) =>
            {
                self.body.push(c);
                self.held.push(event);
                Step::Hold
            }
            _ => self.release(Some(event)),
        }
    }

    /// Gives back what was held (the input paused inside what looked like
    /// an answer): those were keys after all.
    pub fn release(&mut self, then: Option<Event>) -> Step {
        self.body.clear();
        let mut out = std::mem::take(&mut self.held);
        out.extend(then);
        Step::Release(out)
    }
}

fn is_alt(key: KeyEvent, c: char) -> bool {
    key.code == KeyCode::Char(c) && key.modifiers == KeyModifiers::ALT
}

fn is_bel(key: KeyEvent) -> bool {
    key.code == KeyCode::Char('g') && key.modifiers == KeyModifiers::CONTROL
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events crossterm reads from `bytes`, as its parser makes them
    /// (`ESC x` is Alt-x, a control byte Ctrl-letter, a capital Shift).
    fn events(bytes: &str) -> Vec<Event> {
        let mut out = Vec::new();
        let mut chars = bytes.chars();
        while let Some(c) = chars.next() {
            let key = match c {
                '\x1b' => KeyEvent::new(
                    KeyCode::Char(chars.next().expect("ESC x")),
                    KeyModifiers::ALT,
                ),
                '\x07' => KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL),
                c if c.is_ascii_uppercase() => KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT),
                c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            };
            out.push(Event::Key(key));
        }
        out
    }

    fn run(catcher: &mut Catcher, bytes: &str) -> Vec<Step> {
        events(bytes)
            .into_iter()
            .map(|e| catcher.feed(e))
            .filter(|s| *s != Step::Hold)
            .collect()
    }

    #[test]
    fn an_answer_ended_by_st_or_bel_gives_the_background() {
        let mut c = Catcher::new(Instant::now());
        let light = "\x1b]11;rgb:ffff/ffff/ffff\x1b\\";
        assert_eq!(run(&mut c, light), [Step::Answer(Some(Background::Light))]);
        let dark = "\x1b]11;rgb:1E1E/1E1E/2E2E\x07";
        assert_eq!(run(&mut c, dark), [Step::Answer(Some(Background::Dark))]);
        assert!(!c.holding());
    }

    #[test]
    fn keys_around_an_answer_go_on_in_order() {
        let mut c = Catcher::new(Instant::now());
        let steps = run(&mut c, "j\x1b]11;rgb:0000/0000/0000\x07k");
        assert_eq!(
            steps,
            [
                Step::Release(events("j")),
                Step::Answer(Some(Background::Dark)),
                Step::Release(events("k")),
            ]
        );
    }

    #[test]
    fn an_alt_bracket_that_is_not_an_answer_is_given_back_whole() {
        let mut c = Catcher::new(Instant::now());
        // Alt-] then an arrow key: both are keys.
        assert_eq!(c.feed(events("\x1b]")[0].clone()), Step::Hold);
        let down = Event::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        assert_eq!(
            c.feed(down.clone()),
            Step::Release(vec![events("\x1b]")[0].clone(), down])
        );
        // Alt-] and a pause: given back by `release`.
        assert_eq!(c.feed(events("\x1b]")[0].clone()), Step::Hold);
        assert_eq!(c.release(None), Step::Release(events("\x1b]")));
        assert!(!c.holding());
    }

    #[test]
    fn a_garbled_answer_names_no_background_and_the_wait_ends() {
        let now = Instant::now();
        let mut c = Catcher::new(now);
        assert_eq!(run(&mut c, "\x1b]11;rgb:zz\x07"), [Step::Answer(None)]);
        assert!(!c.expired(now));
        assert!(c.expired(now + WAIT + Duration::from_millis(1)));
    }
}
