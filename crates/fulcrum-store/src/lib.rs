//! fulcrum-store
