//! Writing dossier text into HTML and Markdown safely. Every piece of text a
//! dossier (or a path, or the scorer quoting a dossier) brings goes through
//! `escape` or `escape_md` before it reaches a document: a dossier holding
//! `<script>` or `</style>` shows it as text and runs nothing.
//!
//! Also the few layout helpers both documents share: answers split into
//! paragraphs, and the level patterns of the charts (readable in grey-scale).

use std::fmt::Write as _;

/// Escapes text for HTML element content and for double- or single-quoted
/// attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters have no business in a page; NUL is refused by HTML.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for Markdown: the HTML-significant characters become entities
/// (so that renderers that accept inline HTML show it as text), and the
/// characters Markdown gives a meaning to are backslash-escaped (so that
/// `[x](javascript:…)` is no link and `|` does not break a table).
pub fn escape_md(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// An answer as paragraphs of lines. Blank lines separate paragraphs. Inside
/// a paragraph, the line breaks of a list (lines starting with `-`, `•`, `*`
/// or `1.`) are kept; other lines are one flowing sentence, as an editor's
/// hard wrapping is not the applicant's layout.
pub fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut flush = |current: &mut Vec<&str>| {
        if current.is_empty() {
            return;
        }
        let is_list = current.iter().any(|l| is_list_line(l));
        let lines = if is_list {
            let mut lines: Vec<String> = Vec::new();
            for l in current.iter() {
                match lines.last_mut() {
                    Some(last) if !is_list_line(l) && !last.is_empty() => {
                        last.push(' ');
                        last.push_str(l);
                    }
                    _ => lines.push((*l).to_owned()),
                }
            }
            lines
        } else {
            vec![current.join(" ")]
        };
        out.push(lines);
        current.clear();
    };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut current);
        } else {
            current.push(line);
        }
    }
    flush(&mut current);
    out
}

fn is_list_line(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    line.starts_with("- ")
        || line.starts_with("• ")
        || line.starts_with("* ")
        || line.starts_with("– ")
        || (digits > 0 && line[digits..].starts_with(['.', ')']))
}

/// An answer as HTML paragraphs, escaped.
pub fn html_paragraphs(text: &str) -> String {
    let mut out = String::new();
    for lines in paragraphs(text) {
        let escaped: Vec<String> = lines.iter().map(|l| escape(l)).collect();
        let _ = write!(out, "<p>{}</p>", escaped.join("<br>\n"));
    }
    out
}

/// The SVG fill of a level 0–3: a pattern id defined by `level_patterns`.
pub fn level_fill(level: u8) -> String {
    format!("url(#lvl{})", level.min(3))
}

/// Whether text on a level's fill should be light (the darker fills).
pub fn level_text_light(level: u8) -> bool {
    level >= 3
}

/// Hidden SVG that defines one pattern per level, used by every chart of the
/// page: colours for the screen, and a texture that still tells the levels
/// apart in grey-scale print (0 sparse dots, 1 diagonal hatching, 2 cross
/// hatching, 3 solid dark).
pub fn level_patterns() -> &'static str {
    concat!(
        "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\"><defs>",
        "<pattern id=\"lvl0\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">",
        "<rect width=\"6\" height=\"6\" fill=\"#fdecea\"/><circle cx=\"3\" cy=\"3\" r=\"0.9\" fill=\"#9b2c2c\"/></pattern>",
        "<pattern id=\"lvl1\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">",
        "<rect width=\"6\" height=\"6\" fill=\"#fcefc7\"/><rect width=\"1.6\" height=\"6\" fill=\"#8d6e00\"/></pattern>",
        "<pattern id=\"lvl2\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">",
        "<rect width=\"6\" height=\"6\" fill=\"#9ec5e8\"/><path d=\"M0 0L6 6M6 0L0 6\" stroke=\"#1f4e79\" stroke-width=\"1\"/></pattern>",
        "<pattern id=\"lvl3\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">",
        "<rect width=\"6\" height=\"6\" fill=\"#22543d\"/></pattern>",
        "</defs></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup_in_content_and_attributes() {
        assert_eq!(escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(escape("</style>"), "&lt;/style&gt;");
        assert_eq!(escape("\"><img src=x onerror=alert(1)>"), "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(escape("it's & co"), "it&#39;s &amp; co");
        assert_eq!(escape("&lt;"), "&amp;lt;", "escaping twice shows the entity, not a tag");
        assert_eq!(escape("a\u{0}b\u{1b}[31m"), "a\u{FFFD}b\u{FFFD}[31m");
        assert_eq!(escape("Crèche « Les Lucioles »\n"), "Crèche « Les Lucioles »\n");
    }

    #[test]
    fn escape_md_neutralises_links_html_and_table_pipes() {
        assert_eq!(escape_md("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
        assert_eq!(escape_md("<script>"), "&lt;script&gt;");
        assert_eq!(escape_md("a | b"), "a \\| b");
        assert_eq!(escape_md("**gras** _x_ # titre"), "\\*\\*gras\\*\\* \\_x\\_ \\# titre");
    }

    #[test]
    fn paragraphs_join_hard_wrapped_lines_and_keep_lists() {
        let text = "Une phrase coupée\npar l'éditeur.\n\n- premier point\n- second point\n  qui continue\n";
        assert_eq!(
            paragraphs(text),
            vec![
                vec!["Une phrase coupée par l'éditeur.".to_owned()],
                vec!["- premier point".to_owned(), "- second point qui continue".to_owned()],
            ]
        );
        assert!(paragraphs("  \n\n").is_empty());
        assert_eq!(html_paragraphs("a <b>\n\nc"), "<p>a &lt;b&gt;</p><p>c</p>");
    }
}
