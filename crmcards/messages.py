"""What the command line tells the student (errors, warnings, table headings), in nl and en.

A message is made where its cause is known, as `Said(key, **fields)`, and put into words only
where it is shown, in the UI language (the settings' `language`): the layers below the CLI never
need to know that language. `str()` of a message is its English text, for the Python API and
logs. The study app's own screens have their texts in crmcards.tui.strings; JSON output and
other machine contracts are never translated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_LANGUAGE = "nl"  # Settings().language: a student's language before the settings load

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "error": "crmcards: {message}",
        "warning": "crmcards: warning: {message}",
        "at": "{where}: {message}",
        "ask": "{question} [y/N]: ",
        "not_confirmed": "nothing was changed (answer y to go on, or pass --yes)",
        "deck_skipped": "crmcards: warning: {problem} (deck skipped; `crmcards lint` shows "
        "everything)",
        "no_such_file": "{path}: no such file",
        "no_such_file_or_folder": "{path}: no such file or folder",
        # settings (config.toml)
        "setting_must_be": "{origin}: '{key}' must be {expected}, not {value}",
        "setting_kind_int": "a whole number",
        "setting_kind_float": "a number",
        "setting_kind_str": "text in quotes",
        "setting_range": "a number from {low} to {high}",
        "setting_seconds": "a number of seconds from {low} to {high}",
        "setting_retention": "between 0.70 and 0.99",
        "setting_one_of": "one of {choices}",
        "setting_theme": "one of the themes in the settings screen (such as textual-dark or "
        "textual-light)",
        "setting_name": "a name without control characters",
        "setting_date": "a date written YYYY-MM-DD",
        "setting_weekdays": "weekdays such as 'sat, sun' ('{day}' is not one)",
        "setting_six_days": "at most six weekdays",
        "setting_default_used": "{problem}; using '{default}' until it is fixed",
        "settings_unreadable": "{path}: cannot read the settings: {error}",
        "settings_not_toml": "{path}: not a valid settings file: {error}",
        "settings_unknown": "{path}: unknown setting '{key}'; known settings: {known}",
        "settings_not_updated": "{path}: cannot update the settings: {error}",
        # choosing decks, cards and dates
        "deck_does_not_load": "deck '{name}' does not load: {problem}",
        "no_such_deck": "no deck called '{name}' (known decks: {known})",
        "no_such_tag": "no card has the tag '{tag}' (known tags: {known})",
        "no_such_state": "no state called '{state}' (known states: {known})",
        "no_such_kind": "no item kind '{kind}' (known kinds: {known})",
        "none": "none",
        "exam_date_not_a_date": "--exam-date: '{text}' is not a date written YYYY-MM-DD",
        "exam_date_not_after_today": "--exam-date: {text} is not after today ({today})",
        "no_exam_date": "no exam date: give --exam-date YYYY-MM-DD or set 'exam_date' in the "
        "settings",
        "exam_not_after_today": "exam date {day} is not after today",
        # the database, backups and restore
        "db_unreadable": "{path}: cannot read the database: {error}",
        "db_empty": "{path}: the database file is empty (0 bytes), so it is damaged; restore a "
        "backup (crmcards restore FILE), or delete the file to start with no history",
        "db_not_sqlite": "{path}: this file is not a crmcards database (not SQLite); move it "
        "away or restore a backup",
        "db_foreign": "{path}: this is another program's SQLite database, not a crmcards "
        "database (it has the tables {tables}); it was left untouched",
        "db_no_folder": "{path}: cannot create the data folder: {error}",
        "db_damaged": "{path}: the database is damaged ({verdict}), so no copy was made",
        "db_damaged_backups_kept": "{path}: the database is damaged ({verdict}), so no copy "
        "was made; your backups were kept. Put the newest back with: crmcards restore {newest}",
        "db_damaged_restore": "{path}: the database is damaged ({verdict}), so no copy was "
        "made; restore a backup with: crmcards restore FILE",
        "db_bad_version": "{path}: the database is damaged: its schema version is {value}, not "
        "a number; restore a backup (crmcards restore FILE)",
        "db_newer": "{path}: the database was written by a newer crmcards (schema {version}, "
        "this version knows up to {known}); upgrade crmcards. The database was left untouched.",
        "db_open_elsewhere": "{path}: the database is open in another crmcards (a review or "
        "the app); close it first. Nothing was changed.",
        "db_restore_running": "{path}: a restore of the database is under way in another "
        "crmcards and has not finished; try again in a moment",
        "db_describe_damaged": "the database is damaged ({error}); restore a backup",
        "db_read_only": "the database is read-only; check the folder's permissions",
        "db_cannot_open": "cannot open the database file; check that the folder exists and is "
        "writable",
        "disk_full": "the disk is full; free some space and try again",
        "disk_io_error": "the database file cannot be read or written (a disk I/O error: is the "
        "disk full, or the folder on a drive that is gone?)",
        "db_busy": "the database is busy in another program; try again",
        "db_lock_unusable": "{path}: cannot use the lock file: {error}",
        "backup_of_shared": "backups of a shared database are made by its server",
        "backup_copy_failed": "{path}: cannot write the copy: {error}",
        "backup_cannot_write_here": "{path}: cannot write a backup here: {error}",
        "backup_cannot_write": "{path}: cannot write the backup: {error}",
        "backup_finishing": "crmcards: finishing today's backup of your study history…",
        "restore_not_sqlite": "{path}: not a crmcards database (not SQLite); nothing was changed",
        "restore_unusable": "{path}: not a usable crmcards database ({error}); nothing was changed",
        "restore_damaged": "{path}: the file is damaged ({verdict}); nothing was changed",
        "restore_other_version": "{path}: not a database of this crmcards version; nothing was "
        "changed",
        "restore_failed": "{path}: cannot restore here: {error}",
        "restore_unfinished": "{path}: a restore did not finish (it was interrupted); your "
        "database was not changed. Run the restore again if you still want it.",
        "restore_missing_database": "{path}: the database is missing, but an earlier restore "
        "kept it as {aside}; put it back with: crmcards restore {aside}",
        # importing
        "import_unknown_format": "unknown format '{name}'; use one of: {known}",
        "import_cannot_tell": "cannot tell which format this file is in; name it with --from "
        "({known})",
        "import_unreadable": "{path}: cannot read the file: {error}",
        "import_folder": "{path}: is a folder; name the file to import",
        "import_out_not_yaml": "{path}: a deck file ends in .yaml; name the output DECK.yaml",
        "import_history_needs_anki": "--with-history needs an Anki package (.apkg or .colpkg)",
        "import_sep_not_for": "--sep applies to quizlet and csv files, not to {format}",
        "import_row_sep_not_for": "--row-sep applies to quizlet exports, not to {format}",
        "import_binary": "binary data (a NUL byte), not a text file",
        "import_empty": "the file is empty",
        "import_no_cards": "{path}: no cards found (read as {format})",
        "import_skipped": "{where}: skipped, {reason}{text}",
        "import_note": "{where}: note, {reason}{text}",
        "imported": "{path}: {n} cards ({detail}) from {source} ({format})",
        "import_layout": "{path}: left out {n} line(s) of the page's own layout (its title, "
        "labels and buttons): lines {lines}",
        "history_brought": "{path}: {added} ratings of {items} items brought along ({known} "
        "already here, {left_out} manual or cram entries left out{unmatched})",
        "history_unmatched": ", {n} of cards that did not become an item",
        "exported_csv": "{path}: {n} cards from {decks} deck(s)",
        "exported_apkg": "{path}: {n} notes in {decks} Anki deck(s){reviews}",
        "exported_reviews": ", {n} reviews",
        "note_dropped_controls": "dropped {n} terminal control character(s) (ESC...)",
        "skip_no_note_type": "its note type is missing from the package",
        "skip_unknown_header": "unknown header line",
        "skip_outside_card": "text outside a card",
        "skip_no_term": "no term before the separator",
        "skip_no_separator": "no term/definition separator",
        "skip_entry_without_term": "list entry without a term",
        "skip_no_definition": "term without a definition",
        "skip_chapter_heading": "chapter heading",
        "skip_no_answer_follows": "no answer follows",
        "skip_cloze_unusable": "cloze text not usable: {problem}",
        "skip_no_question": "no question",
        "skip_no_answer": "no answer",
        "import_too_big": "the file is over {limit} bytes, more than one deck can hold (split "
        "it into several files)",
        "csv_invalid": "not valid CSV ({error})",
        "csv_separator": "a CSV separator is one character, not {value}",
        "csv_no_text": "no row holds any text",
        "csv_row_width": "this row has {n} columns but the first row has {width}; every row "
        "needs the same number (is a quote or separator missing or extra?)",
        "csv_columns": "found {n} column(s); expected {expected}",
        "apkg_members": "the archive has {n} files; at most {limit}",
        "apkg_unpacked": "refusing a suspicious archive: it would unpack to {n} bytes (at most "
        "{limit})",
        "apkg_collection_size": "the collection unpacks to {n} bytes; at most {limit} bytes can "
        "be imported",
        "apkg_ratio": "refusing a suspicious archive: {packed} bytes that unpack to {n} bytes (a "
        "zip bomb?)",
        "apkg_over": "refusing a suspicious archive: it unpacks to over {limit} bytes",
        "apkg_size": "file is {n} bytes; at most {limit}",
        "apkg_not_zip": "not an Anki package, or a damaged or truncated one (cannot unzip it)",
        "apkg_cannot_unzip": "cannot unzip this package: {error}",
        "apkg_cannot_unpack": "cannot unpack the package: {error}",
        "apkg_not_sqlite": "the collection inside the package is not a SQLite database",
        "apkg_damaged": "the collection inside the package is damaged ({error})",
        "import_no_collection": "not an Anki package: there is no collection inside the zip file",
        "import_deck_too_big": "{path}: the deck would be {size:,} bytes; a deck may be at most "
        "{limit:,} bytes (split the input into several files)",
        # options that do not go together
        "not_one_of": "{option}: '{value}' is not one of {known}",
        "goes_with": "{option} goes with {other}",
        "merge_or_class": "--merge reads report files, --class the class database: pick one",
        "format_needs_file": "--format {format} needs a file to write: add -o FILE",
        "files_need_merge": "report files are only read with --merge",
        "items_or_students": "--items and --students: choose one kind of row",
        "merge_needs_reports": "--merge needs the students' JSON reports: report --merge A.json "
        "...",
        "with_progress_needs_apkg": "--with-progress needs --format apkg (CSV has no review "
        "history)",
        "needs_terminal": "the study app needs a terminal (input or output is redirected); for "
        "scripts use `crmcards status --json` or the Python API",
        # the class's join file
        "join_missing": "{path}: no such join file",
        "join_unreadable": "{path}: cannot read the join file ({error})",
        "join_not": "{path}: not a join file: {error}",
        "join_key_missing": "{path}: not a join file: '{key}' is missing",
        "join_class_not_text": "{path}: not a join file: 'class' must be text",
        # writing files
        "out_is_folder": "{path}: is a folder; name a file to write",
        "out_exists": "{path}: already exists; pass --force to replace it",
        "out_no_folder": "{path}: no such folder; cannot write {what}",
        "out_cannot_write_here": "{path}: cannot write {what} here: {error}",
        "out_cannot_write": "{path}: cannot write {what}: {error}",
        # output of commands
        "backup_written": "backup written to {path}",
        "restore_confirm": "Replace your study history with {path}?",
        "restored": "restored {path}",
        "restored_kept": "restored {path}; the previous database is kept as {aside}",
        "gc_none": "no orphaned review history",
        "gc_found": "{n} item(s) have review history but no card in any deck:",
        "gc_more": "  ... and {n} more",
        "gc_decks_hint": "(If a deck is only missing from this command, pass its folder with "
        "--decks.)",
        "gc_confirm": "Delete their review history for good?",
        "gc_deleted": "deleted the history of {n} item(s) ({ratings} rating(s))",
        "flags_none": "no flagged cards (press f in review to flag a card with a note)",
        "flags_count": "{n} flagged card(s)",
        "status_deck": "deck",
        "status_items": "items",
        "status_new": "new",
        "status_due": "due",
        "status_overdue": "overdue",
        "status_reviews": "reviews",
        "status_mastered": "mastered",
        "status_suspended": "suspended",
        "status_total": "total",
        "status_orphaned": "{n} item(s) have review history but their card is in no deck "
        "(orphaned). Their history is kept; `crmcards gc` deletes it after asking.",
        # deck problems (lint, the warnings of every study command, the app's banner); the
        # words a teacher wrote (keys, ids, values) are quoted as they are
        "deck_the_file": "the deck file",
        "deck_top_level": "the deck (top level)",
        "deck_card_number": "card {number}",
        "deck_card_named": "card '{id}'",
        "deck_card_id": "card id",
        "deck_key_of": "{label} {key}",
        "deck_entry": "{what} entry {n}",
        "deck_term": "{what} term",
        "deck_explanation": "{what} explanation",
        "deck_part": "part '{key}'",
        "deck_part_heading": "part heading",
        "found_mapping": "a mapping",
        "found_list": "a list",
        "found_empty_list": "an empty list",
        "found_nothing": "nothing",
        "found_empty_file": "an empty file",
        "read_as_number": "a number",
        "read_as_boolean": "true/false",
        "read_as_nothing": "nothing (null)",
        "deck_not_text": "{what} must be text, found {found}",
        "deck_empty": "{what} is empty",
        "deck_read_as": "{what} must be text, but YAML reads {value} as {read_as}; put it in "
        'quotes ("{value}") to keep it as text',
        "deck_not_boolean": "{what} must be true or false, found {found}",
        "deck_not_list": "{what} must be a list, found {found}",
        "deck_empty_list": "{what} is an empty list",
        "deck_not_mapping": "{what} must be a mapping of 'key: value' lines, found {found}",
        "deck_unknown_key": "unknown key '{key}' in {where}{hint}",
        "did_you_mean": " (did you mean '{choice}'?)",
        "deck_key_of_kind": " ('{key}' belongs to {kind} cards: add 'type: {kind}')",
        "deck_bad_slug": "{what} '{value}' may only use lowercase letters, digits and single "
        "'-' (e.g. '{example}')",
        "deck_card_no_id": "card {number} has no 'id' (a short unique slug, never reused)",
        "deck_unknown_type": "unknown card type '{value}'{hint}; use one of: {kinds}",
        "deck_missing_key": "{label} ({kind}) is missing '{key}'",
        "deck_missing_title": "missing 'deck:' (the title students see)",
        "deck_file_name_not_id": "the file name '{stem}' is not a valid deck id; add 'id:' with "
        "lowercase letters, digits and '-'",
        "deck_language": "language '{language}' is not supported; use one of: {known}",
        "deck_missing_cards": "missing 'cards:' (the list of cards)",
        "deck_cards_not_list": "'cards' must be a non-empty list, found {found}",
        "deck_duplicate_card": "duplicate card id '{id}' (first at line {line})",
        "deck_list_pairs": "{what} has {n} 'term: explanation' pairs; write one per item, or "
        "quote text that contains ': '",
        "deck_row_cells": "row {number} has {cells} cells but there are {n} columns ({columns}); "
        "use '—' for an empty cell",
        "deck_two_columns": "{label} needs at least 2 columns",
        "cloze_stray_close": "unbalanced '}}}}' (no '{{{{' before it) at '{near}'; {how}",
        "cloze_stray_open": "unbalanced '{{{{' (no '}}}}' after it) at '{near}'; {how}",
        "cloze_how": "write gaps as {{{{answer}}}} or {{{{answer::hint}}}}",
        "cloze_empty_gap": "empty gap '{gap}'",
        "cloze_no_gaps": "cloze text has no gaps: mark what to recall as {{{{answer}}}}",
        "deck_too_big": "file is {size:,} bytes; decks may be at most {limit:,} bytes (split it "
        "into several decks)",
        "deck_not_utf8": "not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8",
        "deck_tab": "tab used for indentation; YAML needs spaces",
        "deck_control_character": "control character U+{code:04X} is not allowed in a deck; "
        "remove it",
        "yaml_syntax": "YAML syntax error: {problem}{context}",
        "yaml_context": " ({context})",
        "yaml_context_at": " ({context} that starts at line {line})",
        "yaml_invalid": "invalid YAML",
        "deck_key_not_text": "a key must be plain text",
        "deck_duplicate_key": "duplicate key '{key}' (first at line {line})",
        "deck_alias": "alias '*{name}' is not allowed in decks; write the text out in full",
        "deck_anchor": "anchor '&{name}' is not allowed in decks",
        "deck_tag": "tag '{tag}' is not allowed in decks; write plain text, lists and mappings "
        "only",
        "deck_documents": "only one YAML document per deck file (remove the second '---')",
        "deck_too_deep": "nested more than {depth} levels deep",
        "slip_quote": "put the text in quotes: {fixed} (a ': ' in text without quotes starts a "
        "new key)",
        "slip_indent": "indent like line {like} above: {spaces} spaces (this line has {found})",
        "slip_dash": "put a space after '-': {fixed}",
        "deck_unreadable": "cannot read file: {reason}",
        "deck_problems": "{n} problem(s) in {files} deck file(s)",
        "deck_id_used": "deck id '{id}' is already used by {path}; give one of them another 'id:'",
        "deck_control_warning": "warning: this text holds a terminal control character ({code}, "
        "written as an escape); students see it as a sign such as ␛. Remove it",
        "deck_card_changed": "warning: card '{id}' is very different from the card studied "
        "under this id ({alike:.0%} alike); if it is a new card, give it a new id so it does not "
        "inherit that review history",
        # teachers' commands: lint, new, schema, preview
        "lint_no_files": "no deck files (*.yaml) in {folders}",
        "lint_problems": "{n} problem(s) in {bad} of {files} deck file(s)",
        "lint_summary": "{decks} deck(s), {cards} cards, {items} review items: {verdict}",
        "lint_no_problems": "no problems",
        "lint_warnings": "no errors, {n} warning(s)",
        "lint_watching": "watching for saves (Ctrl-C stops)",
        "lint_saved": "--- {time} saved: {names} ---",
        "lint_stopped": "stopped watching",
        "new_bad_name": "{path}: the file name is the deck's id and may only use lowercase "
        "letters, digits and single '-' (e.g. '{example}.yaml')",
        "new_empty_title": "--title: the title is empty",
        "new_written": "{path}: a new deck with one card of each kind (and {schema} for editors)",
        "new_next": "check it with: crmcards lint {path}  ·  see a card: crmcards preview {path}",
        "schema_written": "{path}: the deck format's JSON Schema",
        "preview_no_card": "{path}: no card '{card}'{hint}; its cards: {ids}",
        # what a file is, in messages about writing it
        "file_the_file": "the file",
        "file_the_deck": "the deck",
        "file_the_schema": "the schema",
        "file_the_report": "the report",
        "file_the_backup": "the backup",
        "file_the_settings": "the settings",
        "file_the_join_file": "the join file",
        # the class hub's teacher commands
        "class_ready": "class ready (id {id})",
        "class_join_written": "{name}: join file written to {path}; give it to the student "
        "privately",
        "class_delete_reviews": "Also delete {name}'s reviews from the class? (No keeps them in "
        "the class view)",
        "class_removed": "{name} removed from the class ({what})",
        "class_reviews_deleted": "{n} review(s) deleted",
        "class_reviews_kept": "reviews kept",
        "class_fitted": "class parameters fitted on {n} reviews; students get them at their "
        "next sync",
        "class_too_few": "class optimize: {n} usable reviews, at least {needed} are needed; "
        "nothing was changed",
        # report files read back (report --merge)
        "report_unreadable": "{path}: cannot read the report: {error}",
        "report_not_json": "{origin}: not JSON ({error})",
        "report_not_a_report": '{origin}: not a crmcards report (no "format": "{format}")',
        "report_version": "{origin}: report schema version {version}; this crmcards reads "
        "versions {readable} (make the report again with the same crmcards version)",
        "report_invalid": "{origin}: not a valid crmcards report: {problem}",
        "report_same_student": "{other} and {origin} are reports of the same student "
        "('{student}', made {earlier} and {later} UTC); merge one report per student (the "
        "newest), or, for two students of one name, have each report carry their own with "
        "--student",
        "report_unnamed": "unnamed",
        "report_not_a_date": "{where}: not a date: {value}",
        "report_no_zone": "{where}: a time without a time zone: {value}",
        "report_expected": "{where}: expected {kind}, found {value}",
        "report_expected_object": "{where}: expected an object",
        "report_expected_list": "{where}: expected a list",
        "report_missing": "{where}: '{name}' is missing",
        "report_whole_keys": "{where}: keys must be whole numbers",
        "report_ratings": "{where}: ratings must count each of {ratings}",
        "report_forecast_days": "{where}: the forecast must have {n} days",
        "report_hardest": "{where}: a hardest item is not among the items",
        "report_item_without_deck": "an item belongs to no deck of the report",
        "report_exam_decks": "the exam readiness does not cover the same decks",
        "report_statistics_decks": "the statistics must cover all decks, then each deck in order",
        "report_statistics_of": "statistics of '{deck}'",
        "report_periods": "{where}: the periods must be {periods}",
        "report_hours": "{where}: a period must count 24 hours",
        # the clock
        "now_invalid": "{variable}={value} is not an ISO 8601 moment (for example "
        "2026-12-10T09:00+01:00)",
    },
    "nl": {
        "error": "crmcards: {message}",
        "warning": "crmcards: waarschuwing: {message}",
        "at": "{where}: {message}",
        "ask": "{question} [j/N]: ",
        "not_confirmed": "er is niets veranderd (antwoord j om door te gaan, of geef --yes)",
        "deck_skipped": "crmcards: waarschuwing: {problem} (deck overgeslagen; `crmcards lint` "
        "toont alles)",
        "no_such_file": "{path}: dit bestand bestaat niet",
        "no_such_file_or_folder": "{path}: dit bestand of deze map bestaat niet",
        "setting_must_be": "{origin}: '{key}' moet {expected} zijn, niet {value}",
        "setting_kind_int": "een geheel getal",
        "setting_kind_float": "een getal",
        "setting_kind_str": "tekst tussen aanhalingstekens",
        "setting_range": "een getal van {low} tot en met {high}",
        "setting_seconds": "een aantal seconden van {low} tot en met {high}",
        "setting_retention": "tussen 0,70 en 0,99",
        "setting_one_of": "een van {choices}",
        "setting_theme": "een van de thema's uit het instellingenscherm (zoals textual-dark of "
        "textual-light)",
        "setting_name": "een naam zonder besturingstekens",
        "setting_date": "een datum als JJJJ-MM-DD",
        "setting_weekdays": "weekdagen zoals 'za, zo' ('{day}' is er geen)",
        "setting_six_days": "hoogstens zes weekdagen",
        "setting_default_used": "{problem}; tot je dat verbetert, geldt '{default}'",
        "settings_unreadable": "{path}: de instellingen zijn niet te lezen: {error}",
        "settings_not_toml": "{path}: geen geldig instellingenbestand: {error}",
        "settings_unknown": "{path}: onbekende instelling '{key}'; bekende instellingen: {known}",
        "settings_not_updated": "{path}: de instellingen konden niet worden bijgewerkt: {error}",
        "deck_does_not_load": "deck '{name}' laadt niet: {problem}",
        "no_such_deck": "er is geen deck '{name}' (bekende decks: {known})",
        "no_such_tag": "geen enkele kaart heeft het label '{tag}' (bekende labels: {known})",
        "no_such_state": "er is geen toestand '{state}' (bekende toestanden: {known})",
        "no_such_kind": "er is geen soort '{kind}' (bekende soorten: {known})",
        "none": "geen",
        "exam_date_not_a_date": "--exam-date: '{text}' is geen datum als JJJJ-MM-DD",
        "exam_date_not_after_today": "--exam-date: {text} ligt niet na vandaag ({today})",
        "no_exam_date": "geen examendatum: geef --exam-date JJJJ-MM-DD of zet 'exam_date' in de "
        "instellingen",
        "exam_not_after_today": "examendatum {day} ligt niet na vandaag",
        "db_unreadable": "{path}: de database is niet te lezen: {error}",
        "db_empty": "{path}: het databasebestand is leeg (0 bytes) en dus beschadigd; zet een "
        "reservekopie terug (crmcards restore BESTAND), of verwijder het bestand om zonder "
        "geschiedenis te beginnen",
        "db_not_sqlite": "{path}: dit bestand is geen crmcards-database (geen SQLite); zet het "
        "opzij of zet een reservekopie terug",
        "db_foreign": "{path}: dit is de SQLite-database van een ander programma, geen "
        "crmcards-database (met de tabellen {tables}); er is niets aan veranderd",
        "db_no_folder": "{path}: de gegevensmap kan niet worden gemaakt: {error}",
        "db_damaged": "{path}: de database is beschadigd ({verdict}), dus er is geen kopie gemaakt",
        "db_damaged_backups_kept": "{path}: de database is beschadigd ({verdict}), dus er is "
        "geen kopie gemaakt; je reservekopieën zijn bewaard. Zet de nieuwste terug met: "
        "crmcards restore {newest}",
        "db_damaged_restore": "{path}: de database is beschadigd ({verdict}), dus er is geen "
        "kopie gemaakt; zet een reservekopie terug met: crmcards restore BESTAND",
        "db_bad_version": "{path}: de database is beschadigd: de schemaversie is {value}, geen "
        "getal; zet een reservekopie terug (crmcards restore BESTAND)",
        "db_newer": "{path}: de database is geschreven door een nieuwere crmcards (schema "
        "{version}, deze versie kent tot en met {known}); werk crmcards bij. Er is niets aan de "
        "database veranderd.",
        "db_open_elsewhere": "{path}: de database is open in een andere crmcards (een "
        "herhaling of de app); sluit die eerst. Er is niets veranderd.",
        "db_restore_running": "{path}: in een andere crmcards wordt de database teruggezet en "
        "dat is nog niet klaar; probeer het zo nog eens",
        "db_describe_damaged": "de database is beschadigd ({error}); zet een reservekopie terug",
        "db_read_only": "de database is alleen-lezen; controleer de rechten van de map",
        "db_cannot_open": "het databasebestand gaat niet open; controleer of de map bestaat en "
        "schrijfbaar is",
        "disk_full": "de schijf is vol; maak ruimte vrij en probeer het opnieuw",
        "disk_io_error": "het databasebestand is niet te lezen of te schrijven (een schijffout: "
        "is de schijf vol, of staat de map op een schijf die weg is?)",
        "db_busy": "de database is bezig in een ander programma; probeer het opnieuw",
        "db_lock_unusable": "{path}: het slotbestand is niet te gebruiken: {error}",
        "backup_of_shared": "van een gedeelde database maakt de server de reservekopieën",
        "backup_copy_failed": "{path}: de kopie kan niet worden geschreven: {error}",
        "backup_cannot_write_here": "{path}: hier kan geen reservekopie worden geschreven: {error}",
        "backup_cannot_write": "{path}: de reservekopie kan niet worden geschreven: {error}",
        "backup_finishing": "crmcards: de reservekopie van vandaag wordt afgemaakt…",
        "restore_not_sqlite": "{path}: geen crmcards-database (geen SQLite); er is niets veranderd",
        "restore_unusable": "{path}: geen bruikbare crmcards-database ({error}); er is niets "
        "veranderd",
        "restore_damaged": "{path}: het bestand is beschadigd ({verdict}); er is niets veranderd",
        "restore_other_version": "{path}: geen database van deze crmcards-versie; er is niets "
        "veranderd",
        "restore_failed": "{path}: terugzetten lukt hier niet: {error}",
        "restore_unfinished": "{path}: een restore is niet afgemaakt (onderbroken); je database "
        "is niet veranderd. Doe de restore opnieuw als je die nog wilt.",
        "restore_missing_database": "{path}: de database ontbreekt, maar een eerdere restore "
        "heeft haar bewaard als {aside}; zet haar terug met: crmcards restore {aside}",
        "import_unknown_format": "onbekend formaat '{name}'; kies een van: {known}",
        "import_cannot_tell": "niet te zien in welk formaat dit bestand is; geef het aan met "
        "--from ({known})",
        "import_unreadable": "{path}: het bestand is niet te lezen: {error}",
        "import_folder": "{path}: is een map; geef het bestand dat je wilt importeren",
        "import_out_not_yaml": "{path}: een deckbestand eindigt op .yaml; noem de uitvoer "
        "DECK.yaml",
        "import_history_needs_anki": "--with-history vraagt een Anki-pakket (.apkg of .colpkg)",
        "import_sep_not_for": "--sep geldt voor quizlet- en csv-bestanden, niet voor {format}",
        "import_row_sep_not_for": "--row-sep geldt voor quizlet-exports, niet voor {format}",
        "import_binary": "binaire gegevens (een NUL-byte), geen tekstbestand",
        "import_empty": "het bestand is leeg",
        "import_no_cards": "{path}: geen kaarten gevonden (gelezen als {format})",
        "import_skipped": "{where}: overgeslagen, {reason}{text}",
        "import_note": "{where}: let op, {reason}{text}",
        "imported": "{path}: {n} kaarten ({detail}) uit {source} ({format})",
        "import_layout": "{path}: {n} regel(s) van de opmaak van de pagina zelf weggelaten (de "
        "titel, labels en knoppen): regels {lines}",
        "history_brought": "{path}: {added} beoordelingen van {items} items meegenomen ({known} "
        "waren er al, {left_out} handmatige of oefenregels weggelaten{unmatched})",
        "history_unmatched": ", {n} van kaarten die geen item werden",
        "exported_csv": "{path}: {n} kaarten uit {decks} deck(s)",
        "exported_apkg": "{path}: {n} notities in {decks} Anki-deck(s){reviews}",
        "exported_reviews": ", {n} beoordelingen",
        "note_dropped_controls": "{n} terminal-besturingsteken(s) weggelaten (ESC...)",
        "skip_no_note_type": "het notitietype ontbreekt in het pakket",
        "skip_unknown_header": "onbekende kopregel",
        "skip_outside_card": "tekst buiten een kaart",
        "skip_no_term": "geen begrip voor het scheidingsteken",
        "skip_no_separator": "geen scheidingsteken tussen begrip en definitie",
        "skip_entry_without_term": "lijstregel zonder begrip",
        "skip_no_definition": "begrip zonder definitie",
        "skip_chapter_heading": "hoofdstuktitel",
        "skip_no_answer_follows": "er volgt geen antwoord",
        "skip_cloze_unusable": "clozetekst niet bruikbaar: {problem}",
        "skip_no_question": "geen vraag",
        "skip_no_answer": "geen antwoord",
        "import_too_big": "het bestand is groter dan {limit} bytes, meer dan één deck kan "
        "bevatten (splits het in meerdere bestanden)",
        "csv_invalid": "geen geldige CSV ({error})",
        "csv_separator": "een CSV-scheidingsteken is één teken, niet {value}",
        "csv_no_text": "geen enkele rij bevat tekst",
        "csv_row_width": "deze rij heeft {n} kolommen maar de eerste rij {width}; elke rij "
        "heeft hetzelfde aantal nodig (ontbreekt er een aanhalingsteken of scheidingsteken, of "
        "staat er een te veel?)",
        "csv_columns": "{n} kolom(men) gevonden; verwacht: {expected}",
        "apkg_members": "het archief bevat {n} bestanden; hoogstens {limit}",
        "apkg_unpacked": "verdacht archief geweigerd: het zou uitpakken tot {n} bytes "
        "(hoogstens {limit})",
        "apkg_collection_size": "de collectie pakt uit tot {n} bytes; hoogstens {limit} bytes "
        "kunnen worden geïmporteerd",
        "apkg_ratio": "verdacht archief geweigerd: {packed} bytes die uitpakken tot {n} bytes "
        "(een zipbom?)",
        "apkg_over": "verdacht archief geweigerd: het pakt uit tot meer dan {limit} bytes",
        "apkg_size": "het bestand is {n} bytes; hoogstens {limit}",
        "apkg_not_zip": "geen Anki-pakket, of een beschadigd of afgebroken pakket (het is niet "
        "uit te pakken)",
        "apkg_cannot_unzip": "dit pakket is niet uit te pakken: {error}",
        "apkg_cannot_unpack": "het pakket kan niet worden uitgepakt: {error}",
        "apkg_not_sqlite": "de collectie in het pakket is geen SQLite-database",
        "apkg_damaged": "de collectie in het pakket is beschadigd ({error})",
        "import_no_collection": "geen Anki-pakket: er zit geen collectie in het zip-bestand",
        "import_deck_too_big": "{path}: het deck zou {size} bytes worden; een deck mag hoogstens "
        "{limit} bytes zijn (verdeel de invoer over meerdere bestanden)",
        "not_one_of": "{option}: '{value}' is geen van {known}",
        "goes_with": "{option} hoort bij {other}",
        "merge_or_class": "--merge leest rapportbestanden, --class de klasdatabase: kies er een",
        "format_needs_file": "--format {format} moet naar een bestand: voeg -o BESTAND toe",
        "files_need_merge": "rapportbestanden worden alleen met --merge gelezen",
        "items_or_students": "--items en --students: kies één soort rij",
        "merge_needs_reports": "--merge heeft de JSON-rapporten van de studenten nodig: report "
        "--merge A.json ...",
        "with_progress_needs_apkg": "--with-progress vraagt --format apkg (CSV heeft geen "
        "herhaalgeschiedenis)",
        "needs_terminal": "de studie-app heeft een terminal nodig (invoer of uitvoer is "
        "omgeleid); gebruik in scripts `crmcards status --json` of de Python-API",
        "join_missing": "{path}: dit deelnamebestand bestaat niet",
        "join_unreadable": "{path}: het deelnamebestand is niet te lezen ({error})",
        "join_not": "{path}: geen deelnamebestand: {error}",
        "join_key_missing": "{path}: geen deelnamebestand: '{key}' ontbreekt",
        "join_class_not_text": "{path}: geen deelnamebestand: 'class' moet tekst zijn",
        "out_is_folder": "{path}: is een map; geef een bestand om te schrijven",
        "out_exists": "{path}: bestaat al; geef --force om het te vervangen",
        "out_no_folder": "{path}: deze map bestaat niet; {what} kan niet worden geschreven",
        "out_cannot_write_here": "{path}: {what} kan hier niet worden geschreven: {error}",
        "out_cannot_write": "{path}: {what} kan niet worden geschreven: {error}",
        "backup_written": "reservekopie geschreven naar {path}",
        "restore_confirm": "Je studiegeschiedenis vervangen door {path}?",
        "restored": "{path} teruggezet",
        "restored_kept": "{path} teruggezet; de vorige database is bewaard als {aside}",
        "gc_none": "geen verweesde herhaalgeschiedenis",
        "gc_found": "{n} item(s) hebben een herhaalgeschiedenis maar geen kaart in een deck:",
        "gc_more": "  ... en nog {n}",
        "gc_decks_hint": "(Ontbreekt een deck alleen voor dit commando, geef dan de map met "
        "--decks.)",
        "gc_confirm": "Hun herhaalgeschiedenis voorgoed verwijderen?",
        "gc_deleted": "de geschiedenis van {n} item(s) verwijderd ({ratings} beoordeling(en))",
        "flags_none": "geen gemelde kaarten (druk in een herhaling op f om een kaart met een "
        "notitie te melden)",
        "flags_count": "{n} gemelde kaart(en)",
        "status_deck": "deck",
        "status_items": "items",
        "status_new": "nieuw",
        "status_due": "te\ndoen",  # two lines: the table fits 80 columns
        "status_overdue": "te\nlaat",
        "status_reviews": "herhaald",
        "status_mastered": "beheerst",
        "status_suspended": "pauze",  # opgeschort is too wide for 80 columns
        "status_total": "totaal",
        "status_orphaned": "{n} item(s) hebben een herhaalgeschiedenis maar hun kaart staat in "
        "geen enkel deck (verweesd). De geschiedenis blijft bewaard; `crmcards gc` verwijdert "
        "haar na een vraag.",
        "deck_the_file": "het deckbestand",
        "deck_top_level": "het deck (bovenste niveau)",
        "deck_card_number": "kaart {number}",
        "deck_card_named": "kaart '{id}'",
        "deck_card_id": "kaart-id",
        "deck_key_of": "{label} {key}",
        "deck_entry": "{what} element {n}",
        "deck_term": "{what} begrip",
        "deck_explanation": "{what} uitleg",
        "deck_part": "onderdeel '{key}'",
        "deck_part_heading": "kop van een onderdeel",
        "found_mapping": "een mapping",
        "found_list": "een lijst",
        "found_empty_list": "een lege lijst",
        "found_nothing": "niets",
        "found_empty_file": "een leeg bestand",
        "read_as_number": "een getal",
        "read_as_boolean": "true/false",
        "read_as_nothing": "niets (null)",
        "deck_not_text": "{what} moet tekst zijn, maar is {found}",
        "deck_empty": "{what} is leeg",
        "deck_read_as": "{what} moet tekst zijn, maar YAML leest {value} als {read_as}; zet het "
        'tussen aanhalingstekens ("{value}") om het als tekst te houden',
        "deck_not_boolean": "{what} moet true of false zijn, maar is {found}",
        "deck_not_list": "{what} moet een lijst zijn, maar is {found}",
        "deck_empty_list": "{what} is een lege lijst",
        "deck_not_mapping": "{what} moet bestaan uit regels 'sleutel: waarde', maar is {found}",
        "deck_unknown_key": "onbekende sleutel '{key}' in {where}{hint}",
        "did_you_mean": " (bedoel je '{choice}'?)",
        "deck_key_of_kind": " ('{key}' hoort bij {kind}-kaarten: voeg 'type: {kind}' toe)",
        "deck_bad_slug": "{what} '{value}' mag alleen kleine letters, cijfers en losse '-' "
        "bevatten (bijv. '{example}')",
        "deck_card_no_id": "kaart {number} heeft geen 'id' (een korte, unieke naam die nooit "
        "opnieuw wordt gebruikt)",
        "deck_unknown_type": "onbekend kaarttype '{value}'{hint}; kies een van: {kinds}",
        "deck_missing_key": "{label} ({kind}) mist '{key}'",
        "deck_missing_title": "'deck:' ontbreekt (de titel die studenten zien)",
        "deck_file_name_not_id": "de bestandsnaam '{stem}' is geen geldige deck-id; voeg 'id:' "
        "toe met kleine letters, cijfers en '-'",
        "deck_language": "de taal '{language}' wordt niet ondersteund; kies een van: {known}",
        "deck_missing_cards": "'cards:' ontbreekt (de lijst met kaarten)",
        "deck_cards_not_list": "'cards' moet een lijst met minstens één kaart zijn, maar is "
        "{found}",
        "deck_duplicate_card": "kaart-id '{id}' komt twee keer voor (eerst op regel {line})",
        "deck_list_pairs": "{what} heeft {n} paren 'begrip: uitleg'; schrijf er één per "
        "element, of zet tekst met ': ' erin tussen aanhalingstekens",
        "deck_row_cells": "rij {number} heeft {cells} cellen maar er zijn {n} kolommen "
        "({columns}); gebruik '—' voor een lege cel",
        "deck_two_columns": "{label} heeft minstens 2 kolommen nodig",
        "cloze_stray_close": "'}}}}' zonder '{{{{' ervoor bij '{near}'; {how}",
        "cloze_stray_open": "'{{{{' zonder '}}}}' erna bij '{near}'; {how}",
        "cloze_how": "schrijf gaten als {{{{antwoord}}}} of {{{{antwoord::hint}}}}",
        "cloze_empty_gap": "leeg gat '{gap}'",
        "cloze_no_gaps": "de clozetekst heeft geen gaten: zet wat onthouden moet worden tussen "
        "{{{{ en }}}}, zoals {{{{antwoord}}}}",
        "deck_too_big": "het bestand is {size} bytes; een deck mag hoogstens {limit} bytes zijn "
        "(verdeel het over meerdere decks)",
        "deck_not_utf8": "geen UTF-8-tekst (byte 0x{byte:02x}); sla het bestand op als UTF-8",
        "deck_tab": "een tab om in te springen; YAML vraagt spaties",
        "deck_control_character": "het besturingsteken U+{code:04X} mag niet in een deck; haal "
        "het weg",
        "yaml_syntax": "YAML-fout: {problem}{context}",
        "yaml_context": " ({context})",
        "yaml_context_at": " ({context}, begonnen op regel {line})",
        "yaml_invalid": "ongeldige YAML",
        "deck_key_not_text": "een sleutel moet gewone tekst zijn",
        "deck_duplicate_key": "de sleutel '{key}' komt twee keer voor (eerst op regel {line})",
        "deck_alias": "de alias '*{name}' mag niet in een deck; schrijf de tekst helemaal uit",
        "deck_anchor": "het anker '&{name}' mag niet in een deck",
        "deck_tag": "de tag '{tag}' mag niet in een deck; schrijf alleen gewone tekst, lijsten "
        "en mappings",
        "deck_documents": "één YAML-document per deckbestand (haal de tweede '---' weg)",
        "deck_too_deep": "meer dan {depth} niveaus diep genest",
        "slip_quote": "zet de tekst tussen aanhalingstekens: {fixed} (een ': ' in tekst zonder "
        "aanhalingstekens begint een nieuwe sleutel)",
        "slip_indent": "spring in zoals regel {like} erboven: {spaces} spaties (deze regel heeft "
        "er {found})",
        "slip_dash": "zet een spatie na '-': {fixed}",
        "deck_unreadable": "het bestand is niet te lezen: {reason}",
        "deck_problems": "{n} fout(en) in {files} deckbestand(en)",
        "deck_id_used": "de deck-id '{id}' wordt al gebruikt door {path}; geef een van beide een "
        "andere 'id:'",
        "deck_control_warning": "waarschuwing: deze tekst bevat een terminal-besturingsteken "
        "({code}, als escape geschreven); studenten zien het als een teken zoals ␛. Haal het weg",
        "deck_card_changed": "waarschuwing: kaart '{id}' verschilt sterk van de kaart die onder "
        "deze id is geleerd ({alike:.0%} gelijk); is het een nieuwe kaart, geef haar dan een "
        "nieuwe id, zodat ze die herhaalgeschiedenis niet erft",
        "lint_no_files": "geen deckbestanden (*.yaml) in {folders}",
        "lint_problems": "{n} fout(en) in {bad} van {files} deckbestand(en)",
        "lint_summary": "{decks} deck(s), {cards} kaarten, {items} herhaalitems: {verdict}",
        "lint_no_problems": "geen problemen",
        "lint_warnings": "geen fouten, {n} waarschuwing(en)",
        "lint_watching": "wacht op opgeslagen wijzigingen (Ctrl-C stopt)",
        "lint_saved": "--- {time} opgeslagen: {names} ---",
        "lint_stopped": "gestopt met wachten",
        "new_bad_name": "{path}: de bestandsnaam is de id van het deck en mag alleen kleine "
        "letters, cijfers en losse '-' bevatten (bijv. '{example}.yaml')",
        "new_empty_title": "--title: de titel is leeg",
        "new_written": "{path}: een nieuw deck met één kaart van elke soort (en {schema} voor "
        "editors)",
        "new_next": "controleer het met: crmcards lint {path}  ·  bekijk een kaart: crmcards "
        "preview {path}",
        "schema_written": "{path}: het JSON-schema van het deckformaat",
        "preview_no_card": "{path}: er is geen kaart '{card}'{hint}; de kaarten: {ids}",
        "file_the_file": "het bestand",
        "file_the_deck": "het deck",
        "file_the_schema": "het schema",
        "file_the_report": "het rapport",
        "file_the_backup": "de reservekopie",
        "file_the_settings": "de instellingen",
        "file_the_join_file": "het deelnamebestand",
        "class_ready": "de klas is klaar (id {id})",
        "class_join_written": "{name}: deelnamebestand geschreven naar {path}; geef het de "
        "student persoonlijk",
        "class_delete_reviews": "Ook de herhalingen van {name} uit de klas verwijderen? (Nee "
        "houdt ze in het klasoverzicht)",
        "class_removed": "{name} is uit de klas verwijderd ({what})",
        "class_reviews_deleted": "{n} herhaling(en) verwijderd",
        "class_reviews_kept": "herhalingen bewaard",
        "class_fitted": "klasparameters berekend op {n} herhalingen; studenten krijgen ze bij "
        "hun volgende sync",
        "class_too_few": "class optimize: {n} bruikbare herhalingen, er zijn er minstens {needed} "
        "nodig; er is niets veranderd",
        "report_unreadable": "{path}: het rapport is niet te lezen: {error}",
        "report_not_json": "{origin}: geen JSON ({error})",
        "report_not_a_report": '{origin}: geen crmcards-rapport (geen "format": "{format}")',
        "report_version": "{origin}: rapportschema versie {version}; deze crmcards leest versie "
        "{readable} (maak het rapport opnieuw met dezelfde crmcards-versie)",
        "report_invalid": "{origin}: geen geldig crmcards-rapport: {problem}",
        "report_same_student": "{other} en {origin} zijn rapporten van dezelfde student "
        "('{student}', gemaakt {earlier} en {later} UTC); voeg één rapport per student samen (het "
        "nieuwste), of laat bij twee studenten met dezelfde naam elk rapport een eigen naam "
        "dragen met --student",
        "report_unnamed": "zonder naam",
        "report_not_a_date": "{where}: geen datum: {value}",
        "report_no_zone": "{where}: een tijd zonder tijdzone: {value}",
        "report_expected": "{where}: verwacht {kind}, gevonden {value}",
        "report_expected_object": "{where}: verwacht een object",
        "report_expected_list": "{where}: verwacht een lijst",
        "report_missing": "{where}: '{name}' ontbreekt",
        "report_whole_keys": "{where}: de sleutels moeten gehele getallen zijn",
        "report_ratings": "{where}: de beoordelingen moeten elk van {ratings} tellen",
        "report_forecast_days": "{where}: de vooruitblik moet {n} dagen hebben",
        "report_hardest": "{where}: een van de moeilijkste items staat niet bij de items",
        "report_item_without_deck": "een item hoort bij geen enkel deck van het rapport",
        "report_exam_decks": "de examenvoorbereiding gaat niet over dezelfde decks",
        "report_statistics_decks": "de statistieken moeten eerst alle decks samen en dan elk deck "
        "op volgorde beslaan",
        "report_statistics_of": "statistieken van '{deck}'",
        "report_periods": "{where}: de perioden moeten {periods} zijn",
        "report_hours": "{where}: een periode moet 24 uur tellen",
        "now_invalid": "{variable}={value} is geen ISO 8601-tijdstip (bijvoorbeeld "
        "2026-12-10T09:00+01:00)",
    },
}


def say(key: str, language: str = "en", **fields: object) -> str:
    """The message `key` in `language` (English when there is no such language)."""
    return Said(key, fields).shown(language)


@dataclass(frozen=True)
class Said:
    """A message not yet put into words: its key and what fills it in (other messages too)."""

    key: str
    fields: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, key: str, /, **fields: object) -> Said:
        return cls(key, fields)

    def shown(self, language: str) -> str:
        table = MESSAGES.get(language, MESSAGES["en"])
        words = {
            name: value.shown(language) if isinstance(value, Said) else value
            for name, value in self.fields.items()
        }
        return table[self.key].format(**words)

    def __str__(self) -> str:
        return self.shown("en")
