//! fulcrum-app
