"""Every text the interface shows, in the UI languages (deck content is shown as written)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "nl": {
        "app_title": "crmcards",
        "home_subtitle": "Kies een deck en druk op enter",
        "all_due": "Alles wat klaarstaat",
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
        "nothing_due": "Niets te doen: alle kaarten van deze selectie zijn voor vandaag klaar.",
        "summary_title": "Sessie klaar",
        "summary_reviewed": "Kaarten beoordeeld: {n}",
        "summary_time": "Tijd: {time}",
        "summary_ratings": "Beoordelingen",
        "summary_next": "Volgende kaart: {when}",
        "summary_learning": "Nog in leerfase: {n} (komen straks terug)",
        "summary_none_next": "Geen geplande kaarten.",
        "summary_continue": "Druk op enter om verder te gaan, q om te stoppen.",
        "undone": "Laatste beoordeling ongedaan gemaakt.",
        "nothing_to_undo": "Niets om ongedaan te maken.",
        "help_title": "Toetsen",
        "help_text": (
            "spatie / enter   antwoord tonen\n"
            "1 – 5            beoordelen: hoe goed wist je dit?\n"
            "u                laatste beoordeling ongedaan maken\n"
            "q / escape       sessie beëindigen (met overzicht)\n"
            "?                deze hulp\n\n"
            "Op het beginscherm: ↑ ↓ kiezen, enter starten, q afsluiten."
        ),
        "close": "Sluiten",
        "now": "nu",
        "extra": "Toelichting",
    },
    "en": {
        "app_title": "crmcards",
        "home_subtitle": "Choose a deck and press enter",
        "all_due": "Everything due",
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
        "nothing_due": "Nothing to do: every card in this selection is done for today.",
        "summary_title": "Session finished",
        "summary_reviewed": "Cards rated: {n}",
        "summary_time": "Time: {time}",
        "summary_ratings": "Ratings",
        "summary_next": "Next card: {when}",
        "summary_learning": "Still in learning: {n} (they come back soon)",
        "summary_none_next": "No cards scheduled.",
        "summary_continue": "Press enter to continue, q to quit.",
        "undone": "Last rating undone.",
        "nothing_to_undo": "Nothing to undo.",
        "help_title": "Keys",
        "help_text": (
            "space / enter    show the answer\n"
            "1 – 5            rate: how well did you know this?\n"
            "u                undo the last rating\n"
            "q / escape       end the session (with a summary)\n"
            "?                this help\n\n"
            "On the home screen: ↑ ↓ choose, enter start, q quit."
        ),
        "close": "Close",
        "now": "now",
        "extra": "Explanation",
    },
}
