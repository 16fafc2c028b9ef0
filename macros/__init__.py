"""The union-report library: data/ -> model -> site files, in three layers.

- ``macros.core``: reading the YAML with line numbers, the model and its validation, the rules, the
  document tree (numbering 一、（一）1.（1）) and the placeholder grammar. Knows nothing of a website.
- ``macros.site``: what the website is made of: views of the library, page Markdown, Word files, search
  vocabulary and index, and ``generate``, which writes them into the build folder the site generator
  (MkDocs, or Zensical) builds from.
- ``macros.cli``: ``python -m macros check | new | schema | generate | index | serve``.

Developer tools (benchmark, Lighthouse, the search probe) live in tools/, outside this package.
"""
