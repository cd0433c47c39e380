//! Asking questions. `Prompter` is the only door to the terminal: the
//! walk through the form (`walk`) talks to it, `terminal::Terminal` answers
//! it with inquire, and tests answer it with a script, without a terminal.

pub mod review;
pub mod terminal;
pub mod walk;

/// One question as shown to the person.
#[derive(Debug, Clone, Copy)]
pub struct Ask<'a> {
    pub question: &'a str,
    /// What a good answer contains ("" for none).
    pub help: &'a str,
    /// The answer already in the dossier, offered for editing ("" for none).
    pub current: &'a str,
}

/// Why a question got no answer.
#[derive(Debug)]
pub enum Stop {
    /// The person pressed Ctrl-C or Esc: stop cleanly, everything given is saved.
    Interrupted,
    /// Something went wrong (the terminal, saving the file).
    Failed(anyhow::Error),
}

impl From<anyhow::Error> for Stop {
    fn from(e: anyhow::Error) -> Self {
        Stop::Failed(e)
    }
}

impl From<crate::dossier::edit::EditError> for Stop {
    fn from(e: crate::dossier::edit::EditError) -> Self {
        Stop::Failed(anyhow::Error::new(e))
    }
}

pub type Answer<T> = Result<T, Stop>;

/// The questions annexe can ask.
pub trait Prompter {
    /// Shows a line of text: a section title, guidance, a notice.
    fn say(&mut self, text: &str);
    /// One line of text; "" when left empty.
    fn line(&mut self, ask: &Ask<'_>) -> Answer<String>;
    /// Text that may span several lines; "" when left empty.
    fn text(&mut self, ask: &Ask<'_>) -> Answer<String>;
    /// Yes or no, with the answer taken on a bare Enter, if any.
    fn yes_no(&mut self, ask: &Ask<'_>, default: Option<bool>) -> Answer<bool>;
    /// One of `options` (by index), the cursor starting on `start`.
    fn select(&mut self, ask: &Ask<'_>, options: &[String], start: usize) -> Answer<usize>;
}
