use super::Messages;

pub const MESSAGES: Messages = Messages {
    unknown_key: "unknown key `{key}`: it is kept as it is but annexe does not read it",
    unknown_key_help: "check the key's spelling; `annexe new template.toml` writes a blank dossier with every key",
    wrong_type: "`{key}` expects {expected}, not {found}",
    wrong_type_help: "fix the value; text is written between quotes, for example {example}",
    missing_format: "the line `format = \"annexe-b/1\"` is missing at the top of the dossier",
    missing_format_help: "add `format = \"annexe-b/1\"` as the first line of the file",
    unsupported_format: "unknown format `{found}`: this version of annexe reads `annexe-b/1`",
    bad_lang: "unknown language `{found}`: write \"fr\" or \"en\"",
    bad_partner_kind: "unknown partner kind `{found}`",
    bad_rank: "the rank must be a whole number from 1 to 999, not {found}",
    duplicate_rank: "rank {rank} is already another action's",
    duplicate_rank_help: "give each action a different rank (1 for the most important)",
    toml_syntax_help: "the file is not valid TOML here; fix the line shown (quotes, brackets, = sign)",
    empty_file: "the file is empty",
    empty_file_help: "run `annexe fill {path}` to fill it in, or `annexe new {path} --force` for a template",
    not_utf8: "the file is not UTF-8 text (invalid byte at line {line}, column {column})",
    not_utf8_help: "save it as UTF-8 from your editor; if it is a binary file, remove it from the folder",
    too_large: "the file is {size} bytes, over the limit of {limit} bytes",
    too_large_help:
        "a dossier is a few tens of KB; check that this is a dossier, or raise the limit with --max-file-size",
    unreadable: "cannot read: {reason}",
    not_a_file: "not a regular file",
    warning: "warning",
    error: "error",
};
