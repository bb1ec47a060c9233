//! One symbol per node kind, so that colour (country) is never the only thing that tells
//! nodes apart. Paths are centred on the origin with outer radius `r`.

use std::f64::consts::PI;

use crate::model::NodeKind;

pub fn symbol(kind: NodeKind, r: f64) -> String {
    match kind {
        NodeKind::HeadOfGovernment => star(r),
        NodeKind::PolicyCoordination => polygon(4, r * 1.25, 0.0),
        NodeKind::Ministry => rect(r * 0.9, r * 0.9),
        NodeKind::Agency | NodeKind::Post => {
            circle(if kind == NodeKind::Post { r * 0.7 } else { r })
        }
        NodeKind::Military => polygon(3, r * 1.2, -PI / 2.0),
        NodeKind::LawEnforcement => polygon(5, r * 1.05, -PI / 2.0),
        NodeKind::Intelligence => polygon(6, r * 1.05, 0.0),
        NodeKind::Regulator => polygon(3, r * 1.2, PI / 2.0),
        NodeKind::Cert => cross(r),
        NodeKind::Research => polygon(8, r * 1.0, PI / 8.0),
        NodeKind::SectorBody => rect(r * 1.3, r * 0.65),
        NodeKind::PrivateCompany => rect(r * 1.2, r * 0.55),
        NodeKind::Council => polygon(4, r * 1.0, PI / 4.0),
        NodeKind::Oversight => bowtie(r),
        NodeKind::BilateralMechanism => polygon(6, r * 1.2, PI / 6.0),
        NodeKind::MultilateralForum => polygon(6, r * 1.2, 0.0),
        NodeKind::Law => rect(r * 0.7, r),
        NodeKind::Strategy => folded(r),
    }
}

fn circle(r: f64) -> String {
    format!(
        "M{r:.2},0A{r:.2},{r:.2} 0 1,1 {:.2},0A{r:.2},{r:.2} 0 1,1 {r:.2},0Z",
        -r
    )
}

fn rect(hw: f64, hh: f64) -> String {
    format!("M{:.2},{:.2}H{hw:.2}V{hh:.2}H{:.2}Z", -hw, -hh, -hw)
}

fn polygon(sides: usize, r: f64, rotation: f64) -> String {
    points((0..sides).map(|i| {
        let a = rotation + 2.0 * PI * i as f64 / sides as f64;
        (r * a.cos(), r * a.sin())
    }))
}

fn star(r: f64) -> String {
    points((0..10).map(|i| {
        let a = -PI / 2.0 + PI * i as f64 / 5.0;
        let rr = if i % 2 == 0 { r * 1.3 } else { r * 0.55 };
        (rr * a.cos(), rr * a.sin())
    }))
}

fn cross(r: f64) -> String {
    let (a, b) = (r * 0.4, r);
    points([
        (-a, -b),
        (a, -b),
        (a, -a),
        (b, -a),
        (b, a),
        (a, a),
        (a, b),
        (-a, b),
        (-a, a),
        (-b, a),
        (-b, -a),
        (-a, -a),
    ])
}

fn bowtie(r: f64) -> String {
    points([
        (-r, -r),
        (0.0, -r * 0.3),
        (r, -r),
        (r, r),
        (0.0, r * 0.3),
        (-r, r),
    ])
}

fn folded(r: f64) -> String {
    let (w, h, f) = (r * 0.75, r, r * 0.4);
    points([(-w, -h), (w - f, -h), (w, -h + f), (w, h), (-w, h)])
}

fn points(pts: impl IntoIterator<Item = (f64, f64)>) -> String {
    let mut s = String::new();
    for (i, (x, y)) in pts.into_iter().enumerate() {
        s.push(if i == 0 { 'M' } else { 'L' });
        s.push_str(&format!("{x:.2},{y:.2}"));
    }
    s.push('Z');
    s
}
