//! 검사할 자리 (places the checks look at): a plan's file as the rules that do not care what
//! it holds see it ([`Place`]), and every table of a plan with its file and data path.

use std::path::Path;

use crate::model::located::{Located, WrittenPlan};
use crate::model::problem::Problem;
use crate::model::walk;
use crate::model::written::{Block, Table};

/// A file of the plan, seen by the rules that do not care what the file holds.
pub(crate) trait Place {
    /// The file, relative to the plan folder.
    fn file(&self) -> &Path;
    /// Places `problem` at data `path` (see [`Located::place`]).
    fn place(&self, problem: Problem, path: &str, needle: &str) -> Problem;
    /// A problem placed at `path`.
    fn problem(&self, path: &str, needle: &str, message: String) -> Problem {
        self.place(Problem::new(self.file(), path, message), path, needle)
    }
}

impl<T> Place for Located<T> {
    fn file(&self) -> &Path {
        &self.file
    }

    fn place(&self, problem: Problem, path: &str, needle: &str) -> Problem {
        Located::place(self, problem, path, needle)
    }
}

/// Calls `visit` with every table of the plan: its file, its data path and the table.
pub(crate) fn each_table(plan: &WrittenPlan, visit: &mut dyn FnMut(&dyn Place, &str, &Table)) {
    for chapter in &plan.chapters {
        tables_in(chapter, "body", &chapter.value.body, visit);
    }
    let goals = &plan.goals;
    tables_in(goals, "term_plan.body", &goals.value.term_plan.body, visit);
    for file in &plan.strategies {
        for (ti, task) in file.value.tasks.iter().enumerate() {
            let tp = format!("tasks[{ti}]");
            tables_in(file, &format!("{tp}.purpose"), &task.purpose, visit);
            tables_in(file, &format!("{tp}.intro"), &task.intro, visit);
            tables_in(file, &format!("{tp}.effects"), &task.effects, visit);
            for (pi, project) in task.projects.iter().enumerate() {
                let pp = format!("{tp}.projects[{pi}].details");
                tables_in(file, &pp, &project.details, visit);
            }
        }
    }
}

fn tables_in(
    file: &dyn Place,
    path: &str,
    blocks: &[Block],
    visit: &mut dyn FnMut(&dyn Place, &str, &Table),
) {
    walk::blocks(path, blocks, 0, &mut |bp, block, _| {
        if let Some(table) = &block.table {
            visit(file, &format!("{bp}.table"), table);
        }
    });
}
