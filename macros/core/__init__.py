"""Data -> model: YAML with line numbers, validation, rules, the document tree, placeholders."""
