//! User-facing strings: one file per language (`fr.rs`, `en.rs`), one struct
//! that both fill, so a missing translation is a compile error.

mod en;
mod fr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language asked for on the command line, else the one of the
    /// environment (`LC_ALL`, `LC_MESSAGES`, `LANG`), else French.
    pub fn resolve(flag: Option<Lang>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(value) = std::env::var(var) {
                if value.is_empty() {
                    continue;
                }
                return if value.starts_with("en") { Lang::En } else { Lang::Fr };
            }
        }
        Lang::Fr
    }

    pub fn pick<'a>(self, fr: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fr => fr,
            Lang::En if en.is_empty() => fr,
            Lang::En => en,
        }
    }

    pub fn messages(self) -> &'static Messages {
        match self {
            Lang::Fr => &fr::MESSAGES,
            Lang::En => &en::MESSAGES,
        }
    }
}

/// Replaces `{name}` placeholders in a message template.
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    use std::fmt::Write as _;
    // One pass over the template: scoring fills a few notes per action.
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values.iter().find(|(n, _)| *n == name).map(|(_, v)| (close, v))
        });
        match value {
            Some((close, v)) => {
                let _ = write!(out, "{v}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The words of the printable form (`annexe export`, src/export.rs) and of
/// the HTML report (src/report/html.rs).
pub struct DocMessages {
    pub doc_not_answered: &'static str,
    pub doc_yes: &'static str,
    pub doc_no: &'static str,
    pub doc_action_heading: &'static str,
    pub doc_unanswered_count: &'static str,
    pub doc_partner_name: &'static str,
    pub doc_partner_kind: &'static str,
    pub doc_partner_role: &'static str,
    pub doc_partner_new: &'static str,
    pub doc_no_partners: &'static str,
    pub doc_no_actions: &'static str,
    pub doc_source: &'static str,
    pub html_title: &'static str,
    pub html_nav: &'static str,
    pub html_summary: &'static str,
    pub html_chart_title: &'static str,
    pub html_ranking: &'static str,
    pub html_sort_hint: &'static str,
    pub html_rank_column: &'static str,
    pub html_details: &'static str,
    pub html_back: &'static str,
    pub html_failures: &'static str,
    pub html_no_failures: &'static str,
    pub html_no_actions: &'static str,
    pub html_line: &'static str,
    pub html_profile_label: &'static str,
    pub html_suggestions: &'static str,
}

/// Every sentence annexe shows a person, outside the form and the grid
/// (which carry their own wording in `criteria/`).
pub struct Messages {
    // Dossier loading
    pub unknown_key: &'static str,
    pub unknown_key_help: &'static str,
    pub wrong_type: &'static str,
    pub wrong_type_help: &'static str,
    pub type_text: &'static str,
    pub type_yes_no: &'static str,
    pub type_number: &'static str,
    pub type_table: &'static str,
    pub type_tables: &'static str,
    pub type_list: &'static str,
    pub type_date: &'static str,
    pub missing_format: &'static str,
    pub missing_format_help: &'static str,
    pub unsupported_format: &'static str,
    pub bad_lang: &'static str,
    pub bad_partner_kind: &'static str,
    pub bad_rank: &'static str,
    pub duplicate_rank: &'static str,
    pub duplicate_rank_help: &'static str,
    pub toml_syntax_help: &'static str,
    pub empty_file: &'static str,
    pub empty_file_help: &'static str,
    pub not_utf8: &'static str,
    pub not_utf8_help: &'static str,
    pub too_large: &'static str,
    pub too_large_help: &'static str,
    pub unreadable: &'static str,
    pub not_a_file: &'static str,
    pub warning: &'static str,
    pub error: &'static str,
    // annexe export, annexe score --format html
    pub docs: DocMessages,
    // annexe fill, new, schema (src/commands/{fill,new,schema}.rs, src/prompt, src/dossier/edit.rs)
    pub template_intro: &'static str,
    pub template_lang: &'static str,
    pub template_action_note: &'static str,
    pub template_yes_no: &'static str,
    pub template_rank: &'static str,
    pub template_partners: &'static str,
    pub template_partner_new: &'static str,
    pub edit_inline_actions: &'static str,
    pub fill_intro: &'static str,
    pub fill_created: &'static str,
    pub fill_resume: &'static str,
    pub fill_review: &'static str,
    pub fill_action_heading: &'static str,
    pub fill_add_action: &'static str,
    pub fill_add_action_help: &'static str,
    pub fill_rank_invalid: &'static str,
    pub fill_rank_taken: &'static str,
    pub fill_text_help: &'static str,
    pub fill_text_more: &'static str,
    pub fill_text_keep: &'static str,
    pub fill_current: &'static str,
    pub fill_yes: &'static str,
    pub fill_no: &'static str,
    pub fill_yes_no_hint: &'static str,
    pub fill_yes_no_error: &'static str,
    pub fill_select_help: &'static str,
    pub partners_existing: &'static str,
    pub partner_add: &'static str,
    pub partner_add_another: &'static str,
    pub partner_heading: &'static str,
    pub partner_name: &'static str,
    pub partner_name_help: &'static str,
    pub partner_name_review_help: &'static str,
    pub partner_kind: &'static str,
    pub partner_role: &'static str,
    pub partner_new: &'static str,
    pub answers_one: &'static str,
    pub answers_many: &'static str,
    pub fill_done: &'static str,
    pub fill_left: &'static str,
    pub fill_interrupted: &'static str,
    pub fill_resume_with: &'static str,
    pub fill_no_terminal: &'static str,
    pub fill_no_terminal_help: &'static str,
    pub fill_not_changed: &'static str,
    pub fill_data_saved: &'static str,
    pub data_bad_syntax: &'static str,
    pub data_unknown_key: &'static str,
    pub data_keys_help: &'static str,
    pub data_bad_yes_no: &'static str,
    pub data_bad_rank: &'static str,
    pub data_partners: &'static str,
    pub new_exists: &'static str,
    pub new_exists_help: &'static str,
    pub new_written: &'static str,
    pub schema_hint: &'static str,
    pub schema_written: &'static str,
    // Scoring
    pub denial_note: &'static str,
    pub evidence_elsewhere: &'static str,
    // annexe score, annexe check
    pub report: ReportMessages,
    // annexe review, and reviews in reports (src/review.rs, src/commands/review.rs, src/prompt/review.rs)
    pub review: ReviewMessages,
    // annexe criteria
    pub grid: GridMessages,
}

/// The words of `annexe review` and of human reviews in reports.
pub struct ReviewMessages {
    pub intro: &'static str,
    pub created: &'static str,
    pub resume: &'static str,
    pub empty_reviewer: &'static str,
    pub other_reviewer: &'static str,
    pub other_reviewer_help: &'static str,
    pub not_changed: &'static str,
    pub no_terminal: &'static str,
    pub conflict_warning: &'static str,
    pub conflict_confirm: &'static str,
    pub conflict_declined: &'static str,
    pub action_heading: &'static str,
    pub no_answer: &'static str,
    pub criterion_heading: &'static str,
    pub automatic: &'static str,
    pub level_question: &'static str,
    pub level_help: &'static str,
    /// What each level 0–3 means, from the rubric.
    pub level_descriptions: [&'static str; 4],
    pub comment_question: &'static str,
    pub comment_help: &'static str,
    pub overall_heading: &'static str,
    pub overall_question: &'static str,
    pub overall_comment: &'static str,
    pub levels_one: &'static str,
    pub levels_many: &'static str,
    pub done: &'static str,
    pub interrupted: &'static str,
    pub resume_with: &'static str,
    // Review files
    pub file_help: &'static str,
    pub missing_format: &'static str,
    pub bad_format: &'static str,
    pub missing_reviewer: &'static str,
    pub duplicate_rank: &'static str,
    pub unknown_rank: &'static str,
    // Reports
    pub heading: &'static str,
    pub reviewers_column: &'static str,
    pub to_discuss: &'static str,
    pub to_discuss_column: &'static str,
    pub automatic_short: &'static str,
    pub mean: &'static str,
    pub spread: &'static str,
    pub conflict: &'static str,
    pub normalized_note: &'static str,
    pub disagreements_note: &'static str,
    pub check_to_discuss: &'static str,
}

/// The words of `annexe score` and `annexe check` reports (src/report, src/check.rs).
pub struct ReportMessages {
    /// Between a label and its value: ": " in English, " : " in French.
    pub colon: &'static str,
    pub bad_jobs: &'static str,
    pub unknown_criterion: &'static str,
    pub bad_min_level: &'static str,
    pub config_help: &'static str,
    pub bad_level: &'static str,
    pub not_found: &'static str,
    pub permission_denied: &'static str,
    pub symlink_loop: &'static str,
    pub summary_counts: &'static str,
    pub levels_heading: &'static str,
    pub overall: &'static str,
    pub incomplete_heading: &'static str,
    pub incomplete_line: &'static str,
    pub failures_heading: &'static str,
    pub failures_note: &'static str,
    pub file: &'static str,
    pub applicant: &'static str,
    pub territory: &'static str,
    pub action: &'static str,
    pub score: &'static str,
    pub top_note: &'static str,
    pub levels_legend: &'static str,
    pub not_given: &'static str,
    pub no_actions: &'static str,
    pub warnings_heading: &'static str,
    pub untitled: &'static str,
    pub action_heading: &'static str,
    pub profile: &'static str,
    pub completeness: &'static str,
    pub answered_of: &'static str,
    pub unanswered: &'static str,
    pub too_thin: &'static str,
    pub no_evidence: &'static str,
    pub evidence: &'static str,
    pub negated: &'static str,
    pub elsewhere: &'static str,
    pub quote: &'static str,
    pub next_level: &'static str,
    pub rule_min_level: &'static str,
    pub rule_min_level_help: &'static str,
    pub rule_min_overall: &'static str,
    pub rule_min_overall_help: &'static str,
    pub rule_incomplete: &'static str,
    pub rule_incomplete_help: &'static str,
    pub rule_unreadable: &'static str,
    pub rule_unreadable_help: &'static str,
    pub rule_warning: &'static str,
    pub rule_warning_help: &'static str,
    pub action_ref: &'static str,
    pub below_level: &'static str,
    pub below_overall: &'static str,
    pub unanswered_one: &'static str,
    pub thin_one: &'static str,
    pub check_summary: &'static str,
    pub github_more: &'static str,
    pub junit_read: &'static str,
}

/// `annexe criteria`: the grid explained.
pub struct GridMessages {
    pub title: &'static str,
    pub built_in: &'static str,
    pub levels: &'static str,
    pub weight: &'static str,
    pub questions: &'static str,
    pub components: &'static str,
    pub read_under: &'static str,
    pub whole_action: &'static str,
    pub own_answers: &'static str,
    pub clues: &'static str,
    pub concrete_clues: &'static str,
    pub more_words: &'static str,
    pub substance: &'static str,
    pub demonstrated_needs: &'static str,
    pub local_only: &'static str,
    pub yes_no: &'static str,
    pub partner_list: &'static str,
    pub level_rules: &'static str,
    pub rule_described: &'static str,
    pub rule_demonstrated: &'static str,
    pub rule_requires: &'static str,
    pub rule_one_of: &'static str,
    pub rule_or_without: &'static str,
    pub rule_or_strong: &'static str,
    pub rule_requires_strong: &'static str,
    pub rule_denied: &'static str,
    pub rule_denied_absent: &'static str,
    pub overall: &'static str,
    pub overall_all_described: &'static str,
    pub overall_one_demonstrated: &'static str,
    pub signal_figure: &'static str,
    pub signal_date: &'static str,
    pub signal_named: &'static str,
    pub signal_mechanism: &'static str,
    pub signal_place: &'static str,
    pub signal_actor: &'static str,
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fill_replaces_known_names_and_keeps_the_rest() {
        assert_eq!(fill("{n} fichiers, {n} lus ({x})", &[("n", &3)]), "3 fichiers, 3 lus ({x})");
        // A value is written as is, never filled again.
        assert_eq!(fill("« {a} » {b}", &[("a", &"{b}"), ("b", &"fin")]), "« {b} » fin");
        assert_eq!(fill("{ouvert", &[]), "{ouvert");
    }
}
