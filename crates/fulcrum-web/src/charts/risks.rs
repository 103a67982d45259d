//! The risk matrix: probability (up) × impact (across), 1–5 each, every cell coloured by the
//! band its score falls in, and each live risk a numbered marker in its cell with its
//! statement as a tooltip.

use super::{figure, n};
use fulcrum_app::risks::Line;
use fulcrum_core::risks::{self, SCALE};
use maud::{Markup, html};

const LEFT: f64 = 70.0;
const TOP: f64 = 10.0;
const CELL: f64 = 86.0;
const MARK: f64 = 13.0;
const PER_ROW: usize = 4;

/// The risks drawn in the cell of `probability` and `impact`.
fn in_cell(lines: &[&Line], probability: u8, impact: u8) -> Vec<i64> {
    lines
        .iter()
        .filter(|l| l.probability == probability && l.impact == impact)
        .map(|l| l.id)
        .collect()
}

/// The cell's top-left corner: impact runs left to right, probability bottom to top.
fn corner(probability: u8, impact: u8) -> (f64, f64) {
    let x = LEFT + CELL * f64::from(impact - 1);
    let y = TOP + CELL * f64::from(5 - probability);
    (x, y)
}

fn cell(lines: &[&Line], probability: u8, impact: u8) -> Markup {
    let (x, y) = corner(probability, impact);
    let score = probability * impact;
    let band = risks::band(score);
    let ids = in_cell(lines, probability, impact);
    html! {
        g.cell data-probability=(probability) data-impact=(impact) data-score=(score)
            data-band=(band.as_str()) data-risks=(ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(" ")) {
            rect class=(format!("band-{band}")) x=(n(x)) y=(n(y)) width=(n(CELL - 2.0)) height=(n(CELL - 2.0)) rx="4" {
                title { (format!("probability {probability} × impact {impact} = {score} ({band})")) }
            }
            text.score x=(n(x + 6.0)) y=(n(y + 14.0)) { (score) }
            @for (k, id) in ids.iter().enumerate() {
                @let cx = x + 16.0 + (2.0 * MARK + 2.0) * (k % PER_ROW) as f64 - 4.0;
                @let cy = y + 34.0 + (2.0 * MARK + 2.0) * (k / PER_ROW) as f64;
                @let l = lines.iter().find(|l| l.id == *id);
                a href=(format!("/risks/{id}")) {
                    g.marker data-risk=(id) {
                        title { (l.map_or(String::new(), |l| format!("Risk {id}: {} — score {} ({}), {}", l.statement, l.score, l.band, l.status))) }
                        circle cx=(n(cx)) cy=(n(cy)) r=(n(MARK)) {}
                        text x=(n(cx)) y=(n(cy + 4.0)) text-anchor="middle" { (id) }
                    }
                }
            }
        }
    }
}

/// The 5 × 5 matrix of the live risks (neither closed nor happened).
pub fn risk_matrix(all: &[Line]) -> Markup {
    let lines: Vec<&Line> = all.iter().filter(|l| l.status.live()).collect();
    let side = CELL * 5.0;
    let w = LEFT + side + 10.0;
    let h = TOP + side + 44.0;
    let svg = html! {
        svg.risk-matrix viewBox=(format!("0 0 {} {}", n(w), n(h))) role="img"
            aria-labelledby="risk-matrix-title risk-matrix-desc" data-risks=(lines.len()) {
            title #risk-matrix-desc {
                (format!("{} live risks by probability (1–5, up) and impact (1–5, across); cells coloured by band", lines.len()))
            }
            @for p in SCALE.rev() {
                @for i in SCALE {
                    (cell(&lines, p, i))
                }
                text.tick x=(n(LEFT - 10.0)) y=(n(corner(p, 1).1 + CELL / 2.0 + 4.0)) text-anchor="end" { (p) }
            }
            @for i in SCALE {
                text.tick x=(n(corner(1, i).0 + CELL / 2.0)) y=(n(TOP + side + 14.0)) text-anchor="middle" { (i) }
            }
            text.axis x=(n(LEFT + side / 2.0)) y=(n(TOP + side + 36.0)) text-anchor="middle" { "Impact: how bad if it happens →" }
            text.axis x="14" y=(n(TOP + side / 2.0)) text-anchor="middle"
                transform=(format!("rotate(-90 14 {})", n(TOP + side / 2.0))) { "Probability: how likely →" }
        }
    };
    let table = html! {
        table {
            caption { "The live risks by cell" }
            thead { tr { th scope="col" { "#" } th scope="col" { "Risk" } th.num scope="col" { "Probability" }
                th.num scope="col" { "Impact" } th.num scope="col" { "Score" } th scope="col" { "Band" } } }
            tbody {
                @for l in &lines {
                    tr data-risk=(l.id) {
                        th scope="row" { (l.id) }
                        td { (l.statement) }
                        td.num { (l.probability) }
                        td.num { (l.impact) }
                        td.num { (l.score) }
                        td { (l.band) }
                    }
                }
            }
        }
    };
    figure(
        "risk-matrix",
        "Probability × impact",
        "Each live risk is a numbered marker in its cell. High (score 15 and more) is red, medium (8–14) amber, low (up to 7) green.",
        svg,
        table,
    )
}
