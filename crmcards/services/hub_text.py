"""What went wrong with the class server, in one sentence in the student's language.

Messages name the server as host:port/database and never hold a password."""

from __future__ import annotations

from crmcards.errors import CrmcardsError

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "bad_url": "{where}: not a PostgreSQL URL (postgresql://user:password@host:port/database)",
        "unreachable": "{where}: cannot reach the class server (offline, or the server is down)",
        "refused": "{where}: the class server refused the login "
        "(wrong password, or the student was removed from the class)",
        "no_database": "{where}: the server has no such class database",
        "lost": "{where}: the connection to the class server was lost",
        "not_a_class": "{where}: this database holds no crmcards class "
        "(the teacher runs `crmcards class init` first)",
        "denied": "{where}: the class server does not allow this ({detail})",
        "newer": "{where}: the class was set up by a newer crmcards (class schema {detail}); "
        "upgrade crmcards",
        "old_class": "{where}: this class was set up by an older crmcards; the teacher runs "
        "`crmcards class init` again (it keeps every row) before the live class view",
        "other_class": "{where}: this is another class than the one this study history belongs "
        "to; nothing was changed",
        "student_exists": "{where}: there is already a student called '{detail}'",
        "no_student": "{where}: there is no student called '{detail}'",
        "server": "{where}: the class server answered with an error ({detail})",
        "not_joined": "this device has not joined a class; run `crmcards class join FILE` first",
        "joined": "joined the class as {student}",
        "synced": "sync: {sent} sent to the class, {received} received from your other devices",
        "queued": "{message}. Your ratings are kept here and go at the next sync.",
    },
    "nl": {
        "bad_url": "{where}: geen PostgreSQL-URL "
        "(postgresql://gebruiker:wachtwoord@host:poort/database)",
        "unreachable": "{where}: de klasserver is niet bereikbaar "
        "(offline, of de server staat uit)",
        "refused": "{where}: de klasserver weigert de aanmelding "
        "(verkeerd wachtwoord, of de student is uit de klas verwijderd)",
        "no_database": "{where}: deze klasdatabase bestaat niet op de server",
        "lost": "{where}: de verbinding met de klasserver viel weg",
        "not_a_class": "{where}: deze database bevat geen crmcards-klas "
        "(de docent draait eerst `crmcards class init`)",
        "denied": "{where}: de klasserver staat dit niet toe ({detail})",
        "newer": "{where}: de klas is opgezet met een nieuwere crmcards (klasschema {detail}); "
        "werk crmcards bij",
        "old_class": "{where}: deze klas is opgezet met een oudere crmcards; de docent draait "
        "`crmcards class init` nog eens (alles blijft bewaard) voor het live klasoverzicht",
        "other_class": "{where}: dit is een andere klas dan die waar deze studiegeschiedenis bij "
        "hoort; er is niets veranderd",
        "student_exists": "{where}: er is al een student '{detail}'",
        "no_student": "{where}: er is geen student '{detail}'",
        "server": "{where}: de klasserver gaf een fout ({detail})",
        "not_joined": "dit apparaat zit nog niet in een klas; "
        "gebruik eerst `crmcards class join BESTAND`",
        "joined": "je zit nu in de klas als {student}",
        "synced": "sync: {sent} naar de klas verstuurd, "
        "{received} van je andere apparaten ontvangen",
        "queued": "{message}. Je beoordelingen blijven hier bewaard "
        "en gaan mee bij de volgende sync.",
    },
}


def hub_message(kind: str, language: str, **fields: object) -> str:
    table = MESSAGES.get(language, MESSAGES["en"])
    return table.get(kind, table["server"]).format(**fields)


def hub_failure(error: Exception, language: str, *, queued: bool = False) -> CrmcardsError:
    """A HubError as one clear line; `queued` adds that the ratings wait for the next sync."""
    kind = getattr(error, "kind", "server")
    where, detail = getattr(error, "where", ""), getattr(error, "detail", "")
    message = hub_message(kind, language, where=where, detail=detail or kind)
    if queued:
        message = MESSAGES.get(language, MESSAGES["en"])["queued"].format(message=message)
    return CrmcardsError(message)
