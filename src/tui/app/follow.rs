//! Following links and going back and forward. These actions may swap the
//! reader on top of the stack for another article's, so they work on the
//! whole [`App`]. No I/O: resolving a link, opening a file and starting a
//! browser are background jobs, asked for through the table of jobs in
//! flight; the resolved links land here ([`links_arrived`]: following one
//! may open another article), what links here in the reader's own `finish`.

use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::links::{Kind, Link, Resolution, Resolver};
use crate::sanitize::sanitize_line;
use crate::tui::action::{Action, Effect};
use crate::tui::app::inflight::{Jobs, Slot, Waiter};
use crate::tui::app::{App, Screen};
use crate::tui::browser;
use crate::tui::reader::jobs::{Job, Slot as ReaderSlot};
use crate::tui::reader::links::SharedResolver;

use crate::tui::reader::ReaderScreen;
use crate::tui::reader::history::{Step, push};
use crate::tui::reader::links::{HintTarget, LinkList};

/// Carries out a link or history action on the reader on top; `None` when
/// `action` is not one (or the top screen is not a reader), so that the
/// screen's own update gets it.
pub fn update(app: &mut App, action: &Action) -> Option<Option<Effect>> {
    let r = app.reader_mut()?;
    match action {
        Action::LinkHints => {
            r.message = None;
            let hints = r.make_hints();
            if hints.hints.is_empty() {
                r.message = Some("no link on screen".into());
            } else {
                r.links.hints = Some(hints);
            }
        }
        Action::TagHints => super::tags::label_tags(app),
        Action::LinkList if r.partial => {
            r.message = Some("loading the rest of the article…".into());
        }
        Action::LinkList => {
            r.message = None;
            if !open_list(r) {
                request_links(app);
            }
        }
        Action::Backlinks => {
            r.message = None;
            if !r.open_backlinks() {
                r.links.backlinks_wanted = true;
                request_backlinks(app);
            }
        }
        Action::ToggleSectionLinks => {
            r.links.counts_shown = !r.links.counts_shown;
            if r.links.counts_shown && r.links.backlinks.is_none() {
                r.message = Some("finding what links here…".into());
                request_backlinks(app);
            }
        }
        Action::LinkInput(c) => {
            if let Some(list) = &mut r.links.list {
                list.filter.push(*c);
                refilter(r);
            } else {
                type_label(app, *c);
            }
        }
        Action::LinkBackspace => {
            if let Some(list) = &mut r.links.list {
                list.filter.pop();
                refilter(r);
            } else if let Some(hints) = &mut r.links.hints {
                hints.typed.pop();
            }
        }
        Action::LinkDown | Action::LinkUp => {
            if let Some(list) = &mut r.links.list {
                list.selected = if *action == Action::LinkDown {
                    (list.selected + 1).min(list.shown.len().saturating_sub(1))
                } else {
                    list.selected.saturating_sub(1)
                };
                list.follow(crate::tui::reader::links::list_rows(&r.geometry));
            }
        }
        Action::LinkFollow => {
            let chosen = {
                let table = r.links.list_table()?;
                let list = r.links.list.as_ref()?;
                list.shown
                    .get(list.selected)
                    .and_then(|&i| table.get(i))
                    .map(|(_, resolution)| resolution.clone())
            };
            r.links.list = None;
            if let Some(resolution) = chosen {
                act(app, resolution);
            }
        }
        Action::LinkCancel => {
            if r.links.prompt.take().is_none() && r.links.list.take().is_none() {
                r.links.hints = None;
            }
        }
        Action::OpenUrl => {
            let url = r.links.prompt.take()?;
            let browser = std::env::var("BROWSER").ok();
            let command = browser::browser_command(browser.as_deref(), &url);
            let program = command.first().cloned().unwrap_or_default();
            r.message = Some(format!("starting {}…", sanitize_line(&program)));
            app.jobs.ask(Waiter::Anyone, Job::Browse { command });
        }
        Action::CopyUrl => {
            let url = r.links.prompt.take()?;
            r.message = Some(format!("copied {}", browser::shown_url(&url, 60)));
            return Some(Some(Effect::Copy(url)));
        }
        Action::HistoryBack => travel(app, false),
        Action::HistoryForward => travel(app, true),
        Action::Click { column, row } if r.tag_at(*column, *row).is_some() => {
            let tag = r.tag_at(*column, *row)?;
            super::tags::filter_library(app, &tag);
        }
        Action::Click { column, row } => {
            let target = r.link_at(*column, *row)?;
            r.message = None;
            follow_target(app, target);
        }
        _ => return None,
    }
    Some(None)
}

/// Opens the link list; false when the links are still to be read (the
/// list opens when they are).
fn open_list(r: &mut ReaderScreen) -> bool {
    match &r.links.table {
        Some(table) if table.is_empty() => r.message = Some("this article has no links".into()),
        Some(_) => {
            r.links.list = Some(LinkList::default());
            refilter(r);
        }
        None => {
            r.links.list_wanted = true;
            r.message = Some("reading the links…".into());
            return false;
        }
    }
    true
}

fn refilter(r: &mut ReaderScreen) {
    r.refilter_links();
}

/// Asks the link index what links to the reader on top's article.
fn request_backlinks(app: &mut App) {
    let library = library_root(app).and_then(|l| std::path::absolute(l).ok());
    let db = app.search.index.file().map(Path::to_path_buf);
    let Some(r) = app.reader_mut() else { return };
    if r.links.backlinks_asked.is_some() || crate::stdin::is_dash(&r.article.path) {
        return;
    }
    let path = std::path::absolute(&r.article.path).unwrap_or_else(|_| r.article.path.clone());
    let root = crate::tui::reader::backlinks::root_for(&path, library.as_deref());
    let waiter = Waiter::Screen(r.id, Slot::Reader(ReaderSlot::Backlinks));
    let id = app.jobs.ask(waiter, Job::Backlinks { path, root, db });
    if let Some(r) = app.reader_mut() {
        r.links.backlinks_asked = Some(id);
    }
}

/// A letter typed over the labels: follows the link once a label is whole.
fn type_label(app: &mut App, c: char) {
    let Some(r) = app.reader_mut() else { return };
    let Some(hints) = &mut r.links.hints else {
        return;
    };
    hints.typed.push(c);
    let typed = hints.typed.clone();
    let mut matching = hints.hints.iter().filter(|h| h.label.starts_with(&typed));
    let Some(first) = matching.next() else {
        let what = if hints.tags() { "tag" } else { "link" };
        r.links.hints = None;
        r.message = Some(format!("no {what} labelled {}", sanitize_line(&typed)));
        return;
    };
    if first.label != typed {
        return;
    }
    let target = first.target.clone();
    r.links.hints = None;
    match target {
        HintTarget::Link(link) => {
            if let Some(target) = r.doc.links.get(link as usize).cloned() {
                follow_target(app, target);
            }
        }
        HintTarget::Tag(tag) => super::tags::filter_library(app, &tag),
    }
}

/// Follows `target`, a link of the reader on top (as the layout holds
/// it): at once when the article's links are resolved, else once they are.
/// Only a target the resolver saw in the article's own text is followed.
pub fn follow_target(app: &mut App, target: String) {
    let Some(r) = app.reader_mut() else { return };
    if r.partial {
        r.message = Some("loading the rest of the article…".into());
        return;
    }
    if r.links.table.is_none() {
        r.links.pending = Some(target);
        request_links(app);
        return;
    }
    match r.links.lookup(&target).cloned() {
        Some(resolution) => act(app, resolution),
        None => r.message = Some("this link cannot be followed".into()),
    }
}

/// Goes where `resolution` leads, or says why it does not.
fn act(app: &mut App, resolution: Resolution) {
    let Some(r) = app.reader_mut() else { return };
    // A site's own id of a section lands where the outline names it.
    let anchor = resolution.landing_anchor().map(str::to_string);
    let Resolution {
        kind,
        path,
        url,
        reason,
        ..
    } = resolution;
    match (kind, path) {
        (Kind::Url, _) => r.links.prompt = url,
        (Kind::Anchor | Kind::File | Kind::Wikilink, Some(path)) if path == r.article.path => {
            let before = r.spot();
            let landed = match &anchor {
                Some(anchor) => r.land_on(anchor),
                None => {
                    r.top = 0;
                    r.follow();
                    true
                }
            };
            if landed {
                r.history.record(Step::Spot(Box::new(before)));
            } else {
                r.message = Some(reason.unwrap_or_else(|| "no such section here".into()));
            }
        }
        (Kind::Anchor | Kind::File, Some(path)) if crate::tui::reader::remote::is_remote(&path) => {
            app.request_open_at(path, anchor);
        }
        (Kind::Anchor | Kind::File | Kind::Wikilink, Some(path)) if !is_markdown(&path) => {
            r.message = Some(format!(
                "not an article: {}",
                sanitize_line(&path.display().to_string())
            ));
        }
        (Kind::Anchor | Kind::File | Kind::Wikilink, Some(path)) => {
            app.request_open_at(path, anchor)
        }
        (_, _) => {
            let why = reason.unwrap_or_else(|| "this link leads nowhere".into());
            r.message = Some(why);
        }
    }
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The folder of the library under the readers, if any (a repository's
/// folder is none on disk).
pub(super) fn library_root(app: &App) -> Option<std::path::PathBuf> {
    app.screens.iter().find_map(|s| match s {
        Screen::Library(l) => l.source.remote().is_none().then(|| l.library.root.clone()),
        Screen::Reader(_) | Screen::Search(_) => None,
    })
}

/// The reader's resolver, made on first need.
fn resolver(r: &mut ReaderScreen, root: Option<&Path>) -> SharedResolver {
    Arc::clone(
        r.links
            .resolver
            .get_or_insert_with(|| Arc::new(Mutex::new(Resolver::new(root)))),
    )
}

/// Asks for the links of the reader on top to be resolved, once it holds
/// the whole article and has not asked yet. Asked when first needed (the
/// list): a reader that never looks at its links pays nothing.
fn request_links(app: &mut App) {
    let root = library_root(app);
    let Some(r) = app.reader_mut() else { return };
    if r.partial || r.links.table.is_some() || r.links.asked.is_some() {
        return;
    }
    let job = Job::Links {
        article: Arc::clone(&r.article),
        resolver: resolver(r, root.as_deref()),
    };
    let waiter = Waiter::Screen(r.id, Slot::Reader(ReaderSlot::Links));
    let id = app.jobs.ask(waiter, job);
    if let Some(r) = app.reader_mut() {
        r.links.asked = Some(id);
    }
}

/// Puts a reader opened by following a link on top, in place of the one
/// the link was followed from, which becomes the step back.
pub fn arrive(app: &mut App, mut reader: Box<ReaderScreen>) {
    let Some(Screen::Reader(top)) = app.screens.last_mut() else {
        app.screens.push(Screen::Reader(reader));
        app.watch_top_reader();
        return;
    };
    reader.history = std::mem::take(&mut top.history);
    reader.links.resolver = top.links.resolver.clone();
    let left = std::mem::replace(top, reader);
    top.history.record(Step::Reader(stash(left, &mut app.jobs)));
    app.watch_top_reader();
}

/// Readies a reader for keeping in the history: its watch stops (it starts
/// again when the reader comes back), a resolve it waits for is asked again
/// (nobody waits for the one on its way).
fn stash(mut reader: Box<ReaderScreen>, jobs: &mut Jobs) -> Box<ReaderScreen> {
    if let Some((_, stop)) = reader.jobs.watch.take() {
        stop.stop();
    }
    jobs.forget(Waiter::Screen(reader.id, Slot::Reader(ReaderSlot::Links)));
    reader.links.asked = None;
    reader.links.pending = None;
    reader.links.list_wanted = false;
    reader
}

/// Goes one step back (or forward).
fn travel(app: &mut App, forward: bool) {
    let (w, h) = app.size;
    let Some(Screen::Reader(r)) = app.screens.last_mut() else {
        return;
    };
    r.message = None;
    let step = if forward {
        r.history.forward.pop()
    } else {
        r.history.back.pop()
    };
    let here = match step {
        None => {
            let way = if forward { "forward" } else { "back" };
            r.message = Some(format!("nothing to go {way} to"));
            return;
        }
        Some(Step::Spot(spot)) => {
            let here = Step::Spot(Box::new(r.spot()));
            r.go_to_spot(&spot);
            here
        }
        Some(Step::Reader(mut other)) => {
            other.history = std::mem::take(&mut r.history);
            let left = std::mem::replace(r, other);
            if r.geometry.area.width != w || r.geometry.area.height != h {
                r.resize(w, h);
            }
            Step::Reader(stash(left, &mut app.jobs))
        }
    };
    let other_way = if forward {
        &mut r.history.back
    } else {
        &mut r.history.forward
    };
    push(other_way, here);
    if r.jobs.watch.is_none() {
        app.watch_top_reader();
    }
}

/// The links of the reader on top, resolved (the table of jobs in flight
/// found it waiting for them): the list opens when it was asked for
/// meanwhile, and a link clicked meanwhile is followed.
pub fn links_arrived(app: &mut App, table: Arc<Vec<(Link, Resolution)>>) {
    let Some(r) = app.reader_mut() else { return };
    r.links.table = Some(table);
    r.links.asked = None;
    // A list open on the links read before: its rows follow the new table.
    r.refilter_links();
    if std::mem::take(&mut r.links.list_wanted) {
        r.message = None;
        let _ = open_list(r);
    }
    if let Some(target) = r.links.pending.take() {
        follow_target(app, target);
    }
}
