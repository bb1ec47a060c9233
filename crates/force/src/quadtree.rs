//! A Barnes–Hut quadtree over body positions, rebuilt every tick.
//!
//! Written by hand rather than taken from a crate because it carries the simulation's own
//! aggregate (charge-weighted centre and total charge per cell) and is rebuilt 300 times per
//! layout: one flat arena, no per-cell allocation, leaves that hold coincident points.

/// Index of a cell in the arena.
type Cell = u32;
const NONE: Cell = u32::MAX;
/// Below this size a cell stops splitting and keeps all its points (coincident points).
const MIN_SIZE: f64 = 1e-6;

#[derive(Clone, Debug)]
pub struct Quad {
    /// Left, top and side length of the square cell.
    pub x0: f64,
    pub y0: f64,
    pub size: f64,
    /// Children in the order NW, NE, SW, SE; all NONE for a leaf.
    pub children: [Cell; 4],
    /// Points of a leaf (indices into the bodies).
    pub points: Vec<u32>,
    /// Sum of the charges of all points below, and their charge-weighted centre.
    pub charge: f64,
    pub cx: f64,
    pub cy: f64,
}

impl Quad {
    pub fn is_leaf(&self) -> bool {
        self.children[0] == NONE && self.children[1] == NONE && self.children[2] == NONE && self.children[3] == NONE
    }

    pub fn children(&self) -> impl Iterator<Item = usize> + '_ {
        self.children.iter().filter(|&&c| c != NONE).map(|&c| c as usize)
    }
}

#[derive(Clone, Debug, Default)]
pub struct QuadTree {
    pub cells: Vec<Quad>,
}

impl QuadTree {
    /// Builds the tree over `points` and sums `charges` (one per point) up the cells.
    pub fn build(points: &[(f64, f64)], charges: &[f64]) -> Self {
        let mut tree = QuadTree { cells: Vec::with_capacity(points.len() * 2 + 1) };
        if points.is_empty() {
            return tree;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
        for &(x, y) in points.iter().filter(|(x, y)| x.is_finite() && y.is_finite()) {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        if !x0.is_finite() {
            (x0, y0, x1, y1) = (0.0, 0.0, 1.0, 1.0);
        }
        let size = (x1 - x0).max(y1 - y0).max(1.0) * 1.0001;
        tree.cells.push(Quad::leaf(x0, y0, size));
        for (i, &(x, y)) in points.iter().enumerate() {
            if x.is_finite() && y.is_finite() {
                tree.insert(0, i as u32, x, y, points);
            }
        }
        tree.accumulate(0, points, charges);
        tree
    }

    fn insert(&mut self, mut cell: usize, i: u32, x: f64, y: f64, points: &[(f64, f64)]) {
        loop {
            if self.cells[cell].is_leaf() {
                let q = &self.cells[cell];
                if q.points.is_empty() || q.size < MIN_SIZE {
                    self.cells[cell].points.push(i);
                    return;
                }
                // Split: push the leaf's points one level down, then carry on inserting.
                let old = std::mem::take(&mut self.cells[cell].points);
                for j in old {
                    let (px, py) = points[j as usize];
                    let child = self.child_for(cell, px, py);
                    self.cells[child].points.push(j);
                }
            }
            cell = self.child_for(cell, x, y);
        }
    }

    /// The child cell containing (x, y), created if missing.
    fn child_for(&mut self, cell: usize, x: f64, y: f64) -> usize {
        let q = &self.cells[cell];
        let half = q.size / 2.0;
        let right = x >= q.x0 + half;
        let bottom = y >= q.y0 + half;
        let slot = usize::from(right) + 2 * usize::from(bottom);
        if q.children[slot] != NONE {
            return q.children[slot] as usize;
        }
        let child = Quad::leaf(q.x0 + if right { half } else { 0.0 }, q.y0 + if bottom { half } else { 0.0 }, half);
        let index = self.cells.len();
        self.cells.push(child);
        self.cells[cell].children[slot] = index as Cell;
        index
    }

    fn accumulate(&mut self, cell: usize, points: &[(f64, f64)], charges: &[f64]) {
        let (mut charge, mut weight, mut sx, mut sy) = (0.0, 0.0, 0.0, 0.0);
        let children = self.cells[cell].children;
        for child in children.into_iter().filter(|&c| c != NONE).map(|c| c as usize) {
            self.accumulate(child, points, charges);
            let c = &self.cells[child];
            let w = c.charge.abs();
            charge += c.charge;
            weight += w;
            sx += c.cx * w;
            sy += c.cy * w;
        }
        for &i in &self.cells[cell].points {
            let (x, y) = points[i as usize];
            let q = charges.get(i as usize).copied().unwrap_or(0.0);
            charge += q;
            weight += q.abs();
            sx += x * q.abs();
            sy += y * q.abs();
        }
        let q = &mut self.cells[cell];
        q.charge = charge;
        if weight > 0.0 {
            q.cx = sx / weight;
            q.cy = sy / weight;
        }
    }
}

impl Quad {
    fn leaf(x0: f64, y0: f64, size: f64) -> Self {
        Quad { x0, y0, size, children: [NONE; 4], points: Vec::new(), charge: 0.0, cx: 0.0, cy: 0.0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_point_lands_in_exactly_one_leaf_inside_its_cell() {
        let pts: Vec<(f64, f64)> = (0..200).map(|i| ((i * 37 % 101) as f64, (i * 59 % 89) as f64)).collect();
        let tree = QuadTree::build(&pts, &vec![1.0; pts.len()]);
        let mut seen = vec![0; pts.len()];
        for q in &tree.cells {
            for &i in &q.points {
                seen[i as usize] += 1;
                let (x, y) = pts[i as usize];
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
}
