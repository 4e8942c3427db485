"""Card text with terminal control characters in it, for lint to warn about.

YAML refuses them raw, but a double-quoted escape ("\\e[31m", "\\x07") writes one. The deck
still loads: every text shows such a character as a visible sign (crmcards.safetext), so it can
do nothing to a terminal, but the student sees ␛ or <U+009B> in the card. Lint names each text
so the author can take them out; it warns rather than refuses, as the deck is safe to study.
"""

from __future__ import annotations

from pathlib import Path

from crmcards.decks.loader import FileProblem
from crmcards.decks.yamlsafe import Problem, YamlProblems, YMap, YNode, YScalar, YSeq, decode, parse
from crmcards.messages import Said
from crmcards.safetext import first_control


def _may_hold_controls(text: str) -> bool:
    """Whether any text in the file can hold a control character. Only a raw one or a
    double-quoted escape (which needs a backslash) puts one there, and a carriage return is
    always a line break; most files have neither and need no second parse (half of lint's time
    at 25,000 cards)."""
    return "\\" in text or first_control(text.replace("\r", "")) is not None


def control_characters(path: Path) -> list[FileProblem]:
    """A warning for each text in the deck file at `path` that holds a control character (a
    file that does not parse gives none: lint reports its problems already)."""
    try:
        text = decode(path.read_bytes())
        if not _may_hold_controls(text):
            return []
        root, _ = parse(text)
    except (OSError, YamlProblems):
        return []
    warnings = []
    pending: list[YNode | None] = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, YMap):
            pending.extend(value for _, value in reversed(node.entries))
        elif isinstance(node, YSeq):
            pending.extend(reversed(node.items))
        elif isinstance(node, YScalar):
            found = first_control(node.value)
            if found is not None:
                warning = Said.of("deck_control_warning", code=f"U+{ord(found):04X}")
                warnings.append(FileProblem(path, Problem(node.position, warning)))
    return warnings
