//! paginator: in progress
