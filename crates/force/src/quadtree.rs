//! A Barnes–Hut quadtree over body positions, rebuilt every tick.
//!
//! Written by hand rather than taken from a crate because it carries the simulation's own
//! aggregate (charge-weighted centre and total charge per cell) and is rebuilt 300 times per
//! layout: one flat arena reused from tick to tick, leaves that chain their points through one
//! `next` array (coincident points share a leaf), so a rebuild allocates nothing once warm.

/// Index of a cell in the arena, or of a point; `NONE` for none.
pub type Index = u32;
pub const NONE: Index = u32::MAX;
/// Below this size a cell stops splitting and keeps all its points (coincident points).
const MIN_SIZE: f64 = 1e-6;

#[derive(Clone, Copy, Debug)]
pub struct Quad {
    /// Left, top and side length of the square cell.
    pub x0: f64,
    pub y0: f64,
    pub size: f64,
    /// Children in the order NW, NE, SW, SE; all NONE for a leaf.
    pub children: [Index; 4],
    /// First point of a leaf; the rest follow through [`QuadTree::next`].
    pub first: Index,
    /// Sum of the charges of all points below, and their charge-weighted centre.
    pub charge: f64,
    pub cx: f64,
    pub cy: f64,
}

impl Quad {
    fn leaf(x0: f64, y0: f64, size: f64) -> Self {
        Quad {
            x0,
            y0,
            size,
            children: [NONE; 4],
            first: NONE,
            charge: 0.0,
            cx: 0.0,
            cy: 0.0,
        }
    }

    pub fn is_leaf(&self) -> bool {
        self.children == [NONE; 4]
    }
}

#[derive(Clone, Debug, Default)]
pub struct QuadTree {
    pub cells: Vec<Quad>,
    /// Next point in the same leaf, per point.
    pub next: Vec<Index>,
}

impl QuadTree {
    /// Builds a new tree over `points` with one charge per point.
    pub fn build(points: &[(f64, f64)], charges: &[f64]) -> Self {
        let mut tree = QuadTree::default();
        tree.rebuild(points, charges);
        tree
    }

    /// Rebuilds the tree in place, reusing its memory. Non-finite points are left out.
    pub fn rebuild(&mut self, points: &[(f64, f64)], charges: &[f64]) {
        self.cells.clear();
        self.next.clear();
        self.next.resize(points.len(), NONE);
        if points.is_empty() {
            return;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        );
        for &(x, y) in points {
            if x.is_finite() && y.is_finite() {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
        }
        if !x0.is_finite() {
            return;
        }
        let size = (x1 - x0).max(y1 - y0).max(1.0) * 1.0001;
        self.cells.push(Quad::leaf(x0, y0, size));
        for (i, &(x, y)) in points.iter().enumerate() {
            if x.is_finite() && y.is_finite() {
                self.insert(i as Index, x, y, points);
            }
        }
        self.accumulate(points, charges);
    }

    fn insert(&mut self, i: Index, x: f64, y: f64, points: &[(f64, f64)]) {
        let mut cell = 0usize;
        loop {
            let q = self.cells[cell];
            if q.is_leaf() {
                // A cell of infinite size (points more than f64::MAX apart) cannot be halved:
                // its points stay together, as coincident points do.
                if q.first == NONE || q.size < MIN_SIZE || !q.size.is_finite() {
                    self.next[i as usize] = q.first;
                    self.cells[cell].first = i;
                    return;
                }
                // Split: move the leaf's points one level down, then carry on inserting.
                let mut p = q.first;
                self.cells[cell].first = NONE;
                while p != NONE {
                    let after = self.next[p as usize];
                    let (px, py) = points[p as usize];
                    let child = self.child_for(cell, px, py);
                    self.next[p as usize] = self.cells[child].first;
                    self.cells[child].first = p;
                    p = after;
                }
            }
            cell = self.child_for(cell, x, y);
        }
    }

    /// The child cell containing (x, y), created if missing.
    fn child_for(&mut self, cell: usize, x: f64, y: f64) -> usize {
        let q = self.cells[cell];
        let half = q.size / 2.0;
        let right = x >= q.x0 + half;
        let bottom = y >= q.y0 + half;
        let slot = usize::from(right) + 2 * usize::from(bottom);
        if q.children[slot] != NONE {
            return q.children[slot] as usize;
        }
        let index = self.cells.len();
        self.cells.push(Quad::leaf(
            q.x0 + if right { half } else { 0.0 },
            q.y0 + if bottom { half } else { 0.0 },
            half,
        ));
        self.cells[cell].children[slot] = index as Index;
        index
    }

    /// Sums charges bottom-up. Children are always created after their parent, so walking the
    /// arena backwards visits every child before its parent: no recursion needed.
    fn accumulate(&mut self, points: &[(f64, f64)], charges: &[f64]) {
        for cell in (0..self.cells.len()).rev() {
            let (mut charge, mut weight, mut sx, mut sy) = (0.0, 0.0, 0.0, 0.0);
            let q = self.cells[cell];
            for c in q.children {
                if c != NONE {
                    let c = &self.cells[c as usize];
                    let w = c.charge.abs();
                    charge += c.charge;
                    weight += w;
                    sx += c.cx * w;
                    sy += c.cy * w;
                }
            }
            let mut p = q.first;
            while p != NONE {
                let (x, y) = points[p as usize];
                let c = charges.get(p as usize).copied().unwrap_or(0.0);
                charge += c;
                weight += c.abs();
                sx += x * c.abs();
                sy += y * c.abs();
                p = self.next[p as usize];
            }
            let q = &mut self.cells[cell];
            q.charge = charge;
            if weight > 0.0 {
                q.cx = sx / weight;
                q.cy = sy / weight;
            }
        }
    }

    /// The points of a leaf.
    pub fn leaf_points(&self, cell: &Quad) -> impl Iterator<Item = usize> + '_ {
        let mut p = cell.first;
        std::iter::from_fn(move || {
            (p != NONE).then(|| {
                let here = p as usize;
                p = self.next[here];
                here
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_point_lands_in_exactly_one_leaf_inside_its_cell() {
        let pts: Vec<(f64, f64)> = (0..200)
            .map(|i| ((i * 37 % 101) as f64, (i * 59 % 89) as f64))
            .collect();
        let tree = QuadTree::build(&pts, &vec![1.0; pts.len()]);
        let mut seen = vec![0; pts.len()];
        for q in &tree.cells {
            for i in tree.leaf_points(q) {
                seen[i] += 1;
                let (x, y) = pts[i];
                assert!(x >= q.x0 && x <= q.x0 + q.size && y >= q.y0 && y <= q.y0 + q.size);
            }
        }
        assert!(seen.iter().all(|&n| n == 1));
        assert!((tree.cells[0].charge - 200.0).abs() < 1e-9);
    }

    #[test]
    fn coincident_points_do_not_recurse_forever() {
        let pts = vec![(5.0, 5.0); 50];
        let tree = QuadTree::build(&pts, &vec![-30.0; 50]);
        assert!((tree.cells[0].charge + 1500.0).abs() < 1e-9);
        assert_eq!((tree.cells[0].cx, tree.cells[0].cy), (5.0, 5.0));
    }

    #[test]
    fn a_rebuild_reuses_the_tree_and_leaves_out_non_finite_points() {
        let mut tree = QuadTree::build(&[(0.0, 0.0), (10.0, 10.0)], &[1.0, 1.0]);
        tree.rebuild(&[(1.0, 1.0), (f64::NAN, 0.0), (3.0, 3.0)], &[1.0, 1.0, 1.0]);
        assert!((tree.cells[0].charge - 2.0).abs() < 1e-12);
        assert_eq!((tree.cells[0].cx, tree.cells[0].cy), (2.0, 2.0));
    }
}
