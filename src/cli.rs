//! The command-line grammar (clap derive types), and the hint for a
//! command mistyped as a PATH.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

/// The command line of this process, as [`Cli::parse`] reads it, but a
/// mistyped command given arguments (`quire serch x`, where clap sees a
/// PATH and an argument too many) is named: `did you mean`, exit 2.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            if e.kind() == clap::error::ErrorKind::UnknownArgument {
                if let Some(hint) = hint(&args) {
                    eprintln!("{hint}");
                    std::process::exit(2);
                }
            }
            e.exit()
        }
    }
}

/// The message for `args` whose first (after the program) is a mistyped
/// command: what was typed and the command line meant.
fn hint(args: &[std::ffi::OsString]) -> Option<String> {
    let first = args.get(1)?;
    let command = mistyped_command(std::path::Path::new(first))?;
    let rest: Vec<String> = args[2..]
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let meant = std::iter::once(command)
        .chain(rest)
        .collect::<Vec<_>>()
        .join(" ");
    Some(
        crate::sanitize::sanitize_line(&format!(
            "quire: {}: no such command; did you mean `quire {meant}`?",
            first.to_string_lossy()
        ))
        .into_owned(),
    )
}

/// The command a PATH that does not exist was most likely meant to be
/// (`quire lsit`: `list`): a bare word one or two letters from a command's
/// name.
pub(crate) fn mistyped_command(path: &std::path::Path) -> Option<String> {
    let word = path.to_str()?;
    if path.exists() || word.len() < 3 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let word = word.to_ascii_lowercase();
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|name| name != "help")
        .map(|name| (strsim::osa_distance(&word, &name), name))
        .filter(|(d, name)| *d <= 2 && *d < name.len() / 2 + 1)
        .min()
        .map(|(_, name)| name)
}

/// A terminal reader for markdown articles.
///
/// `quire FILE` opens an article in the reader, `quire DIR` opens a folder as a
/// library, `quire -` (or `cat post.md | quire`) the article on standard input.
/// Without a path, `./articles` when it exists, else the current folder.
/// When stdout is not a terminal, `quire FILE` prints the rendered article.
#[derive(Debug, Parser)]
#[command(name = "quire", version, about)]
pub struct Cli {
    /// A headless command; without one, quire opens PATH.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// What to open when no command is given.
    #[command(flatten)]
    pub open: OpenArgs,
    /// Read the config from FILE (default: $QUIRE_CONFIG, else
    /// $XDG_CONFIG_HOME/quire/config.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The colours: auto fits the terminal's background; mono uses none.
    #[arg(long, global = true, value_enum, value_name = "THEME")]
    pub theme: Option<ThemeArg>,
}

/// `--theme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// Ask the terminal for its background (else COLORFGBG, else dark); mono under NO_COLOR.
    Auto,
    /// Colours for a dark background.
    Dark,
    /// Colours for a light background.
    Light,
    /// Bold, underline and reverse only.
    Mono,
}

impl ThemeArg {
    /// The theme choice this names.
    pub fn choice(self) -> crate::theme::ThemeChoice {
        use crate::theme::ThemeChoice;
        match self {
            ThemeArg::Auto => ThemeChoice::Auto,
            ThemeArg::Dark => ThemeChoice::Dark,
            ThemeArg::Light => ThemeChoice::Light,
            ThemeArg::Mono => ThemeChoice::Mono,
        }
    }
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print an article's heading outline.
    Outline(OutlineArgs),
    /// List the articles of a folder.
    List(ListArgs),
    /// Count the tags of a folder's articles, most used first.
    Tags(TagsArgs),
    /// Print an article laid out for a terminal.
    Render(RenderArgs),
    /// Search the text of every article of a folder, best sections first.
    Search(SearchArgs),
    /// List the links of an article (or of every article of a folder) and where they lead.
    Links(LinksArgs),
    /// List the links into an article (or one section of it) from the articles of a folder.
    Backlinks(BacklinksArgs),
    /// Show the config: where it is read from, its defaults, the key actions.
    Config(ConfigArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print quire's manual page (roff).
    Man,
}

/// `quire completions SHELL`.
#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `quire config`.
#[derive(Debug, Clone, Args)]
#[group(multiple = false)]
pub struct ConfigArgs {
    /// Print a complete, commented config of the defaults.
    #[arg(long)]
    pub default: bool,
    /// Print where the config is read from (the default).
    #[arg(long)]
    pub path: bool,
    /// List the actions keys can be bound to, with what each does.
    #[arg(long)]
    pub actions: bool,
}

/// `quire [PATH]`.
#[derive(Debug, Clone, Args, Default)]
pub struct OpenArgs {
    /// An article or a folder of articles; `-` (or no PATH with a pipe) reads
    /// the article from standard input; an http(s):// address, or a
    /// repository as gh:OWNER/REPO[/PATH][@REF] (gl: for GitLab, or its
    /// github.com/… address), is fetched.
    pub path: Option<PathBuf>,
    /// The tag filter.
    #[command(flatten)]
    pub tags: TagArgs,
    /// Hide drafts from the library (they are listed, marked, by default).
    #[arg(long = "no-drafts")]
    pub no_drafts: bool,
    /// The widest the text column may be (reader: 100; piped: the render width, 80; at most 1000).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
    /// How the reader shows pictures, over the config's `images`: auto (what
    /// the terminal can do), halfblocks, or off ([image: alt] text).
    #[arg(long, value_enum, value_name = "MODE")]
    pub images: Option<ImagesArg>,
    /// Memory and folder rules.
    #[command(flatten)]
    pub state: StateArgs,
}

/// `--images`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImagesArg {
    /// kitty, iTerm2 or sixel when the terminal speaks one, else half blocks.
    Auto,
    /// Unicode half blocks in colour.
    Halfblocks,
    /// The `[image: alt]` text only.
    Off,
}

impl ImagesArg {
    /// The setting this names.
    pub fn mode(self) -> crate::config::Images {
        match self {
            ImagesArg::Auto => crate::config::Images::Auto,
            ImagesArg::Halfblocks => crate::config::Images::Halfblocks,
            ImagesArg::Off => crate::config::Images::Off,
        }
    }
}

/// Flags on quire's memory and on which files a folder scan lists.
#[derive(Debug, Clone, Copy, Args, Default, PartialEq, Eq)]
pub struct StateArgs {
    /// Run without reading or writing quire's memory (also QUIRE_NO_STATE=1).
    #[arg(long = "no-state")]
    pub no_state: bool,
    /// List every markdown file: ignore .gitignore, .ignore, .quireignore,
    /// build folders and the site's exclude list (hidden names stay hidden).
    #[arg(long = "no-ignore")]
    pub no_ignore: bool,
}

impl OpenArgs {
    /// True when any of `quire [PATH]`'s own arguments was given.
    pub fn is_set(&self) -> bool {
        self.path.is_some()
            || !self.tags.tags.is_empty()
            || self.tags.any
            || self.no_drafts
            || self.width.is_some()
            || self.images.is_some()
    }
}

/// `--tag T... [--any]`: the tag filter of the library and of `quire list`.
#[derive(Debug, Clone, Args, Default)]
pub struct TagArgs {
    /// Only articles with this tag (repeat: all of them; with --any: any of them).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Repeated --tag means any of them instead of all of them.
    #[arg(long)]
    pub any: bool,
}

impl TagArgs {
    /// The library filter these flags ask for, drafts listed or not.
    pub fn filter(&self, drafts: bool) -> crate::library::Filter {
        crate::library::Filter {
            text: String::new(),
            tags: self.tags.clone(),
            mode: if self.any {
                crate::library::TagMode::Any
            } else {
                crate::library::TagMode::All
            },
            drafts,
        }
    }
}

/// `quire outline FILE`.
#[derive(Debug, Clone, Args)]
pub struct OutlineArgs {
    /// The article: a file, `-`, an http(s):// address or gh:OWNER/REPO[/PATH][@REF].
    pub file: PathBuf,
    /// Print JSON: {"path","title","headings":[{"level","text","anchor","line"}]}.
    #[arg(long)]
    pub json: bool,
    /// Neither read nor write the cache of fetched addresses (also QUIRE_NO_STATE=1).
    #[arg(long = "no-state")]
    pub no_state: bool,
}

/// How `quire list` orders its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum SortArg {
    /// Newest first.
    #[default]
    Date,
    /// By title, A to Z.
    Title,
    /// By file path.
    Path,
    /// Shortest read first.
    #[value(name = "reading-time")]
    ReadingTime,
    /// Most linked to first (links from the folder's other articles).
    #[value(name = "links-in")]
    LinksIn,
}

/// `quire list [DIR]`.
#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// The folder (default: ./articles when it exists, else the current folder).
    pub dir: Option<PathBuf>,
    /// The tag filter.
    #[command(flatten)]
    pub tags: TagArgs,
    /// The order of the rows.
    #[arg(long, value_enum, default_value_t = SortArg::Date)]
    pub sort: SortArg,
    /// Reverse the order.
    #[arg(long)]
    pub reverse: bool,
    /// Leave drafts out.
    #[arg(long = "no-drafts")]
    pub no_drafts: bool,
    /// Only articles not read yet (unread or in progress).
    #[arg(long)]
    pub unread: bool,
    /// Only articles no other article of the folder links to.
    #[arg(long)]
    pub orphans: bool,
    /// Print JSON: an array of {"path","title","date","tags",..,"progress","read","last_opened"}.
    #[arg(long)]
    pub json: bool,
    /// Memory and folder rules.
    #[command(flatten)]
    pub state: StateArgs,
}

impl ListArgs {
    /// The list that `quire DIR` prints when stdout is not a terminal.
    pub fn from_open(open: &OpenArgs, dir: PathBuf) -> Self {
        ListArgs {
            dir: Some(dir),
            tags: open.tags.clone(),
            sort: SortArg::Date,
            reverse: false,
            no_drafts: open.no_drafts,
            unread: false,
            orphans: false,
            json: false,
            state: open.state,
        }
    }
}

/// `quire tags [DIR]`.
#[derive(Debug, Clone, Args)]
pub struct TagsArgs {
    /// The folder (default: ./articles when it exists, else the current folder).
    pub dir: Option<PathBuf>,
    /// Print JSON: an array of {"tag","count"}.
    #[arg(long)]
    pub json: bool,
    /// Memory and folder rules.
    #[command(flatten)]
    pub state: StateArgs,
}

/// When `quire render` colours its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorArg {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    #[default]
    Auto,
    /// Always colour (ANSI styles and OSC 8 links).
    Always,
    /// Plain text.
    Never,
}

/// `quire render FILE`.
#[derive(Debug, Clone, Args)]
pub struct RenderArgs {
    /// The article: a file, `-`, an http(s):// address or gh:OWNER/REPO[/PATH][@REF].
    pub file: PathBuf,
    /// Line width (default: the terminal's width, else 80; at most 1000).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Wrap long code lines (each continuation marked ↪) instead of cutting them (→).
    #[arg(long)]
    pub wrap_code: bool,
    /// Neither read nor write the cache of fetched addresses (also QUIRE_NO_STATE=1).
    #[arg(long = "no-state")]
    pub no_state: bool,
}

impl RenderArgs {
    /// The render that `quire FILE` prints when stdout is not a terminal.
    pub fn from_open(open: &OpenArgs, file: PathBuf) -> Self {
        RenderArgs {
            file,
            width: open.width,
            color: ColorArg::Auto,
            wrap_code: false,
            no_state: open.state.no_state,
        }
    }
}

/// `quire links PATH`.
#[derive(Debug, Clone, Args)]
pub struct LinksArgs {
    /// An article, a folder of articles, or an article's address (relative
    /// links resolve against it).
    pub path: PathBuf,
    /// Only links that lead nowhere or to a missing section; exit 1 when there is any.
    #[arg(long)]
    pub broken: bool,
    /// Print JSON: {"path","links":[{"line","text","target","kind","resolved","reason"}]}
    /// per article (an array of them for a folder).
    #[arg(long)]
    pub json: bool,
    /// Neither read nor write the cache of fetched addresses (also QUIRE_NO_STATE=1).
    #[arg(long = "no-state")]
    pub no_state: bool,
}

/// `quire backlinks PATH[#anchor] [DIR]`.
#[derive(Debug, Clone, Args)]
pub struct BacklinksArgs {
    /// The article; `#anchor` (a heading's anchor or a `^block` id) keeps
    /// the links into that section.
    pub path: String,
    /// The folder whose articles may link to it (default: the vault or site
    /// the article is in, else its folder).
    pub dir: Option<PathBuf>,
    /// Print JSON: an array of {"path","line","text","anchor"}.
    #[arg(long)]
    pub json: bool,
    /// Memory and folder rules (`--no-state`: the link index lives in memory for this run).
    #[command(flatten)]
    pub state: StateArgs,
}

/// `quire search QUERY [DIR]`.
///
/// Words all must match (the last one as a prefix), `"a phrase"`, `-word`
/// excludes, `tag:NAME` restricts, `title:word` looks only in titles.
#[derive(Debug, Clone, Args)]
pub struct SearchArgs {
    /// What to look for.
    pub query: String,
    /// The folder (default: ./articles when it exists, else the current folder).
    pub dir: Option<PathBuf>,
    /// Only articles with this tag (repeat: all of them).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// At most this many sections.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Print JSON: an array of {"path","title","section","anchor","line","snippet","score"}.
    #[arg(long)]
    pub json: bool,
    /// Memory and folder rules (`--no-state`: the index lives in memory for this run).
    #[command(flatten)]
    pub state: StateArgs,
}
