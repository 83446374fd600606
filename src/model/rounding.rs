//! 단수 조정 (controlled rounding): figures kept in a small unit (천원) and printed in a
//! larger one (백만원, 억원), rounded so that the printed table still adds up.
//!
//! Rounding each figure on its own breaks a table's sums (18,420천원 → 18 and 1,220,500천원
//! → 1,221 made I 요약's tasks add to 72,267 under a 합계 of 72,266). Budget offices adjust
//! by hand instead: every printed figure is the floor or the ceiling of its exact value, every
//! sum on the page holds, the grand total is the exact grand total rounded, and among the
//! roundings that do all this the one closest to the exact figures is printed. This module
//! does that, for any table whose sums form a flow network:
//!
//! - A table's figures are the arcs of a network from a source to a sink, each carrying its
//!   exact amount; every sum of the table is a node where what flows in equals what flows
//!   out (I 요약: source → task → strategy → strategy × 재원 → 재원 → sink).
//! - A rounding is an integral flow in which each arc carries the floor or the ceiling of its
//!   exact amount (in printed units), and the whole flow is the rounded grand total. Such a
//!   flow always exists when the exact amounts add up, since network flows with integral
//!   bounds have integral solutions; it is found with its least total error as a min-cost
//!   flow: each arc may take one unit above its floor at a cost of (ceiling error − floor
//!   error), solved by successive shortest paths (Dijkstra with potentials).
//! - Ties (two figures ending in exactly .5 competing for one unit) go to the figure added
//!   first, so the same table always rounds the same way.
//!
//! No maintained, permissively licensed min-cost-flow crate exists (rs-graph is GPL-3.0;
//! mcmf binds C++ code and has not changed since 2018), so the ~100 lines below are ours.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A point of the network where figures meet: a sum of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node(usize);

/// An arc of the network: one figure of the table, carrying its exact amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowArc(usize);

/// Figures that add up, to be printed in a larger unit.
#[derive(Debug, Clone, Default)]
pub struct Network {
    nodes: usize,
    arcs: Vec<(Node, Node, i64)>,
}

/// The exact amounts do not add up at some node (a stated total that is not the sum of its
/// parts), so no rounding can keep the table's sums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAdditive;

/// The printed figures, in the larger unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rounding {
    values: Vec<i64>,
}

impl Rounding {
    /// The printed value of `figure`.
    pub fn get(&self, figure: FlowArc) -> i64 {
        self.values[figure.0]
    }
}

impl Network {
    /// An empty network: only its source and its sink.
    pub fn new() -> Self {
        Network {
            nodes: 2,
            arcs: Vec::new(),
        }
    }

    /// Where the grand total enters.
    pub fn source(&self) -> Node {
        Node(0)
    }

    /// Where the grand total leaves.
    pub fn sink(&self) -> Node {
        Node(1)
    }

    /// A new sum.
    pub fn node(&mut self) -> Node {
        self.nodes += 1;
        Node(self.nodes - 1)
    }

    /// A figure of `exact` small units that flows from `from` into `to`.
    pub fn figure(&mut self, from: Node, to: Node, exact: i64) -> FlowArc {
        self.arcs.push((from, to, exact));
        FlowArc(self.arcs.len() - 1)
    }

    /// Rounds every figure to a whole number of `unit` small units (1,000 for 천원 →
    /// 백만원), each to its floor or ceiling, with the grand total rounded half up and every
    /// sum kept, closest to the exact figures.
    pub fn round(&self, unit: i64) -> Result<Rounding, NotAdditive> {
        assert!(unit > 0, "the unit is a positive number of small units");
        let floor: Vec<i64> = self.arcs.iter().map(|a| a.2.div_euclid(unit)).collect();
        let remainder: Vec<i64> = self.arcs.iter().map(|a| a.2.rem_euclid(unit)).collect();
        let out_of_source: i128 = self
            .arcs
            .iter()
            .map(|(from, to, exact)| {
                i128::from(*exact)
                    * (i128::from(*from == self.source()) - i128::from(*to == self.source()))
            })
            .sum();
        let total = (2 * out_of_source + i128::from(unit)).div_euclid(2 * i128::from(unit));

        // Each figure carries its floor; what the floors leave unbalanced at each node must
        // be made up by figures taking their one unit more.
        let mut excess = vec![0i128; self.nodes];
        for ((from, to, _), low) in self.arcs.iter().zip(&floor) {
            excess[from.0] -= i128::from(*low);
            excess[to.0] += i128::from(*low);
        }
        excess[self.source().0] += total;
        excess[self.sink().0] -= total;

        // The unit above the floor costs (ceiling error − floor error) = unit − 2 × remainder,
        // scaled so that a tie-breaking term (the figure's position) never outweighs it.
        let count = self.arcs.len() as i128;
        let scale = count * count + 1;
        let mut flow = Flow::new(self.nodes + 2);
        let (start, end) = (self.nodes, self.nodes + 1);
        let mut raises = Vec::with_capacity(self.arcs.len());
        for (i, (from, to, _)) in self.arcs.iter().enumerate() {
            raises.push((remainder[i] > 0).then(|| {
                let cost = (i128::from(unit) - 2 * i128::from(remainder[i])) * scale + i as i128;
                flow.arc(from.0, to.0, 1, cost)
            }));
        }
        let mut needed = 0;
        for (node, &e) in excess.iter().enumerate() {
            if e > 0 {
                flow.arc(start, node, e, 0);
                needed += e;
            } else if e < 0 {
                flow.arc(node, end, -e, 0);
            }
        }
        if flow.min_cost_flow(start, end) < needed {
            return Err(NotAdditive);
        }
        let values = floor
            .iter()
            .zip(&raises)
            .map(|(low, raise)| low + raise.map_or(0, |arc| flow.used(arc) as i64))
            .collect();
        Ok(Rounding { values })
    }
}

/// A residual graph for min-cost flow by successive shortest paths.
struct Flow {
    /// Per arc: head, capacity left, cost; arc `i ^ 1` is its reverse.
    head: Vec<usize>,
    capacity: Vec<i128>,
    cost: Vec<i128>,
    /// Arcs leaving each node.
    out: Vec<Vec<usize>>,
}

impl Flow {
    fn new(nodes: usize) -> Self {
        Flow {
            head: Vec::new(),
            capacity: Vec::new(),
            cost: Vec::new(),
            out: vec![Vec::new(); nodes],
        }
    }

    /// Adds an arc and its reverse; returns the arc.
    fn arc(&mut self, from: usize, to: usize, capacity: i128, cost: i128) -> usize {
        let id = self.head.len();
        for (tail, head, cap, c) in [(from, to, capacity, cost), (to, from, 0, -cost)] {
            self.head.push(head);
            self.capacity.push(cap);
            self.cost.push(c);
            self.out[tail].push(self.head.len() - 1);
        }
        id
    }

    /// The flow on an arc added by [`Flow::arc`].
    fn used(&self, arc: usize) -> i128 {
        self.capacity[arc ^ 1]
    }

    /// Sends as much as it can from `start` to `end`, each unit along the cheapest path
    /// left; returns the amount sent.
    fn min_cost_flow(&mut self, start: usize, end: usize) -> i128 {
        let nodes = self.out.len();
        // Potentials: shortest distances with the initial (possibly negative) costs; the
        // initial graph has no cycle, so Bellman-Ford ends after a few rounds.
        let mut potential = vec![0i128; nodes];
        for _ in 0..nodes {
            let mut changed = false;
            for tail in 0..nodes {
                for &arc in &self.out[tail] {
                    if self.capacity[arc] > 0
                        && potential[tail] + self.cost[arc] < potential[self.head[arc]]
                    {
                        potential[self.head[arc]] = potential[tail] + self.cost[arc];
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        let mut sent = 0;
        loop {
            // Dijkstra on reduced costs, which are never negative.
            let mut distance = vec![i128::MAX; nodes];
            let mut via = vec![usize::MAX; nodes];
            let mut queue = BinaryHeap::new();
            distance[start] = 0;
            queue.push(Reverse((0i128, start)));
            while let Some(Reverse((d, tail))) = queue.pop() {
                if d > distance[tail] {
                    continue;
                }
                for &arc in &self.out[tail] {
                    let head = self.head[arc];
                    if self.capacity[arc] == 0 {
                        continue;
                    }
                    let next = d + self.cost[arc] + potential[tail] - potential[head];
                    if next < distance[head] {
                        distance[head] = next;
                        via[head] = arc;
                        queue.push(Reverse((next, head)));
                    }
                }
            }
            if distance[end] == i128::MAX {
                return sent;
            }
            // Nodes beyond the end (or out of reach) move by the end's distance, which keeps
            // every reduced cost non-negative.
            for node in 0..nodes {
                potential[node] += distance[node].min(distance[end]);
            }
            let mut amount = i128::MAX;
            let mut node = end;
            while node != start {
                let arc = via[node];
                amount = amount.min(self.capacity[arc]);
                node = self.head[arc ^ 1];
            }
            let mut node = end;
            while node != start {
                let arc = via[node];
                self.capacity[arc] -= amount;
                self.capacity[arc ^ 1] += amount;
                node = self.head[arc ^ 1];
            }
            sent += amount;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One level of parts under a total: the figures of `parts` flow into one sum.
    fn parts_of_total(parts: &[i64]) -> (Network, Vec<FlowArc>) {
        let mut net = Network::new();
        let (source, sink) = (net.source(), net.sink());
        let figures = parts.iter().map(|&p| net.figure(source, sink, p)).collect();
        (net, figures)
    }

    fn printed(parts: &[i64], unit: i64) -> Vec<i64> {
        let (net, figures) = parts_of_total(parts);
        let rounding = net.round(unit).unwrap();
        figures.iter().map(|&f| rounding.get(f)).collect()
    }

    #[test]
    fn plain_rounding_breaks_the_sum_and_this_keeps_it() {
        // Three × 0.4 add to 1.2: each rounds to 0, but the total to 1.
        assert_eq!(printed(&[400, 400, 400], 1000), vec![1, 0, 0]);
        // 1,220,500 and 873,520천원 (전략 4's tasks) compete for one unit: .52 is closer to
        // its ceiling than .5, so 1,220 and 874.
        assert_eq!(printed(&[1_220_500, 873_520], 1000), vec![1220, 874]);
    }

    #[test]
    fn ties_go_to_the_figure_added_first() {
        // A column of .5s: 2.0 in all, two of four go up, the first two.
        assert_eq!(printed(&[500, 500, 500, 500], 1000), vec![1, 1, 0, 0]);
        assert_eq!(printed(&[1500, 2500], 1000), vec![2, 2]);
    }

    #[test]
    fn zeros_and_whole_figures_stay_as_they_are() {
        assert_eq!(printed(&[0, 3000, 0, 999], 1000), vec![0, 3, 0, 1]);
        assert_eq!(printed(&[0, 0], 1000), vec![0, 0]);
        assert_eq!(printed(&[], 1000), Vec::<i64>::new());
    }

    #[test]
    fn the_grand_total_is_the_exact_total_rounded_half_up() {
        let (net, figures) = parts_of_total(&[250, 250]);
        let rounding = net.round(1000).unwrap();
        assert_eq!(figures.iter().map(|&f| rounding.get(f)).sum::<i64>(), 1);
        let (net, figures) = parts_of_total(&[200, 200]);
        let rounding = net.round(1000).unwrap();
        assert_eq!(figures.iter().map(|&f| rounding.get(f)).sum::<i64>(), 0);
    }

    #[test]
    fn a_stated_total_that_is_not_the_sum_has_no_rounding() {
        // 계 1,500 over parts 700 + 700: the node cannot balance.
        let mut net = Network::new();
        let (source, sink) = (net.source(), net.sink());
        let middle = net.node();
        net.figure(source, middle, 1_500_000);
        net.figure(middle, sink, 700_000);
        net.figure(middle, sink, 700_000);
        assert_eq!(net.round(1000), Err(NotAdditive));
    }

    /// The reference plan (2021 인천 서구) in 천원: tasks (public money) by strategy, and each
    /// strategy split into 국비, 시비, 구비. The print's I and III tables are a perfect
    /// controlled rounding, and this is the one this module finds.
    #[test]
    fn the_reference_plan_rounds_as_the_print() {
        let tasks: [&[[i64; 3]]; 5] = [
            &[[0, 0, 44_000], [177_000, 0, 461_063], [0, 0, 18_420]],
            &[
                [0, 6_000, 3_000],
                [200_150, 0, 70_829],
                [118_800, 31_350, 78_251],
                [15_066_282, 6_029_300, 10_010_743],
                [22_689_373, 5_213_686, 6_788_576],
            ],
            &[
                [0, 0, 1_130_927],
                [1_092_500, 320_500, 320_500],
                [0, 0, 300_000],
            ],
            &[[0, 938_400, 282_100], [80_000, 61_500, 732_020]],
            &[[0, 0, 1_260], [0, 0, 0]],
        ];
        let (net, task_figures, strategy_figures, cells, columns) = summary(&tasks);
        let r = net.round(1000).unwrap();
        let get = |fs: &[FlowArc]| fs.iter().map(|&f| r.get(f)).collect::<Vec<_>>();
        assert_eq!(get(&columns), vec![39_424, 12_601, 20_242]);
        assert_eq!(get(&strategy_figures), vec![701, 66_306, 3_165, 2_094, 1]);
        assert_eq!(
            get(&task_figures),
            vec![
                44, 638, 19, 9, 271, 228, 31_106, 34_692, 1_131, 1_734, 300, 1_220, 874, 1, 0
            ]
        );
        assert_eq!(
            get(&cells),
            vec![
                177, 0, 524, 38_075, 11_280, 16_951, 1_092, 321, 1_752, 80, 1_000, 1_014, 0, 0, 1
            ]
        );
    }

    /// The network of I 요약 and III 분야별 목표: source → task → strategy → strategy × 재원 →
    /// 재원 → sink. Returns the figures of tasks, strategies, cells (row by row), columns.
    #[allow(clippy::type_complexity)]
    fn summary(
        tasks: &[&[[i64; 3]]],
    ) -> (
        Network,
        Vec<FlowArc>,
        Vec<FlowArc>,
        Vec<FlowArc>,
        Vec<FlowArc>,
    ) {
        let mut net = Network::new();
        let (source, sink) = (net.source(), net.sink());
        let column_nodes: Vec<Node> = (0..3).map(|_| net.node()).collect();
        let (mut task_figures, mut strategy_figures, mut cells) = (vec![], vec![], vec![]);
        let mut column_sums = [0i64; 3];
        for strategy in tasks {
            let (into, out) = (net.node(), net.node());
            for task in *strategy {
                task_figures.push(net.figure(source, into, task.iter().sum()));
            }
            let split: Vec<i64> = (0..3)
                .map(|j| strategy.iter().map(|t| t[j]).sum())
                .collect();
            strategy_figures.push(net.figure(into, out, split.iter().sum()));
            for (j, amount) in split.iter().enumerate() {
                cells.push(net.figure(out, column_nodes[j], *amount));
                column_sums[j] += amount;
            }
        }
        let columns = (0..3)
            .map(|j| net.figure(column_nodes[j], sink, column_sums[j]))
            .collect();
        (net, task_figures, strategy_figures, cells, columns)
    }

    /// A small deterministic generator (no dependency needed for a property test).
    struct Random(u64);
    impl Random {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % n
        }
    }

    /// Random plans: every printed table adds up along rows, columns and the hierarchy, every
    /// figure is within one unit of its exact value (its floor or ceiling), the grand total is
    /// the exact one rounded; and on small tables no other such rounding has a smaller error.
    #[test]
    fn random_tables_always_add_up_within_one_unit_and_with_least_error() {
        let mut random = Random(2021);
        let mut compared = 0;
        for round in 0..400 {
            let strategies = 1 + random.below(4) as usize;
            let owned: Vec<Vec<[i64; 3]>> = (0..strategies)
                .map(|_| {
                    (0..1 + random.below(3))
                        .map(|_| {
                            let mut amount = || match random.below(5) {
                                0 => 0,
                                1 => 500 * random.below(6) as i64,
                                _ => random.below(3_000_000) as i64,
                            };
                            [amount(), amount(), amount()]
                        })
                        .collect()
                })
                .collect();
            let tasks: Vec<&[[i64; 3]]> = owned.iter().map(Vec::as_slice).collect();
            let (net, task_figures, strategy_figures, cells, columns) = summary(&tasks);
            let r = net
                .round(1000)
                .unwrap_or_else(|_| panic!("table {round} rounds"));
            let within = |f: FlowArc, exact: i64| {
                let v = r.get(f);
                assert!(v == exact.div_euclid(1000) || v == (exact + 999).div_euclid(1000));
            };
            let mut grand = 0;
            let mut t = 0;
            for (s, strategy) in tasks.iter().enumerate() {
                let mut strategy_sum = 0;
                for task in *strategy {
                    within(task_figures[t], task.iter().sum());
                    strategy_sum += r.get(task_figures[t]);
                    t += 1;
                }
                assert_eq!(strategy_sum, r.get(strategy_figures[s]), "tasks add up");
                let row: i64 = (0..3).map(|j| r.get(cells[3 * s + j])).sum();
                assert_eq!(row, r.get(strategy_figures[s]), "a row adds up");
                for j in 0..3 {
                    within(cells[3 * s + j], strategy.iter().map(|t| t[j]).sum());
                }
                grand += r.get(strategy_figures[s]);
            }
            for j in 0..3 {
                let column: i64 = (0..strategies).map(|s| r.get(cells[3 * s + j])).sum();
                assert_eq!(column, r.get(columns[j]), "a column adds up");
            }
            let exact: i64 = tasks.iter().flat_map(|s| s.iter()).flatten().sum();
            assert_eq!(grand, (exact + 500).div_euclid(1000), "the grand total");
            assert_eq!(grand, columns.iter().map(|&f| r.get(f)).sum::<i64>());
            if net.arcs.len() <= 14 {
                assert_eq!(
                    error(&net, &r),
                    best_error(&net),
                    "table {round}: least error"
                );
                compared += 1;
            }
        }
        assert!(
            compared > 50,
            "only {compared} tables compared with every rounding"
        );
    }

    /// Total rounding error of a rounding, in small units.
    fn error(net: &Network, r: &Rounding) -> i64 {
        (0..net.arcs.len())
            .map(|i| (r.get(FlowArc(i)) * 1000 - net.arcs[i].2).abs())
            .sum()
    }

    /// The least error of any rounding that keeps every sum, by trying them all.
    fn best_error(net: &Network) -> i64 {
        let n = net.arcs.len();
        let exact_total: i64 = net
            .arcs
            .iter()
            .filter(|a| a.0 == net.source())
            .map(|a| a.2)
            .sum();
        let total = (exact_total + 500).div_euclid(1000);
        let mut best = i64::MAX;
        for mask in 0u32..(1 << n) {
            let values: Vec<i64> = (0..n)
                .map(|i| {
                    let floor = net.arcs[i].2.div_euclid(1000);
                    let up = mask >> i & 1 == 1 && net.arcs[i].2.rem_euclid(1000) > 0;
                    if mask >> i & 1 == 1 && !up {
                        return i64::MIN;
                    }
                    floor + i64::from(up)
                })
                .collect();
            if values.contains(&i64::MIN) {
                continue;
            }
            let mut balance = vec![0i64; net.nodes];
            for (i, (from, to, _)) in net.arcs.iter().enumerate() {
                balance[from.0] -= values[i];
                balance[to.0] += values[i];
            }
            let balanced = (2..net.nodes).all(|v| balance[v] == 0) && balance[1] == total;
            if balanced {
                let r = Rounding { values };
                best = best.min(error(net, &r));
            }
        }
        best
    }
}
