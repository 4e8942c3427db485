"""The broken decks in tests/data/bad/: each file, the line lint names, and what it says."""

from __future__ import annotations

BAD_CASES = [
    ("syntax.yaml", 5, "while parsing a flow sequence that starts at line 4"),
    ("tabs.yaml", 3, "tab used for indentation"),
    ("not-mapping.yaml", 1, "must be a mapping"),
    ("missing-field.yaml", 3, "card 'a' (basic) is missing 'a'"),
    ("empty-field.yaml", 4, "card 'a' q is empty"),
    ("wrong-type.yaml", 5, "card 'a' a must be text, found a list"),
    ("duplicate-key.yaml", 5, "duplicate key 'q' (first at line 4)"),
    ("duplicate-id.yaml", 6, "duplicate card id 'a' (first at line 3)"),
    ("unknown-type.yaml", 4, "unknown card type 'tabel' (did you mean 'table'?)"),
    ("unknown-key.yaml", 5, "unknown key 'anwser' in card 'a' (did you mean 'a'?)"),
    ("ragged-table.yaml", 9, "row 2 has 1 cells but there are 2 columns (naam, variantie)"),
    ("empty-list.yaml", 6, "card 'a' items is an empty list"),
    ("not-utf8.yaml", 4, "not UTF-8"),
    ("alias.yaml", 4, "anchor '&vraag' is not allowed"),
    ("python-tag.yaml", 4, "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    ("custom-tag.yaml", 4, "tag '!vraag' is not allowed"),
]
