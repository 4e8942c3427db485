"""Every text the interface shows, in the UI languages (deck content is shown as written)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "nl": {
        "app_title": "crmcards",
        "home_subtitle": "Kies een deck en druk op enter",
        "all_due": "Alles wat klaarstaat",
        "key_space": "spatie",
        "key_escape": "esc",
        "scroll": "Scrollen",
        "same_as": "↺ net als {key}",
        "skipped_title": (
            "⚠ {n} deckbestand(en) overgeslagen: ze laden niet (`crmcards lint` toont alle fouten)"
        ),
        "col_deck": "Deck",
        "col_new": "Nieuw",
        "col_due": "Te herhalen",
        "col_total": "Totaal",
        "reveal": "Antwoord tonen",
        "rate": "Beoordelen",
        "undo": "Ongedaan maken",
        "quit": "Stoppen",
        "help": "Toetsen",
        "start": "Start",
        "how_well": "Hoe goed wist je dit?",
        "press_space": "Denk na en druk op spatie of enter om het antwoord te zien.",
        "progress": "{done} gedaan · {left} te gaan",
        "why_empty": "Er is nu niets te doen in deze selectie:",
        "why_more": "Wat er vandaag nog wacht:",
        "why_new_limit": (
            "{n} nieuwe kaarten wachten: je daglimiet van {limit} nieuwe kaarten is bereikt. "
            "Druk op + voor {extra} extra vandaag."
        ),
        "why_new_plan": (
            "{n} nieuwe kaarten wachten: je examenplan gaf vandaag {limit} nieuwe kaarten; "
            "de rest komt op de volgende dagen. Druk op + voor {extra} extra vandaag."
        ),
        "why_review_limit": (
            "{n} herhalingen wachten: je daglimiet van {limit} herhalingen is bereikt; "
            "ze komen morgen."
        ),
        "why_siblings": (
            "{n} kaarten horen bij een kaart die je vandaag al had; ze komen morgen "
            "(zo verklapt de ene kaart de andere niet)."
        ),
        "more_new": "Meer nieuwe",
        "summary_title": "Sessie klaar",
        "summary_reviewed": "Kaarten beoordeeld: {n}",
        "summary_time": "Tijd: {time}",
        "summary_ratings": "Beoordelingen",
        "summary_next": "Volgende kaart: {when}",
        "summary_learning": "Nog in leerfase: {n} (komen straks terug)",
        "summary_none_next": "Geen geplande kaarten.",
        "summary_continue": "Druk op enter om verder te gaan, q om te stoppen, c om te oefenen.",
        "undone": "Laatste beoordeling ongedaan gemaakt.",
        "nothing_to_undo": "Niets om ongedaan te maken.",
        "undo_refused": (
            "Deze kaart is intussen in een ander venster opnieuw beoordeeld; "
            "je beoordeling blijft staan."
        ),
        "rating_conflict": (
            "Deze kaart wordt tegelijk in een ander venster beoordeeld; beoordeel haar nog eens."
        ),
        "database_busy": (
            "De database is bezig in een ander programma; opnieuw proberen… "
            "(toetsen wachten tot het is opgeslagen)"
        ),
        "database_stayed_busy": (
            "De database bleef bezig in een ander programma; er is niets opgeslagen. "
            "Probeer het nog eens."
        ),
        "help_title": "Toetsen",
        # one key per line, its keys and what they do apart by a tab (the help lines them up)
        "help_text": (
            "spatie / enter\tantwoord tonen\n"
            "1 – 5\tbeoordelen: hoe goed wist je dit? (1 en 2 leren de kaart allebei opnieuw; "
            "je 2 wordt apart bewaard)\n"
            "u\tlaatste beoordeling ongedaan maken\n"
            "f\tkaart melden bij de auteur (met een korte notitie)\n"
            "q / esc\tsessie beëindigen (met overzicht)\n"
            "+\top het overzicht: meer nieuwe kaarten vandaag, boven je daglimiet\n"
            "?\tdeze hulp\n"
            "↑ ↓ PgUp PgDn\teen lange kaart scrollen\n"
            "\n"
            "Met --type: typ het antwoord en druk op enter (esc stopt).\n"
            "\n"
            "Op het beginscherm: ↑ ↓ kiezen, enter starten, c oefenen zonder planning, "
            "b kaarten zoeken, s instellingen, t statistieken, q afsluiten; op de examendag "
            "l een laatste blik op de zwakste kaarten."
        ),
        "help_keys": "esc sluiten",
        "close": "Sluiten",
        "now": "nu",
        "extra": "Toelichting",
        "sources": "Bronnen",
        "settings": "Instellingen",
        "stats": "Statistieken",
        "stats_deck": "Deck",
        "stats_period": "Periode",
        "stats_all_decks": "Alle decks",
        "cram": "Oefenen",
        "cram_badge": "oefenen: planning blijft ongewijzigd",
        "leech_badge": "lastige kaart",
        "type_placeholder": "Typ je antwoord en druk op enter",
        "typed_correct": "Goed!",
        "typed_wrong": "Niet helemaal. Jouw antwoord tegenover het juiste:",
        "summary_leeches": "Lastige kaarten (vaak vergeten; herschrijf of leer ze anders):",
        "summary_cram": "Oefensessie: je planning is niet veranderd.",
        "col_mastered": "Beheerst",
        "continue": "Verder",
        "save": "Opslaan",
        "optimize": "Geheugen passen",
        "cancel": "Annuleren",
        "saved": "Instellingen opgeslagen.",
        "set_new_per_day": "Nieuwe kaarten per dag",
        "set_reviews_per_day": "Herhalingen per dag",
        "set_desired_retention": "Gewenste kennis (0,70 – 0,99)",
        "set_leech_lapses": "Lastige kaart na zoveel keer vergeten",
        "set_language": "Taal van de app",
        "set_theme": "Thema",
        "set_student": "Je naam (voor rapporten)",
        "set_exam_date": "Examendatum (JJJJ-MM-DD)",
        "set_answer_seconds_cap": "Studietijd per antwoord telt tot (seconden)",
        "flag": "Melden",
        "question": "Vraag",
        "answer": "Na het omdraaien",
        "flag_title": "Deze kaart melden bij de auteur: wat klopt er niet?",
        "flag_placeholder": "Korte notitie, bijv. antwoord klopt niet",
        "flag_keys": "enter opslaan · esc annuleren",
        "flag_saved": "Kaart gemeld, dank je! (crmcards flags toont je meldingen)",
        "set_off_days": "Vrije dagen voor het examenplan (bijv. za, zo)",
        "summary_stopped": "Sessie gestopt",
        "summary_left": "Je bent eerder gestopt: vandaag staan er nog {n} kaarten voor je klaar.",
        "summary_left_cram": "Je bent eerder gestopt: nog {n} kaarten te gaan.",
        "cue_term": "Welk begrip hoort hierbij?",
        "decimal_point": ",",
        "Dismiss menu": "Menu sluiten",  # Textual's Select, by its own English description
        "not_whole_number": "{label}: '{typed}' is geen geheel getal",
        "not_a_number": "{label}: '{typed}' is geen getal (bijv. 0,85)",
        "browse": "Zoeken",
        "browse_placeholder": "Zoek op woorden, deck:… tag:… soort:… staat:…",
        "browse_loading": "Kaarten laden…",
        "browse_count": "{n} van {total} kaarten",
        "browse_states": "staat: nieuw klaar lerend lastig beheerst gemeld opgeschort",
        "browse_unknown_state": "Onbekende staat '{word}'.",
        "browse_nothing": "Geen kaarten gevonden.",
        "col_question": "Vraag",
        "col_kind": "Soort",
        "col_state": "Staat",
        "col_next": "Volgende",
        "state_new": "nieuw",
        "state_1": "leren",
        "state_2": "herhalen",
        "state_3": "opnieuw",
        "state_suspended": "opgeschort",
        "card_info": "Kaartinfo",
        "study_found": "Deze leren",
        "back": "Terug",
        "suspend": "Opschorten",
        "unsuspend": "Terugnemen",
        "reset": "Naar nieuw",
        "info_state": "Staat: {state}",
        "info_next": "Volgende herhaling: {when}",
        "info_memory": "Stabiliteit {stability} · moeilijkheid {difficulty} / 10",
        "info_recall": "Kans dat je het nu weet: {recall}",
        "info_counts": "Herhalingen: {reps} · vergeten: {lapses}",
        "info_mastered": "Beheerst.",
        "info_leech": "Lastige kaart: vaak vergeten.",
        "info_suspended": (
            "Opgeschort: in geen sessie, oefening of planning tot je de kaart terugneemt."
        ),
        "info_chart": "Voorspelde kennis door de tijd",
        "info_history": "Geschiedenis",
        "info_never": "Nog nooit geleerd.",
        "info_reset_line": "teruggezet naar nieuw (geschiedenis bewaard)",
        "col_date": "Datum",
        "col_rating": "Beoordeling",
        "col_interval": "Interval",
        "reset_question": (
            "Deze kaart terugzetten naar nieuw? Ze begint opnieuw; je geschiedenis blijft bewaard."
        ),
        "reset_keys": "j ja · n of esc nee",
        "reset_done": "Kaart teruggezet naar nieuw.",
        "suspended_now": "Kaart opgeschort.",
        "unsuspended_now": "Kaart teruggenomen.",
        "nothing_found": "Geen kaarten gevonden om te leren.",
    },
    "en": {
        "app_title": "crmcards",
        "home_subtitle": "Choose a deck and press enter",
        "all_due": "Everything due",
        "key_space": "space",
        "key_escape": "esc",
        "scroll": "Scroll",
        "same_as": "↺ like {key}",
        "skipped_title": "⚠ {n} deck file(s) skipped: they do not load (`crmcards lint` shows all)",
        "col_deck": "Deck",
        "col_new": "New",
        "col_due": "Due",
        "col_total": "Total",
        "reveal": "Show answer",
        "rate": "Rate",
        "undo": "Undo",
        "quit": "Stop",
        "help": "Keys",
        "start": "Start",
        "how_well": "How well did you know this?",
        "press_space": "Think, then press space or enter to see the answer.",
        "progress": "{done} done · {left} to go",
        "why_empty": "There is nothing to do in this selection now:",
        "why_more": "What is still waiting today:",
        "why_new_limit": (
            "{n} new cards are waiting: your daily limit of {limit} new cards is reached. "
            "Press + for {extra} more today."
        ),
        "why_new_plan": (
            "{n} new cards are waiting: your exam plan gave {limit} new cards today; the rest "
            "come on the next days. Press + for {extra} more today."
        ),
        "why_review_limit": (
            "{n} reviews are waiting: your daily limit of {limit} reviews is reached; "
            "they come tomorrow."
        ),
        "why_siblings": (
            "{n} cards belong to a card you already had today; they come tomorrow "
            "(so one card does not give the other away)."
        ),
        "more_new": "More new",
        "summary_title": "Session finished",
        "summary_reviewed": "Cards rated: {n}",
        "summary_time": "Time: {time}",
        "summary_ratings": "Ratings",
        "summary_next": "Next card: {when}",
        "summary_learning": "Still in learning: {n} (they come back soon)",
        "summary_none_next": "No cards scheduled.",
        "summary_continue": "Press enter to continue, q to quit, c to cram.",
        "undone": "Last rating undone.",
        "nothing_to_undo": "Nothing to undo.",
        "undo_refused": "This card was rated again in another window since; your rating stays.",
        "rating_conflict": "This card is being rated in another window too; please rate it again.",
        "database_busy": (
            "The database is busy in another program; retrying… (keys wait until it is saved)"
        ),
        "database_stayed_busy": (
            "The database stayed busy in another program; nothing was saved. Please try again."
        ),
        "help_title": "Keys",
        "help_text": (
            "space / enter\tshow the answer\n"
            "1 – 5\trate: how well did you know this? (1 and 2 both relearn the card; your 2 "
            "is kept as a 2)\n"
            "u\tundo the last rating\n"
            "f\tflag the card for its author (with a short note)\n"
            "q / esc\tend the session (with a summary)\n"
            "+\ton the summary: more new cards today, above your daily limit\n"
            "?\tthis help\n"
            "↑ ↓ PgUp PgDn\tscroll a long card\n"
            "\n"
            "With --type: type the answer and press enter (esc stops).\n"
            "\n"
            "On the home screen: ↑ ↓ choose, enter start, c cram without scheduling, "
            "b find cards, s settings, t statistics, q quit; on exam day l for a last look at "
            "the weakest cards."
        ),
        "help_keys": "esc close",
        "close": "Close",
        "now": "now",
        "extra": "Explanation",
        "sources": "Sources",
        "settings": "Settings",
        "stats": "Statistics",
        "stats_deck": "Deck",
        "stats_period": "Period",
        "stats_all_decks": "All decks",
        "cram": "Cram",
        "cram_badge": "cram: schedule unchanged",
        "leech_badge": "difficult card",
        "type_placeholder": "Type your answer and press enter",
        "typed_correct": "Correct!",
        "typed_wrong": "Not quite. Your answer against the right one:",
        "summary_leeches": "Difficult cards (often forgotten; rewrite or study them differently):",
        "summary_cram": "Cram session: your schedule did not change.",
        "col_mastered": "Mastered",
        "continue": "Continue",
        "save": "Save",
        "optimize": "Fit memory",
        "cancel": "Cancel",
        "saved": "Settings saved.",
        "set_new_per_day": "New cards per day",
        "set_reviews_per_day": "Reviews per day",
        "set_desired_retention": "Desired retention (0.70 – 0.99)",
        "set_leech_lapses": "Difficult card after this many lapses",
        "set_language": "App language",
        "set_theme": "Theme",
        "set_student": "Your name (for reports)",
        "set_exam_date": "Exam date (YYYY-MM-DD)",
        "set_answer_seconds_cap": "Study time counted per answer, at most (seconds)",
        "flag": "Flag",
        "question": "Question",
        "answer": "After the reveal",
        "flag_title": "Flag this card for its author: what is wrong?",
        "flag_placeholder": "A short note, e.g. the answer is wrong",
        "flag_keys": "enter save · esc cancel",
        "flag_saved": "Card flagged, thank you! (crmcards flags lists your flags)",
        "set_off_days": "Days off in the exam plan (e.g. sat, sun)",
        "summary_stopped": "Session stopped",
        "summary_left": "You stopped early: {n} cards are still ready for you today.",
        "summary_left_cram": "You stopped early: {n} cards still to go.",
        "cue_term": "Which term is described here?",
        "decimal_point": ".",
        "not_whole_number": "{label}: '{typed}' is not a whole number",
        "not_a_number": "{label}: '{typed}' is not a number (e.g. 0.85)",
        "browse": "Find",
        "browse_placeholder": "Search words, deck:… tag:… kind:… state:…",
        "browse_loading": "Loading cards…",
        "browse_count": "{n} of {total} cards",
        "browse_states": "state: new due learning leech mastered flagged suspended",
        "browse_unknown_state": "Unknown state '{word}'.",
        "browse_nothing": "No cards found.",
        "col_question": "Question",
        "col_kind": "Kind",
        "col_state": "State",
        "col_next": "Next",
        "state_new": "new",
        "state_1": "learning",
        "state_2": "review",
        "state_3": "relearning",
        "state_suspended": "suspended",
        "card_info": "Card info",
        "study_found": "Study these",
        "back": "Back",
        "suspend": "Suspend",
        "unsuspend": "Unsuspend",
        "reset": "Reset to new",
        "info_state": "State: {state}",
        "info_next": "Next review: {when}",
        "info_memory": "Stability {stability} · difficulty {difficulty} / 10",
        "info_recall": "Chance you know it now: {recall}",
        "info_counts": "Reviews: {reps} · lapses: {lapses}",
        "info_mastered": "Mastered.",
        "info_leech": "Difficult card: often forgotten.",
        "info_suspended": "Suspended: in no session, cram or plan until you unsuspend it.",
        "info_chart": "Predicted recall over time",
        "info_history": "History",
        "info_never": "Never studied yet.",
        "info_reset_line": "reset to new (history kept)",
        "col_date": "Date",
        "col_rating": "Rating",
        "col_interval": "Interval",
        "reset_question": "Reset this card to new? It starts again; your history is kept.",
        "reset_keys": "y yes · n or esc no",
        "reset_done": "Card reset to new.",
        "suspended_now": "Card suspended.",
        "unsuspended_now": "Card unsuspended.",
        "nothing_found": "No cards found to study.",
    },
}
