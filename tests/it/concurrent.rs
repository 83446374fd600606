//! Runs at the same time into one folder (issue 23): `publish`, `init` and `new` claim the
//! folder for one run at a time; a run that finds it claimed stops at once and says so in
//! Korean (exit 1). The folder is always one complete run's output, every run that exits 0
//! wrote exactly what it reports, and nothing is left beside the folder.

use std::path::Path;
use std::process::{Child, Stdio};

use sha2::{Digest, Sha256};

use crate::common::*;

/// Starts `runs` copies of gongsi with `args` in `dir` at once; their exit codes and what
/// they said.
fn at_once(dir: &Path, args: &[&str], runs: usize) -> Vec<(i32, String)> {
    let children: Vec<Child> = (0..runs)
        .map(|_| {
            gongsi()
                .current_dir(dir)
                .args(args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().unwrap();
            let said = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            (out.status.code().unwrap_or(-1), said)
        })
        .collect()
}

/// Whether every run exited 0, or 1 saying that another run holds the folder (or, for a
/// folder that must be new, that it is not empty any more).
fn each_won_or_said_why(outcomes: &[(i32, String)]) -> Result<usize, String> {
    let mut won = 0;
    for (code, said) in outcomes {
        match code {
            0 => won += 1,
            1 if said.contains("다른 gongsi 실행이 지금") || said.contains("비어 있지 않아") =>
                {}
            _ => return Err(format!("exit {code}: {said}")),
        }
    }
    Ok(won)
}

/// The names beside the folder in `dir`, other than `keep`.
fn beside(dir: &Path, keep: &[&str]) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect()
}

#[test]
fn concurrent_publishes_leave_one_complete_folder_that_matches_its_manifest() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("minimal"), &dir.path().join("plan"));
    let args = [
        "publish",
        "plan",
        "-o",
        "site",
        "--preview-width",
        "40",
        "--thumbnail-width",
        "40",
    ];
    for round in 0..2 {
        let outcomes = at_once(dir.path(), &args, 8);
        let won = each_won_or_said_why(&outcomes).unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert!(won >= 1, "round {round}: {outcomes:?}");
        let site = dir.path().join("site");
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(site.join("manifest.json")).unwrap()).unwrap();
        let listed = manifest["files"].as_array().unwrap();
        let mut names: Vec<String> = vec!["manifest.json".into()];
        for file in listed {
            let name = file["name"].as_str().unwrap();
            let bytes = std::fs::read(site.join(name)).unwrap();
            let sha: String = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(
                file["sha256"].as_str().unwrap(),
                sha,
                "round {round}: {name}"
            );
            names.push(name.to_string());
        }
        let mut present: Vec<String> = std::fs::read_dir(&site)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        present.sort();
        assert_eq!(
            present, names,
            "round {round}: exactly the manifest's files"
        );
        assert!(
            beside(dir.path(), &["plan", "site"]).is_empty(),
            "round {round}: {:?}",
            beside(dir.path(), &["plan", "site"])
        );
    }
}

#[test]
fn concurrent_inits_and_news_into_one_folder_make_one_plan() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("minimal"), &dir.path().join("plan"));
    for round in 0..4 {
        let init = [
            "init",
            "--district",
            "가상군",
            "--year",
            "2026",
            "-o",
            "새계획",
        ];
        let new = ["new", "--from", "plan", "-o", "새계획"];
        let args: &[&str] = if round % 2 == 0 { &init } else { &new };
        let outcomes = at_once(dir.path(), args, 8);
        let won = each_won_or_said_why(&outcomes).unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert_eq!(won, 1, "round {round}: {outcomes:?}");
        let folder = dir.path().join("새계획");
        assert!(folder.join("plan.yaml").is_file(), "round {round}");
        let check = run(dir.path(), &["check", "새계획"]);
        assert_ne!(
            check.status.code(),
            Some(1),
            "round {round}: the plan written is whole: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        assert!(
            beside(dir.path(), &["plan", "새계획"]).is_empty(),
            "round {round}: {:?}",
            beside(dir.path(), &["plan", "새계획"])
        );
        std::fs::remove_dir_all(&folder).unwrap();
    }
}
