//! 사업예산: an amount in 천원 split by source (재원), and its arithmetic.

use serde::Serialize;

use crate::model::written;

/// A budget in 천원: 계 and its split into 국비, 시도비, 시군구비 and 민자.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Money {
    /// 계 as stated, or the sum of the splits.
    pub total: i64,
    /// 국비.
    pub national: i64,
    /// 시도비.
    pub province: i64,
    /// 시군구비.
    pub local: i64,
    /// 민자.
    pub private: i64,
    /// 공공 예산 = 국비 + 시도비 + 시군구비 (the summaries' 사업예산: 민자 is not counted).
    pub public: i64,
    /// 지방비 = 시도비 + 시군구비.
    pub regional: i64,
}

impl Money {
    /// A budget from its stated splits; `total` is taken as stated when given.
    pub fn from_source(budget: &written::Budget) -> Self {
        let splits = budget.national + budget.province + budget.local + budget.private;
        Money {
            total: budget.total.unwrap_or(splits),
            national: budget.national,
            province: budget.province,
            local: budget.local,
            private: budget.private,
            public: budget.national + budget.province + budget.local,
            regional: budget.province + budget.local,
        }
    }

    /// The sum of several budgets, split by split.
    pub fn sum<'a>(items: impl IntoIterator<Item = &'a Money>) -> Money {
        items.into_iter().fold(Money::default(), |acc, m| Money {
            total: acc.total + m.total,
            national: acc.national + m.national,
            province: acc.province + m.province,
            local: acc.local + m.local,
            private: acc.private + m.private,
            public: acc.public + m.public,
            regional: acc.regional + m.regional,
        })
    }

    /// The splits that are not zero, in document order: (국비, 시도비, 시군구비, 민자).
    pub fn splits(&self) -> [(Source, i64); 4] {
        [
            (Source::National, self.national),
            (Source::Province, self.province),
            (Source::Local, self.local),
            (Source::Private, self.private),
        ]
    }
}

/// A measure of a budget: its key in data paths and in the review overlay (`national`),
/// and how to read it from a [`Money`].
pub type Measure = (&'static str, fn(&Money) -> i64);

impl Money {
    /// Every measure of a budget: 계, 국비, 시도비, 시군구비 and 민자 as written, then the
    /// sums 공공 예산 and 지방비.
    pub const MEASURES: [Measure; 7] = [
        ("total", |m| m.total),
        ("national", |m| m.national),
        ("province", |m| m.province),
        ("local", |m| m.local),
        ("private", |m| m.private),
        ("public", |m| m.public),
        ("regional", |m| m.regional),
    ];
}

/// 재원: where money comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// 국비.
    National,
    /// 시도비.
    Province,
    /// 시군구비.
    Local,
    /// 민자.
    Private,
}

/// A task's budget: the sum of its projects' budgets when any project carries one,
/// otherwise the budget stated on the task (or nothing).
pub fn task_budget(t: &written::Task) -> Money {
    let project_budgets: Vec<Money> = t
        .projects
        .iter()
        .filter_map(|p| p.budget.as_ref())
        .map(Money::from_source)
        .collect();
    if project_budgets.is_empty() {
        t.budget
            .as_ref()
            .map(Money::from_source)
            .unwrap_or_default()
    } else {
        Money::sum(&project_budgets)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_total_is_kept_and_sums_add_split_by_split() {
        let a = Money::from_source(&written::Budget {
            total: Some(132_000),
            national: 118_000,
            local: 13_200,
            ..Default::default()
        });
        assert_eq!(a.total, 132_000);
        assert_eq!(a.public, 131_200);
        let b = Money::from_source(&written::Budget {
            province: 14_000,
            local: 6_000,
            ..Default::default()
        });
        assert_eq!(b.total, 20_000);
        let s = Money::sum([&a, &b]);
        assert_eq!(s.total, 152_000);
        assert_eq!(s.national, 118_000);
        assert_eq!(s.province, 14_000);
        assert_eq!(s.local, 19_200);
        assert_eq!(s.regional, 33_200);
    }
}
