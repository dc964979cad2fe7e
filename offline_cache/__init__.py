"""SQLite storage: catalog and search index, outbox, encrypted attachment vault."""
