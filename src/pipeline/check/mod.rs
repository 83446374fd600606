//! Step 2 of the pipeline, 검사: everything `gongsi check` finds in a plan, all at once.
//!
//! - [`limits`]: what goes over gongsi's limits (texts, numbers, tables, the plan's 분량);
//!   checked first, and a plan over one gets no other check;
//! - [`structure`]: errors that make the plan impossible to render (ids, months, tables…);
//! - [`budget`]: 사업예산 whose stated 계 is not the sum of its splits;
//! - [`table`]: figures of a table that break its declared 계산 관계 (합계, 구성비, 증감률…);
//! - [`missing`]: 공통 일자리 목표 figures not written yet (`~`);
//! - [`complete`]: parts left empty (no part II, vision, slogan, 사업목적 …), the same rules
//!   for YAML and workbooks;
//! - [`placeholder`]: `채울 곳:` texts a starter plan leaves to fill;
//! - [`rounding`]: tables printed in a larger unit that cannot be rounded to add up (단수 조정).
//!
//! Every finding is placed through [`Located::place`](crate::model::located::Located::place), so a value read from a workbook is
//! reported at its `시트!셀` and one read from YAML at its line and column.

pub mod budget;
pub mod complete;
pub mod limits;
pub mod missing;
pub mod place;
pub mod placeholder;
pub mod rounding;
pub mod structure;
pub mod table;

pub use structure::check_plan;

use crate::model::located::WrittenPlan;
use crate::model::problem::Finding;
use crate::model::problem::Problem;

/// Every finding in a loaded plan: structural errors first, then arithmetic warnings.
pub fn check(plan: &WrittenPlan) -> Vec<Finding> {
    let over: Vec<Finding> = limits::check(plan)
        .into_iter()
        .map(|p| Finding::error("limit", p))
        .collect();
    if !over.is_empty() {
        return over;
    }
    let mut findings: Vec<Finding> = check_plan(plan)
        .into_iter()
        .map(|p| Finding::error("structure", p))
        .collect();
    let sound = findings.is_empty();
    findings.extend(missing::check(plan));
    findings.extend(complete::check(plan));
    findings.extend(placeholder::check(plan));
    findings.extend(budget::check(plan));
    findings.extend(table::check(plan));
    // Rounding works on the plan's totals, which only a structurally sound plan has (an
    // amount out of range would overflow them).
    if sound {
        findings.extend(rounding::check(plan));
    }
    findings
}

/// Splits the validator's verdict: the errors, which stop any command that reads the plan,
/// come back as `Err`; the warnings (figures printed as written) as `Ok`.
pub fn refuse_errors(plan: &WrittenPlan) -> Result<Vec<Finding>, Vec<Problem>> {
    let (errors, warnings): (Vec<Finding>, Vec<Finding>) =
        check(plan).into_iter().partition(Finding::is_error);
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(errors.into_iter().map(|f| f.problem).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::load::reference_plan;

    #[test]
    fn the_reference_plan_has_no_errors() {
        let findings = check(&reference_plan().unwrap());
        let errors: Vec<_> = findings.iter().filter(|f| f.is_error()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}
