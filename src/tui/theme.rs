//! Roles to ratatui styles: the one place colours are chosen.
