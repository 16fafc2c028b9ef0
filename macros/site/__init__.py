"""Model -> website files: views, pages, Word, search, and the generate step that writes them."""
