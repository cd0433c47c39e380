//! `annexe score --format html`: one self-contained page for a reviewer with
//! a folder of dossiers. A summary with the distribution of levels per
//! criterion (inline SVG, patterns as well as colours so that grey-scale
//! print still tells levels apart); the ranking table, sortable by any
//! column with a few lines of inline script and already in ranking order
//! without it; per action its profile chart, levels, quoted evidence and
//! suggestions, linked from the ranking; the files that could not be read.
//!
//! Nothing is fetched (a Content-Security-Policy forbids it) and every piece
//! of dossier text goes through `markup::escape`. The ranking needs every
//! item before it is written, so items are kept until `finish`, as the
//! table format does.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::table::{sort_rows, Order, Row};
use super::{Chrome, Format, Summary};
use crate::assessment::{ActionAssessment, CriterionAssessment, DossierAssessment};
use crate::batch::Scored;
use crate::i18n::fill;
use crate::markup::{escape, level_fill, level_patterns};

pub struct Html<'a> {
    chrome: Chrome<'a>,
    order: Order,
    dossiers: Vec<DossierAssessment>,
}

/// One ranked action: its ranking row and where its assessment is.
struct Entry {
    row: Row,
    dossier: usize,
    action: usize,
}

impl<'a> Html<'a> {
    pub fn new(chrome: Chrome<'a>, order: Order) -> Self {
        Html { chrome, order, dossiers: Vec::new() }
    }

    fn level_label(&self, level: u8) -> String {
        format!("{level} {}", self.chrome.level_name(level))
    }

    fn ranked(&self) -> Vec<Entry> {
        let mut entries: Vec<Entry> = Vec::new();
        for (d, dossier) in self.dossiers.iter().enumerate() {
            for (a, action) in dossier.actions.iter().enumerate() {
                entries.push(Entry { row: Row::of(&dossier.path, dossier, action), dossier: d, action: a });
            }
        }
        sort_rows(&mut entries, &self.order, self.chrome.grid, |e| &e.row);
        entries
    }

    fn page(&self, summary: &Summary) -> String {
        let chrome = &self.chrome;
        let docs = &chrome.msgs.docs;
        let m = &chrome.msgs.report;
        let entries = self.ranked();
        let mut out = String::with_capacity(64 * 1024);
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; \
             script-src 'unsafe-inline'; img-src data:\">\n<title>{}</title>\n<style>{REPORT_CSS}</style>\n</head>\n<body>\n",
            chrome.lang.code(),
            escape(docs.html_title)
        );
        out.push_str(level_patterns());
        let _ = writeln!(out, "\n<header>\n<h1>{}</h1>", escape(docs.html_title));
        let counts = fill(m.summary_counts, &[("dossiers", &summary.dossiers), ("actions", &summary.actions)]);
        let _ = writeln!(out, "<p class=\"counts\">{}</p>", escape(&counts));
        let _ = writeln!(
            out,
            "<nav aria-label=\"{}\"><a href=\"#summary\">{}</a> · <a href=\"#ranking\">{}</a> · \
             <a href=\"#details\">{}</a> · <a href=\"#failures\">{} ({})</a></nav>\n</header>\n<main>",
            escape(docs.html_nav),
            escape(docs.html_summary),
            escape(docs.html_ranking),
            escape(docs.html_details),
            escape(docs.html_failures),
            summary.failures.len()
        );
        self.summary_section(&mut out, summary);
        self.ranking_section(&mut out, &entries);
        let _ = writeln!(out, "<section id=\"details\">\n<h2>{}</h2>", escape(docs.html_details));
        if entries.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", escape(docs.html_no_actions));
        }
        for (n, e) in entries.iter().enumerate() {
            let dossier = &self.dossiers[e.dossier];
            self.action_article(&mut out, n + 1, dossier, &dossier.actions[e.action]);
        }
        out.push_str("</section>\n");
        self.failures_section(&mut out, summary);
        let _ = write!(out, "</main>\n<script>{REPORT_JS}</script>\n</body>\n</html>\n");
        out
    }

    fn summary_section(&self, out: &mut String, summary: &Summary) {
        let chrome = &self.chrome;
        let docs = &chrome.msgs.docs;
        let m = &chrome.msgs.report;
        let _ = writeln!(out, "<section id=\"summary\">\n<h2>{}</h2>", escape(docs.html_summary));
        if summary.actions > 0 {
            let mut rows: Vec<(String, [usize; 4])> = summary
                .levels
                .iter()
                .enumerate()
                .map(|(i, l)| (format!("C{} {}", i + 1, chrome.criterion_name(&l.criterion)), l.levels))
                .collect();
            rows.push((m.overall.to_owned(), summary.overall));
            out.push_str(&self.distribution_chart(&rows, summary.actions));
            self.legend(out);
        } else {
            let _ = writeln!(out, "<p>{}</p>", escape(docs.html_no_actions));
        }
        if !summary.incomplete.is_empty() {
            let heading = fill(m.incomplete_heading, &[("count", &summary.incomplete.len())]);
            let _ = writeln!(out, "<h3>{}</h3>\n<ul class=\"incomplete\">", escape(&heading));
            for inc in &summary.incomplete {
                let line = fill(m.incomplete_line, &[("missing", &inc.missing), ("thin", &inc.thin)]);
                let _ =
                    writeln!(out, "<li><code>{}</code>{}{}</li>", escape(&inc.path), escape(m.colon), escape(&line));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
    }

    /// One stacked bar per criterion (and the overall judgement): how many
    /// actions at each level, the count written in each segment.
    fn distribution_chart(&self, rows: &[(String, [usize; 4])], total: usize) -> String {
        let docs = &self.chrome.msgs.docs;
        let (width, bar_w, left, row_h) = (760.0_f64, 720.0_f64, 20.0_f64, 50.0_f64);
        let height = row_h * rows.len() as f64 + 10.0;
        let mut svg = String::new();
        let _ = write!(
            svg,
            "<figure class=\"chart\">\n<svg id=\"distribution\" viewBox=\"0 0 {width} {height}\" role=\"img\" \
             aria-labelledby=\"distribution-title\" preserveAspectRatio=\"xMinYMin meet\">\n\
             <title id=\"distribution-title\">{}</title>\n",
            escape(docs.html_chart_title)
        );
        for (i, (label, levels)) in rows.iter().enumerate() {
            let y = row_h * i as f64 + 6.0;
            let _ = writeln!(svg, "<text class=\"label\" x=\"{left}\" y=\"{:.1}\">{}</text>", y + 13.0, escape(label));
            let bar_y = y + 20.0;
            let mut x = left;
            for (level, &count) in levels.iter().enumerate() {
                if count == 0 {
                    continue;
                }
                let w = bar_w * count as f64 / total.max(1) as f64;
                let level = level as u8;
                let _ = write!(
                    svg,
                    "<rect x=\"{x:.1}\" y=\"{bar_y:.1}\" width=\"{w:.1}\" height=\"22\" fill=\"{}\" stroke=\"#333\" \
                     stroke-width=\"0.8\"><title>{}: {count}</title></rect>",
                    level_fill(level),
                    escape(&self.level_label(level))
                );
                if w >= 16.0 {
                    let _ = write!(
                        svg,
                        "<text class=\"count\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{count}</text>",
                        x + w / 2.0,
                        bar_y + 15.5
                    );
                }
                svg.push('\n');
                x += w;
            }
        }
        svg.push_str("</svg>\n</figure>\n");
        svg
    }

    fn legend(&self, out: &mut String) {
        let m = &self.chrome.msgs.report;
        let _ = write!(
            out,
            "<p class=\"legend\"><span class=\"legend-title\">{}{}</span>",
            escape(m.levels_legend),
            escape(m.colon)
        );
        for level in 0..4u8 {
            let _ = write!(
                out,
                "<span class=\"key\"><svg width=\"18\" height=\"14\" aria-hidden=\"true\"><rect x=\"0.5\" y=\"0.5\" \
                 width=\"17\" height=\"13\" fill=\"{}\" stroke=\"#333\"/></svg> {}</span>",
                level_fill(level),
                escape(&self.level_label(level))
            );
        }
        out.push_str("</p>\n");
        let names: Vec<String> = self
            .chrome
            .grid
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| format!("<b>C{}</b> {}", i + 1, escape(c.name(self.chrome.lang))))
            .collect();
        let _ = writeln!(out, "<p class=\"legend\">{}</p>", names.join(" · "));
    }

    fn ranking_section(&self, out: &mut String, entries: &[Entry]) {
        let chrome = &self.chrome;
        let docs = &chrome.msgs.docs;
        let m = &chrome.msgs.report;
        let _ = writeln!(out, "<section id=\"ranking\">\n<h2>{}</h2>", escape(docs.html_ranking));
        if entries.is_empty() {
            let _ = writeln!(out, "<p>{}</p>\n</section>", escape(docs.html_no_actions));
            return;
        }
        let _ = writeln!(out, "<p class=\"hint\">{}</p>", escape(docs.html_sort_hint));
        let _ = write!(
            out,
            "<div class=\"scroll\"><table id=\"ranking-table\">\n<thead><tr>\
             <th scope=\"col\" data-type=\"num\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
             <th scope=\"col\">{}</th>",
            escape(docs.html_rank_column),
            escape(m.file),
            escape(m.applicant),
            escape(m.action)
        );
        for (i, c) in chrome.grid.criteria.iter().enumerate() {
            let _ = write!(
                out,
                "<th scope=\"col\" data-type=\"num\" title=\"{}\">C{}</th>",
                escape(c.name(chrome.lang)),
                i + 1
            );
        }
        let _ = writeln!(
            out,
            "<th scope=\"col\" data-type=\"num\">{}</th><th scope=\"col\" data-type=\"num\">{}</th></tr></thead>\n<tbody>",
            escape(m.overall),
            escape(m.score)
        );
        for (n, e) in entries.iter().enumerate() {
            let n = n + 1;
            let dossier = &self.dossiers[e.dossier];
            let action = &dossier.actions[e.action];
            let title = if action.title.is_empty() { m.untitled } else { action.title.as_str() };
            let _ = write!(
                out,
                "<tr><td data-sort=\"{n}\">{n}</td><td data-sort=\"{}\"><code>{}</code></td><td>{}</td>\
                 <td data-sort=\"{}\"><a href=\"#action-{n}\">{}. {}</a></td>",
                escape(&dossier.path.to_lowercase()),
                path_html(&dossier.path),
                escape(&dossier.applicant),
                escape(&title.to_lowercase()),
                action.rank,
                escape(title)
            );
            for c in &action.criteria {
                let _ = write!(
                    out,
                    "<td class=\"lvl lvl{}\" data-sort=\"{}\" title=\"{}\">{}</td>",
                    c.level.min(3),
                    u32::from(c.level) * 1000 + u32::from(c.score),
                    escape(&format!("{} ({}/100)", self.level_label(c.level), c.score)),
                    c.level
                );
            }
            let _ = writeln!(
                out,
                "<td class=\"lvl lvl{}\" data-sort=\"{}\">{}</td><td class=\"num\">{}</td></tr>",
                action.overall.min(3),
                u32::from(action.overall) * 1000 + u32::from(action.score),
                escape(&self.level_label(action.overall)),
                action.score
            );
        }
        out.push_str("</tbody>\n</table></div>\n");
        self.legend(out);
        out.push_str("</section>\n");
    }

    /// The four-criterion profile: one bar per criterion on a 0–3 scale.
    fn profile_chart(&self, n: usize, action: &ActionAssessment) -> String {
        let chrome = &self.chrome;
        let docs = &chrome.msgs.docs;
        let (step, left, row_h) = (70.0_f64, 40.0_f64, 24.0_f64);
        let height = row_h * action.criteria.len() as f64 + 22.0;
        let width = left + step * 3.0 + 160.0;
        let label = fill(docs.html_profile_label, &[("count", &action.criteria.len())]);
        let mut svg = String::new();
        let _ = writeln!(
            svg,
            "<svg class=\"profile\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" \
             aria-labelledby=\"profile-{n}\"><title id=\"profile-{n}\">{}</title>",
            escape(&label)
        );
        // Scale: a tick per level.
        for l in 0..=3u8 {
            let x = left + step * f64::from(l);
            let _ = write!(
                svg,
                "<line x1=\"{x}\" y1=\"4\" x2=\"{x}\" y2=\"{:.0}\" stroke=\"#bbb\" stroke-dasharray=\"2 2\"/>\
                 <text class=\"tick\" x=\"{x}\" y=\"{:.0}\" text-anchor=\"middle\">{l}</text>",
                height - 16.0,
                height - 4.0
            );
        }
        for (i, c) in action.criteria.iter().enumerate() {
            let y = row_h * i as f64 + 6.0;
            let w = step * f64::from(c.level.min(3));
            let _ = write!(
                svg,
                "\n<text class=\"label\" x=\"0\" y=\"{:.0}\">C{}</text>\
                 <rect x=\"{left}\" y=\"{y:.0}\" width=\"{:.0}\" height=\"16\" fill=\"none\" stroke=\"#999\"/>",
                y + 12.5,
                i + 1,
                step * 3.0
            );
            if w > 0.0 {
                let _ = write!(
                    svg,
                    "<rect x=\"{left}\" y=\"{y:.0}\" width=\"{w:.0}\" height=\"16\" fill=\"{}\" stroke=\"#333\"/>",
                    level_fill(c.level)
                );
            }
            let _ = write!(
                svg,
                "<text class=\"value\" x=\"{:.0}\" y=\"{:.0}\">{}</text>",
                left + step * 3.0 + 8.0,
                y + 12.5,
                escape(&self.level_label(c.level))
            );
        }
        svg.push_str("\n</svg>\n");
        svg
    }

    fn action_article(&self, out: &mut String, n: usize, dossier: &DossierAssessment, action: &ActionAssessment) {
        let chrome = &self.chrome;
        let docs = &chrome.msgs.docs;
        let m = &chrome.msgs.report;
        let title = if action.title.is_empty() { m.untitled } else { action.title.as_str() };
        let heading = fill(m.action_heading, &[("rank", &action.rank), ("title", &title), ("at", &action.at.line)]);
        let _ = writeln!(out, "<article class=\"action\" id=\"action-{n}\">\n<h3>{}</h3>", escape(&heading));
        let none = |s: &str| if s.is_empty() { m.not_given.to_owned() } else { s.to_owned() };
        let _ = writeln!(
            out,
            "<p class=\"meta\"><span>{}{}<code>{}</code></span> <span>{}{}{}</span> <span>{}{}{}</span></p>",
            escape(m.file),
            escape(m.colon),
            escape(&dossier.path),
            escape(m.applicant),
            escape(m.colon),
            escape(&none(&dossier.applicant)),
            escape(m.territory),
            escape(m.colon),
            escape(&none(&dossier.territory))
        );
        let _ = writeln!(
            out,
            "<div class=\"overview\">\n<p class=\"overall\">{}{}<span class=\"badge lvl{}\">{}</span> · {} {}/100</p>",
            escape(m.overall),
            escape(m.colon),
            action.overall.min(3),
            escape(&self.level_label(action.overall)),
            escape(m.score),
            action.score
        );
        out.push_str(&self.profile_chart(n, action));
        out.push_str("</div>\n");
        for (i, c) in action.criteria.iter().enumerate() {
            self.criterion(out, i, c);
        }
        let done = &action.completeness;
        let _ = writeln!(
            out,
            "<h4>{}</h4>\n<p>{}</p>",
            escape(m.completeness),
            escape(&fill(m.answered_of, &[("answered", &done.answered), ("expected", &done.expected)]))
        );
        for (label, list) in [(m.unanswered, &done.missing), (m.too_thin, &done.thin)] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "<p class=\"sub\">{}</p>\n<ul>", escape(label));
            for q in list {
                let _ = writeln!(
                    out,
                    "<li><code>{}</code> ({}) — {}</li>",
                    escape(&q.id),
                    q.at,
                    escape(chrome.question_text(&q.id))
                );
            }
            out.push_str("</ul>\n");
        }
        if !dossier.warnings.is_empty() {
            let _ =
                writeln!(out, "<h4>{}</h4>\n<ul class=\"warnings\">", escape(m.warnings_heading.trim_end_matches(':')));
            for w in &dossier.warnings {
                let _ = writeln!(out, "<li>{} ({}) — {}</li>", escape(&w.message), w.at, escape(&w.help));
            }
            out.push_str("</ul>\n");
        }
        let _ =
            writeln!(out, "<p class=\"back\"><a href=\"#ranking\">↑ {}</a></p>\n</article>", escape(docs.html_back));
    }

    fn criterion(&self, out: &mut String, i: usize, c: &CriterionAssessment) {
        let chrome = &self.chrome;
        let docs = &chrome.msgs.docs;
        let m = &chrome.msgs.report;
        let _ = writeln!(
            out,
            "<section class=\"criterion\">\n<h4>C{} {} <span class=\"badge lvl{}\">{}</span> <span class=\"score\">{}/100</span></h4>",
            i + 1,
            escape(chrome.criterion_name(&c.id)),
            c.level.min(3),
            escape(&self.level_label(c.level)),
            c.score
        );
        if c.denied {
            let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(chrome.msgs.denial_note));
        }
        if c.evidence.is_empty() {
            let _ = writeln!(out, "<p class=\"sub\">{}</p>", escape(m.no_evidence));
        } else {
            let _ = writeln!(out, "<p class=\"sub\">{}</p>", escape(m.evidence));
            for e in &c.evidence {
                let mut notes = Vec::new();
                if e.negated {
                    notes.push(m.negated);
                }
                if e.elsewhere {
                    notes.push(m.elsewhere);
                }
                let notes = if notes.is_empty() {
                    String::new()
                } else {
                    format!(" <span class=\"tag\">{}</span>", escape(&notes.join(", ")))
                };
                let _ = writeln!(
                    out,
                    "<blockquote{}><p>{}{notes}</p><footer><code>{}</code> ({}) — {}</footer></blockquote>",
                    if e.negated { " class=\"negated\"" } else { "" },
                    escape(&e.quote),
                    escape(&e.question),
                    e.at,
                    escape(chrome.question_text(&e.question))
                );
            }
        }
        if c.level < 3 && !c.suggestions.is_empty() {
            let next = fill(m.next_level, &[("level", &chrome.level_name(c.level + 1))]);
            let _ = writeln!(
                out,
                "<p class=\"sub\">{} — {}</p>\n<ul class=\"suggestions\">",
                escape(docs.html_suggestions),
                escape(&next)
            );
            for s in &c.suggestions {
                let _ = writeln!(out, "<li>{}</li>", escape(s));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
    }

    fn failures_section(&self, out: &mut String, summary: &Summary) {
        let docs = &self.chrome.msgs.docs;
        let m = &self.chrome.msgs.report;
        let _ = writeln!(out, "<section id=\"failures\">\n<h2>{}</h2>", escape(docs.html_failures));
        if summary.failures.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", escape(docs.html_no_failures));
        } else {
            let heading = fill(m.failures_heading, &[("count", &summary.failures.len())]);
            let _ = writeln!(out, "<p>{}</p>\n<ul class=\"failures\">", escape(&heading));
            for f in &summary.failures {
                let place = match f.position {
                    Some(p) => format!(" — {}", fill(docs.html_line, &[("line", &p.line), ("column", &p.column)])),
                    None => String::new(),
                };
                let _ = writeln!(
                    out,
                    "<li><p><code>{}</code>{}</p><pre>{}</pre></li>",
                    escape(&f.path.display().to_string()),
                    escape(&place),
                    escape(&f.to_string())
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
    }
}

/// A path, escaped, that may break after each `/` rather than mid-name.
fn path_html(path: &str) -> String {
    escape(path).replace('/', "/<wbr>")
}

impl Format<Scored> for Html<'_> {
    fn item(&mut self, _out: &mut dyn Write, item: &Scored) -> io::Result<()> {
        if let Ok(a) = &item.result {
            let mut a = a.clone();
            a.path.clone_from(&item.path);
            self.dossiers.push(a);
        }
        // Unreadable files are in the summary.
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        out.write_all(self.page(summary).as_bytes())
    }
}

const REPORT_CSS: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; color: #1a1a1a; background: #f4f5f7;
  font: 15px/1.5 "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; }
header { background: #1f4e79; color: #fff; padding: 1rem 1.5rem .8rem; }
header h1 { margin: 0 0 .2rem; font-size: 1.5rem; }
header .counts { margin: 0 0 .4rem; }
header a { color: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: .5rem 1.5rem 2rem; }
section { margin-top: 1.2rem; }
h2 { font-size: 1.25rem; color: #1f4e79; border-bottom: 2px solid #1f4e79; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 0 0 .3rem; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .88em; overflow-wrap: anywhere; }
.chart { margin: .5rem 0; background: #fff; border: 1px solid #d0d5db; padding: .6rem; }
.chart svg { width: 100%; height: auto; max-width: 760px; display: block; }
svg text { font-family: inherit; font-size: 13px; fill: #1a1a1a; }
svg text.count { font-weight: bold; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg text.tick { font-size: 10px; fill: #666; }
svg.defs { position: absolute; }
.legend { font-size: .9rem; margin: .3rem 0; }
.legend .key { display: inline-flex; align-items: center; gap: .3rem; margin-right: .9rem; }
.legend svg { vertical-align: middle; }
.hint { font-size: .88rem; color: #555; margin: .2rem 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: .92rem; }
th, td { border: 1px solid #c8ced6; padding: .3rem .45rem; text-align: left; vertical-align: top; }
td code { overflow-wrap: normal; word-break: normal; }
th { background: #e8edf2; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
th button { all: inherit; cursor: pointer; border: 0; padding: 0; text-decoration: underline dotted; }
td.lvl, td.num { text-align: center; font-weight: bold; white-space: nowrap; }
.lvl0 { background: #fdecea; color: #7b1d1d; }
.lvl1 { background: #fcefc7; color: #5c4500; }
.lvl2 { background: #d6e6f5; color: #133a5c; }
.lvl3 { background: #22543d; color: #fff; }
.badge { display: inline-block; padding: 0 .45rem; border: 1px solid #333; border-radius: 3px; font-size: .88rem; font-weight: bold; }
.score { font-weight: normal; color: #555; font-size: .9rem; }
.action { background: #fff; border: 1px solid #d0d5db; padding: 1rem 1.2rem; margin: 1rem 0; }
.meta { color: #444; font-size: .9rem; display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; margin: 0 0 .4rem; }
.overview { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 2rem; }
.overview .overall { margin: 0; }
.profile { max-width: 100%; height: auto; }
.criterion { border-top: 1px solid #e1e4e8; margin-top: .6rem; }
.sub { font-weight: bold; font-size: .9rem; margin: .4rem 0 .2rem; color: #333; }
.note { color: #7b1d1d; }
blockquote { margin: .3rem 0 .5rem; padding: .2rem .8rem; border-left: 4px solid #1f4e79; background: #f5f8fb; }
blockquote.negated { border-left-color: #b03a2e; background: #fdf2f1; }
blockquote p { margin: 0; overflow-wrap: anywhere; }
blockquote footer { font-size: .82rem; color: #555; }
.tag { font-size: .8rem; border: 1px solid #999; border-radius: 3px; padding: 0 .3rem; color: #444; }
.back { text-align: right; font-size: .88rem; margin: .6rem 0 0; }
.failures pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; border: 1px solid #e0b4b0; padding: .5rem; font-size: .85rem; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { background: #fff; font-size: 10pt; }
  header { background: none; color: #000; border-bottom: 2px solid #000; }
  header a { color: #000; }
  nav, .hint, .back { display: none; }
  main { max-width: none; padding: 0; }
  .action { break-inside: avoid-page; border: 0; border-top: 1px solid #999; padding: .5rem 0; }
  h2, h3, h4 { break-after: avoid; }
  tr, blockquote, .chart { break-inside: avoid; }
  thead { display: table-header-group; }
  th button { text-decoration: none; }
}
"#;

/// Sorts the ranking table by a column on a click (numbers best first, then
/// toggling), and marks the page ready once every line has run.
const REPORT_JS: &str = r#"
(function () {
  "use strict";
  var table = document.getElementById("ranking-table");
  if (table && table.tHead && table.tBodies.length) {
    var heads = table.tHead.rows[0].cells;
    var body = table.tBodies[0];
    Array.prototype.forEach.call(body.rows, function (row, i) { row.setAttribute("data-pos", String(i)); });
    var key = function (cell, numeric) {
      var v = cell.getAttribute("data-sort");
      if (v === null) { v = cell.textContent || ""; }
      return numeric ? parseFloat(v) || 0 : v.toLowerCase();
    };
    var sortBy = function (index) {
      var th = heads[index];
      var numeric = th.getAttribute("data-type") === "num";
      var current = th.getAttribute("aria-sort");
      var descending = current ? current === "ascending" : numeric && index !== 0;
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a.cells[index], numeric), y = key(b.cells[index], numeric);
        var c = numeric ? x - y : x.localeCompare(y);
        if (descending) { c = -c; }
        return c || Number(a.getAttribute("data-pos")) - Number(b.getAttribute("data-pos"));
      });
      rows.forEach(function (row) { body.appendChild(row); });
    };
    Array.prototype.forEach.call(heads, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(index); });
    });
  }
  document.documentElement.setAttribute("data-ready", "1");
})();
"#;
