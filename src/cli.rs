//! The command-line grammar (clap derive types only).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A terminal reader for markdown articles.
///
/// `quire FILE` opens an article in the reader, `quire DIR` opens a folder as a
/// library, `quire -` (or `cat post.md | quire`) the article on standard input.
/// Without a path, `./articles` when it exists, else the current folder.
/// When stdout is not a terminal, `quire FILE` prints the rendered article.
#[derive(Debug, Parser)]
#[command(name = "quire", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A headless command; without one, quire opens PATH.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// What to open when no command is given.
    #[command(flatten)]
    pub open: OpenArgs,
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
}

/// `quire [PATH]`.
#[derive(Debug, Clone, Args, Default)]
pub struct OpenArgs {
    /// An article or a folder of articles; `-` (or no PATH with a pipe) reads
    /// the article from standard input.
    pub path: Option<PathBuf>,
    /// The tag filter.
    #[command(flatten)]
    pub tags: TagArgs,
    /// Hide drafts from the library (they are listed, marked, by default).
    #[arg(long = "no-drafts")]
    pub no_drafts: bool,
    /// The widest the text column may be (reader: 100; piped: the render width, 80).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
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
    /// The article.
    pub file: PathBuf,
    /// Print JSON: {"path","title","headings":[{"level","text","anchor","line"}]}.
    #[arg(long)]
    pub json: bool,
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
    /// Print JSON: an array of {"path","title","date","tags",..}.
    #[arg(long)]
    pub json: bool,
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
            json: false,
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
    /// The article.
    pub file: PathBuf,
    /// Line width (default: the terminal's width, else 80).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

impl RenderArgs {
    /// The render that `quire FILE` prints when stdout is not a terminal.
    pub fn from_open(open: &OpenArgs, file: PathBuf) -> Self {
        RenderArgs {
            file,
            width: open.width,
            color: ColorArg::Auto,
        }
    }
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
    /// Keep the index in memory for this run only (also QUIRE_NO_STATE=1).
    #[arg(long = "no-state")]
    pub no_state: bool,
}
