"""Each importer on a realistic sample (tests/data/imports/), through the real import path:
detection, parsing, shaping, writing and loading the written deck back."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmcards.decks.kinds.cloze import Gap
from crmcards.decks.kinds.listing import ListEntry
from crmcards.decks.loader import load_file
from crmcards.decks.model import Note
from crmcards.services.imports.run import ImportOptions, import_file
from crmcards.services.imports.writer import Written
from tests.conftest import DATA

IMPORTS = DATA / "imports"


def imported(tmp_path: Path, name: str, **options: str) -> Written:
    written = import_file(IMPORTS / name, tmp_path / "deck.yaml", ImportOptions(**options))
    assert load_file(tmp_path / "deck.yaml").notes == written.deck.notes
    return written


def notes(written: Written) -> dict[str, Note]:
    return {note.id: note for note in written.deck.notes}


@pytest.mark.parametrize(
    ("name", "detected"),
    [
        ("quizlet-export.txt", "quizlet"),
        ("brainscape-export.csv", "brainscape"),
        ("cards-header.csv", "csv"),
        ("cards.tsv", "csv"),
        ("anki-notes.txt", "anki-text"),
        ("quizlet-page.txt", "quizlet-page"),
        ("brainscape-page.txt", "brainscape-page"),
        ("studysmart-page.txt", "studysmart-page"),
    ],
)
def test_the_format_is_detected(tmp_path: Path, name: str, detected: str) -> None:
    assert imported(tmp_path, name).format == detected


def test_quizlet_export_with_continued_definitions_and_lists(tmp_path: Path) -> None:
    written = imported(tmp_path, "quizlet-export.txt")
    cards = notes(written)
    assert list(cards) == [
        "klantwaarde",
        "stappen-van-het-crm-proces",
        "drie-soorten-klantdata",
        "e-loyalty",
        "upselling",
    ]
    steps = cards["stappen-van-het-crm-proces"]
    assert (steps.type, steps.body.ordered) == ("list", True)
    assert [e.term for e in steps.body.items] == ["identificeren", "differentiëren", "segmenteren"]
    data = cards["drie-soorten-klantdata"]
    assert data.type == "list" and len(data.body.items) == 3 and data.extra == "Dit zijn:"
    assert cards["e-loyalty"].body.a == "Investeren in klantenbinding\nop de lange termijn."
    assert [(s.where, str(s.reason)) for s in written.skipped] == [
        ("12", "no term before the separator")
    ]


def test_quizlet_export_with_custom_separators(tmp_path: Path) -> None:
    written = imported(tmp_path, "quizlet-semicolon.txt", sep="comma", row_sep="semicolon")
    assert [(n.q, n.body.a) for n in written.deck.notes] == [
        ("crossselling", "andere producten verkopen aan bestaande klanten"),
        ("deepselling", "meer verkopen van hetzelfde product"),
        ("churn", "het percentage klanten dat vertrekt"),
    ]
    assert written.skipped == []


def test_brainscape_csv_with_quoted_multiline_fields(tmp_path: Path) -> None:
    cards = notes(imported(tmp_path, "brainscape-export.csv"))
    assert len(cards) == 3
    commitment = cards["welke-vormen-van-commitment-zijn-er"]
    assert commitment.body.items == (
        ListEntry("Calculatief commitment", "door hoge overstapkosten"),
        ListEntry("Affectief commitment", "door een emotionele band"),
    )
    dcrm = cards["wat-betekent-dcrm"]
    assert dcrm.q == 'Wat betekent "DCRM"?'
    assert (
        dcrm.body.a
        == "Digital community relationship marketing:\nmarketing binnen digitale communities."
    )


def test_csv_with_a_header_row_and_tags(tmp_path: Path) -> None:
    written = imported(tmp_path, "cards-header.csv")
    cards = notes(written)
    assert list(cards) == ["wat-is-een-dmu", "noem-drie-concurrentiestrategieen", "wat-is-churn"]
    assert cards["wat-is-een-dmu"].tags == ("b2b",)
    strategies = cards["noem-drie-concurrentiestrategieen"]
    assert [e.term for e in strategies.body.items] == [
        "Customer intimacy",
        "Product leadership",
        "Operational excellence",
    ]


def test_tsv_without_header_keeps_extra_columns(tmp_path: Path) -> None:
    cards = notes(imported(tmp_path, "cards.tsv"))
    assert cards["wat-is-kpi"].body.a == "Kritieke prestatie-indicator"
    assert cards["wat-is-kpi"].extra == "column 3: meetbaar doel"
    assert cards["wat-is-roi"].extra == ""


def test_anki_notes_as_text_with_html_cloze_and_reversed_cards(tmp_path: Path) -> None:
    written = imported(tmp_path, "anki-notes.txt")
    assert written.deck.title == "Week 6"
    cards = notes(written)
    crm = cards["wat-is-crm"]
    assert crm.q == "Wat is CRM?"
    assert crm.body.a == "Een strategie:\n- klantgericht\n- organisatiebreed"
    assert crm.tags == ("crm", "week6")
    formula = cards["kw-t-a-p-k"]
    assert formula.type == "cloze"
    assert formula.body.gaps == (Gap("T"), Gap("A"), Gap("P", "prijs"), Gap("K"))
    assert formula.extra == "Klantwaardeformule"
    social = cards["s-crm"]
    assert social.body.reverse and social.body.a == 'Social CRM: CRM met "sociale" media'


def test_pasted_quizlet_page(tmp_path: Path) -> None:
    written = imported(tmp_path, "quizlet-page.txt")
    assert written.deck.title == "Hoofdstuk 3 klantrelaties"
    cards = notes(written)
    assert list(cards) == [
        "klantrelatie",
        "drie-soorten-klantdata",
        "relatiemarketing",
        "retentie",
        "loyaliteitsprogramma",
    ]
    assert cards["klantrelatie"].body.a == (
        "een duurzame band tussen een organisatie en een klant die verder gaat dan een losse "
        "transactie."
    )
    assert cards["retentie"].body.a.endswith("nog klant is bij de organisatie")
    assert cards["loyaliteitsprogramma"].type == "list"
    assert written.layout == [1]
    assert [(s.where, str(s.reason)) for s in written.skipped] == [
        ("18", "term without a definition")
    ]


def test_pasted_brainscape_page(tmp_path: Path) -> None:
    written = imported(tmp_path, "brainscape-page.txt")
    assert written.deck.title == "Hoofdstuk 5: digitale klantrelaties"
    cards = notes(written)
    assert [n.type for n in cards.values()] == ["basic", "list", "table", "parts"]
    contact = cards["vormen-van-klantcontact"]
    assert contact.body.items[0] == ListEntry(
        "Face-to-face", "klant en medewerker ontmoeten elkaar"
    )
    matrix = cards["de-klantwaardematrix"]
    assert matrix.body.columns == ("Naam", "referentiewaarde", "lifetime value")
    assert matrix.body.rows[1] == ("Promoters", "hoog", "laag: praten veel, kopen weinig.")
    house = cards["het-s-crm-huis"]
    assert house.body.parts == (
        ("De funderingen", ("klantinzicht", "data en technologie")),
        ("Het dak", ("S-CRM-strategie",)),
    )
    assert [(s.where, s.text) for s in written.skipped] == [("2", "Study these flashcards")]
    assert 20 < len(written.layout) < 40  # numbers, Q/A labels and rating buttons


def test_pasted_studysmart_page(tmp_path: Path) -> None:
    written = imported(tmp_path, "studysmart-page.txt")
    assert written.deck.title == "Samenvatting Klantmanagement"
    cards = notes(written)
    assert list(cards) == [
        "wat-is-een-klantpiramide",
        "noem-de-vier-lagen-van-de-klantpiramide",
        "churn",
        "wat-is-een-dmu",
    ]
    assert len(cards["noem-de-vier-lagen-van-de-klantpiramide"].body.items) == 4
    assert cards["churn"].body.a == "het percentage klanten dat in een periode vertrekt."
    assert cards["wat-is-een-dmu"].body.a == (
        "Decision Making Unit.\nDe groep mensen die samen over een aankoop beslist."
    )
    reasons = {s.where: str(s.reason) for s in written.skipped}
    assert reasons["12"] == "chapter heading"
    assert reasons["24"] == "no answer follows"
    assert reasons["34"] == "text outside a card"
    assert set(reasons) == {"3", "4", "5", "6", "8", "10", "12", "24", "34", "35"}


def test_answers_yaml_would_read_as_numbers_stay_text(tmp_path: Path) -> None:
    source = tmp_path / "cards.csv"
    source.write_text("Hoeveel is duizend?\t1e3\nOctaal?\t0o17\nJaar?\t1998\n", encoding="utf-8")
    written = import_file(source, tmp_path / "deck.yaml", ImportOptions(source_format="csv"))
    assert [note.body.a for note in load_file(tmp_path / "deck.yaml").notes] == [
        "1e3",
        "0o17",
        "1998",
    ]
    assert len(written.deck.notes) == 3
