"""Every text the progress reports and the statistics screen show, in the UI languages.

Each label is written once, in every language side by side (in the order of
settings.LANGUAGES), so none can be missing in one language. Labels with `{...}` are templates
for str.format; a noun (for `tables.plural`) is written `one|many`; dates are format templates.
Deck text is shown as written, and the JSON report is data: its keys are never translated.
"""

from __future__ import annotations

from crmcards.services.settings import LANGUAGES, Settings

DEFAULT_LANGUAGE = Settings().language

_TEXTS: dict[str, tuple[str, str]] = {
    # Nouns, dates, numbers
    "day": ("dag|dagen", "day|days"),
    "week": ("week|weken", "week|weeks"),
    "study_day": ("studiedag|studiedagen", "study day|study days"),
    "student": ("student|studenten", "student|students"),
    "review": ("herhaling|herhalingen", "review|reviews"),
    "card": ("kaart|kaarten", "item|items"),
    "date": ("{:%d-%m-%Y}", "{:%Y-%m-%d}"),
    "day_month": ("{:%d-%m}", "{:%d/%m}"),
    "moment": ("{:%d-%m-%Y %H:%M}", "{:%Y-%m-%d %H:%M}"),
    "decimal_point": (",", "."),
    "hours": ("{hours} u {minutes:02} min", "{hours} h {minutes:02} min"),
    "weekdays": ("ma di wo do vr za zo", "Mon Tue Wed Thu Fri Sat Sun"),
    "months": (
        "jan feb mrt apr mei jun jul aug sep okt nov dec",
        "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    ),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    # Column headings
    "deck": ("Deck", "Deck"),
    "total": ("Totaal", "Total"),
    "item": ("Kaart", "Item"),
    "items": ("Kaarten", "Items"),
    "new": ("Nieuw", "New"),
    "learning": ("In leerfase", "Learning"),
    "in_review": ("Herhaling", "Review"),
    "mastered": ("Beheerst", "Mastered"),
    "recall": ("Verwachte kennis", "Recall"),
    "overdue": ("Achterstallig", "Overdue"),
    "reviews_7d": ("Herhalingen 7 d", "Reviews 7 d"),
    "reviews_30d": ("Herhalingen 30 d", "Reviews 30 d"),
    "time_7d": ("Studietijd 7 d", "Time 7 d"),
    "time_30d": ("Studietijd 30 d", "Time 30 d"),
    "reviews": ("Herhalingen", "Reviews"),
    "failures": ("Fouten", "Failures"),
    "recall_at_exam": (
        "Verwachte kennis bij het examen als je vandaag stopt",
        "Recall at the exam if you stop studying today",
    ),
    "not_reached": ("Nieuwe kaarten niet op tijd begonnen", "New items not started in time"),
    "reviews_needed": ("Herhalingen nodig", "Reviews needed"),
    "reviews_a_day": ("Herhalingen per dag", "Reviews a day"),
    "ready": ("Klaar", "Ready"),
    "student_column": ("Student", "Student"),
    "report_of": ("Rapport van", "Report of"),
    "streak": ("Reeks", "Streak"),
    "exam_column": (
        "Examen: verwachte kennis als ze nu stoppen, herhalingen per dag nodig",
        "Exam: recall if they stop now, reviews a day needed",
    ),
    "last_studied": ("Laatst gestudeerd", "Last studied"),
    "studied_ago": ("{date} ({ago})", "{date} ({ago})"),
    "days_ago": ("{days} geleden", "{days} ago"),
    "studied_today": ("vandaag", "today"),
    "never": ("nooit", "never"),
    "studied_by": ("Geleerd door", "Studied by"),
    "failure_rate": ("Foutpercentage", "Failure rate"),
    "difficulty": ("Moeilijkheid (1-10)", "Difficulty (1-10)"),
    "behind": ("Achterstand", "Behind"),
    "pace": ("Herhalingen per dag, laatste 7 dagen", "Reviews a day, last 7 days"),
    "exam_pace": ("Herhalingen per dag voor het examen", "Reviews a day for the exam"),
    "students": ("Studenten", "Students"),
    "mastered_every_item": ("Alle kaarten beheerst", "Mastered every item"),
    "concept": ("Begrip", "Concept"),
    "mastered_by": ("Beheerst door", "Mastered by"),
    "part_of": ("{part} van {whole}", "{part} of {whole}"),
    "exam_cell": ("{recall} op {date}, {per_day} per dag", "{recall} on {date}, {per_day} a day"),
    # Table titles, and what an empty table shows
    "decks": ("Decks", "Decks"),
    "exam_title": (
        "Examen {date}: nog {days}, doel {target}",
        "Exam readiness: {date}, {days} left, target {target}",
    ),
    "ratings_given": ("Gegeven beoordelingen", "Ratings given"),
    "due_title": (
        "Te herhalen in de komende dagen (vandaag inclusief achterstallige kaarten)",
        "Due in the next days (today includes overdue items)",
    ),
    "today": ("Vandaag", "Today"),
    "items_hardest_first": ("Per kaart, moeilijkste eerst", "Per item, hardest first"),
    "hardest": ("Moeilijkste kaarten", "Hardest items"),
    "hardest_in": ("Moeilijkste kaarten: {deck}", "Hardest items: {deck}"),
    "no_reviews": ("Nog geen herhalingen.", "No reviews yet."),
    "behind_title": ("Studenten met achterstand", "Students behind schedule"),
    "nobody_behind": (
        "Geen enkele student heeft een achterstand.",
        "No student is behind schedule.",
    ),
    "weakest": (
        "Moeilijkste begrippen voor de klas (hoogste moeilijkheid en foutpercentage bij de "
        "studenten die ze hebben geleerd)",
        "Concepts the class finds hardest (highest difficulty and failure rate among the "
        "students who studied them)",
    ),
    "nobody_studied": ("Nog niemand heeft gestudeerd.", "Nobody has studied yet."),
    "flagged_cards": (
        "Gemelde kaarten (toets f tijdens het leren)",
        "Flagged cards (key f in review)",
    ),
    "no_flags": ("Geen kaarten gemeld.", "No cards flagged."),
    "flags_not_live": (
        "Deze klas is gemaakt voor er meldingen waren: voer `crmcards class init` nog eens uit "
        "(er gaat niets verloren), dan komen de meldingen mee bij de volgende sync.",
        "This class was made before flags: run `crmcards class init` again (nothing is lost) "
        "and flags come along with the next sync.",
    ),
    "most_flagged": (
        "Meest gemelde kaarten, met de notities van de studenten",
        "Most-flagged cards, with the students' notes",
    ),
    "flag_note": ("Notitie", "Note"),
    "flag_notes": ("Notities (nieuwste eerst)", "Notes (newest first)"),
    "flagged_at": ("Gemeld op", "Flagged"),
    "flagged_by": ("Studenten", "Students"),
    "flag_count": ("Meldingen", "Flags"),
    "none": ("Geen.", "None."),
    "period": ("Periode", "Period"),
    "not_in_report": (
        "niet in dit rapport (gemaakt vóór de statistieken)",
        "not in this report (made before the statistics)",
    ),
    "student_statistics": (
        "Per student: studie en echte retentie (studiedagen, vandaag inclusief)",
        "Per student: study and true retention (study days, today included)",
    ),
    "class_days": (
        "Klas: herhalingen en studietijd per studiedag, per fase (laatste {days} dagen)",
        "Class: reviews and study time per study day, by stage (last {days} days)",
    ),
    "class_days_of": (
        "{title}, van {known} van de {students} studenten (de andere rapporten zijn van vóór "
        "de statistieken)",
        "{title}, of {known} of the {students} students (the other reports were made before "
        "the statistics)",
    ),
    "day_column": ("Dag", "Day"),
    "class_reviews_by_stage": (
        "Klas: herhalingen per dag, per fase (laatste {days} dagen)",
        "Class: reviews per day, by stage (last {days} days)",
    ),
    "class_time_by_stage": (
        "Klas: studietijd per dag in minuten, per fase (laatste {days} dagen)",
        "Class: study time per day in minutes, by stage (last {days} days)",
    ),
    # Titles and the facts under them
    "progress_report": ("Voortgangsrapport", "Progress report"),
    "class_progress": ("Voortgang van de klas", "Class progress"),
    "student_fact": ("Student: {name}", "Student: {name}"),
    "unnamed": ("zonder naam", "unnamed"),
    "study_day_fact": ("studiedag {date}", "study day {date}"),
    "made_fact": ("gemaakt {moment}", "made {moment}"),
    "streak_fact": ("reeks {days}", "streak {days}"),
    "mastered_fact": (
        "{mastered} van {items} kaarten beheerst",
        "{mastered} of {items} items mastered",
    ),
    "behind_fact": ("{count} met achterstand", "{count} behind schedule"),
    "recall_fact": ("verwachte kennis {recall}", "recall {recall}"),
    "week_fact": (
        "{reviews} en {time} in de laatste 7 dagen",
        "{reviews} and {time} in the last 7 days",
    ),
    "exam_sentence": (
        "Examen {date}, nog {days}. Je examenplan mikt op {target} verwachte kennis per kaart op "
        "de examenochtend. Als je vandaag stopt met studeren: verwachte kennis {recall} op de "
        "examendag; als je het plan volgt: {planned}. Het plan vraagt gemiddeld {per_day} "
        "kaarten per dag (drukste dag {busiest}), met tot {new} nieuwe kaarten per dag.",
        "Exam {date}, {days} left. Your exam plan aims at {target} predicted recall per item on "
        "exam morning. If you stop studying today: predicted recall {recall} on the exam day; if "
        "you follow the plan: {planned}. The plan takes {per_day} cards a day on average "
        "(busiest day {busiest}), with up to {new} new items a day.",
    ),
    "exam_line": (
        "Examen {date} (nog {days}): {recall} verwachte kennis als je vandaag stopt, {planned} "
        "als je het plan volgt (doel {target}); ~{per_day} kaarten per dag, tot {new} nieuwe "
        "per dag.",
        "Exam {date} ({days} left): {recall} predicted recall if you stop today, {planned} if "
        "you follow the plan (target {target}); ~{per_day} cards a day, up to {new} new a day.",
    ),
    "exam_pending": (
        "Examengereedheid: je examenplan wordt nog uitgerekend …",
        "Exam readiness: your exam plan is still being worked out …",
    ),
    "exam_line_unreachable": (
        "Niet haalbaar: sommige begrippen hebben meer kaarten dan er studiedagen over zijn.",
        "Not reachable: some concepts have more items than study days are left.",
    ),
    "exam_unreachable": (
        "{count} begin je niet meer vóór het examen: elk begrip krijgt één kaart per dag, en "
        "sommige hebben meer kaarten dan er studiedagen over zijn.",
        "{count} cannot be started before the exam: a concept gets one item a day, and some "
        "have more items than study days are left.",
    ),
    # Tiles of the HTML report
    "tile_items": ("kaarten", "items"),
    "tile_recall": ("verwachte kennis", "predicted recall"),
    "tile_reviews": ("herhalingen, laatste 7 dagen", "reviews, last 7 days"),
    "tile_time": ("studietijd, laatste 7 dagen", "study time, last 7 days"),
    "tile_streak": ("reeks studiedagen", "study streak"),
    "tile_exam_recall": ("verwachte kennis op {date}", "recall on {date}"),
    "tile_exam_pace": ("herhalingen per dag voor het examen", "reviews a day for the exam"),
    "tile_students": ("studenten", "students"),
    "tile_behind": ("met achterstand", "behind schedule"),
    # Charts: titles, legends, notes
    "part_mastered": ("beheerst", "mastered"),
    "part_studying": ("bezig", "studying"),
    "part_new": ("nieuw", "new"),
    "part_recall": ("gemiddelde verwachte kennis", "mean recall"),
    "deck_recall": ("verwachte kennis {recall}", "{recall} recall"),
    "class_deck_note": (
        "verwachte kennis {recall}; {mastered} van {students} beheersen alles",
        "{recall} recall; {mastered} of {students} mastered all",
    ),
    "reviews_per_day": ("Herhalingen per dag", "Reviews per day"),
    "heatmap_weeks": (
        "Herhalingen per dag, laatste {weeks}",
        "Reviews per day, last {weeks}",
    ),
    "heat_legend": ("Herhalingen per dag:", "Reviews a day:"),
    "heat_less_more": ("minder", "less"),
    # Statistics
    "period_today": ("Vandaag", "Today"),
    "period_7d": ("7 dagen", "7 days"),
    "period_30d": ("30 dagen", "30 days"),
    "period_all": ("Alles", "All"),
    "periods_title": (
        "Per periode (studiedagen, vandaag inclusief)",
        "By period (study days, today included)",
    ),
    "figure": ("Cijfer", "Figure"),
    "days_studied": ("Dagen gestudeerd", "Days studied"),
    "days_of": ("{studied} van {days}", "{studied} of {days}"),
    "stage_learning": ("leren", "learning"),
    "stage_review": ("herhalen", "review"),
    "stage_relearning": ("opnieuw leren", "relearning"),
    "of_which": ("  waarvan {stage}", "  of which {stage}"),
    "study_time": ("Studietijd", "Study time"),
    "time_per_review": ("Gemiddelde tijd per kaart", "Average time per item"),
    "retention_young": ("Echte retentie, jong (< 21 d)", "True retention, young (< 21 d)"),
    "retention_mature": ("Echte retentie, volwassen (≥ 21 d)", "True retention, mature (≥ 21 d)"),
    "retention_total": ("Echte retentie, totaal", "True retention, total"),
    "rate_of": ("{rate} ({part}/{whole})", "{rate} ({part}/{whole})"),
    "cards_title": ("Kaarten nu, per fase", "Items now, by stage"),
    "stage": ("Fase", "Stage"),
    "count": ("Aantal", "Count"),
    "share": ("Aandeel", "Share"),
    "cards_new": ("nieuw", "new"),
    "cards_learning": ("in leerfase", "learning"),
    "cards_relearning": ("opnieuw leren", "relearning"),
    "cards_young": ("jong (interval < 21 d)", "young (interval < 21 d)"),
    "cards_mature": ("volwassen (interval ≥ 21 d)", "mature (interval ≥ 21 d)"),
    "cards_suspended": ("opgeschort", "suspended"),
    "reviews_by_stage": (
        "Herhalingen per dag, per fase (laatste {days} dagen)",
        "Reviews per day, by stage (last {days} days)",
    ),
    "time_by_stage": (
        "Studietijd per dag in minuten, per fase (laatste {days} dagen)",
        "Study time per day in minutes, by stage (last {days} days)",
    ),
    "forecast_long": (
        "Te herhalen: achterstallig, de komende {days} dagen en later",
        "Due: overdue, the next {days} days, and later",
    ),
    "overdue_bar": ("achterst.", "overdue"),
    "later_bar": ("later", "later"),
    "due_part": ("te herhalen", "due"),
    "intervals_chart": (
        "Intervallen van kaarten in herhaling (dagen)",
        "Intervals of items in review (days)",
    ),
    "stability_chart": ("Stabiliteit (dagen)", "Stability (days)"),
    "difficulty_chart": (
        "Moeilijkheid (1 makkelijk – 10 moeilijk)",
        "Difficulty (1 easy – 10 hard)",
    ),
    "recall_chart": ("Verwachte kennis nu", "Predicted recall now"),
    "hours_chart": (
        "Geslaagd per uur van de dag ({period}; onder elk uur het aantal herhalingen)",
        "Success by hour of day ({period}; under each hour the number of reviews)",
    ),
    "success": ("geslaagd", "passed"),
    "cards_chart": ("Kaarten per fase", "Items by stage"),
    "due_days": ("Te herhalen in de komende {days} dagen", "Due in the next {days} days"),
    "due_chart": ("Te herhalen kaarten per dag", "Items due per day"),
    "ratings_chart": ("Hoe vaak elke beoordeling is gegeven", "How often each rating was given"),
    "mastery_per_deck": ("Beheersing per deck", "Mastery per deck"),
    "recall_per_deck": ("Verwachte kennis per deck", "Recall per deck"),
    "mean_recall_per_deck": ("Gemiddelde verwachte kennis per deck", "Mean recall per deck"),
}

LABELS: dict[str, dict[str, str]] = {
    language: {key: texts[n] for key, texts in _TEXTS.items()}
    for n, language in enumerate(LANGUAGES)
}
