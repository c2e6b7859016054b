//! How the built-in catalogue files in `crates/core/data/` are derived from the published
//! O*NET and ESCO releases (kept in `shared/testdata/onet` and `shared/testdata/esco`). Run by
//! the test below, which fails when the committed files drift from the sources; with
//! `TRELLIS_UPDATE_CATALOGUE=1` it writes them afresh.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The most competencies kept per occupation, highest importance first.
const PER_OCCUPATION: usize = 10;
/// The longest summary kept for browsing, in characters.
const SUMMARY_CHARS: usize = 280;

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata")
}

fn tsv_rows(path: &Path) -> Vec<HashMap<String, String>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| headers.iter().map(String::from).zip(r.unwrap().iter().map(String::from)).collect())
        .collect()
}

fn csv_rows(path: &Path) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| headers.iter().map(String::from).zip(r.unwrap().iter().map(String::from)).collect())
        .collect()
}

/// One line, no tabs, cut at the end of the first sentence that is long enough, or at a word
/// boundary before `SUMMARY_CHARS`.
fn summary(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cut = flat.len();
    for (at, _) in flat.match_indices(". ") {
        if at >= 60 {
            cut = at + 1;
            break;
        }
    }
    let first = &flat[..cut];
    if first.chars().count() <= SUMMARY_CHARS {
        return first.to_string();
    }
    let mut short: String = first.chars().take(SUMMARY_CHARS).collect();
    if let Some(space) = short.rfind(' ') {
        short.truncate(space);
    }
    short.trim_end_matches([',', ';', ':']).to_string() + "…"
}

fn esco_code(uri: &str) -> &str {
    uri.rsplit('/').next().unwrap_or(uri)
}

fn careers(root: &Path) -> String {
    let mut out = String::new();
    for row in tsv_rows(&root.join("onet/tsv/Occupation Data.txt")) {
        let line = ["onet", &row["O*NET-SOC Code"], row["Title"].trim(), &summary(&row["Description"])].join("\t");
        out += &(line + "\n");
    }
    let mut esco = csv_rows(&root.join("esco/occupations_en.csv"));
    esco.sort_by(|a, b| a["preferredLabel"].cmp(&b["preferredLabel"]));
    for row in esco {
        let line = ["esco", esco_code(&row["conceptUri"]), row["preferredLabel"].trim(), &summary(&row["description"])];
        out += &(line.join("\t") + "\n");
    }
    out
}

fn competencies(root: &Path) -> String {
    let model: HashMap<String, String> = tsv_rows(&root.join("onet/tsv/Content Model Reference.txt"))
        .into_iter()
        .map(|r| (r["Element ID"].clone(), r["Description"].clone()))
        .collect();
    let mut out = String::new();
    for (file, group) in [("Skills.txt", "skill"), ("Work Styles.txt", "work-style")] {
        let mut seen: Vec<(String, String)> = Vec::new();
        for row in tsv_rows(&root.join("onet/tsv").join(file)) {
            let element = (row["Element ID"].clone(), row["Element Name"].clone());
            if !seen.contains(&element) {
                seen.push(element);
            }
        }
        seen.sort();
        for (id, name) in seen {
            out += &(["onet", &id, group, &name, &summary(&model[&id])].join("\t") + "\n");
        }
    }
    let mut esco = csv_rows(&root.join("esco/transversalSkillsCollection_en.csv"));
    esco.retain(|r| r["skillType"] == "skill/competence");
    esco.sort_by(|a, b| a["preferredLabel"].cmp(&b["preferredLabel"]));
    for row in esco {
        let line = ["esco", esco_code(&row["conceptUri"]), "transversal", row["preferredLabel"].trim()];
        out += &(line.join("\t") + "\t" + &summary(&row["description"]) + "\n");
    }
    out
}

/// Per occupation, the skills and work styles with the highest importance (IM, 1–5), leaving
/// out estimates O*NET flags as too imprecise to use.
fn importance(root: &Path) -> String {
    let mut by_occupation: std::collections::BTreeMap<String, Vec<(String, f64)>> = Default::default();
    for file in ["Skills.txt", "Work Styles.txt"] {
        for row in tsv_rows(&root.join("onet/tsv").join(file)) {
            if row["Scale ID"] != "IM" || row["Recommend Suppress"] == "Y" {
                continue;
            }
            let value: f64 = row["Data Value"].parse().unwrap_or_else(|_| panic!("{file}: {:?}", row["Data Value"]));
            by_occupation.entry(row["O*NET-SOC Code"].clone()).or_default().push((row["Element ID"].clone(), value));
        }
    }
    let mut out = String::new();
    for (code, mut elements) in by_occupation {
        elements.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        for (element, value) in elements.into_iter().take(PER_OCCUPATION) {
            out += &format!("{code}\t{element}\t{value:.2}\n");
        }
    }
    out
}

#[test]
fn built_in_catalogue_matches_the_source_data() {
    let root = testdata();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let update = std::env::var_os("TRELLIS_UPDATE_CATALOGUE").is_some();
    for (name, derived) in [
        ("careers.tsv", careers(&root)),
        ("competencies.tsv", competencies(&root)),
        ("importance.tsv", importance(&root)),
    ] {
        let path = data.join(name);
        if update {
            std::fs::write(&path, &derived).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(committed == derived, "{name} differs from the sources; rerun with TRELLIS_UPDATE_CATALOGUE=1");
    }
}

#[test]
fn summaries_stop_at_a_sentence_or_a_word() {
    assert_eq!(
        summary("Short.  Second sentence here."),
        "Short.  Second sentence here.".split_whitespace().collect::<Vec<_>>().join(" ")
    );
    let long = "Plan and direct the work of a large team across several sites and time zones. Then more.";
    assert_eq!(summary(long), "Plan and direct the work of a large team across several sites and time zones.");
    let words = "word ".repeat(100);
    let cut = summary(&words);
    assert!(cut.ends_with("word…") && cut.chars().count() <= SUMMARY_CHARS + 1, "{cut}");
}
