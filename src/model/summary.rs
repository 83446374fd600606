//! The figures the summaries print in a larger unit, adjusted so that their tables add up
//! (단수 조정, [`crate::model::rounding`]): I 요약 and III 분야별 목표 in 백만원, and a 【추진계획】
//! table in 억원 when its amounts are too wide for 천원.

use serde::Serialize;

use crate::model::budget::Money;
use crate::model::number;
use crate::model::rounding::{FlowArc, Network, NotAdditive};

/// 천원 in one 백만원.
pub const MILLION: i64 = 1_000;

/// 천원 in one 억원.
pub const HUNDRED_MILLION: i64 = 100_000;

/// From this amount (1,000억원) on, a figure in 천원 is too wide for the 【추진계획】
/// table's column (`667,800,000천원`), and the table is printed in 억원 (`6,678억원`), as
/// the 2021 document does.
pub const WIDE_IN_THOUSANDS: i64 = 100_000_000;

/// The note official documents print under a table whose rounded figures cannot add up.
pub const NOTE: &str = "※ 단수 조정으로 합계가 일치하지 않을 수 있음";

/// 공공 사업예산 (국비 + 시도비 + 시군구비) as a summary prints it, in 백만원: `None` where
/// there is no money at all (printed `-`), else the adjusted figure (which may be 0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Millions {
    /// 합계 (public money).
    pub public: Option<i64>,
    /// 국비.
    pub national: Option<i64>,
    /// 시도비.
    pub province: Option<i64>,
    /// 시군구비.
    pub local: Option<i64>,
}

/// The summaries' figures for the whole plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summaries {
    /// The plan's row (I 요약 합계, III 총계, I 지역 일자리 목표 요약).
    pub plan: Millions,
    /// Each strategy's row of III 분야별 목표.
    pub strategies: Vec<Millions>,
    /// Each task's 사업예산 in I 요약, strategy by strategy.
    pub tasks: Vec<Vec<Option<i64>>>,
    /// Whether the figures add up (else each is rounded on its own, with [`NOTE`]).
    pub adjusted: bool,
}

/// Adjusts the summaries of `strategies`, each given as its tasks' budgets. The network:
/// source → task → strategy → strategy × 재원 → 재원 → sink, so that tasks add up to their
/// strategy (I and III), 국비 + 시도비 + 시군구비 to each strategy's and the plan's 합계 (III,
/// I 지역 일자리 목표 요약), and the strategies to the 총계 in every column.
pub fn summaries(strategies: &[Vec<Money>]) -> Summaries {
    let mut net = Network::new();
    let (source, sink) = (net.source(), net.sink());
    let columns: [_; 3] = std::array::from_fn(|_| net.node());
    let splits = |m: &Money| [m.national, m.province, m.local];
    let mut column_totals = [0i64; 3];
    let mut rows = Vec::new();
    for tasks in strategies {
        let (into, out) = (net.node(), net.node());
        let task_figures: Vec<FlowArc> = tasks
            .iter()
            .map(|t| net.figure(source, into, t.public))
            .collect();
        let strategy = Money::sum(tasks);
        let total = net.figure(into, out, strategy.public);
        let cells = splits(&strategy);
        let cell_figures: Vec<FlowArc> = cells
            .iter()
            .zip(&columns)
            .map(|(amount, column)| net.figure(out, *column, *amount))
            .collect();
        for (sum, amount) in column_totals.iter_mut().zip(cells) {
            *sum += amount;
        }
        rows.push((tasks, task_figures, strategy, total, cell_figures));
    }
    let plan_total: i64 = column_totals.iter().sum();
    let column_figures: Vec<FlowArc> = columns
        .iter()
        .zip(column_totals)
        .map(|(column, amount)| net.figure(*column, sink, amount))
        .collect();

    let rounded = net.round(MILLION);
    let adjusted = rounded.is_ok();
    // Exact amounts always add up here (each 합계 is the sum of its splits), so the
    // fallback of rounding each figure on its own is only a guard.
    let shown = |figure: FlowArc, exact: i64| -> Option<i64> {
        (exact != 0).then(|| match &rounded {
            Ok(r) => r.get(figure),
            Err(NotAdditive) => number::rounded(exact, MILLION),
        })
    };
    let plan_public = match &rounded {
        Ok(r) => column_figures.iter().map(|&f| r.get(f)).sum(),
        Err(NotAdditive) => number::rounded(plan_total, MILLION),
    };
    Summaries {
        plan: Millions {
            public: (plan_total != 0).then_some(plan_public),
            national: shown(column_figures[0], column_totals[0]),
            province: shown(column_figures[1], column_totals[1]),
            local: shown(column_figures[2], column_totals[2]),
        },
        strategies: rows
            .iter()
            .map(|(_, _, strategy, total, cells)| Millions {
                public: shown(*total, strategy.public),
                national: shown(cells[0], strategy.national),
                province: shown(cells[1], strategy.province),
                local: shown(cells[2], strategy.local),
            })
            .collect(),
        tasks: rows
            .iter()
            .map(|(tasks, figures, _, _, _)| {
                tasks
                    .iter()
                    .zip(figures)
                    .map(|(t, f)| shown(*f, t.public))
                    .collect()
            })
            .collect(),
        adjusted,
    }
}

/// A 【추진계획】 table's 사업비 as printed: 계, 국비, 시도비, 시군구비, 민자.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionBudget {
    /// 계.
    pub total: String,
    /// 국비.
    pub national: String,
    /// 시도비.
    pub province: String,
    /// 시군구비.
    pub local: String,
    /// 민자.
    pub private: String,
    /// `천원` or `억원`.
    pub unit: &'static str,
    /// [`NOTE`] when the figures could not be adjusted to add up.
    pub note: Option<&'static str>,
}

/// A task's 사업비 as its 【추진계획】 table prints it: in 천원, or — when any amount is
/// [`WIDE_IN_THOUSANDS`] or more — in 억원, adjusted so that 계 = 국비 + 시도비 + 시군구비 +
/// 민자 still holds. A stated 계 that is not the sum of its splits cannot be adjusted: each
/// figure is then rounded on its own and the table carries [`NOTE`].
pub fn action_budget(m: &Money) -> ActionBudget {
    let amounts = [m.total, m.national, m.province, m.local, m.private];
    if amounts.iter().all(|a| a.abs() < WIDE_IN_THOUSANDS) {
        let [total, national, province, local, private] = amounts.map(number::thousand_won);
        return ActionBudget {
            total,
            national,
            province,
            local,
            private,
            unit: "천원",
            note: None,
        };
    }
    let mut net = Network::new();
    let (source, sink) = (net.source(), net.sink());
    let middle = net.node();
    let total = net.figure(source, middle, m.total);
    let parts = [m.national, m.province, m.local, m.private].map(|a| net.figure(middle, sink, a));
    let rounded = net.round(HUNDRED_MILLION);
    let print = |figure: FlowArc, exact: i64| -> String {
        if exact == 0 {
            return number::DASH.to_string();
        }
        let value = match &rounded {
            Ok(r) => r.get(figure),
            Err(NotAdditive) => number::rounded(exact, HUNDRED_MILLION),
        };
        format!("{}억원", number::integer(value))
    };
    ActionBudget {
        total: print(total, m.total),
        national: print(parts[0], m.national),
        province: print(parts[1], m.province),
        local: print(parts[2], m.local),
        private: print(parts[3], m.private),
        unit: "억원",
        note: rounded.is_err().then_some(NOTE),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(national: i64, province: i64, local: i64) -> Money {
        Money::from_source(&crate::model::written::Budget {
            national,
            province,
            local,
            ..Default::default()
        })
    }

    #[test]
    fn summaries_add_up_where_rounding_each_cell_did_not() {
        // I 요약 전략 4 of the reference plan: 1,220,500 and 873,520천원; rounded on their own
        // they print 1,221 + 874 = 2,095 under a total of 2,094.
        let s = summaries(&[vec![
            money(0, 938_400, 282_100),
            money(80_000, 61_500, 732_020),
        ]]);
        assert_eq!(s.tasks, vec![vec![Some(1_220), Some(874)]]);
        assert_eq!(s.plan.public, Some(2_094));
        let row = s.strategies[0];
        let splits = [row.national, row.province, row.local].map(|v| v.unwrap_or(0));
        assert_eq!(splits.iter().sum::<i64>(), row.public.unwrap());
        assert_eq!(s.plan, row);
        assert!(s.adjusted);
    }

    #[test]
    fn nothing_prints_a_dash_and_a_little_prints_its_rounding() {
        let s = summaries(&[
            vec![money(0, 0, 0), money(0, 0, 400)],
            vec![money(0, 0, 700)],
        ]);
        assert_eq!(s.tasks, vec![vec![None, Some(0)], vec![Some(1)]]);
        assert_eq!(s.strategies[0].national, None);
        assert_eq!(s.plan.public, Some(1));
    }

    #[test]
    fn a_wide_action_plan_is_printed_in_hundred_millions_and_adds_up() {
        let private = Money::from_source(&crate::model::written::Budget {
            private: 667_800_000,
            ..Default::default()
        });
        let b = action_budget(&private);
        assert_eq!(
            (b.total.as_str(), b.private.as_str()),
            ("6,678억원", "6,678억원")
        );
        assert_eq!((b.national.as_str(), b.unit, b.note), ("-", "억원", None));

        let split = Money::from_source(&crate::model::written::Budget {
            national: 60_050_000,
            local: 60_050_000,
            ..Default::default()
        });
        let b = action_budget(&split);
        // 600.5 + 600.5 = 1,201: one of the halves goes up, the 계 stays 1,201.
        assert_eq!(
            (b.total.as_str(), b.national.as_str(), b.local.as_str()),
            ("1,201억원", "601억원", "600억원")
        );

        let narrow = action_budget(&money(0, 0, 44_000));
        assert_eq!((narrow.total.as_str(), narrow.unit), ("44,000천원", "천원"));
    }

    #[test]
    fn a_stated_total_off_its_splits_cannot_be_adjusted_and_says_so() {
        let m = Money::from_source(&crate::model::written::Budget {
            total: Some(200_000_000),
            national: 150_050_000,
            ..Default::default()
        });
        let b = action_budget(&m);
        assert_eq!(b.note, Some(NOTE));
        assert_eq!(
            (b.total.as_str(), b.national.as_str()),
            ("2,000억원", "1,501억원")
        );
    }
}
