//! Released migrations are never edited: their checksums are held against the list in
//! `migrations/released.txt`. A new migration is added to the list in the commit that adds
//! it; changing a line of the list means a released store would refuse to open.

#[test]
fn released_migrations_are_unchanged() {
    let released = include_str!("../migrations/released.txt");
    let released: Vec<&str> = released
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let shipped = fulcrum_store::migration_checksums();
    // `FULCRUM_PRINT_MIGRATIONS=1 cargo test -p fulcrum-store --test migrations -- --nocapture`
    // prints the lines to add for a new migration.
    if std::env::var_os("FULCRUM_PRINT_MIGRATIONS").is_some() {
        println!("{}", shipped.join("\n"));
    }
    for line in &released {
        assert!(
            shipped.iter().any(|s| s == line),
            "a released migration was edited or removed: {line}\nshipped now:\n{}",
            shipped.join("\n")
        );
    }
    for line in &shipped {
        assert!(
            released.contains(&line.as_str()),
            "a new migration must be added to migrations/released.txt: {line}"
        );
    }
}
