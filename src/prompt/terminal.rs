//! The terminal `Prompter`, with inquire. The only code that touches it.
//!
//! Long answers: one line per prompt, Enter goes to the next line and an
//! empty line ends the answer; `:e` on a line opens $VISUAL/$EDITOR instead
//! (inquire's Editor prompt), with what was typed so far. In review, an
//! answer on several lines is shown, and kept with a bare Enter.

use inquire::error::InquireError;
use inquire::{Confirm, Editor, Select, Text};

use super::{Answer, Ask, Prompter, Stop};
use crate::i18n::{fill, Lang, Messages};

/// Typed alone on a line of a long answer: continue in the text editor.
pub const EDITOR_COMMAND: &str = ":e";

pub struct Terminal {
    lang: Lang,
    msgs: &'static Messages,
}

impl Terminal {
    pub fn new(lang: Lang) -> Self {
        Terminal { lang, msgs: lang.messages() }
    }

    fn stop(&self, e: InquireError) -> Stop {
        match e {
            InquireError::OperationCanceled | InquireError::OperationInterrupted => Stop::Interrupted,
            InquireError::NotTTY => Stop::Failed(anyhow::anyhow!(self.msgs.fill_no_terminal)),
            other => Stop::Failed(anyhow::Error::new(other)),
        }
    }

    fn editor(&self, ask: &Ask<'_>, start: &str) -> Answer<String> {
        Editor::new(ask.question)
            .with_predefined_text(start)
            .with_file_extension(".txt")
            .prompt()
            .map_err(|e| self.stop(e))
    }

    /// Lines typed after the first one, until an empty line (or `:e`).
    fn more_lines(&self, ask: &Ask<'_>, mut lines: Vec<String>) -> Answer<String> {
        loop {
            let label = fill(self.msgs.fill_text_more, &[("n", &(lines.len() + 1))]);
            let line = Text::new(&label).prompt().map_err(|e| self.stop(e))?;
            if line.trim() == EDITOR_COMMAND {
                return self.editor(ask, &lines.join("\n"));
            }
            if line.trim().is_empty() {
                return Ok(lines.join("\n"));
            }
            lines.push(line);
        }
    }
}

fn help_with(help: &str, extra: &str) -> String {
    if help.is_empty() {
        extra.to_owned()
    } else {
        format!("{help} — {extra}")
    }
}

impl Prompter for Terminal {
    fn say(&mut self, text: &str) {
        eprintln!("{text}");
    }

    fn line(&mut self, ask: &Ask<'_>) -> Answer<String> {
        let mut prompt = Text::new(ask.question).with_initial_value(ask.current);
        if !ask.help.is_empty() {
            prompt = prompt.with_help_message(ask.help);
        }
        prompt.prompt().map_err(|e| self.stop(e))
    }

    fn text(&mut self, ask: &Ask<'_>) -> Answer<String> {
        if ask.current.contains('\n') {
            eprintln!("{}", self.msgs.fill_current);
            for line in ask.current.lines() {
                eprintln!("  │ {line}");
            }
            let help = help_with(ask.help, self.msgs.fill_text_keep);
            let first = Text::new(ask.question).with_help_message(&help).prompt().map_err(|e| self.stop(e))?;
            return match first.trim() {
                "" => Ok(ask.current.to_owned()),
                EDITOR_COMMAND => self.editor(ask, ask.current),
                _ => self.more_lines(ask, vec![first]),
            };
        }
        let help = help_with(ask.help, self.msgs.fill_text_help);
        let first = Text::new(ask.question)
            .with_initial_value(ask.current)
            .with_help_message(&help)
            .prompt()
            .map_err(|e| self.stop(e))?;
        match first.trim() {
            "" => Ok(String::new()),
            EDITOR_COMMAND => self.editor(ask, ask.current),
            _ => self.more_lines(ask, vec![first]),
        }
    }

    fn yes_no(&mut self, ask: &Ask<'_>, default: Option<bool>) -> Answer<bool> {
        let msgs = self.msgs;
        let parser = |s: &str| match s.trim().to_lowercase().as_str() {
            "o" | "oui" | "y" | "yes" | "true" | "vrai" => Ok(true),
            "n" | "non" | "no" | "false" | "faux" => Ok(false),
            _ => Err(()),
        };
        let formatter = |b: bool| if b { msgs.fill_yes } else { msgs.fill_no }.to_owned();
        let (yes, no) = match self.lang {
            Lang::Fr => ("o", "n"),
            Lang::En => ("y", "n"),
        };
        let default_formatter = |b: bool| {
            if b {
                format!("{}/{no}", yes.to_uppercase())
            } else {
                format!("{yes}/{}", no.to_uppercase())
            }
        };
        let mut prompt = Confirm::new(ask.question)
            .with_parser(&parser)
            .with_formatter(&formatter)
            .with_default_value_formatter(&default_formatter)
            .with_error_message(msgs.fill_yes_no_error);
        if !ask.help.is_empty() {
            prompt = prompt.with_help_message(ask.help);
        }
        match default {
            Some(d) => prompt = prompt.with_default(d),
            None => prompt = prompt.with_placeholder(msgs.fill_yes_no_hint),
        }
        prompt.prompt().map_err(|e| self.stop(e))
    }

    fn select(&mut self, ask: &Ask<'_>, options: &[String], start: usize) -> Answer<usize> {
        let mut prompt = Select::new(ask.question, options.to_vec())
            .with_starting_cursor(start.min(options.len().saturating_sub(1)));
        if !ask.help.is_empty() {
            prompt = prompt.with_help_message(ask.help);
        }
        prompt.raw_prompt().map(|o| o.index).map_err(|e| self.stop(e))
    }
}
