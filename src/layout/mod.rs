//! The layout: the force engine (crate `alliance-force`, re-exported here) and the forces that
//! make it an organization map of allies ([`organization`]).

pub use alliance_force::*;

pub mod baked;
pub mod labels;
pub mod organization;
