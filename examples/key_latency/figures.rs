//! The harness's figures: every round's presses of one program gathered,
//! and the table of less and quire side by side.

use std::time::Duration;

use super::pty::Press;

/// One program's run of one screen: its first screen and each timed key's
/// presses (in the screen's key order).
#[derive(Default)]
pub struct Run {
    pub first_screen: Duration,
    /// What the program wrote for its first screen.
    pub first_output: Vec<u8>,
    pub keys: Vec<Vec<Press>>,
}

/// Every round's runs of one program on one screen.
#[derive(Default)]
pub struct Figures {
    first: Vec<Duration>,
    first_bytes: Vec<usize>,
    keys: Vec<Vec<Press>>,
    /// Bytes less writes for the first screen of quire's first screen's
    /// own text (the same characters, in a file).
    pub same_text: Option<usize>,
    /// The first output of the first run, whose text that is.
    pub first_output: Vec<u8>,
}

impl Figures {
    pub fn add(&mut self, run: Run) {
        self.first.push(run.first_screen);
        self.first_bytes.push(run.first_output.len());
        if self.first_output.is_empty() {
            self.first_output = run.first_output;
        }
        self.keys.resize(run.keys.len(), Vec::new());
        for (all, one) in self.keys.iter_mut().zip(run.keys) {
            all.extend(one);
        }
    }

    fn times(&self, key: usize, pick: fn(&Press) -> Duration) -> Vec<Duration> {
        self.keys
            .get(key)
            .map_or(Vec::new(), |k| k.iter().map(pick).collect())
    }

    fn bytes(&self, key: usize) -> Option<usize> {
        let b: Vec<usize> = self.keys.get(key)?.iter().map(|p| p.bytes).collect();
        quantile(&b, 0.5)
    }

    /// The median of the bytes that came after the key's own answer.
    fn later_bytes(&self, key: usize) -> Option<usize> {
        let b: Vec<usize> = self.keys.get(key)?.iter().map(|p| p.later_bytes).collect();
        quantile(&b, 0.5)
    }
}

/// The value at fraction `q` of the sorted values (the median at 0.5).
fn quantile<T: Copy + Ord>(values: &[T], q: f64) -> Option<T> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let at = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len().max(1)) - 1;
    sorted.get(at).copied()
}

fn ms(d: Option<Duration>) -> String {
    d.map_or("–".into(), |d| format!("{:.2}", d.as_secs_f64() * 1000.0))
}

fn ratio(a: Option<Duration>, b: Option<Duration>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if !a.is_zero() => format!("{:.2}x", b.as_secs_f64() / a.as_secs_f64()),
        _ => "–".into(),
    }
}

fn count(b: Option<usize>) -> String {
    b.map_or("–".into(), |b| b.to_string())
}

/// The table's head.
pub fn print_head() {
    println!(
        "| screen | key (quire / less) | less median | quire median | ratio | less p99 | quire p99 | ratio | less bytes | quire bytes | less CPU µs median / p99 | quire CPU µs median / p99 |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
}

/// One screen's rows: its first screen, then a row a timed key (`keys`:
/// each key's name in quire and less, and what comes later in words when
/// its answer has a second part), then for keys with a later answer the
/// time to it and its bytes.
pub fn print_screen(screen: &str, keys: &[(String, &str)], less: &Figures, quire: &Figures) {
    let (l, q) = (quantile(&less.first, 0.5), quantile(&quire.first, 0.5));
    println!(
        "| {screen} | first screen | {} | {} | {} | | | | {} | {} | | |",
        ms(l),
        ms(q),
        ratio(l, q),
        count(quantile(&less.first_bytes, 0.5)),
        count(quantile(&quire.first_bytes, 0.5)),
    );
    if let Some(same) = quire.same_text {
        println!(
            "| {screen} | first screen: less on its text (the same characters in a file) | | | | | | | {same} | {} | | |",
            count(quantile(&quire.first_bytes, 0.5)),
        );
    }
    for (i, (name, later)) in keys.iter().enumerate() {
        let (lt, qt) = (less.times(i, |p| p.time), quire.times(i, |p| p.time));
        let (lm, qm) = (quantile(&lt, 0.5), quantile(&qt, 0.5));
        let (lp, qp) = (quantile(&lt, 0.99), quantile(&qt, 0.99));
        // The main thread's CPU time for the key, median / p99: the
        // program's own time, which the scheduling of other processes (and
        // of the kernel's pty worker) does not stretch.
        let us = |f: &Figures| {
            let cpu = f.times(i, |p| p.cpu);
            let at = |q| {
                quantile(&cpu, q).map_or("–".into(), |d: Duration| {
                    format!("{:.0}", d.as_secs_f64() * 1e6)
                })
            };
            format!("{} / {}", at(0.5), at(0.99))
        };
        println!(
            "| {screen} | {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            ms(lm),
            ms(qm),
            ratio(lm, qm),
            ms(lp),
            ms(qp),
            ratio(lp, qp),
            count(less.bytes(i)),
            count(quire.bytes(i)),
            us(less),
            us(quire),
        );
        if !later.is_empty() {
            let qs = quire.times(i, |p| p.settled);
            println!(
                "| {screen} | {name}: until {later} | | {} | | | {} | | | +{} | | {} |",
                ms(quantile(&qs, 0.5)),
                ms(quantile(&qs, 0.99)),
                count(quire.later_bytes(i)),
                quantile(&quire.times(i, |p| p.settled_cpu), 0.5)
                    .map_or("–".into(), |d| format!("{:.0}", d.as_secs_f64() * 1e6)),
            );
        }
    }
}
