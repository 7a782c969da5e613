"""The holdings check: a school library's catalogue compared with the recommended list."""
