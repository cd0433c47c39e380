//! `annexe score PATH...`: the detailed report of one dossier, or a ranking
//! of many, or every assessment as JSON, JSON Lines or CSV.

use std::io::IsTerminal;
use std::path::Path;

use crate::batch::{self, Context, Scored};
use crate::cli::{ColorChoice, ScoreArgs, ScoreFormat, SortKey};
use crate::exit::Outcome;
use crate::i18n::{fill, Lang};
use crate::report::table::Order;
use crate::report::{self, Chrome, Format, Summary};
use crate::settings::Common;

/// Everything `score` needs, resolved once from the raw arguments.
pub struct ScoreSettings {
    pub common: Common,
    pub format: ScoreFormat,
    pub order: Order,
    pub top: Option<usize>,
    /// Whether to colour the output (`--color`, the environment, a terminal).
    pub color: bool,
    /// Whether the report goes to a terminal (its width is then the terminal's).
    pub to_terminal: bool,
}

impl ScoreSettings {
    pub fn resolve(
        args: &ScoreArgs,
        lang: Option<Lang>,
        criteria: Option<&Path>,
        color: ColorChoice,
    ) -> anyhow::Result<Self> {
        let common = Common::resolve(&args.input, lang, criteria)?;
        let to_terminal = common.output.is_none() && std::io::stdout().is_terminal();
        // Never colour an HTML page with terminal escapes.
        let color = args.format != ScoreFormat::Html && report::color_allowed(color, to_terminal);
        let order = match &args.criterion {
            Some(id) => Order::Criterion(common.criterion_id(id)?),
            None => match args.sort {
                SortKey::Score => Order::Score,
                SortKey::Path => Order::Path,
                SortKey::Applicant => Order::Applicant,
                SortKey::Weakest => Order::Weakest,
            },
        };
        Ok(ScoreSettings { common, format: args.format, order, top: args.top, color, to_terminal })
    }
}

pub fn run(
    args: &ScoreArgs,
    lang: Option<Lang>,
    criteria: Option<&Path>,
    color: ColorChoice,
) -> anyhow::Result<Outcome> {
    let settings = ScoreSettings::resolve(args, lang, criteria, color)?;
    let common = &settings.common;
    let inputs = batch::collect(&common.paths, common.exclude.as_ref(), common.msgs);
    let to_terminal = settings.to_terminal;
    let chrome =
        Chrome { lang: common.lang, msgs: common.msgs, grid: &common.grid, form: &common.form, color: settings.color };
    let single = inputs.files.len() == 1 && inputs.errors.is_empty();
    let mut format: Box<dyn Format<Scored> + '_> = match settings.format {
        ScoreFormat::Table if single => Box::new(report::detail::Detail::new(chrome)),
        ScoreFormat::Table => Box::new(
            report::table::Table::new(chrome, settings.order.clone(), settings.top, report::report_width(to_terminal))
                .with_reviews(args.normalize, args.disagreements),
        ),
        ScoreFormat::Json => Box::new(report::json::Json::new(chrome)),
        ScoreFormat::Jsonl => Box::new(report::jsonl::JsonLines),
        ScoreFormat::Csv => Box::new(report::csv::Csv::new(chrome)),
        ScoreFormat::Html => Box::new(report::html::Html::new(chrome, settings.order.clone())),
    };
    let mut out = report::open_output(common.output.as_deref())?;
    let mut summary = Summary::new(&common.grid);
    for error in inputs.errors {
        let scored = Scored { path: batch::display_path(&error.path), result: Err(error), reviews: None };
        summary.add(&scored);
        format.item(&mut out, &scored)?;
    }
    // With --normalize every review of the batch is needed before the
    // first line: the items are held, then normalised together.
    let mut held: Vec<Scored> = Vec::new();
    // Normalising changes the reviews after scoring: nothing is rendered early then.
    let render = if args.normalize { None } else { format.prerender() };
    score_with_reviews(common, &inputs.files, render, |item, rendered| {
        if args.normalize {
            held.push(item);
        } else {
            summary.add(&item);
            match rendered {
                Some(bytes) => out.write_all(&bytes)?,
                None => format.item(&mut out, &item)?,
            }
        }
        Ok(())
    })?;
    if args.normalize {
        let mut reviews: Vec<&mut crate::assessment::DossierReviews> =
            held.iter_mut().filter_map(|s| s.reviews.as_mut()).collect();
        crate::review::normalize(&mut reviews);
        for item in &held {
            summary.add(item);
            format.item(&mut out, item)?;
        }
    }
    format.finish(&mut out, &summary)?;
    out.flush()?;
    Ok(finish(&summary, common.msgs, settings.format == ScoreFormat::Csv))
}

/// Scores `files` in path order on `common.jobs` threads with a progress
/// bar, puts each dossier's human reviews beside it, and hands every item to
/// `each` (a review file that cannot be used is an item of its own). With
/// `render`, each dossier is also rendered by the worker that scored it and
/// `each` gets the bytes beside the item (see `Format::prerender`).
pub fn score_with_reviews(
    common: &Common,
    files: &[std::path::PathBuf],
    render: Option<report::Render>,
    mut each: impl FnMut(Scored, Option<Vec<u8>>) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let pool = pool(common.jobs)?;
    let ctx = Context {
        form: &common.form,
        grid: &common.grid,
        limits: common.limits,
        msgs: common.msgs,
        pool: pool.as_ref(),
    };
    let review_index = crate::review::ReviewIndex::new(common.reviews_dir.as_deref());
    let bar = report::progress(files.len());
    let prepare = |mut scored: Scored| {
        let errors = crate::review::attach(&mut scored, &review_index, &common.grid, common.msgs);
        let rendered = render.and_then(|render| {
            let mut bytes = Vec::new();
            // Writing into memory cannot fail; a serialisation error leaves
            // the item to be rendered again, and fail, where it is written.
            render(&scored, &mut bytes).ok().map(|()| bytes)
        });
        (scored, rendered, errors)
    };
    batch::score_in_order(files, &ctx, prepare, |(scored, rendered, errors)| {
        bar.inc(1);
        each(scored, rendered)?;
        errors.into_iter().try_for_each(|e| each(e, None))
    })?;
    bar.finish_and_clear();
    Ok(())
}

/// A pool of `jobs` threads, or `None` for the global one (every core).
pub fn pool(jobs: Option<usize>) -> anyhow::Result<Option<rayon::ThreadPool>> {
    match jobs {
        None => Ok(None),
        Some(n) => Ok(Some(rayon::ThreadPoolBuilder::new().num_threads(n).build()?)),
    }
}

/// The outcome, with one line on standard error pointing at unreadable files
/// when the report itself lists them.
pub fn finish(summary: &Summary, msgs: &crate::i18n::Messages, already_on_stderr: bool) -> Outcome {
    if summary.failures.is_empty() {
        return Outcome::Success;
    }
    if !already_on_stderr {
        eprintln!("annexe: {}", fill(msgs.report.failures_note, &[("count", &summary.failures.len())]));
    }
    Outcome::InputErrors
}
