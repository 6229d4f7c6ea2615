//! An article read from standard input while the reader is up (`quire -`,
//! `cmd | quire`): the screen comes at once and says it is reading, what
//! has come so far shows as it comes, and keys work meanwhile (they come
//! from the terminal, which crossterm opens as `/dev/tty` when standard
//! input is a pipe). The reading is a job on a thread of its own: the UI
//! thread never waits on the pipe, which may stay open for ever.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::article::{Article, Draft};
use crate::layout::Document;
use crate::tui::runtime::{JobId, Reporter};
use crate::tui::settings::Config;

use super::{ReaderScreen, open_at, warning_note};

/// Bytes read from the pipe at a time.
const CHUNK: usize = 64 * 1024;

/// Chunks read ahead of the job that takes them (4 MB).
const AHEAD: usize = 64;

/// How long the pipe must be quiet before what came is shown.
const QUIET: Duration = Duration::from_millis(30);

/// The least time between two showings of what has come.
const EVERY: Duration = Duration::from_millis(200);

/// What has come is shown while it is at most this long; past it the
/// screen keeps its start and says how much has come, and the whole is
/// laid out once, when the pipe closes.
const SHOWN_MAX: usize = 1024 * 1024;

/// What the status line says while standard input is read.
pub const READING: &str = "reading standard input…";

/// Read standard input to its end, showing what comes meanwhile.
#[derive(Debug, Clone)]
pub struct StdinJob {
    /// The reader's settings.
    pub config: Config,
    /// The text column's width, kept by the reader as the terminal changes.
    pub width: Arc<AtomicU16>,
    /// The most bytes read ([`crate::article::max_file_bytes`]).
    pub limit: u64,
}

/// What reading standard input produced.
#[derive(Debug, Clone)]
pub enum StdinOutput {
    /// More has come: how many bytes in all, and what has come laid out
    /// when the screen should show it.
    Part {
        /// Bytes read so far.
        read: u64,
        /// What has come, laid out at the text column's width.
        shown: Option<Box<(Article, Document)>>,
    },
    /// Standard input has closed (or failed, or was longer than the
    /// limit): what came, laid out, and what went wrong.
    Done {
        /// What was read, laid out at the text column's width.
        whole: Box<(Article, Document)>,
        /// Why the reading stopped early, when it did.
        problem: Option<String>,
    },
}

impl StdinJob {
    /// Reads standard input on this thread (its own: the job is long-running).
    pub fn run(self, reporter: &Reporter<StdinOutput>) -> StdinOutput {
        self.read_from(std::io::stdin(), |part| reporter.send(part))
    }

    /// Reads `input` to its end, handing what has come to `report` as it
    /// comes (it returns false once nobody listens, which stops the
    /// reading), and returns the whole laid out.
    pub fn read_from(
        &self,
        input: impl Read + Send + 'static,
        mut report: impl FnMut(StdinOutput) -> bool,
    ) -> StdinOutput {
        let chunks = pipe(input);
        let mut bytes = Vec::new();
        let mut problem = None;
        let mut shown_len = 0;
        let mut last_report: Option<Instant> = None;
        let mut fresh = false;
        loop {
            let quiet = match chunks.recv_timeout(QUIET) {
                Ok(Ok(chunk)) => {
                    bytes.extend_from_slice(&chunk);
                    fresh = true;
                    if bytes.len() as u64 > self.limit {
                        bytes.truncate(usize::try_from(self.limit).unwrap_or(usize::MAX));
                        problem = Some(format!(
                            "standard input is longer than {} bytes: showing the first",
                            self.limit
                        ));
                        break;
                    }
                    false
                }
                Ok(Err(e)) => {
                    problem = Some(format!("could not read standard input: {e}"));
                    break;
                }
                Err(RecvTimeoutError::Timeout) => true,
                Err(RecvTimeoutError::Disconnected) => break,
            };
            // Shown when the pipe pauses, and every so often while it flows.
            let due = last_report.is_none_or(|t| t.elapsed() >= EVERY);
            if !fresh || !(quiet || due) {
                continue;
            }
            fresh = false;
            last_report = Some(Instant::now());
            let shown = (shown_len < SHOWN_MAX).then(|| {
                shown_len = bytes.len().min(SHOWN_MAX);
                Box::new(self.lay_out(start_of(&bytes, SHOWN_MAX), true))
            });
            let read = bytes.len() as u64;
            if !report(StdinOutput::Part { read, shown }) {
                break;
            }
        }
        let draft = Draft::from_bytes(Path::new(crate::stdin::NAME), &bytes);
        drop(bytes);
        let width = self.width.load(Ordering::SeqCst).max(1);
        StdinOutput::Done {
            whole: Box::new(open_at(&self.config, draft, width)),
            problem,
        }
    }

    /// `bytes` parsed and laid out at the text column's width; `partial`
    /// without highlighting (more is coming, and soon laid out again).
    fn lay_out(&self, bytes: &[u8], partial: bool) -> (Article, Document) {
        let draft = Draft::from_bytes(Path::new(crate::stdin::NAME), bytes);
        let width = self.width.load(Ordering::SeqCst).max(1);
        let options =
            super::relayout::options_for(&self.config, draft.body().len(), partial, false);
        self.config.layouter.open(draft, width, options)
    }
}

/// Reads `input` on a thread of its own, a chunk at a time; the channel
/// closes at its end. The thread may wait on the pipe for ever: it holds
/// nothing the app needs, and ends with the process.
fn pipe(mut input: impl Read + Send + 'static) -> mpsc::Receiver<std::io::Result<Vec<u8>>> {
    let (tx, rx) = mpsc::sync_channel(AHEAD);
    let _ = std::thread::Builder::new()
        .name("stdin".into())
        .spawn(move || {
            let mut buf = vec![0u8; CHUNK];
            loop {
                match input.read(&mut buf) {
                    Ok(0) => return,
                    Ok(n) => {
                        if tx.send(Ok(buf[..n].to_vec())).is_err() {
                            return;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                }
            }
        });
    rx
}

/// The start of `bytes`, at most `max` long, cut after a line when one
/// ends in it (else at a character boundary).
fn start_of(bytes: &[u8], max: usize) -> &[u8] {
    if bytes.len() <= max {
        return bytes;
    }
    let head = &bytes[..max];
    match memchr::memrchr(b'\n', head) {
        Some(at) => &bytes[..=at],
        // Not inside a UTF-8 sequence: continuation bytes are 0b10xxxxxx.
        None => {
            let cut = (1..=max)
                .rev()
                .find(|&i| bytes[i] & 0xC0 != 0x80)
                .unwrap_or(max);
            &bytes[..cut]
        }
    }
}

impl ReaderScreen {
    /// A reader waiting for standard input: empty, saying it is reading.
    pub fn reading_stdin(config: Config, width: u16, height: u16) -> ReaderScreen {
        let article = Article::from_bytes(Path::new(crate::stdin::NAME), b"");
        let mut reader = ReaderScreen::new_partial(article, config, width, height);
        reader.message = Some(READING.into());
        // Standard input has no file to remember a place in.
        reader.memory.asked = true;
        reader
    }

    /// The job that reads standard input for this reader (the caller asks
    /// for it in the reader's [`Slot::Whole`](super::jobs::Slot::Whole)
    /// and gives its id to [`ReaderScreen::reading`]).
    pub fn stdin_job(&mut self, limit: u64) -> StdinJob {
        let width = Arc::new(AtomicU16::new(self.geometry.text.width.max(1)));
        self.jobs.stream_width = Some(Arc::clone(&width));
        StdinJob {
            config: self.config,
            width,
            limit,
        }
    }

    /// Notes that the job `id` reads this reader's article.
    pub fn reading(&mut self, id: JobId) {
        self.jobs.whole = Some(id);
    }

    /// Takes what the job reading standard input for this reader read;
    /// true when it was the whole (the actions kept for it can go on).
    pub fn take_stdin(&mut self, output: StdinOutput) -> bool {
        match output {
            StdinOutput::Part { read, shown } => {
                if let Some(shown) = shown {
                    let (article, doc) = *shown;
                    let reading = self.jobs.whole;
                    self.replace_article(article, Some(doc));
                    // Still reading.
                    self.partial = true;
                    self.jobs.whole = reading;
                }
                if self
                    .message
                    .as_deref()
                    .is_none_or(|m| m.starts_with(READING))
                {
                    self.message = Some(format!("{READING} {}", amount(read)));
                }
                false
            }
            StdinOutput::Done { whole, problem } => {
                let (article, doc) = *whole;
                self.replace_article(article, Some(doc));
                self.jobs.stream_width = None;
                self.message = problem.or_else(|| warning_note(&self.article));
                true
            }
        }
    }
}

/// `bytes` for the status line.
fn amount(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn job(width: u16) -> StdinJob {
        StdinJob {
            config: Config::default(),
            width: Arc::new(AtomicU16::new(width)),
            limit: 1 << 20,
        }
    }

    fn texts(doc: &Document) -> Vec<String> {
        doc.lines(0, doc.len())
            .map(|l| l.text().to_string())
            .collect()
    }

    #[test]
    fn the_whole_comes_laid_out_at_the_width_asked_last() {
        let job = job(40);
        let width = Arc::clone(&job.width);
        let input = std::io::Cursor::new(b"# Title\n\nSome text here.\n".to_vec());
        let out = job.read_from(input, |_| {
            width.store(30, Ordering::SeqCst);
            true
        });
        let StdinOutput::Done { whole, problem } = out else {
            panic!("not done");
        };
        assert_eq!(problem, None);
        let (article, doc) = *whole;
        assert_eq!(article.meta.title, "Title");
        assert_eq!(article.path, Path::new("stdin"));
        assert!(doc.width <= 30, "{}", doc.width);
        assert!(texts(&doc).iter().any(|l| l == "Some text here."));
    }

    #[test]
    fn input_past_the_limit_is_cut_and_said() {
        let mut job = job(40);
        job.limit = 10;
        let input = std::io::Cursor::new(b"0123456789abcdef\n".to_vec());
        let StdinOutput::Done { whole, problem } = job.read_from(input, |_| true) else {
            panic!("not done");
        };
        assert!(problem.unwrap().contains("longer than 10 bytes"));
        assert_eq!(whole.0.body, "0123456789");
    }

    #[test]
    fn what_has_come_shows_while_the_pipe_stays_open() {
        // A pipe that gives a heading, then waits until the test is done.
        let (tx, rx) = mpsc::channel::<()>();
        struct Stalling(Option<&'static [u8]>, mpsc::Receiver<()>);
        impl Read for Stalling {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                match self.0.take() {
                    Some(bytes) => {
                        buf[..bytes.len()].copy_from_slice(bytes);
                        Ok(bytes.len())
                    }
                    None => {
                        let _ = self.1.recv();
                        Ok(0)
                    }
                }
            }
        }
        let input = Stalling(Some(b"# First\n\nstill coming\n"), rx);
        let mut parts = Vec::new();
        let out = job(40).read_from(input, |part| {
            parts.push(part);
            // The first showing ends the pipe.
            let _ = tx.send(());
            true
        });
        let Some(StdinOutput::Part { read, shown }) = parts.first() else {
            panic!("no part: {parts:?}");
        };
        assert_eq!(*read, 22);
        let (article, doc) = shown.as_deref().unwrap();
        assert_eq!(article.meta.title, "First");
        assert!(texts(doc).iter().any(|l| l == "still coming"));
        assert!(matches!(out, StdinOutput::Done { problem: None, .. }));
    }

    #[test]
    fn a_start_is_cut_after_a_line_or_between_characters() {
        assert_eq!(start_of(b"ab\ncd\nef", 7), b"ab\ncd\n");
        assert_eq!(start_of(b"ab", 7), b"ab");
        let text = "ééé".as_bytes();
        assert_eq!(start_of(text, 3), "é".as_bytes());
    }
}
