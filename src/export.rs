//! The printable Annexe B: a dossier rendered as the document a funder
//! expects attached to an application. The form's heading and guidance, then
//! the applicant, then one block per action in rank order with every
//! question of `criteria/form.toml` in order (verbatim wording) and its
//! answer; unanswered questions are marked, partners are a table.
//!
//! HTML is one self-contained page (inline CSS, no script, nothing fetched)
//! with a print stylesheet for A4; Markdown is the same content as text.

use std::fmt::Write as _;

use crate::dossier::{Action, Answer, Dossier, Partner, Value};
use crate::form::{Form, Kind, Question, Scope, Section};
use crate::i18n::{fill, DocMessages, Lang};
use crate::markup::{escape, escape_md, html_paragraphs, paragraphs};

/// One answer as the documents show it.
enum Shown<'a> {
    Missing,
    Text(&'a str),
    YesNo(bool),
    Rank(u32),
    Partners(&'a [Partner]),
}

fn shown(answer: Option<&Answer>) -> Shown<'_> {
    match answer {
        Some(a) if a.is_given() => match &a.value {
            Value::Text(t) => Shown::Text(t),
            Value::YesNo(b) => Shown::YesNo(*b),
            Value::Rank(r) => Shown::Rank(*r),
            Value::Partners(p) => Shown::Partners(p),
        },
        _ => Shown::Missing,
    }
}

fn applicant_answer<'a>(d: &'a Dossier, q: &Question) -> Option<&'a Answer> {
    d.applicant.get(q.slot).and_then(Option::as_ref)
}

/// Guidance blocks in the order the sections first ask for them.
fn guidance_ids(form: &Form) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    for id in form.sections.iter().flat_map(|s| s.guidance.iter()) {
        if !ids.contains(&id.as_str()) {
            ids.push(id);
        }
    }
    ids
}

fn unanswered(action: &Action, form: &Form) -> usize {
    form.questions(Scope::Action).filter(|q| matches!(shown(action.answer(q)), Shown::Missing)).count()
}

fn action_sections(form: &Form) -> impl Iterator<Item = &Section> {
    form.sections.iter().filter(|s| s.scope == Scope::Action)
}

fn action_title<'a>(action: &'a Action, form: &Form, msgs: &'a crate::i18n::Messages) -> &'a str {
    let title = action.title(form);
    if title.is_empty() {
        msgs.report.untitled
    } else {
        title
    }
}

fn partner_kind<'a>(form: &'a Form, kind: Option<&'a str>, lang: Lang) -> &'a str {
    match kind {
        Some(id) => form.partner_kind(id).map_or(id, |k| k.label(lang)),
        None => "—",
    }
}

fn yes_no(value: Option<bool>, m: &DocMessages) -> &'static str {
    match value {
        Some(true) => m.doc_yes,
        Some(false) => m.doc_no,
        None => "—",
    }
}

/// How an unanswered question is marked.
fn missing_label(q: &Question, m: &DocMessages) -> &'static str {
    if q.kind == Kind::Partners {
        m.doc_no_partners
    } else {
        m.doc_not_answered
    }
}

// ---- HTML -----------------------------------------------------------------

const FORM_CSS: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #eef0f3; color: #1a1a1a;
  font: 15px/1.5 "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; }
main { max-width: 210mm; margin: 1.5rem auto; background: #fff; padding: 18mm 16mm;
  box-shadow: 0 1px 4px rgba(0,0,0,.15); }
h1 { font-size: 1.45rem; margin: 0 0 .3rem; text-transform: uppercase; letter-spacing: .02em; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid #1f4e79; color: #1f4e79; }
h3 { font-size: 1.02rem; margin: 1.2rem 0 .4rem; color: #333; }
.repeat { font-style: italic; margin: 0 0 1rem; color: #444; }
.guidance { border: 1px solid #c9d3de; background: #f5f8fb; padding: .4rem 1rem; margin: 1rem 0; }
.guidance h3 { margin-top: .6rem; }
.guidance ul { margin: .2rem 0 .6rem; padding-left: 1.2rem; }
dl { margin: 0; }
.q { margin: 0 0 .8rem; break-inside: avoid; }
dt { font-weight: bold; margin: 0 0 .2rem; }
dd { margin: 0 0 0 .8rem; padding-left: .6rem; border-left: 3px solid #d7dde4; overflow-wrap: anywhere; }
dd p { margin: 0 0 .4rem; }
.missing { display: inline-block; border: 1px dashed #b03a2e; color: #b03a2e; padding: 0 .4rem;
  font-style: italic; background: #fdf2f1; }
.count { color: #b03a2e; font-size: .9rem; margin: -.3rem 0 .6rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0; font-size: .92rem; break-inside: avoid; }
th, td { border: 1px solid #9aa5b1; padding: .25rem .45rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #e8edf2; }
footer { margin-top: 2rem; font-size: .8rem; color: #666; border-top: 1px solid #ccc; padding-top: .4rem; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  .action { break-before: page; }
  h2, h3, dt { break-after: avoid; }
  tr, .guidance li { break-inside: avoid; }
  thead { display: table-header-group; }
  .missing { background: none; }
}
"#;

/// The filled form as one self-contained HTML page.
pub fn html(d: &Dossier, form: &Form, lang: Lang, source_name: &str) -> String {
    let msgs = lang.messages();
    let m = &msgs.docs;
    let mut out = String::new();
    let title = form.title(lang);
    let applicant = d.applicant_text(form, "applicant.name");
    let page_title = if applicant.is_empty() { title.to_owned() } else { format!("{title} — {applicant}") };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <title>{}</title>\n<style>{FORM_CSS}</style>\n</head>\n<body>\n<main>\n",
        lang.code(),
        escape(&page_title)
    );
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", escape(title));
    let _ = writeln!(out, "<p class=\"repeat\">{}</p>\n</header>", escape(form.repeat_note(lang)));
    for section in form.sections.iter().filter(|s| s.scope == Scope::Dossier) {
        let _ = writeln!(out, "<section class=\"applicant\">\n<h2>{}</h2>\n<dl>", escape(section.title(lang)));
        for q in &section.questions {
            html_question(&mut out, q, shown(applicant_answer(d, q)), form, lang);
        }
        out.push_str("</dl>\n</section>\n");
    }
    for id in guidance_ids(form) {
        let Some(g) = form.guidance(id) else { continue };
        let _ = writeln!(out, "<section class=\"guidance\">\n<h3>{}</h3>\n<ul>", escape(g.title(lang)));
        for item in g.items(lang) {
            let _ = writeln!(out, "<li>{}</li>", escape(item));
        }
        out.push_str("</ul>\n</section>\n");
    }
    if d.actions.is_empty() {
        let _ = writeln!(out, "<p class=\"missing\">{}</p>", escape(m.doc_no_actions));
    }
    for action in d.actions_by_rank(form) {
        let rank = action.effective_rank(form);
        let heading = fill(m.doc_action_heading, &[("rank", &rank), ("title", &action_title(action, form, msgs))]);
        let _ = writeln!(out, "<article class=\"action\" id=\"action-{rank}\">\n<h2>{}</h2>", escape(&heading));
        let missing = unanswered(action, form);
        if missing > 0 {
            let _ = writeln!(
                out,
                "<p class=\"count\">{}</p>",
                escape(&fill(m.doc_unanswered_count, &[("count", &missing)]))
            );
        }
        for section in action_sections(form) {
            let _ = writeln!(out, "<section>\n<h3>{}</h3>\n<dl>", escape(section.title(lang)));
            for q in &section.questions {
                html_question(&mut out, q, shown(action.answer(q)), form, lang);
            }
            out.push_str("</dl>\n</section>\n");
        }
        out.push_str("</article>\n");
    }
    let _ = writeln!(out, "<footer>{}</footer>", escape(&fill(m.doc_source, &[("file", &source_name)])));
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn html_question(out: &mut String, q: &Question, answer: Shown<'_>, form: &Form, lang: Lang) {
    let m = &lang.messages().docs;
    let _ =
        write!(out, "<div class=\"q\" id=\"q-{}\">\n<dt>{}</dt>\n<dd>", q.id.replace('.', "-"), escape(q.text(lang)));
    match answer {
        Shown::Missing => {
            let _ = write!(out, "<span class=\"missing\">{}</span>", escape(missing_label(q, m)));
        }
        Shown::Text(t) => out.push_str(&html_paragraphs(t)),
        Shown::YesNo(b) => {
            let _ = write!(out, "<p>{}</p>", yes_no(Some(b), m));
        }
        Shown::Rank(r) => {
            let _ = write!(out, "<p>{r}</p>");
        }
        Shown::Partners(partners) => {
            let _ = write!(
                out,
                "<table class=\"partners\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
                 <th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
                escape(m.doc_partner_name),
                escape(m.doc_partner_kind),
                escape(m.doc_partner_role),
                escape(m.doc_partner_new)
            );
            for p in partners {
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&p.name),
                    escape(partner_kind(form, p.kind.as_deref(), lang)),
                    escape(&p.role),
                    yes_no(p.new, m)
                );
            }
            out.push_str("</tbody>\n</table>");
        }
    }
    out.push_str("</dd>\n</div>\n");
}

// ---- Markdown -------------------------------------------------------------

/// The filled form as Markdown.
pub fn markdown(d: &Dossier, form: &Form, lang: Lang, source_name: &str) -> String {
    let msgs = lang.messages();
    let m = &msgs.docs;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape_md(form.title(lang)));
    let _ = writeln!(out, "_{}_\n", escape_md(form.repeat_note(lang)));
    for section in form.sections.iter().filter(|s| s.scope == Scope::Dossier) {
        let _ = writeln!(out, "## {}\n", escape_md(section.title(lang)));
        for q in &section.questions {
            md_question(&mut out, q, shown(applicant_answer(d, q)), form, lang);
        }
    }
    for id in guidance_ids(form) {
        let Some(g) = form.guidance(id) else { continue };
        let _ = writeln!(out, "> **{}**\n>", escape_md(g.title(lang)));
        for item in g.items(lang) {
            let _ = writeln!(out, "> - {}", escape_md(item));
        }
        out.push('\n');
    }
    if d.actions.is_empty() {
        let _ = writeln!(out, "**{}**\n", escape_md(m.doc_no_actions));
    }
    for action in d.actions_by_rank(form) {
        let rank = action.effective_rank(form);
        let heading = fill(m.doc_action_heading, &[("rank", &rank), ("title", &action_title(action, form, msgs))]);
        let _ = writeln!(out, "---\n\n## {}\n", escape_md(&heading));
        let missing = unanswered(action, form);
        if missing > 0 {
            let _ = writeln!(out, "_{}_\n", escape_md(&fill(m.doc_unanswered_count, &[("count", &missing)])));
        }
        for section in action_sections(form) {
            let _ = writeln!(out, "### {}\n", escape_md(section.title(lang)));
            for q in &section.questions {
                md_question(&mut out, q, shown(action.answer(q)), form, lang);
            }
        }
    }
    let _ = writeln!(out, "---\n\n_{}_", escape_md(&fill(m.doc_source, &[("file", &source_name)])));
    out
}

fn md_question(out: &mut String, q: &Question, answer: Shown<'_>, form: &Form, lang: Lang) {
    let m = &lang.messages().docs;
    let _ = writeln!(out, "**{}**\n", escape_md(q.text(lang)));
    match answer {
        Shown::Missing => {
            let _ = writeln!(out, "> **⚠ {}**\n", escape_md(missing_label(q, m)));
        }
        Shown::Text(t) => {
            for lines in paragraphs(t) {
                let escaped: Vec<String> = lines.iter().map(|l| escape_md(l)).collect();
                // Two spaces and a newline: a line break inside the paragraph.
                let _ = writeln!(out, "{}\n", escaped.join("  \n"));
            }
        }
        Shown::YesNo(b) => {
            let _ = writeln!(out, "{}\n", yes_no(Some(b), m));
        }
        Shown::Rank(r) => {
            let _ = writeln!(out, "{r}\n");
        }
        Shown::Partners(partners) => {
            let cell = |t: &str| escape_md(t).replace('\n', " ");
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |\n| --- | --- | --- | --- |",
                cell(m.doc_partner_name),
                cell(m.doc_partner_kind),
                cell(m.doc_partner_role),
                cell(m.doc_partner_new)
            );
            for p in partners {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    cell(&p.name),
                    cell(partner_kind(form, p.kind.as_deref(), lang)),
                    cell(&p.role),
                    yes_no(p.new, m)
                );
            }
            out.push('\n');
        }
    }
}
