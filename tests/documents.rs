//! Documents and pictures, as users get them from the real binary: the
//! printable form (`annexe export`), the HTML report (`annexe score --format
//! html`), shell completions and the man page, `--color`. Snapshots hold the
//! documents; a headless Chromium opens the pages, takes screenshots (kept in
//! target/screenshots/) and checks that they render without a console error;
//! a hostile dossier checks that no dossier text ever becomes markup.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from `tests/fixtures` with a pinned environment.
fn annexe(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_annexe"));
    cmd.current_dir(root().join("tests/fixtures"));
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "ANNEXE_LANG", "ANNEXE_CRITERIA", "CLICOLOR", "CLICOLOR_FORCE", "TERM"]
    {
        cmd.env_remove(var);
    }
    cmd.env("NO_COLOR", "1").args(args);
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_cmd(mut cmd: Command) -> Run {
    let out = cmd.output().expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn run(args: &[&str]) -> Run {
    run_cmd(annexe(args))
}

fn examples() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(root().join("examples"))
        .expect("examples/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let stem = p.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            (stem, p.display().to_string())
        })
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

// ---- annexe export --------------------------------------------------------

#[test]
fn export_html_of_each_example() {
    for (stem, path) in examples() {
        let r = run(&["export", &path, "--format", "html"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(!r.stdout.contains(env!("CARGO_MANIFEST_DIR")), "no absolute path in the document");
        insta::assert_snapshot!(format!("export_html_{stem}"), r.stdout);
    }
}

#[test]
fn export_markdown_of_each_example() {
    for (stem, path) in examples() {
        let r = run(&["export", &path, "--format", "md"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        insta::assert_snapshot!(format!("export_md_{stem}"), r.stdout);
    }
}

#[test]
fn export_is_french_by_default_whatever_the_environment_and_english_on_request() {
    let path = root().join("examples/jardin-partage.toml");
    let path = path.to_string_lossy();
    let mut cmd = annexe(&["export", &path, "-f", "md"]);
    cmd.env("LANG", "en_GB.UTF-8");
    let fr = run_cmd(cmd);
    assert!(fr.stdout.contains("# ANNEXE B : action d’innovation sociale"), "{}", fr.stdout);
    assert!(fr.stdout.contains("Non renseigné"));
    let en = run(&["--lang", "en", "export", &path, "-f", "md"]);
    assert!(en.stdout.contains("# ANNEX B: social innovation action"), "{}", en.stdout);
    assert!(en.stdout.contains("Not answered"));
    assert!(en.stdout.contains("Which social or societal needs"));
}

#[test]
fn export_marks_unanswered_questions_and_lists_partners_in_a_table() {
    let path = root().join("examples/micro-creche-horaires-decales.toml");
    let r = run(&["export", &path.to_string_lossy()]);
    assert!(r.stdout.contains("<table class=\"partners\">"));
    let weak = root().join("examples/jardin-partage.toml");
    let r = run(&["export", &weak.to_string_lossy()]);
    assert!(r.stdout.contains("<span class=\"missing\">Non renseigné</span>"));
    assert!(r.stdout.contains("Questions sans réponse"));
}

#[test]
fn export_writes_to_the_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("annexe-b.html");
    let path = root().join("examples/jardin-partage.toml");
    let r = run(&["export", &path.to_string_lossy(), "-o", &out.to_string_lossy()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("<!DOCTYPE html>"));
}

#[test]
fn export_of_a_broken_dossier_is_an_error_with_its_place() {
    let r = run(&["--lang", "en", "export", "batch/broken/invalid-syntax.toml"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("invalid-syntax.toml:"), "{}", r.stderr);
}

// ---- annexe score --format html --------------------------------------------

fn report_html() -> Run {
    run(&["--lang", "en", "score", "batch", "--format", "html"])
}

#[test]
fn html_report_of_the_batch() {
    let r = report_html();
    assert_eq!(r.code, 2, "broken files make exit code 2: {}", r.stderr);
    assert!(!r.stdout.contains(env!("CARGO_MANIFEST_DIR")), "no absolute path in the report");
    assert!(!r.stdout.contains("\x1b["), "no terminal colour in a page");
    insta::assert_snapshot!("score_html_en", r.stdout);
}

#[test]
fn html_report_links_every_ranked_action_to_its_details_and_fetches_nothing() {
    let r = report_html();
    let html = &r.stdout;
    assert!(html.contains("<table id=\"ranking-table\">"));
    for n in 1..=6 {
        assert!(html.contains(&format!("href=\"#action-{n}\"")), "link {n}");
        assert!(html.contains(&format!("<article class=\"action\" id=\"action-{n}\">")), "anchor {n}");
    }
    assert!(html.contains("<svg id=\"distribution\""));
    assert_eq!(html.matches("<svg class=\"profile\"").count(), 6);
    assert!(html.contains("Files that could not be read (5):"));
    for needle in ["http://", "https://", "src=\"", "<link", "@import", "url(http"] {
        // The formula-applicant fixture quotes a URL as dossier text, escaped.
        let hits: Vec<_> = html.match_indices(needle).collect();
        for (at, _) in hits {
            let around = &html[at.saturating_sub(40)..(at + 40).min(html.len())];
            assert!(around.contains("&quot;") || around.contains("HYPERLINK"), "{needle} in {around}");
        }
    }
}

// ---- hostile dossier ------------------------------------------------------

const RAW: [&str; 4] = ["<script>alert", "<img src=x", "<a href=\"javascript:", "</style> "];

fn assert_no_markup_from_the_dossier(doc: &str) {
    for raw in RAW {
        assert!(!doc.contains(raw), "raw `{raw}` in the document");
    }
    assert!(doc.matches("</style>").count() <= 1, "only the page's own </style>");
}

#[test]
fn a_hostile_dossier_is_exported_as_text() {
    let html = run(&["export", "hostile/hostile.toml"]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    assert_no_markup_from_the_dossier(&html.stdout);
    assert!(html.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.stdout.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.stdout.contains("&lt;/style&gt;"));
    assert!(!html.stdout.contains("<script"), "the form needs no script at all");

    let md = run(&["export", "hostile/hostile.toml", "--format", "md"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert_no_markup_from_the_dossier(&md.stdout);
    assert!(!md.stdout.contains("</style>"));
    assert!(md.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!md.stdout.contains("[clic](javascript"), "no Markdown link");
    assert!(md.stdout.contains("\\[clic\\](javascript:alert(1))"));
}

#[test]
fn a_hostile_dossier_is_reported_as_text() {
    let r = run(&["score", "hostile", "--format", "html"]);
    assert_eq!(r.code, 2, "broken.toml is unreadable: {}", r.stderr);
    let html = &r.stdout;
    assert_no_markup_from_the_dossier(html);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    // Exactly the page's own script.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains("<code>hostile/broken.toml</code>"));
}

// ---- completions, man, --color ---------------------------------------------

#[test]
fn completions_for_every_shell_mention_annexe() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.len() > 200, "{shell}: {}", r.stdout);
        assert!(r.stdout.contains("annexe"), "{shell}");
        assert!(r.stdout.contains("export"), "{shell}: subcommands are completed");
    }
}

#[test]
fn man_prints_a_roff_page() {
    let r = run(&["man"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(".TH annexe"), "{}", &r.stdout[..r.stdout.len().min(300)]);
    assert!(r.stdout.contains("completions"));
}

#[test]
fn color_follows_the_flag_and_the_environment() {
    let escape = "\x1b[";
    let always = run(&["--lang", "en", "score", "batch/weak-jardin.toml", "--color", "always"]);
    assert!(always.stdout.contains(escape), "--color always wins over NO_COLOR");
    let auto = run(&["--lang", "en", "score", "batch/weak-jardin.toml"]);
    assert!(!auto.stdout.contains(escape), "NO_COLOR, and not a terminal");
    let mut forced = annexe(&["--lang", "en", "score", "batch/weak-jardin.toml"]);
    forced.env_remove("NO_COLOR").env("CLICOLOR_FORCE", "1");
    assert!(run_cmd(forced).stdout.contains(escape), "CLICOLOR_FORCE colours a pipe");
    let mut both = annexe(&["--lang", "en", "score", "batch/weak-jardin.toml"]);
    both.env("CLICOLOR_FORCE", "1");
    assert!(!run_cmd(both).stdout.contains(escape), "NO_COLOR wins over CLICOLOR_FORCE");
    let never = run(&["--lang", "en", "check", "batch/weak-jardin.toml", "--min-overall", "3", "--color", "never"]);
    assert!(!never.stdout.contains(escape));
    let check_always =
        run(&["--lang", "en", "check", "batch/weak-jardin.toml", "--min-overall", "3", "--color", "always"]);
    assert!(check_always.stdout.contains(escape), "{}", check_always.stdout);
}

// ---- in a real browser ----------------------------------------------------

/// The Chromium binary, or `None` (then the test is skipped, except in CI).
fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|name| {
        std::env::var_os("PATH")
            .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file()))
    });
    if found.is_none() {
        let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        assert!(!in_ci, "chromium is not installed: .ci/run installs it (apt-get install -y chromium)");
        eprintln!("SKIPPED: chromium is not installed (apt-get install -y chromium); the browser test did not run");
    }
    found
}

/// Runs Chromium headless on `page` with `args`, killing it after a minute.
fn browse(chromium: &Path, page: &Path, args: &[&str]) -> Run {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let (mut stdout, mut stderr) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code().unwrap_or(-1);
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 60 s on {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    Run { code, stdout: out_reader.join().unwrap(), stderr: err_reader.join().unwrap() }
}

/// Console errors, uncaught exceptions and refused loads in Chromium's log.
fn console_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| {
            l.contains("Uncaught")
                || l.contains("Refused to")
                || (l.contains("CONSOLE") && (l.contains("rror") || l.contains("arning")))
        })
        .collect()
}

/// Opens `page`, checks its DOM for `needles` and the log for errors, takes
/// a screenshot into target/screenshots/`name`.png and checks it is no blank.
fn check_in_browser(chromium: &Path, page: &Path, name: &str, needles: &[&str]) {
    let dom = browse(chromium, page, &["--dump-dom"]);
    assert_eq!(dom.code, 0, "{}", dom.stderr);
    for needle in needles {
        assert!(dom.stdout.contains(needle), "{name}: `{needle}` not in the rendered DOM");
    }
    let errors = console_errors(&dom.stderr);
    assert!(errors.is_empty(), "{name}: console errors: {errors:#?}");

    let target = PathBuf::from(env!("CARGO_BIN_EXE_annexe"))
        .parent()
        .and_then(Path::parent)
        .map_or_else(|| root().join("target"), Path::to_path_buf);
    let shots = target.join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let png = shots.join(format!("{name}.png"));
    let _ = std::fs::remove_file(&png);
    let shot = browse(chromium, page, &["--window-size=1200,2400", &format!("--screenshot={}", png.display())]);
    assert_eq!(shot.code, 0, "{}", shot.stderr);
    let errors = console_errors(&shot.stderr);
    assert!(errors.is_empty(), "{name}: console errors: {errors:#?}");

    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert!(info.width >= 1000 && info.height >= 2000, "{}x{}", info.width, info.height);
    let channels = info.color_type.samples();
    let lum: Vec<f64> = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|p| {
            if channels >= 3 {
                0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2])
            } else {
                f64::from(p[0])
            }
        })
        .collect();
    let mean = lum.iter().sum::<f64>() / lum.len() as f64;
    let var = lum.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / lum.len() as f64;
    assert!(var.sqrt() > 20.0, "{name}: the screenshot looks blank (mean {mean:.0}, sd {:.1})", var.sqrt());
    // Text is there: a fair share of dark pixels, not a page of one colour.
    let dark = lum.iter().filter(|l| **l < 100.0).count() as f64 / lum.len() as f64;
    assert!(dark > 0.005, "{name}: hardly any dark pixel ({dark:.4})");
}

#[test]
fn pages_render_in_headless_chromium() {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();

    let report = dir.path().join("report.html");
    let r = run(&["--lang", "en", "score", "batch", "--format", "html", "-o", &report.to_string_lossy()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    check_in_browser(
        &chromium,
        &report,
        "report",
        &["id=\"ranking-table\"", "data-ready=\"1\"", "<button type=\"button\">", "id=\"distribution\""],
    );

    let export = dir.path().join("export.html");
    let example = root().join("examples/micro-creche-horaires-decales.toml");
    let r = run(&["export", &example.to_string_lossy(), "-o", &export.to_string_lossy()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    check_in_browser(&chromium, &export, "export", &["<article class=\"action\"", "<table class=\"partners\">"]);

    // The hostile dossier: the script in its text never becomes an element.
    let hostile = dir.path().join("hostile.html");
    let r = run(&["score", "hostile", "--format", "html", "-o", &hostile.to_string_lossy()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let dom = browse(&chromium, &hostile, &["--dump-dom"]);
    assert!(dom.stdout.contains("data-ready=\"1\""), "the page's own script ran");
    assert!(!dom.stdout.contains("<img"), "no element from the dossier");
    assert_eq!(dom.stdout.matches("<script").count(), 1);
    assert!(console_errors(&dom.stderr).is_empty(), "{}", dom.stderr);
}
