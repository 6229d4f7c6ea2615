//! The harness's pseudo-terminal: a program started in it with nothing in
//! between, its output read and timed, keys written to it.

use std::fs::File;
use std::io::Write as _;
use std::os::fd::{AsFd, OwnedFd};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::bail;
use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::fs::{Mode, OFlags};
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};

/// The program's answer is over when it writes nothing for this long.
pub const QUIET: Duration = Duration::from_millis(3);
/// After the first screen, the program has settled when it uses no CPU
/// for this long.
const SETTLE: Duration = Duration::from_millis(500);
/// A key that gets no answer in this long counts as this long.
const NO_ANSWER: Duration = Duration::from_secs(2);
pub const COLUMNS: u16 = 80;
pub const ROWS: u16 = 24;

/// A pseudo-terminal: the side the harness reads and writes.
pub struct Pty {
    master: File,
    slave: PathBuf,
}

/// One timed press: the time to the last byte of the answer (output quiet
/// for [`QUIET`]), its bytes, and the time to the last byte before the
/// output stayed quiet for the press's longer wait (what came later, such
/// as a debounced search's results), when it asked for one.
#[derive(Debug, Clone, Copy)]
pub struct Press {
    pub time: Duration,
    pub bytes: usize,
    pub settled: Duration,
    /// The CPU time the program's main thread used from the write to the
    /// end of the answer: what the machine's load does not stretch.
    pub cpu: Duration,
    /// The bytes that came after the answer, before `settled`.
    pub later_bytes: usize,
    /// The main thread's CPU time from the write to `settled`.
    pub settled_cpu: Duration,
}

impl Pty {
    pub fn open() -> anyhow::Result<Self> {
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY)?;
        grantpt(&master)?;
        unlockpt(&master)?;
        let name = ptsname(&master, Vec::new())?;
        tcsetwinsize(
            &master,
            Winsize {
                ws_row: ROWS,
                ws_col: COLUMNS,
                ws_xpixel: COLUMNS * 8,
                ws_ypixel: ROWS * 16,
            },
        )?;
        Ok(Self {
            master: File::from(master),
            slave: PathBuf::from(name.into_string()?),
        })
    }

    /// Starts `cmd` in a session of its own whose controlling terminal is
    /// this one (less reads keys from /dev/tty).
    pub fn spawn(&self, cmd: &mut Command) -> anyhow::Result<Child> {
        let slave: OwnedFd =
            rustix::fs::open(&self.slave, OFlags::RDWR | OFlags::NOCTTY, Mode::empty())?;
        let slave = File::from(slave);
        let program = cmd.get_program().to_owned();
        let mut wrapped = Command::new("setsid");
        wrapped.arg("-c").arg(program).args(cmd.get_args());
        for (k, v) in cmd.get_envs() {
            match v {
                Some(v) => wrapped.env(k, v),
                None => wrapped.env_remove(k),
            };
        }
        wrapped
            .env("TERM", "xterm-256color")
            .env_remove("COLUMNS")
            .env_remove("LINES")
            .stdin(Stdio::from(slave.try_clone()?))
            .stdout(Stdio::from(slave.try_clone()?))
            .stderr(Stdio::from(slave));
        Ok(wrapped.spawn()?)
    }

    /// Reads until one of `words` has shown and the output is quiet;
    /// returns the time from `started` to the last byte, and the bytes.
    pub fn first_screen(
        &self,
        words: &[String],
        started: Instant,
    ) -> anyhow::Result<(Duration, Vec<u8>)> {
        let mut seen = Vec::new();
        let mut last = started;
        let deadline = started + Duration::from_secs(20);
        loop {
            let found = words
                .iter()
                .any(|w| memchr::memmem::find(&seen, w.as_bytes()).is_some());
            let wait = if found {
                QUIET
            } else {
                Duration::from_millis(100)
            };
            match self.read(wait)? {
                Some(bytes) => {
                    seen.extend_from_slice(&bytes);
                    last = Instant::now();
                }
                None if found => return Ok((last - started, seen)),
                None if Instant::now() > deadline => {
                    bail!("the first screen never showed any of {words:?}")
                }
                None => {}
            }
        }
    }

    /// Reads (and drops) what the program writes until it is idle: it
    /// used at most one clock tick of CPU time over [`SETTLE`].
    pub fn settle(&self, pid: u32) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let before = cpu_ticks(pid);
            let until = Instant::now() + SETTLE;
            while Instant::now() < until {
                self.read(Duration::from_millis(10))?;
            }
            let after = cpu_ticks(pid);
            if after.saturating_sub(before) <= 1 || Instant::now() > deadline {
                return Ok(());
            }
        }
    }

    /// Writes `key` without timing it.
    pub fn send(&self, key: &[u8]) -> anyhow::Result<()> {
        let mut master = &self.master;
        master.write_all(key)?;
        Ok(())
    }

    /// Writes `key` and reads the answer (see [`Press`]); `then`: how long
    /// the output must stay quiet before the press is over.
    pub fn press(&self, key: &[u8], then: Duration, pid: u32) -> anyhow::Result<Press> {
        // Whatever came late from the key before is not this key's answer.
        while self.read(Duration::ZERO)?.is_some() {}
        let cpu_before = cpu_time(pid);
        let mut master = &self.master;
        let sent = Instant::now();
        master.write_all(key)?;
        let mut bytes = 0;
        let mut later_bytes = 0;
        let mut last: Option<Instant> = None;
        let mut answer: Option<Duration> = None;
        let mut answer_cpu = Duration::ZERO;
        loop {
            let wait = match (last, answer) {
                (None, _) => NO_ANSWER,
                (Some(_), None) => QUIET,
                (Some(_), Some(_)) => then,
            };
            match self.read(wait)? {
                Some(chunk) => {
                    if answer.is_none() {
                        bytes += chunk.len();
                    } else {
                        later_bytes += chunk.len();
                    }
                    last = Some(Instant::now());
                }
                None => {
                    let at = last.map_or(NO_ANSWER, |at| at - sent);
                    let cpu = cpu_time(pid).saturating_sub(cpu_before);
                    match answer {
                        None if then > QUIET && last.is_some() => {
                            answer = Some(at);
                            answer_cpu = cpu;
                        }
                        None => {
                            return Ok(Press {
                                time: at,
                                bytes,
                                settled: at,
                                cpu,
                                later_bytes,
                                settled_cpu: cpu,
                            });
                        }
                        Some(time) => {
                            return Ok(Press {
                                time,
                                bytes,
                                settled: at,
                                cpu: answer_cpu,
                                later_bytes,
                                settled_cpu: cpu,
                            });
                        }
                    }
                }
            }
        }
    }

    /// One read, or None when nothing comes within `wait`.
    fn read(&self, wait: Duration) -> anyhow::Result<Option<Vec<u8>>> {
        let timeout = Timespec {
            tv_sec: wait.as_secs() as _,
            tv_nsec: wait.subsec_nanos() as _,
        };
        let mut fds = [PollFd::new(&self.master, PollFlags::IN)];
        if poll(&mut fds, Some(&timeout))? == 0 {
            return Ok(None);
        }
        if fds[0].revents().contains(PollFlags::HUP) && !fds[0].revents().contains(PollFlags::IN) {
            bail!("the program closed the terminal");
        }
        let mut buf = vec![0u8; 1 << 16];
        let n = rustix::io::read(self.master.as_fd(), &mut buf)?;
        buf.truncate(n);
        Ok(Some(buf))
    }

    /// Quits with `keys` (each tried in turn) and waits; ends the program
    /// if it stays.
    pub fn quit(&self, child: &mut Child, keys: &[&[u8]]) -> anyhow::Result<()> {
        let mut master = &self.master;
        for key in keys {
            master.write_all(key)?;
            let deadline = Instant::now() + Duration::from_millis(600);
            while Instant::now() < deadline {
                let _ = self.read(Duration::from_millis(10));
                if child.try_wait()?.is_some() {
                    return Ok(());
                }
            }
        }
        child.kill()?;
        child.wait()?;
        Ok(())
    }
}

/// The CPU time the main thread of `pid` has used, from its scheduler
/// statistics (nanoseconds); zero where there are none.
fn cpu_time(pid: u32) -> Duration {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/schedstat"))
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

/// The CPU time `pid` has used (user and system, in clock ticks), from
/// /proc; 0 where there is none.
fn cpu_ticks(pid: u32) -> u64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0;
    };
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are the 14th and 15th fields: 12th and 13th after ')'.
    field(11) + field(12)
}
