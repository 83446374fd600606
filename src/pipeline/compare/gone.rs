//! 통째로 지운 과제·사업 (tasks and projects a reviewer deleted whole from a 한글 draft): when
//! every line gongsi marked as a task's or a project's (in IV and in the 추진일정) is gone, the
//! change list says `세부사업 삭제` once, as for two plans, instead of a removed line for each.

use std::collections::HashSet;

use crate::model::change::{Change, Item};
use crate::model::printed::{Line, Scope};

use super::{Draft, source};

/// The tasks (전략 id, 과제 id) and projects (… , 사업 id) none of whose lines is left.
pub struct Gone {
    tasks: HashSet<Vec<String>>,
    projects: HashSet<Vec<String>>,
}

/// The task's and project's ids of a line in IV or V (`None` for other parts).
fn ids(line: &Line) -> Option<Vec<String>> {
    let scope = line.scope.as_ref()?;
    matches!(scope.part(), "IV" | "V").then(|| scope.ids().iter().map(|s| s.to_string()).collect())
}

impl Gone {
    /// Finds them among the old lines `a`, `removed[i]` telling whether line `i` was removed.
    pub fn find(a: &[Line], removed: &[bool]) -> Self {
        let (mut tasks, mut projects) = (HashSet::new(), HashSet::new());
        let (mut kept_tasks, mut kept_projects) = (HashSet::new(), HashSet::new());
        for (line, gone) in a.iter().zip(removed) {
            let Some(ids) = ids(line) else { continue };
            for (len, all, kept) in [
                (2, &mut tasks, &mut kept_tasks),
                (3, &mut projects, &mut kept_projects),
            ] {
                if ids.len() >= len {
                    let key = ids[..len].to_vec();
                    if *gone {
                        all.insert(key);
                    } else {
                        kept.insert(key);
                    }
                }
            }
        }
        tasks.retain(|k| !kept_tasks.contains(k));
        projects.retain(|k| !kept_projects.contains(k) && !tasks.contains(&k[..2]));
        Gone { tasks, projects }
    }

    /// The task or project a removed line belongs to, if it went whole.
    pub fn of(&self, line: &Line) -> Option<(Item, Vec<String>)> {
        let ids = ids(line)?;
        if ids.len() >= 2 && self.tasks.contains(&ids[..2]) {
            return Some((Item::Task, ids[..2].to_vec()));
        }
        if ids.len() >= 3 && self.projects.contains(&ids[..3]) {
            return Some((Item::Project, ids[..3].to_vec()));
        }
        None
    }
}

/// The change for a task or project deleted whole: its name from the plan (without one, its
/// first line in the old document `a`), and where it is in the plan's files.
pub fn removed(
    draft: Option<&Draft>,
    a: &[Line],
    item: Item,
    ids: &[String],
) -> (Option<Scope>, Change) {
    let mut parts = vec!["IV"];
    parts.extend(ids.iter().map(String::as_str));
    let scope = Scope::of(&parts);
    let name = match draft {
        Some(_) => {
            let subject = source::subject(draft, Some(&scope));
            let quoted = subject
                .split_once('「')
                .and_then(|(_, r)| r.strip_suffix('」'));
            quoted.unwrap_or(&subject).to_string()
        }
        None => a
            .iter()
            .find(|l| l.scope.as_ref() == Some(&scope))
            .map(|l| l.text.trim_start_matches(['○', '[', ' ']).to_string())
            .unwrap_or_else(|| scope.0.clone()),
    };
    let place = draft
        .and_then(|d| source::place(d, Some(&scope), ""))
        .unwrap_or_else(|| format!("`{}`", scope.0));
    let change = Change::Removed {
        item,
        id: ids.last().cloned().unwrap_or_default(),
        name,
        place,
        spots: Vec::new(),
    };
    (Some(scope), change)
}
