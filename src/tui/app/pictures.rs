//! The app's part of the reader's pictures: the mode a run asks for, and
//! which pictures near the top reader's screen to ask for after every
//! message. The pictures' state is the reader's
//! ([`crate::tui::reader::images`]), and so is where a decoded one lands
//! (`ReaderScreen::finish`).

use crate::config::Images;
use crate::tui::app::inflight::{Slot, Waiter};
use crate::tui::app::{App, Screen};
use crate::tui::reader::images::{ImageState, key_of, mode};
use crate::tui::reader::jobs::{ImageJob, Job, Slot as ReaderSlot};

/// Sets the app up for the mode `flag` (else the config) asks for: the rows
/// a picture is given, and the mode the terminal is asked about later.
pub fn configure(app: &mut App, flag: Option<Images>, settings: &crate::config::Settings) {
    let mode = mode(flag, settings.images);
    app.pictures.mode = Some(mode);
    app.config.image_rows = match mode {
        Images::Off => 0,
        Images::Auto | Images::Halfblocks => settings.image_height.max(1),
    };
}

/// Once the terminal has said what it draws pictures with: pictures are
/// counted in its cells, and readers laid out for another cell size are
/// laid out again.
pub fn use_terminal_cell(app: &mut App) {
    let Some(picker) = &app.pictures.picker else {
        return;
    };
    let font = picker.font_size();
    let cell = (font.width.max(1), font.height.max(1));
    app.config.picture_cell = cell;
    for screen in &mut app.screens {
        if let Screen::Reader(r) = screen {
            r.set_picture_cell(cell);
        }
    }
}

/// After every update: asks for the pictures near the top reader's screen
/// (one screen above and below) that it has not asked for yet.
pub fn after_update(app: &mut App) {
    let library = super::follow::library_root(app);
    let picker = match (&app.pictures.picker, app.pictures.on_workers) {
        (Some(picker), _) => Some(picker.clone()),
        // Half blocks: each job makes its own picker.
        (None, true) => None,
        (None, false) => return,
    };
    let Some(Screen::Reader(r)) = app.screens.last_mut() else {
        return;
    };
    if r.doc.images.is_empty() {
        return;
    }
    let rows = r.rows().max(1);
    // Folded `<details>` may put lines far below `top` on screen.
    let last = r.screen_lines().last().copied().unwrap_or(r.top);
    let from = r.top.saturating_sub(rows);
    let to = last.saturating_add(rows).saturating_add(1);
    let first = r.doc.images.partition_point(|b| b.lines().end <= from);
    for block in r.doc.images[first..].iter().take_while(|b| b.line < to) {
        let key = key_of(&r.doc, block);
        if r.images.get(&key).is_some() {
            continue;
        }
        let job = Job::Image(ImageJob {
            article: r.article.path.clone(),
            library: library.clone(),
            target: key.target.clone(),
            cells: (key.width, key.rows),
            picker: picker.clone(),
            remote: crate::tui::reader::remote::fetching_for(&app.remote, &r.article.path),
        });
        let waiter = Waiter::Screen(r.id, Slot::Reader(ReaderSlot::Picture));
        let state = ImageState::Pending {
            job: app.jobs.ask(waiter, job),
            pixels: None,
        };
        r.images.insert(key, state);
    }
}
